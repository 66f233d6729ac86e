"""Writes of the workspace's attendance pages: saving or removing an imported report and
the check-in at the door, each through attendance.services and recorded in the audit log in
the same transaction (ids only: registrations, participants and imports by number)."""

from django.db import transaction

from attendance import services
from attendance.models import AttendanceImport, PendingAttendanceImport
from attendance.services import ImportSaved, WalkIn
from core.db import retry_on_conflict
from events.models import Event
from orga.services.audit import audit_record
from registrations.models import ConsentText, Registration


@retry_on_conflict
@transaction.atomic
def attendance_import_save(*, actor, event: Event, pending: PendingAttendanceImport,
                           minutes: dict[int, int], walk_ins: list[WalkIn],
                           consent: ConsentText | None) -> ImportSaved:
    """Save a previewed report for `event`.

    Steps: 1. attendance.services.attendance_import_save (locks, walk-ins registered,
    the import and its records, the event's attendance recomputed, the pending import
    deleted); 2. audit "attendance.import" with the import's format, rows, how many
    registrations it gave minutes, how many were skipped, and the ids of the registrations
    added for walk-ins (and the privacy notice they agreed to).
    """
    saved = services.attendance_import_save(event=event, pending=pending, minutes=minutes,
                                            walk_ins=walk_ins, consent=consent, user=actor)
    source = saved.attendance_import
    audit_record(series=event.series, actor=actor, action="attendance.import", obj=source,
                 event=event, data={"format": source.format, "rows": source.row_count,
                                    "registrations": saved.recorded, "skipped": saved.skipped,
                                    "added": saved.added,
                                    "consent_text": consent.pk if saved.added and consent
                                    else None})
    return saved


@retry_on_conflict
@transaction.atomic
def attendance_import_remove(*, actor, event: Event, attendance_import: AttendanceImport) -> int:
    """Take an import back. Steps: 1. attendance.services.attendance_import_remove (the
    event locked, the import and its records deleted, the attendance recomputed); 2. audit
    "attendance.remove" with the import's id, format and its number of registrations."""
    registrations = services.attendance_import_remove(attendance_import=attendance_import)
    audit_record(series=event.series, actor=actor, action="attendance.remove",
                 obj=attendance_import, event=event,
                 data={"format": attendance_import.format, "registrations": registrations})
    return registrations


@retry_on_conflict
@transaction.atomic
def registration_check_in(*, actor, event: Event, registration_id: int,
                          checked_in: bool) -> Registration:
    """Tick somebody off at the door, or take it back. Steps: 1. attendance.services.
    registration_check_in (the row locked, checked in or not, attended recomputed);
    2. audit "registration.check_in" with the check-in time before and after."""
    before = Registration.objects.filter(pk=registration_id).values_list(
        "checked_in_at", flat=True).first()
    registration = services.registration_check_in(event=event, registration_id=registration_id,
                                                  checked_in=checked_in)
    if before != registration.checked_in_at:
        audit_record(series=event.series, actor=actor, action="registration.check_in",
                     obj=registration, event=event,
                     changes={"checked_in_at": (before, registration.checked_in_at)},
                     data={"participant": registration.participant_id})
    return registration
