"""Reads of the registrations app: who may register for what, and lists, each a fixed
number of queries."""

from collections.abc import Sequence
from datetime import datetime

from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from events.models import Event, Series
from registrations.models import ConsentText, Participant, Registration


def consent_text_current(*, series: Series) -> ConsentText | None:
    """The newest version of the series' privacy notice, or None if it has none yet."""
    return ConsentText.objects.filter(series=series).order_by("-version").first()


def series_registration_refusal(*, series: Series) -> str | None:
    """Why nobody can register for this series now, or None."""
    if not series.registration_open:
        return _("Registration for this series is closed.")
    return None


def event_registration_refusal(*, event: Event, now: datetime | None = None) -> str | None:
    """Why nobody can register for this event now (translated), or None if they can."""
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        return _("“%(event)s” has been cancelled.") % {"event": event.title}
    if event.status != Event.Status.PUBLISHED or event.end <= now:
        return _("Registration for “%(event)s” is closed.") % {"event": event.title}
    if event.registration_opens and now < event.registration_opens:
        opens = formats.date_format(event.registration_opens.astimezone(event.tzinfo),
                                    "DATETIME_FORMAT")
        return _("Registration for “%(event)s” opens on %(date)s (%(zone)s).") % {
            "event": event.title, "date": opens, "zone": event.time_zone}
    if event.registration_closes and now >= event.registration_closes:
        return _("Registration for “%(event)s” is closed.") % {"event": event.title}
    return None


def events_upcoming_of_series(*, series: Series, now: datetime | None = None) -> QuerySet[Event]:
    """Published events of the series that have not ended, in date order."""
    return (Event.objects.filter(series=series, status=Event.Status.PUBLISHED,
                                 end__gt=now or timezone.now())
            .select_related("series").order_by("start", "pk"))


def events_open_for_registration(*, series: Series, now: datetime | None = None) -> list[Event]:
    """The events of the series a visitor may choose now."""
    now = now or timezone.now()
    return [event for event in events_upcoming_of_series(series=series, now=now)
            if event_registration_refusal(event=event, now=now) is None]


def events_for_series_registration(*, series: Series,
                                   now: datetime | None = None) -> list[Event]:
    """The events a registration for the whole series covers: every upcoming published
    event whose registration has not closed (one that opens later is included: the series
    registration comes first)."""
    now = now or timezone.now()
    return [event for event in events_upcoming_of_series(series=series, now=now)
            if not (event.registration_closes and now >= event.registration_closes)]


def participant_registrations(*, participant: Participant) -> list[Registration]:
    """All registrations of a participant with their events and series, by date."""
    return list(
        participant.registrations.select_related("event__series")
        .order_by("event__start", "pk")
    )


def participants_listed(*, series: Series) -> QuerySet[Participant]:
    """The public participant list of a series: only those who opted in and hold a seat or
    a waiting-list place at one of its events."""
    return (
        Participant.objects.active()
        .filter(listed_publicly=True,
                registrations__event__series=series,
                registrations__state__in=[Registration.State.CONFIRMED,
                                          Registration.State.WAITLISTED])
        .distinct()
        .only("name", "organisation_name", "organisation_country", "country")
        .order_by("name", "pk")
    )


def events_addable(*, participant: Participant, registrations: Sequence[Registration],
                   now: datetime | None = None) -> list[Event]:
    """Events open for registration in the series the participant is part of, which they
    hold no active registration for (one query)."""
    now = now or timezone.now()
    series_ids = {registration.event.series_id for registration in registrations}
    series_ids.update(participant.series_registrations.values_list("series_id", flat=True))
    held = {registration.event_id for registration in registrations
            if registration.state != Registration.State.CANCELLED}
    candidates = (Event.objects.filter(series_id__in=series_ids, series__registration_open=True,
                                       series__is_published=True,
                                       status=Event.Status.PUBLISHED, end__gt=now)
                  .exclude(pk__in=held).select_related("series").order_by("start", "pk"))
    return [event for event in candidates
            if event_registration_refusal(event=event, now=now) is None]
