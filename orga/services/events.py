"""An event's life, run from the organiser workspace (and the Django admin): set up,
changed, duplicated, published, unpublished, cancelled — each with what it does to the
event's registrations (through registrations.services) and an entry in the audit log,
in one transaction.

This is where the app direction is kept: `events` knows nothing of registrations; an
event's lifecycle, which changes registrations, lives here (orga → registrations → …).

Lock order (registrations/services/__init__.py): each function that changes an event's
status or capacity locks the event's series FOR NO KEY UPDATE before the event, and
re-reads the event under its lock: what it compares and changes is the event as it is,
not the object it was given (which gets the new status and capacity at the end), so that
it can run again after a deadlock (core.db.retry_on_conflict). Mails are written to the
outbox in the same transaction and rendered when they are sent, never under the locks.

Unpublishing (back to draft) is refused while the event holds registrations (pending,
confirmed or waitlisted): a draft is invisible, and the people holding a place would be
registered for an event nobody can see or confirm (registrations.services.places.take_places
cancels a pending one confirmed at a draft). Whoever published by mistake cancels the
event instead: its participants are told by mail. An event nobody holds yet goes back to
draft freely.
"""

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.db import retry_on_conflict
from events.models import Event, Series, Talk, TalkSpeaker, Theme
from orga.services.audit import audit_record, changes_between
from registrations.models import Registration, SeriesRegistration
from registrations.services import event_capacity_change, event_registrations_cancel, series_grow
from registrations.services.base import event_lock as registration_event_lock
from registrations.services.base import series_lock

State = Registration.State
logger = logging.getLogger(__name__)

# The event's own fields the workspace's form sets (its themes are set apart); their
# before and after go into the audit log.
EVENT_FIELDS = ("kind", "region", "title", "summary", "venue", "start", "end", "time_zone",
                "format", "join_url", "capacity", "registration_opens", "registration_closes",
                "slug")


class EventError(Exception):
    """A change the rules refuse; the message is translated and shown as it is."""


def event_lock(*, event: Event) -> Event:
    """Lock the event's series FOR NO KEY UPDATE, then the event; the event as it is now.

    Before anything of the event is written: the admin takes it to save the form's other
    fields before event_lifecycle_change, with the status and capacity read here (not
    those its request read before the lock: a cancellation or a new capacity committed
    in between would be undone)."""
    series_lock(series_id=event.series_id)
    return registration_event_lock(event_id=event.pk)


# ---------------------------------------------------------------------------------------
# Status and capacity


@retry_on_conflict
@transaction.atomic
def event_publish(*, event: Event, actor=None) -> Event:
    """Publish a draft event.

    Steps: 1. lock the series and the event; an event cancelled meanwhile (after the
    caller read it as a draft) stays cancelled, nothing changes; 2. set the status to
    published and save; 3. register everyone registered for the whole series for it,
    subject to its capacity, and tell them by mail (registrations.services.series_grow);
    4. record it in the audit log with the counts of seats, waiting-list places and
    pending registrations given (when the status changed).
    """
    locked = event_lock(event=event)
    if locked.status == Event.Status.CANCELLED:  # its registrations are cancelled for good
        event.status = locked.status
        return event
    was = locked.status
    locked.status = Event.Status.PUBLISHED
    locked.save(update_fields=["status"])
    created = series_grow(event=locked)
    if was != locked.status:
        audit_record(series=locked.series, actor=actor, action="event.publish", obj=locked,
                     changes={"status": (was, locked.status)}, data=_state_counts(created))
    event.status = locked.status
    return event


@retry_on_conflict
@transaction.atomic
def event_unpublish(*, event: Event, actor=None) -> Event:
    """Take a published event back to draft (off the public site).

    Steps: 1. lock the series and the event; 2. refuse (EventError) an event that is not
    published, or that holds registrations (see the module's docstring: it would strand
    them; cancelling is the way out then); 3. set the status to draft and save; 4. record
    it in the audit log.
    """
    locked = event_lock(event=event)
    if locked.status != Event.Status.PUBLISHED:
        raise EventError(_("Only a published event can be taken back to draft."))
    counts = event_registration_counts(event=locked)
    if any(counts.values()):
        raise EventError(unpublish_refusal(counts))
    locked.status = Event.Status.DRAFT
    locked.save(update_fields=["status"])
    audit_record(series=locked.series, actor=actor, action="event.unpublish", obj=locked,
                 changes={"status": (Event.Status.PUBLISHED, Event.Status.DRAFT)})
    event.status = locked.status
    return event


