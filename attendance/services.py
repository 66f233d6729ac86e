"""Writes of attendance: a report uploaded (kept for its preview), an import saved or
removed, the check-in at the door, and what they change on the registrations.

A registration's attendance follows from the data, recomputed by attendance_recompute
after every change (never kept up by hand):

- `attended_minutes`: the sum of its records over the event's imports — 0 for a
  registration not cancelled that no report names, once the event has an import; None
  while the event has none;
- `attended`: checked in at the door, or minutes at or above the series' threshold
  (Series.attendance_threshold_minutes); False below it; None while nothing is known.

Changing a series' threshold recomputes `attended` of all its events
(series_attendance_recompute, called by the settings' save): the figures read the field.

Lock order (README, "Locks"): the participants a write touches (FOR SHARE: their deletion
and a cancellation of their registration wait for it, or it for them), then the event
(FOR NO KEY UPDATE), then records and registrations are written. The check-in locks only
the registration's own row.
"""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Case, IntegerField, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from attendance.formats import ReportUnreadable, report_read
from attendance.models import AttendanceImport, AttendanceRecord, PendingAttendanceImport
from core.db import insert_unless_taken, retry_on_conflict, rows_lock_shared
from events.models import Event, Organisation, Series
from registrations.models import Consent, ConsentText, Participant, Registration
from registrations.services.base import event_lock, participant_lock

logger = logging.getLogger(__name__)
State = Registration.State

UPLOAD_MAX_BYTES = 10 * 1024 * 1024  # an export of 5,000 Teams rows is about 1 MB
OTHER_DAY = timedelta(hours=18)  # a report whose meeting began this far from the event: warned


class AttendanceRefused(Exception):
    """A change the rules refuse; `message` is translated, and nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class WalkIn:
    """A report's row of somebody who came without registering, to be registered."""

    email: str
    name: str
    minutes: int


@dataclass(frozen=True)
class ImportSaved:
    attendance_import: AttendanceImport
    recorded: int  # registrations given minutes by this import
    skipped: int  # registrations left out: cancelled or their data deleted since the preview
    added: list[int]  # the registrations of the walk-ins


