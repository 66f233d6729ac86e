"""Reads of the line-up: the confirmed pitches of a call in agenda order, the call a
series' public line-up shows, and the organisers' view of each confirmed pitch."""

from django.db.models import F, QuerySet
from django.http import Http404

from events.models import Event, Series
from pitches.models import PitchApplication, PitchCall
from registrations.models import Registration

State = PitchApplication.State


def series_call(*, series: Series) -> PitchCall | None:
    """The call of the series' pitch session (of several, the latest; drafts left out)."""
    return (PitchCall.objects.filter(event__series=series)
            .exclude(event__status=Event.Status.DRAFT)
            .select_related("event__series").order_by("-event__start", "-pk").first())


def public_call_get(*, slug: str) -> PitchCall:
    """The call a published series' public line-up shows; 404 for a series without one."""
    series = Series.objects.published().filter(slug=slug).first()
    call = series_call(series=series) if series is not None else None
    if call is None:
        raise Http404
    return call


def lineup_applications(*, call: PitchCall) -> QuerySet[PitchApplication]:
    """The call's confirmed pitches in agenda order (those not on the agenda yet last, by
    confirmation), with their themes and talks."""
    return (call.applications.filter(state=State.CONFIRMED)
            .select_related("theme", "talk")
            .order_by(F("talk__order").asc(nulls_last=True), "confirmed_at", "pk"))


def lineup_rows(*, call: PitchCall) -> list[PitchApplication]:
    """The organisers' line-up: the confirmed pitches in agenda order, each with
    `presenter_registration` (the applicant's registration for the pitch session, or None)
    and `talk_is_placed`."""
    applications = list(lineup_applications(call=call).select_related("participant"))
    registrations = {registration.participant_id: registration for registration in
                     Registration.objects.filter(
                         event=call.event,
                         participant_id__in=[a.participant_id for a in applications])}
    for application in applications:
        application.presenter_registration = registrations.get(application.participant_id)
    return applications


def withdrawn_talks(*, call: PitchCall) -> QuerySet[PitchApplication]:
    """Applications no longer confirmed whose talk is still on the agenda."""
    return call.applications.exclude(state=State.CONFIRMED).filter(talk__isnull=False)