@retry_on_conflict
@transaction.atomic
def event_cancel(*, event: Event, actor=None) -> Event:
    """Cancel an event.

    Steps: 1. lock the series and the event; 2. set the status to cancelled and save;
    3. cancel its registrations and tell those who held a seat or a waiting-list place by
    mail (registrations.services.event_registrations_cancel; an event that has ended keeps
    them); 4. record it in the audit log with the counts cancelled, by the state they were
    in (when the status changed).
    """
    locked = event_lock(event=event)
    was = locked.status
    held = event_registration_counts(event=locked) if was != Event.Status.CANCELLED else {}
    locked.status = Event.Status.CANCELLED
    locked.save(update_fields=["status"])
    cancelled = event_registrations_cancel(event=locked)
    if was != locked.status:
        audit_record(series=locked.series, actor=actor, action="event.cancel", obj=locked,
                     changes={"status": (was, locked.status)},
                     data={"cancelled": len(cancelled)} | (held if cancelled else {}))
    event.status = locked.status
    return event


@retry_on_conflict
@transaction.atomic
def event_capacity_set(*, event: Event, capacity: int | None, actor=None) -> Event:
    """Change an event's capacity.

    Steps: 1. lock the event and read its capacity; 2. set and save the new one; 3. give
    the seats it frees to the waiting list, with a mail to each promoted
    (registrations.services.event_capacity_change); 4. record it in the audit log with the
    number promoted.
    """
    before = registration_event_lock(event_id=event.pk).capacity  # as it is, under its lock
    promoted = event_capacity_change(event=event, capacity=capacity)
    event.capacity = capacity
    if before != capacity:
        audit_record(series=event.series, actor=actor, action="event.capacity", obj=event,
                     changes={"capacity": (before, capacity)}, data={"promoted": len(promoted)})
    return event


@retry_on_conflict
@transaction.atomic
def event_lifecycle_change(*, event: Event, status: str, capacity: int | None,
                           actor=None) -> Event:
    """Change an event's status and capacity as the organiser set them (the admin's form).

    Steps:
    1. lock the series and the event, and re-read it; a cancelled event stays cancelled
       (also when it was cancelled after the form was read);
    2. a new capacity: on an event being cancelled set it as it is (nobody moves up into
       an event that is going away), otherwise through event_capacity_set (the waiting
       list moves up);
    3. a new status: publishing through event_publish, cancelling through event_cancel,
       back to draft through event_unpublish — refused while the event holds
       registrations (the admin's form says so; one taken in between keeps the event
       published).
    """
    locked = event_lock(event=event)
    if locked.status == Event.Status.CANCELLED:
        status = locked.status
    if capacity != locked.capacity and status == Event.Status.CANCELLED:
        locked.capacity = capacity
        locked.save(update_fields=["capacity"])
    elif capacity != locked.capacity:
        event_capacity_set(event=locked, capacity=capacity, actor=actor)
    if status == Event.Status.PUBLISHED and status != locked.status:
        event_publish(event=locked, actor=actor)
    elif status == Event.Status.CANCELLED and status != locked.status:
        event_cancel(event=locked, actor=actor)
    elif status == Event.Status.DRAFT and locked.status == Event.Status.PUBLISHED:
        try:
            event_unpublish(event=locked, actor=actor)
        except EventError:
            logger.info("Event %s stays published: it holds registrations", locked.pk)
    elif status != locked.status:
        locked.status = status
        locked.save(update_fields=["status"])
    event.status, event.capacity = locked.status, locked.capacity
    return event


# ---------------------------------------------------------------------------------------
# Setting up: create, edit, duplicate


@retry_on_conflict
@transaction.atomic
def event_create(*, series: Series, actor, fields: Mapping[str, Any],
                 themes: Iterable[Theme] = ()) -> Event:
    """Add a draft event to a series.

    Steps: 1. a slug from the title where none is given (unique in the series); 2. save
    the event as a draft with its themes; 3. record it in the audit log.
    """
    event = Event(series=series, status=Event.Status.DRAFT)
    for name, value in fields.items():
        setattr(event, name, value)
    event.slug = event.slug or event_slug_free(series=series, base=_title_slug(fields))
    event.save()
    event.themes.set(themes)
    audit_record(series=series, actor=actor, action="event.create", obj=event,
                 data={"slug": event.slug, "start": event.start})
    return event


