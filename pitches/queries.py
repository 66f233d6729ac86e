"""Reads of the pitch session: the open call of a series or an event, and whether (and
why not) a participant may apply."""

from datetime import datetime

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from events.models import Event, Organisation, Series
from pitches.models import PitchApplication, PitchCall, organisation_key
from pitches.services.states import TRANSITIONS
from registrations.models import Participant, Registration, SeriesRegistration


def call_for_event(event: Event) -> PitchCall | None:
    """The call of a pitch session, or None."""
    return PitchCall.objects.select_related("event__series").filter(event=event).first()


def open_call_of(series: Series, *, now: datetime | None = None) -> PitchCall | None:
    """The call of the series that is open now (the earliest to close), or None."""
    now = now or timezone.now()
    return (PitchCall.objects.select_related("event__series")
            .filter(event__series=series, opens_at__lte=now, closes_at__gt=now)
            .order_by("closes_at", "pk").first())


def calls_of(series: Series) -> list[PitchCall]:
    return list(PitchCall.objects.select_related("event__series")
                .filter(event__series=series).order_by("closes_at", "pk"))


def call_moment(call: PitchCall, moment: datetime) -> str:
    """A moment of the call in the pitch session's time zone, the zone named."""
    local = timezone.localtime(moment, call.event.tzinfo)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({call.event.time_zone})"


def notice_fresh_seconds(*, series: Series, now: datetime | None = None) -> int | None:
    """How long a public page showing the series' calls stays right: the seconds until the
    next call of the series opens or closes (None when none will)."""
    now = now or timezone.now()
    moments = [moment for call in PitchCall.objects.filter(event__series=series)
               for moment in (call.opens_at, call.closes_at) if moment > now]
    if not moments:
        return None
    return max(1, int((min(moments) - now).total_seconds()))


def is_registered_for_series(*, participant: Participant, series: Series) -> bool:
    """A confirmed registration for any event of the series, or a confirmed (not
    cancelled) registration for the whole series."""
    return (Registration.objects.filter(participant=participant, event__series=series,
                                        state=Registration.State.CONFIRMED).exists()
            or SeriesRegistration.objects.filter(participant=participant, series=series,
                                                 confirmed_at__isnull=False,
                                                 cancelled_at__isnull=True).exists())


def is_network_member(organisation_name: str) -> bool:
    """An organisation of the network: one of that name (letter case and spacing aside)
    marked as member."""
    key = organisation_key(organisation_name)
    return any(organisation_key(name) == key for name in Organisation.objects.filter(
        is_network_member=True).values_list("name", flat=True))


def standing_application_of(*, call: PitchCall, participant: Participant
                            ) -> PitchApplication | None:
    """The standing application of the participant's organisation to the call (theirs or a
    colleague's), or None."""
    return (call.applications.standing()
            .filter(organisation_key=organisation_key(participant.organisation_name))
            .first())


def apply_refusal(*, call: PitchCall, participant: Participant,
                  now: datetime | None = None) -> str | None:
    """Why the participant cannot apply to the call (translated, in the active language),
    or None when they can."""
    now = now or timezone.now()
    if participant.is_anonymised:
        return _("This personal link is no longer valid.")
    if now < call.opens_at:
        return _("The call for pitches opens on %(moment)s.") % {
            "moment": call_moment(call, call.opens_at)}
    if now >= call.closes_at:
        return _("The call for pitches closed on %(moment)s.") % {
            "moment": call_moment(call, call.closes_at)}
    if not is_registered_for_series(participant=participant, series=call.event.series):
        return _("Only participants registered for this series may apply. Please register "
                 "for one of its events first.")
    if participant.organisation_kind != Organisation.Kind.SME:
        return _("Only SMEs may apply for a pitch; you registered for an organisation of the "
                 "kind “%(kind)s”.") % {"kind": participant.get_organisation_kind_display()}
    if not call.open_to_non_members and not is_network_member(participant.organisation_name):
        return _("This call is open to members of the organiser network only, and "
                 "“%(organisation)s” is not one.") % {
            "organisation": participant.organisation_name}
    if standing_application_of(call=call, participant=participant) is not None:
        return _("Your organisation “%(organisation)s” has already applied to this call; "
                 "one application per organisation.") % {
            "organisation": participant.organisation_name}
    return None


def applications_of(participant: Participant) -> list[PitchApplication]:
    """The participant's applications, newest call first."""
    return list(participant.pitch_applications.select_related("call__event__series", "theme")
                .order_by("-call__closes_at", "-pk"))


