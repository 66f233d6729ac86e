"""Reads of the registrations app: who may register for what, and lists, each a fixed
number of queries."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core import local_forms
from events.models import Event, Series, Theme
from events.page_cache import content_cached
from events.queries import series_get_published, series_past_retention
from registrations.models import ConsentText, Participant, Registration


def consent_text_current(*, series: Series) -> ConsentText | None:
    """The newest version of the series' privacy notice, or None if it has none yet."""
    return ConsentText.objects.filter(series=series).order_by("-version").first()


def consent_text_current_id(*, series: Series) -> int | None:
    """The id of the newest version of the series' privacy notice, or None; from the
    content cache (a new notice is a content change, registrations.apps)."""
    return content_cached(  # kept as 0 when there is none: the cache keeps no None
        f"consent-text-current:{series.pk}",
        lambda: ConsentText.objects.filter(series=series).order_by("-version")
        .values_list("pk", flat=True).first() or 0) or None


def consent_text_agreed_to(*, consent_text: ConsentText) -> bool:
    """Whether somebody agreed to this version of a privacy notice: then it stays as they
    read it (a changed text is a new version)."""
    return consent_text.consents.exists()


def confirm_link_used(*, participant: Participant, nonce: str) -> bool:
    """Whether a confirmation link carrying `nonce` was already used or replaced by a newer
    one: only the participant's current nonce confirms (emptied once used)."""
    return not nonce or nonce != participant.confirm_nonce


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
        return _("Registration for “%(event)s” opens on %(date)s %(zone)s.") % {
            "event": event.title, "date": opens,
            "zone": local_forms.zone_label(event.time_zone, event.registration_opens)}
    if event.registration_closes and now >= event.registration_closes:
        return _("Registration for “%(event)s” is closed.") % {"event": event.title}
    return None


def participant_id_with_email(*, email: str) -> int | None:
    """The id of whoever registered with this address, or None: one look-up by the unique
    index, alike for a known and an unknown address (the public forms pass it on to the
    worker, registrations.tasks)."""
    return Participant.objects.with_email(email).values_list("pk", flat=True).first()


def email_reserved(email: str) -> bool:
    """Whether an address is at the reserved top-level domain .invalid (RFC 2606): it never
    receives mail, and deleted participants' placeholder addresses are there."""
    return email.rpartition("@")[2].rstrip(".").lower().rpartition(".")[2] == "invalid"


def registration_request_refusal(*, series: Series, consent_id: int | None,
                                 events: Sequence[Event] | None,
                                 now: datetime | None = None) -> str | None:
    """Why a registration request (for the whole series when `events` is None) cannot be
    taken now, or None: the series or a chosen event is closed, or the privacy notice
    agreed to is no longer the current one. None of it depends on who asks (the address)."""
    now = now or timezone.now()
    refusal = series_registration_refusal(series=series)
    if refusal is None and consent_id != consent_text_current_id(series=series):
        refusal = _("The privacy notice has changed. Please read it again and agree to it.")
    if events is not None:
        if any(event.series_id != series.pk for event in events):
            refusal = refusal or _("Please choose events of this series only.")
        refusal = refusal or next(
            (reason for event in events
             if (reason := event_registration_refusal(event=event, now=now))), None)
        if not events:
            refusal = refusal or _("Please choose at least one event.")
    return refusal


def events_upcoming_of_series(*, series: Series, now: datetime | None = None) -> QuerySet[Event]:
    """Published events of the series that have not ended, in date order."""
    return (Event.objects.filter(series=series, status=Event.Status.PUBLISHED,
                                 end__gt=now or timezone.now())
            .select_related("series").order_by("start", "pk"))


def events_for_series_registration(*, series: Series,
                                   now: datetime | None = None) -> list[Event]:
    """The events a registration for the whole series covers: every upcoming published
    event whose registration has not closed (one that opens later is included: the series
    registration comes first)."""
    now = now or timezone.now()
    return [event for event in events_upcoming_of_series(series=series, now=now)
            if not (event.registration_closes and now >= event.registration_closes)]


@dataclass(frozen=True)
class RegistrationOffer:
    """What the registration page of a series offers: read once per content version."""

    series: Series
    consent: ConsentText | None
    themes: list[Theme]
    upcoming: list[Event]  # published, not ended when read; filtered again by the time of use

    def events_open(self, now: datetime | None = None) -> list[Event]:
        """The events a visitor may choose now."""
        now = now or timezone.now()
        return [event for event in self.upcoming
                if event_registration_refusal(event=event, now=now) is None]


def registration_offer(*, slug: str) -> RegistrationOffer:
    """The registration page's series, privacy notice, themes and upcoming events (Http404
    for a series not published), from the shared cache while the public content is unchanged:
    every visitor who registers loads the page and posts it, and these reads were half the
    page's cost. A privacy notice counts as public content (registrations.apps).

    Services check again what they rely on: the current notice, and seats under the lock."""

    def read() -> RegistrationOffer | bool:
        try:
            series = series_get_published(slug=slug)
        except Http404:
            return False
        return RegistrationOffer(series=series, consent=consent_text_current(series=series),
                                 themes=list(series.themes.all()),
                                 upcoming=list(events_upcoming_of_series(series=series)))

    offer = content_cached(f"registration-offer:{slug}", read)
    if offer is False:
        raise Http404("No series matches the given query.")
    return offer


def events_by_id(*, ids: set[int]) -> dict[int, Event]:
    """Events with their series by id, from the content cache while the content is unchanged
    (reading the wide translated rows costs more than the rest of a confirmation's reads)."""
    if not ids:
        return {}
    return content_cached(
        "events:" + ",".join(str(pk) for pk in sorted(ids)),
        lambda: {event.pk: event for event in
                 Event.objects.select_related("series").filter(pk__in=ids)})


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


def participants_past_retention(*, now: datetime | None = None) -> QuerySet[Participant]:
    """Participants whose personal data is due for deletion: not yet anonymised, registered
    for a series or an event, and every series they registered for or hold a registration
    of is past its retention (events.queries.series_past_retention) — so no registration
    of theirs is for an event still within it."""
    past = sorted(series_past_retention(now=now or timezone.now()))
    current = Series.objects.exclude(pk__in=past)
    return (
        Participant.objects.active()
        .filter(Q(series_registrations__series__in=past)
                | Q(registrations__event__series__in=past))
        .exclude(series_registrations__series__in=current)
        .exclude(registrations__event__series__in=current)
        .distinct()
        .order_by("pk")
    )


@dataclass(frozen=True)
class Seats:
    """What an event page says about places: `state` is open, few, waitlist, closed or
    cancelled; `left` the seats left (None without a limit or when closed); `refusal` why
    registration is closed."""
    state: str
    left: int | None = None
    refusal: str | None = None

    @property
    def can_register(self) -> bool:
        return self.state in ("open", "few", "waitlist")


FEW_SEATS = 10


def event_seats(*, event: Event, now: datetime | None = None) -> Seats:
    """Whether a visitor can register for the event now, and how many seats are left. One
    query when the event has a capacity and registration is open, none otherwise."""
    if event.status == Event.Status.CANCELLED:
        return Seats("cancelled", refusal=event_registration_refusal(event=event, now=now))
    refusal = (series_registration_refusal(series=event.series)
               or event_registration_refusal(event=event, now=now))
    if refusal is not None:
        return Seats("closed", refusal=refusal)
    if event.capacity is None:
        return Seats("open")
    left = max(0, event.capacity - event.registrations.holding_seat().count())
    if left == 0:
        return Seats("waitlist", left=0)
    return Seats("few" if left <= FEW_SEATS else "open", left=left)
