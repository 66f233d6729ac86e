"""The call for pitches where visitors and participants read of it: the public notice on
the series' and the pitch session's pages (events' templates), and the section of the
personal page (registrations' template)."""

from django import template

from events.models import Event, Series
from pitches import queries
from pitches.models import PitchCall
from registrations.models import Participant

register = template.Library()


@register.inclusion_tag("pitches/includes/call_notice.html")
def pitch_call_notice(*, series: Series | None = None, event: Event | None = None) -> dict:
    """The notice of the open call: of the series (on its page) or of the pitch session (on
    its page). The page cache keeps such pages only until the next call opens or closes
    (events.views, pitches.queries.notice_fresh_seconds)."""
    call: PitchCall | None = None
    if event is not None:
        if event.kind == Event.Kind.PITCH_SESSION:
            call = queries.call_for_event(event)
            if call is not None and not call.is_open():
                call = None
    elif series is not None:
        call = queries.open_call_of(series)
    return {"call": call,
            "closes": queries.call_moment(call, call.closes_at) if call else None,
            "on_event_page": event is not None}


@register.simple_tag
def personal_pitch(participant: Participant) -> list[dict]:
    """The personal page's pitch entries (pitches.queries.personal_pitch)."""
    if participant is None or participant.is_anonymised:
        return []
    return queries.personal_pitch(participant=participant)


@register.simple_tag
def call_closes(call: PitchCall) -> str:
    return queries.call_moment(call, call.closes_at)


@register.filter
def pitch_confirm_url(application) -> str:
    """The confirmation link of an accepted application ("" for any other state)."""
    from django.utils.translation import get_language

    from pitches.links import confirm_url

    if application.state != application.State.ACCEPTED:
        return ""
    return confirm_url(application=application, language=get_language() or "en")