def pending_import_create(*, event: Event, user, data: bytes, file_name: str,
                          now: datetime | None = None) -> PendingAttendanceImport:
    """Read an uploaded report and keep its rows for the preview.

    Steps:
    1. delete every pending import older than a day (pending_imports_expire);
    2. refuse (AttendanceRefused, nothing kept) an empty file, one above UPLOAD_MAX_BYTES,
       a file already imported for the event (by its SHA-256: "already imported on …"),
       one the reader cannot read (its message), a report without rows;
    3. keep the rows, the format, the meeting id and the reader's warnings for `user`,
       with a warning of ours when the report's meeting began on another day than the
       event (the report of another event?): then `other_day` is set, and saving asks the
       organiser to confirm (orga.forms.attendance.SaveForm).
    """
    now = now or timezone.now()
    pending_imports_expire(now=now)
    if not data:
        raise AttendanceRefused(_("The file is empty."))
    if len(data) > UPLOAD_MAX_BYTES:
        raise AttendanceRefused(_("The file is larger than %(size)s: an attendance report "
                                  "is much smaller. Is it the right file?")
                                % {"size": formats.number_format(UPLOAD_MAX_BYTES // 2**20)
                                   + " MB"})
    sha256 = hashlib.sha256(data).hexdigest()
    _refuse_imported(event=event, sha256=sha256)
    try:
        report = report_read(data, file_name=file_name)
    except ReportUnreadable as error:
        raise AttendanceRefused(str(error.message)) from None
    if not report.rows:
        raise AttendanceRefused(_("The report names nobody: there is nothing to import."))
    rows = [{"name": row.name, "email": row.email, "minutes": max(0, int(row.minutes)),
             "role": row.role, "joins": row.joins} for row in report.rows]
    warnings = [str(warning) for warning in report.warnings]
    started = _aware(report.started_at, event)
    other_day = started is not None and abs(started - event.start) > OTHER_DAY
    if other_day:
        zone = ZoneInfo(event.time_zone)
        warnings.append(_(
            "This report's meeting began on %(report)s, but the event began on %(event)s: is "
            "it the report of this event?") % {
            "report": formats.date_format(started.astimezone(zone)),
            "event": formats.date_format(event.start.astimezone(zone))})
    pending = PendingAttendanceImport.objects.create(
        event=event, uploaded_by=user, uploaded_at=now, sha256=sha256,
        file_name=file_name[:255], format=report.format, meeting_id=report.meeting_id[:100],
        rows=rows, warnings=warnings, other_day=other_day)
    logger.info("Attendance report uploaded for event %s: pending import %s, %d rows",
                event.pk, pending.pk, len(rows))
    return pending


def _aware(moment: datetime | None, event: Event) -> datetime | None:
    """A time of the report, in the event's zone when the report gave none."""
    if moment is None or timezone.is_aware(moment):
        return moment
    return moment.replace(tzinfo=ZoneInfo(event.time_zone))


def pending_imports_expire(*, now: datetime | None = None) -> int:
    """Delete the pending imports older than PendingAttendanceImport.PENDING_HOURS; how
    many."""
    now = now or timezone.now()
    limit = now - timedelta(hours=PendingAttendanceImport.PENDING_HOURS)
    deleted, _counts = PendingAttendanceImport.objects.filter(uploaded_at__lt=limit).delete()
    return deleted


@retry_on_conflict
@transaction.atomic
def attendance_import_save(*, event: Event, pending: PendingAttendanceImport,
                           minutes: dict[int, int], walk_ins: list[WalkIn],
                           consent: ConsentText | None, user,
                           now: datetime | None = None) -> ImportSaved:
    """Save a previewed report: `minutes` maps the registrations the organiser confirmed
    (matched by address, accepted suggestions, matched by hand) to their minutes in it;
    `walk_ins` are registered first (with `consent`, the series' current privacy notice,
    which the organiser confirmed they agreed to).

    Steps:
    1. lock the participants of those registrations FOR SHARE, and each walk-in's
       participant, found by address and locked, or created (refused if their data was
       deleted; their consent recorded) — 1st in the lock order;
    2. lock the event (3rd); refuse (AttendanceRefused, nothing changed) a pending import
       that is gone (saved already) and a file imported for the event already;
    3. keep the registrations that are still the event's, not cancelled, and whose
       participant's data was not deleted; the others are skipped and counted;
    4. each walk-in's registration: created confirmed (or a cancelled or pending one
       reopened as confirmed; a seat or waiting-list place kept as it is), no mail;
    5. the import and its records (one per registration, its minutes summed);
    6. recompute the event's attendance (attendance_recompute);
    7. delete the pending import; log (ids only).
    """
    now = now or timezone.now()
    _refuse_imported(event=event, sha256=pending.sha256)  # early: no lock needed to refuse
    participant_ids = Registration.objects.filter(pk__in=minutes).values_list(
        "participant_id", flat=True)
    rows_lock_shared(Participant, participant_ids)
    walk_in_participants = [(_walk_in_participant(walk_in=walk_in, event=event,
                                                  consent=consent, now=now), walk_in)
                            for walk_in in walk_ins]
    locked = event_lock(event_id=event.pk)
    if not PendingAttendanceImport.objects.filter(pk=pending.pk).exists():
        raise AttendanceRefused(_("This report has been saved or discarded already."))
    _refuse_imported(event=locked, sha256=pending.sha256)
    valid = set(Registration.objects.filter(
        pk__in=minutes, event=locked, participant__anonymised_at__isnull=True)
        .exclude(state=State.CANCELLED).values_list("pk", flat=True))
    totals = {pk: value for pk, value in minutes.items() if pk in valid}
    added = []
    for participant, walk_in in walk_in_participants:
        registration = _walk_in_register(participant=participant, event=locked, now=now)
        added.append(registration.pk)
        totals[registration.pk] = totals.get(registration.pk, 0) + walk_in.minutes
    source = AttendanceImport(event=locked, sha256=pending.sha256, file_name=pending.file_name,
                              format=pending.format, meeting_id=pending.meeting_id,
                              row_count=len(pending.rows), imported_by=user, imported_at=now)
    if not insert_unless_taken(source):
        raise AttendanceRefused(_("This file has been imported for this event already."))
    AttendanceRecord.objects.bulk_create(
        [AttendanceRecord(source=source, registration_id=pk, minutes=max(0, value))
         for pk, value in sorted(totals.items())], batch_size=1000)
    attendance_recompute(event=locked)
    PendingAttendanceImport.objects.filter(pk=pending.pk).delete()
    logger.info("Attendance import %s saved for event %s: %d registrations, %d skipped, "
                "%d added", source.pk, locked.pk, len(totals), len(minutes) - len(valid),
                len(added))
    return ImportSaved(attendance_import=source, recorded=len(totals),
                       skipped=len(minutes) - len(valid), added=added)


@retry_on_conflict
@transaction.atomic
def attendance_import_remove(*, attendance_import: AttendanceImport) -> int:
    """Take an import back: its minutes leave the registrations. Returns how many
    registrations it had given minutes.

    Steps: 1. lock the event; refuse (AttendanceRefused) an import gone already;
    2. delete it with its records; 3. recompute the event's attendance; 4. log.
    Registrations it created for walk-ins stay (they are registrations like any other).
    """
    locked = event_lock(event_id=attendance_import.event_id)
    records = AttendanceRecord.objects.filter(source_id=attendance_import.pk).count()
    deleted, _counts = AttendanceImport.objects.filter(pk=attendance_import.pk).delete()
    if not deleted:
        raise AttendanceRefused(_("This import has been removed already."))
    attendance_recompute(event=locked)
    logger.info("Attendance import %s removed from event %s", attendance_import.pk, locked.pk)
    return records


def attendance_recompute(*, event: Event) -> None:
    """Recompute `attended_minutes` and `attended` of every registration of `event` (its
    series read) from its records and check-in: two UPDATE statements. In the caller's
    transaction, under the event's lock."""
    total = Subquery(AttendanceRecord.objects.filter(registration=OuterRef("pk"))
                     .values("registration").annotate(total=Sum("minutes")).values("total"),
                     output_field=IntegerField())
    registrations = Registration.objects.filter(event_id=event.pk)
    if AttendanceImport.objects.filter(event_id=event.pk).exists():
        registrations.exclude(state=State.CANCELLED).update(attended_minutes=Coalesce(total, 0))
        registrations.filter(state=State.CANCELLED).update(attended_minutes=total)
    else:
        registrations.update(attended_minutes=None)
    registrations.update(attended=_attended(event.series.attendance_threshold_minutes))


def series_attendance_recompute(*, series: Series) -> int:
    """After the series' threshold changed: `attended` of every registration of its events
    that has minutes, from those minutes (check-ins stay attended). Returns how many rows
    were updated. One UPDATE, in the caller's transaction."""
    return (Registration.objects.filter(event__series_id=series.pk,
                                        attended_minutes__isnull=False)
            .update(attended=_attended(series.attendance_threshold_minutes)))


@retry_on_conflict
@transaction.atomic
def registration_check_in(*, event: Event, registration_id: int, checked_in: bool,
                          now: datetime | None = None) -> Registration:
    """Tick somebody off at the door of an on-site or hybrid event, or take the tick back
    (a door has its mistakes).

    Steps: 1. lock the registration's row; refuse (AttendanceRefused) one that is not the
    event's, is cancelled or pending, an anonymised participant's, or an online event;
    2. set or clear `checked_in_at` (a second tick keeps the first time); 3. `attended`
    recomputed from it and the minutes; 4. log.
    """
    now = now or timezone.now()
    if event.format == Event.Format.ONLINE:
        raise AttendanceRefused(_("This event is online: nobody is checked in at a door."))
    registration = (Registration.objects.select_for_update(no_key=True, of=("self",))
                    .filter(pk=registration_id, event_id=event.pk).first())
    if registration is None:
        raise AttendanceRefused(_("This person is not registered for this event."))
    if registration.state not in (State.CONFIRMED, State.WAITLISTED) or Participant.objects.filter(
            pk=registration.participant_id, anonymised_at__isnull=False).exists():
        raise AttendanceRefused(_("This registration is not confirmed: nobody can be checked "
                                  "in with it."))
    if checked_in and registration.checked_in_at is None:
        registration.checked_in_at = now
    elif not checked_in:
        registration.checked_in_at = None
    registration.save(update_fields=["checked_in_at"])
    Registration.objects.filter(pk=registration.pk).update(
        attended=_attended(event.series.attendance_threshold_minutes))
    registration.refresh_from_db(fields=["attended"])
    logger.info("Registration %s %s at event %s", registration.pk,
                "checked in" if registration.checked_in_at else "check-in taken back", event.pk)
    return registration


def _attended(threshold: int) -> Case:
    """A registration's `attended` from its own row: checked in, or its minutes at the
    threshold; unknown without either."""
    return Case(
        When(checked_in_at__isnull=False, then=Value(True)),
        When(attended_minutes__isnull=True, then=Value(None)),
        When(attended_minutes__gte=threshold, then=Value(True)),
        default=Value(False))


def _refuse_imported(*, event: Event, sha256: str) -> None:
    before = AttendanceImport.objects.filter(event_id=event.pk, sha256=sha256).first()
    if before is not None:
        raise AttendanceRefused(
            _("This file was already imported on %(date)s (%(file)s): nothing has changed.")
            % {"date": formats.date_format(timezone.localtime(before.imported_at),
                                           "SHORT_DATETIME_FORMAT"),
               "file": before.file_name or before.sha256[:12]})


def _walk_in_participant(*, walk_in: WalkIn, event: Event, consent: ConsentText | None,
                         now: datetime) -> Participant:
    """The walk-in's participant, found by address (case-insensitively) and locked, or
    created from the report's name and address; their consent recorded."""
    if consent is None or consent.series_id != event.series_id:
        raise AttendanceRefused(_("This series has no privacy notice yet: nobody can be "
                                  "added before it has one."))
    new = Participant(email=walk_in.email, name=walk_in.name[:200] or walk_in.email[:200],
                      organisation_name="", organisation_kind=Organisation.Kind.OTHER,
                      organisation_country="", country="",
                      language=event.series.default_language, listed_publicly=False,
                      link_key=secrets.token_hex(16), confirmed_at=now)
    if insert_unless_taken(new):
        participant = new
    else:
        found = Participant.objects.with_email(walk_in.email).values_list("pk", flat=True).first()
        if found is None:
            raise AttendanceRefused(_("Please try again in a moment."))
        participant = participant_lock(participant_id=found)
        if participant.is_anonymised:
            raise AttendanceRefused(
                _("%(email)s cannot be added: this participant's data has been deleted.")
                % {"email": walk_in.email})
        if participant.confirmed_at is None:
            participant.confirmed_at = now  # the organiser saw them there
            participant.save(update_fields=["confirmed_at"])
    insert_unless_taken(Consent(participant=participant, text=consent, given_at=now))
    return participant


def _walk_in_register(*, participant: Participant, event: Event, now: datetime) -> Registration:
    registration, created = Registration.objects.get_or_create(
        participant=participant, event=event,
        defaults={"state": State.CONFIRMED, "requested_at": now, "confirmed_at": now})
    if not created and registration.state in (State.CANCELLED, State.PENDING):
        registration.state, registration.confirmed_at = State.CONFIRMED, now
        registration.cancelled_at = None
        registration.save(update_fields=["state", "confirmed_at", "cancelled_at"])
    return registration


__all__ = [
    "UPLOAD_MAX_BYTES", "AttendanceRefused", "ImportSaved", "WalkIn",
    "attendance_import_remove", "attendance_import_save", "attendance_recompute",
    "pending_import_create", "pending_imports_expire", "registration_check_in",
    "series_attendance_recompute",
]