def personal_pitch(*, participant: Participant, now: datetime | None = None) -> list[dict]:
    """What the personal page says of pitches: per open call of a series the participant
    is registered for, their application to it or the call itself (only to the eligible),
    and their applications to calls that are closed. A list of
    {"call", "application", "can_apply", "can_edit", "can_withdraw"}."""
    now = now or timezone.now()
    applications = applications_of(participant)
    by_call = {}
    for application in applications:  # the standing one wins over withdrawn ones
        if application.call_id not in by_call or by_call[application.call_id].state == \
                PitchApplication.State.WITHDRAWN:
            by_call[application.call_id] = application
    entries = []
    open_calls = (PitchCall.objects.select_related("event__series")
                  .filter(opens_at__lte=now, closes_at__gt=now)
                  .filter(_series_of(participant)).order_by("closes_at"))
    for call in open_calls:
        application = by_call.pop(call.pk, None)
        if application is not None and application.state != PitchApplication.State.WITHDRAWN:
            entries.append(_entry(call, application, now=now))
        elif apply_refusal(call=call, participant=participant, now=now) is None:
            entries.append({"call": call, "application": application, "can_apply": True,
                            "can_edit": False, "can_withdraw": False})
    for application in by_call.values():
        entries.append(_entry(application.call, application, now=now))
    return entries


def _entry(call: PitchCall, application: PitchApplication, *, now: datetime) -> dict:
    return {"call": call, "application": application, "can_apply": False,
            "can_edit": application_editable(application=application, now=now),
            "can_withdraw": PitchApplication.State.WITHDRAWN in TRANSITIONS[application.state]}


def _series_of(participant: Participant) -> Q:
    """The series the participant holds a confirmed registration of (for an event, or for
    the whole series), as a condition on calls: subqueries, no query of its own."""
    return (Q(event__series__in=Registration.objects.filter(
                participant=participant, state=Registration.State.CONFIRMED)
              .values("event__series"))
            | Q(event__series__in=SeriesRegistration.objects.filter(
                participant=participant, confirmed_at__isnull=False, cancelled_at__isnull=True)
              .values("series")))


def application_editable(*, application: PitchApplication, now: datetime | None = None) -> bool:
    """An application is changed until its call closes, while submitted or shortlisted."""
    now = now or timezone.now()
    return (now < application.call.closes_at
            and application.state in (PitchApplication.State.SUBMITTED,
                                      PitchApplication.State.SHORTLISTED))


def edit_refusal(*, application: PitchApplication, now: datetime | None = None) -> str | None:
    """Why the application cannot be changed (translated), or None."""
    now = now or timezone.now()
    call = application.call
    if now >= call.closes_at:
        return _("The call for pitches closed on %(moment)s; the application can no longer "
                 "be changed.") % {"moment": call_moment(call, call.closes_at)}
    if not application_editable(application=application, now=now):
        return _("An application that is “%(state)s” can no longer be changed.") % {
            "state": application.get_state_display()}
    return None


def application_of_participant(*, participant: Participant, application_id: int
                               ) -> PitchApplication | None:
    """The participant's own application of that id, or None (someone else's too)."""
    return (PitchApplication.objects.select_related("call__event__series", "theme")
            .filter(pk=application_id, participant=participant).first())


def slides_public(*, application_id: int) -> PitchApplication | None:
    """A confirmed application with slides, whose slides anyone may read; else None."""
    return (PitchApplication.objects.filter(pk=application_id,
                                            state=PitchApplication.State.CONFIRMED)
            .exclude(slides="").first())


def participant_applications_export(participant: Participant) -> list[dict]:
    """A participant's applications, JSON-ready, for their data export."""
    moment = lambda value: value.isoformat() if value else None  # noqa: E731
    return [
        {"series": application.call.event.series.slug, "event": application.call.event.slug,
         "organisation": application.organisation_name, "state": application.state,
         "country": str(application.country), "theme": application.theme.slug
         if application.theme else None, "website": application.website,
         "video_url": application.video_url, "summary": {
             language: getattr(application, f"summary_{language}") for language in
             _languages() if getattr(application, f"summary_{language}")},
         "description": {
             language: getattr(application, f"description_{language}") for language in
             _languages() if getattr(application, f"description_{language}")},
         "presenter_name": application.presenter_name,
         "presenter_role": application.presenter_role, "has_slides": bool(application.slides),
         "submitted_at": moment(application.submitted_at),
         "updated_at": moment(application.updated_at),
         "withdrawn_at": moment(application.withdrawn_at)}
        for application in applications_of(participant)]


def _languages() -> list[str]:
    from django.conf import settings

    return [code for code, _name in settings.CONTENT_LANGUAGES]