@retry_on_conflict
@transaction.atomic
def event_update(*, event: Event, actor, fields: Mapping[str, Any],
                 themes: Iterable[Theme]) -> Event:
    """Change an event's details (not its status: publish, unpublish and cancel do).

    Steps:
    1. lock the series and the event and re-read it;
    2. refuse (EventError) a capacity below the seats already taken (a lower capacity
       would take nobody's seat, but would leave the event overfull);
    3. set the other fields and the themes and save; a slug left empty is made from the
       title;
    4. a new capacity through registrations.services.event_capacity_change (seats it
       frees go to the waiting list, with their mails);
    5. record the changed fields, before and after, in the audit log.
    """
    locked = event_lock(event=event)
    capacity = fields.get("capacity", locked.capacity)
    taken = locked.registrations.holding_seat().count()
    if capacity is not None and capacity < taken:
        raise EventError(ngettext(
            "%(count)s seat is taken already: the capacity cannot be lower.",
            "%(count)s seats are taken already: the capacity cannot be lower.",
            taken) % {"count": taken})
    before = _snapshot(locked)
    for name, value in fields.items():
        if name != "capacity":
            setattr(locked, name, value)
    locked.slug = locked.slug or event_slug_free(series=locked.series, base=_title_slug(fields),
                                                 exclude=locked.pk)
    locked.save()
    locked.themes.set(themes)
    if capacity != locked.capacity:
        event_capacity_change(event=locked, capacity=capacity)
        locked.capacity = capacity
    changes = changes_between(before, _snapshot(locked))
    if changes:
        audit_record(series=locked.series, actor=actor, action="event.edit", obj=locked,
                     changes=changes)
    return locked


@retry_on_conflict
@transaction.atomic
def event_duplicate(*, event: Event, actor, start_date: date) -> Event:
    """Copy an event as the start of the next one: a draft on `start_date`, at the same
    time of day in its zone.

    Steps:
    1. shift its start, end and registration window by the days between its start date
       and `start_date`, as wall-clock times in the event's zone (the same hour across a
       change of summer time);
    2. save the copy as a draft: kind, region, texts, format, venue, join link, capacity,
       themes, and a slug of its own (the original's with the new date);
    3. copy its talks (shifted alike) with their themes and speakers in order; never its
       registrations;
    4. record it in the audit log, naming the original.
    """
    source = (Event.objects.select_related("series")
              .prefetch_related("themes", "talks__themes", "talks__talk_speakers")
              .get(pk=event.pk))
    days = (start_date - source.local_start.date()).days
    zone = source.tzinfo

    def shifted(moment: datetime | None) -> datetime | None:
        if moment is None:
            return None
        wall = moment.astimezone(zone).replace(tzinfo=None) + timedelta(days=days)
        return timezone.make_aware(wall, zone)

    copy = Event.objects.get(pk=source.pk)
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.status = Event.Status.DRAFT
    copy.start, copy.end = shifted(source.start), shifted(source.end)
    copy.registration_opens = shifted(source.registration_opens)
    copy.registration_closes = shifted(source.registration_closes)
    base = re.sub(r"-\d{4}-\d{2}-\d{2}(-\d+)?$", "", source.slug)[:60]
    copy.slug = event_slug_free(series=source.series, base=f"{base}-{start_date.isoformat()}")
    copy.save()
    copy.themes.set(source.themes.all())
    for talk in source.talks.all():
        talk_copy = Talk.objects.get(pk=talk.pk)
        talk_copy.pk = talk_copy.id = None
        talk_copy._state.adding = True
        talk_copy.event, talk_copy.start = copy, shifted(talk.start)
        talk_copy.save()
        talk_copy.themes.set(talk.themes.all())
        TalkSpeaker.objects.bulk_create(
            TalkSpeaker(talk=talk_copy, speaker_id=link.speaker_id, position=link.position)
            for link in talk.talk_speakers.all())
    audit_record(series=source.series, actor=actor, action="event.duplicate", obj=copy,
                 data={"source_event": source.pk, "start": copy.start,
                       "talks": len(source.talks.all())})
    return copy


