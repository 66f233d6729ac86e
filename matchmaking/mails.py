"""Matchmaking's mails, one function per kind, in the recipient's language, written to the
outbox in the caller's transaction (the signatures are fixed: other modules call them).

Each is written unrendered (mail.services.mails_queue_deferred): the services queue them
under the networking block's lock, the organisers' "schedule all" hundreds at once, and
the sender renders them afterwards (matchmaking_mail_render, registered in
matchmaking.apps). A mail about a meeting that has moved or been cancelled by then is
not sent (the later change has its own mail). Nothing goes to a participant whose data
was deleted, nor to a side whose profile is gone.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from core import local_forms
from events.calendars import calendar_content_type
from events.content_language import translated, translated_entry
from mail.services import Attachment, DeferredMail, MailContent, mails_queue_deferred
from matchmaking import links
from matchmaking.calendars import meeting_entry, meetings_calendar
from matchmaking.models import MatchmakingProfile, MeetingRequest
from registrations.mails import participant_personal, stamp

MAIL_KIND = "matchmaking"
RECEIVED = "matchmaking_request_received"
ANSWERED = "matchmaking_request_answered"
SCHEDULED = "matchmaking_meeting_scheduled"
CANCELLED = "matchmaking_meeting_cancelled"
REMINDER = "matchmaking_meeting_reminder"
State = MeetingRequest.State


def _queue(*, request: MeetingRequest, recipient: MatchmakingProfile | None, template: str,
           cause: str, facts: Mapping[str, Any] | None = None) -> None:
    """Write one mail about `request` to `recipient`'s participant, to be rendered when sent."""
    if recipient is None:
        return
    participant = recipient.participant
    if participant.is_anonymised or not participant.email:
        return
    mails_queue_deferred(series_id=recipient.series_id, mails=[DeferredMail(
        cause=f"{cause}:to:{recipient.pk}", to=participant.email,
        language=participant.language, kind=MAIL_KIND,
        arguments={"request": request.pk, "recipient": recipient.pk, "template": template,
                   **(facts or {})})])


def mail_request_received(*, request: MeetingRequest, now: datetime) -> None:
    """To the receiver: who asks for a meeting, their message, the link to answer."""
    _queue(request=request, recipient=request.receiver, template=RECEIVED,
           cause=f"meeting-request:{request.pk}:received")


def mail_request_answered(*, request: MeetingRequest, now: datetime) -> None:
    """To the sender: accepted (with the receiver's e-mail and phone) or declined."""
    _queue(request=request, recipient=request.sender, template=ANSWERED,
           cause=f"meeting-request:{request.pk}:{request.state}",
           facts={"state": request.state})


def _scheduled_stamp(request: MeetingRequest) -> str:
    """When the meeting got its slot, as a mail's cause and arguments name it."""
    return stamp(request.scheduled_at) if request.scheduled_at else ""


def _scheduled_cause(request: MeetingRequest) -> str:
    return f"meeting:{request.pk}:scheduled:{request.slot}:{_scheduled_stamp(request)}"


def mail_meeting_scheduled(*, request: MeetingRequest, now: datetime) -> None:
    """To both: the meeting's time (in the event's zone), table or room link, calendar."""
    for recipient in (request.sender, request.receiver):
        _queue(request=request, recipient=recipient, template=SCHEDULED,
               cause=_scheduled_cause(request),
               facts={"slot": request.slot, "scheduled_at": _scheduled_stamp(request)})


def mail_meeting_cancelled(*, request: MeetingRequest, now: datetime) -> None:
    """To the side that did not cancel: the meeting is off, the slot free."""
    recipient = (request.receiver if request.cancelled_by_id == request.sender_id
                 else request.sender)
    _queue(request=request, recipient=recipient, template=CANCELLED,
           cause=f"meeting:{request.pk}:cancelled",
           facts={"was_meeting": request.answered_at is not None})


def mail_meeting_reminder(*, request: MeetingRequest, now: datetime) -> None:
    """To both, shortly before the meeting: when, with whom, where (table or room link)."""
    for recipient in (request.sender, request.receiver):
        _queue(request=request, recipient=recipient, template=REMINDER,
               cause=f"meeting:{request.pk}:reminder:{request.slot}",
               facts={"slot": request.slot, "scheduled_at": _scheduled_stamp(request)})