def event_slug_free(*, series: Series, base: str, exclude: int | None = None) -> str:
    """`base` (slugified, at most 80 characters), or with -2, -3, … where an event of the
    series has it already."""
    base = slugify(base)[:72].strip("-") or "event"
    taken = set(Event.objects.filter(series=series, slug__startswith=base)
                .exclude(pk=exclude).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _title_slug(fields: Mapping[str, Any]) -> str:
    """The title to make a slug from: the first of the languages' titles that gives one
    (a Bulgarian title alone gives none: the slug is ASCII)."""
    titles = [value for name, value in fields.items()
              if name.startswith("title") and isinstance(value, str) and slugify(value)]
    return titles[0] if titles else ""


def _snapshot(event: Event) -> dict[str, Any]:
    """The event's fields as the audit log compares them (every language of its texts,
    times in UTC)."""
    from modeltranslation.utils import build_localized_fieldname

    from events.content_language import content_languages

    values: dict[str, Any] = {}
    for name in EVENT_FIELDS:
        if name in ("title", "summary", "venue"):
            for language in content_languages():
                field = build_localized_fieldname(name, language)
                values[field] = getattr(event, field) or ""  # empty and None alike
        elif name == "region":
            values["region"] = event.region_id
        else:
            value = getattr(event, name)
            values[name] = value.astimezone(UTC) if isinstance(value, datetime) else value
    values["themes"] = sorted(event.themes.values_list("pk", flat=True))
    return values


def _state_counts(registrations: Iterable[Registration]) -> dict[str, int]:
    counts = {"confirmed": 0, "waitlisted": 0, "pending": 0}
    for registration in registrations:
        counts[registration.state] = counts.get(registration.state, 0) + 1
    return counts


# ---------------------------------------------------------------------------------------
# What a change would do: the confirm pages show it before it happens (reads; the change
# itself runs the rules again under its locks, so a registration in between is counted).


@dataclass(frozen=True)
class PublishPreview:
    """What publishing would do: series registrants given a seat (and mailed), put on the
    waiting list (and mailed), or given a pending registration (not mailed until they
    confirm); `closed` when the event takes nobody now (ended, registration closed)."""

    seats: int
    waitlisted: int
    pending: int
    closed: bool = False


@dataclass(frozen=True)
class CancelPreview:
    """What cancelling would do: registrations cancelled and told by mail (confirmed,
    waitlisted), pending ones cancelled without a mail; `over` when the event has ended
    and keeps its registrations."""

    confirmed: int
    waitlisted: int
    pending: int
    over: bool = False


def event_registration_counts(*, event: Event) -> dict[str, int]:
    """The event's active registrations by state: confirmed, waitlisted, pending. One
    query."""
    counts = event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(state=State.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(state=State.WAITLISTED)),
        pending=Count("pk", filter=Q(state=State.PENDING)))
    return {key: value or 0 for key, value in counts.items()}


def event_publish_preview(*, event: Event, now: datetime | None = None) -> PublishPreview:
    """What publishing the event would do now, by series_grow's rule (two queries)."""
    now = now or timezone.now()
    if event.end <= now or (event.registration_closes and now >= event.registration_closes):
        return PublishPreview(0, 0, 0, closed=True)
    registrants = (SeriesRegistration.objects
                   .filter(series_id=event.series_id, cancelled_at__isnull=True,
                           participant__anonymised_at__isnull=True)
                   .exclude(participant__registrations__event=event)
                   .aggregate(confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
                              pending=Count("pk", filter=Q(confirmed_at__isnull=True))))
    confirmed = registrants["confirmed"] or 0
    if event.capacity is None:
        seats = confirmed
    else:
        free = max(0, event.capacity - event.registrations.holding_seat().count())
        seats = min(confirmed, free)
    return PublishPreview(seats=seats, waitlisted=confirmed - seats,
                          pending=registrants["pending"] or 0)


def event_cancel_preview(*, event: Event, now: datetime | None = None) -> CancelPreview:
    """What cancelling the event would do now, by event_registrations_cancel's rule."""
    if event.end <= (now or timezone.now()):
        return CancelPreview(0, 0, 0, over=True)
    return CancelPreview(**event_registration_counts(event=event))


def unpublish_refusal(counts: Mapping[str, int]) -> str:
    """Why an event holding these registrations stays published (translated)."""
    parts = []
    if counts.get("confirmed"):
        parts.append(ngettext("%(count)s confirmed registration",
                              "%(count)s confirmed registrations",
                              counts["confirmed"]) % {"count": counts["confirmed"]})
    if counts.get("waitlisted"):
        parts.append(ngettext("%(count)s place on the waiting list",
                              "%(count)s places on the waiting list",
                              counts["waitlisted"]) % {"count": counts["waitlisted"]})
    if counts.get("pending"):
        parts.append(ngettext("%(count)s registration not yet confirmed",
                              "%(count)s registrations not yet confirmed",
                              counts["pending"]) % {"count": counts["pending"]})
    return _("This event holds %(registrations)s: taken back to draft, it would vanish for "
             "people who are registered for it. Cancel the event instead (they are told by "
             "mail), or cancel their registrations first.") % {
        "registrations": ", ".join(parts)}