def _still_wanted(request: MeetingRequest, arguments: Mapping[str, Any]) -> bool:
    """Whether what the mail says still holds when it is rendered."""
    template = arguments["template"]
    if template == RECEIVED:
        return request.state == State.PENDING
    if template in (SCHEDULED, REMINDER):
        return (request.is_scheduled and request.slot == arguments["slot"]
                and _scheduled_stamp(request) == arguments["scheduled_at"])
    return True


def profile_summary(profile: MatchmakingProfile | None, *, contact: bool) -> dict[str, str]:
    """What a mail says of the other side (in the active language); their name, e-mail
    address and phone only with `contact` (an accepted meeting)."""
    if profile is None:
        return {"name": "", "organisation": "", "country": "", "offer": "", "need": "",
                "email": "", "phone": ""}
    participant = profile.participant
    return {"name": participant.name if contact and not participant.is_anonymised else "",
            "organisation": profile.organisation_name, "country": str(profile.country.name),
            "offer": profile.offer, "need": profile.need,
            "email": participant.email if contact else "",
            "phone": profile.phone if contact else ""}


def meeting_moment(request: MeetingRequest) -> local_forms.When:
    """The meeting's slot in its event's zone, in the active language."""
    block = request.block
    return local_forms.when(block.slot_start(request.slot), block.slot_end(request.slot),
                            block.event.time_zone)


def meeting_calendar(request: MeetingRequest, *, recipient: MatchmakingProfile,
                     title: str, place: str) -> bytes:
    """The one meeting as a calendar file, for the mails."""
    return meetings_calendar("clustermeet", [meeting_entry(request, title=title, place=place)])


def matchmaking_mail_render(arguments: Mapping[str, Any], language: str) -> MailContent | None:
    """The content of a matchmaking mail (mails_queue_deferred) in `language`; None when
    the request, the recipient's profile or their data is gone, or what the mail says no
    longer holds (_still_wanted)."""
    request = (MeetingRequest.objects
               .select_related("block__event__series", "sender__participant",
                               "receiver__participant")
               .filter(pk=arguments["request"]).first())
    if request is None:
        return None
    recipient = next((profile for profile in (request.sender, request.receiver)
                      if profile is not None and profile.pk == arguments["recipient"]), None)
    if (recipient is None or recipient.participant.is_anonymised
            or not _still_wanted(request, arguments)):
        return None
    participant = recipient.participant
    participant.language = language
    template = arguments["template"]
    with translation.override(language):
        return _content(request, recipient=recipient, template=template,
                        arguments=arguments, language=language)


def _content(request: MeetingRequest, *, recipient: MatchmakingProfile, template: str,
             arguments: Mapping[str, Any], language: str) -> MailContent:
    event = request.block.event
    other = request.other(recipient)
    accepted = template in (SCHEDULED, REMINDER) or arguments.get("state") == State.ACCEPTED
    series_slug = event.series.slug
    context = {
        **translated_entry("event", event, "title", language=language),
        **translated_entry("series", event.series, "title", language=language),
        "other": profile_summary(other, contact=accepted and template != CANCELLED),
        "message": request.message if template == RECEIVED else "",
        "accepted": arguments.get("state") == State.ACCEPTED,
        "was_meeting": bool(arguments.get("was_meeting")),
        "online": request.block.is_online, "table": request.table or "",
    }
    page = "agenda" if accepted or template == CANCELLED else "requests"
    personal = {"page_url": links.personal_page_url(
        page, participant=recipient.participant, series_slug=series_slug, language=language)}
    attachments = []
    if template in (SCHEDULED, REMINDER):
        moment = meeting_moment(request)
        context |= {"when": f"{moment.start}–{moment.end}", "zone": moment.zone}
        if request.block.is_online:
            personal["room_url"] = links.room_url(request=request, profile=recipient,
                                                  language=language)
            place = personal["room_url"]
        else:
            place = ", ".join(part for part in (
                _("Table %(number)d") % {"number": request.table},
                translated(event, "venue").text) if part)
        title = (_("Meeting with %(organisation)s") % {
            "organisation": context["other"]["organisation"]}
            if other is not None else _("Meeting"))
        attachments.append(Attachment(
            filename=f"meeting-{request.pk}.ics",
            content=meeting_calendar(request, recipient=recipient, title=title, place=place),
            content_type=calendar_content_type("PUBLISH")))
    return MailContent(template=template, context=context, attachments=attachments,
                       personal=participant_personal(recipient.participant, personal))
