"""The participant's matchmaking pages:
meetings (R): the agenda, its calendar file, booking a slot, cancelling, reporting a no-show;
and the room link of an online meeting (matchmaking.links), which names no personal link.

Every URL but the room's is under the personal link: PREFIX (matchmaking.views.PREFIX)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from events.calendars import calendar_content_type
from events.content_language import translated
from matchmaking import links
from matchmaking.calendars import meeting_entry, meetings_calendar
from matchmaking.forms_requests import BookForm
from matchmaking.models import MeetingRequest
from matchmaking.queries_meetings import agenda_of, free_common_slots, request_of
from matchmaking.services import MatchmakingError
from matchmaking.services.meetings import meeting_book as meeting_book_service
from matchmaking.services.meetings import meeting_no_show_report
from matchmaking.services.requests import request_state_change
from matchmaking.views import PREFIX
from matchmaking.views.meeting_access import (
    Own,
    done,
    not_found,
    own_profile_page,
    request_id_kwarg,
)

State = MeetingRequest.State


def _meeting(request: HttpRequest, own: Own, request_id: int) -> MeetingRequest | HttpResponse:
    """One's accepted meeting `request_id`, or the page saying it is not one's (404)."""
    meeting = request_of(profile=own.profile, request_id=request_id)
    if meeting is None or meeting.state != State.ACCEPTED:
        return not_found(request, token=own.token, series=own.series, message=_(
            "This meeting is not yours, or it does not exist (any more)."))
    return meeting


def _agenda_page(request: HttpRequest, own: Own, *, error: str = "",
                 status: int = 200) -> HttpResponse:
    items = agenda_of(profile=own.profile, now=timezone.now())
    for item in items:
        if item.when and item.request.block.is_online:
            item.room_url = links.room_path(request=item.request, profile=own.profile)
    return render(request, "matchmaking/agenda.html", own.context(
        items=items, error=error), status=status)


@require_http_methods(["GET", "HEAD"])
@own_profile_page
def agenda(request: HttpRequest, own: Own) -> HttpResponse:
    """One's meetings: when, with whom (their contact), where; book, cancel, no-show."""
    return _agenda_page(request, own)


@require_http_methods(["GET", "HEAD"])
@own_profile_page
def agenda_calendar(request: HttpRequest, own: Own) -> HttpResponse:
    """One's scheduled meetings as a calendar file."""
    language = translation.get_language()
    entries = []
    for item in agenda_of(profile=own.profile, now=timezone.now()):
        if item.when is None:
            continue
        meeting = item.request
        place = (links.room_url(request=meeting, profile=own.profile, language=language)
                 if meeting.block.is_online
                 else _("Table %(number)d") % {"number": meeting.table})
        organisation = item.other.organisation_name if item.other else ""
        entries.append(meeting_entry(meeting, place=place, title=_(
            "Meeting with %(organisation)s") % {"organisation": organisation}))
    content = meetings_calendar(translated(own.series, "title").text, entries)
    response = HttpResponse(content, content_type=calendar_content_type("PUBLISH"))
    response["Content-Disposition"] = f'attachment; filename="{own.series.slug}-meetings.ics"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@own_profile_page
def meeting_book(request: HttpRequest, own: Own, request_id: int) -> HttpResponse:
    """GET: the free common slots of the meeting; POST: book (or move it to) one."""
    meeting = _meeting(request, own, request_id)
    if isinstance(meeting, HttpResponse):
        return meeting
    slots = free_common_slots(request=meeting, now=timezone.now())
    form = BookForm(request.POST if request.method == "POST" else None, slots=slots)
    if form.is_bound and form.is_valid():
        try:
            meeting_book_service(request_id=meeting.pk, profile_id=own.profile.pk,
                                 slot=form.cleaned_data["slot"], now=timezone.now())
        except MatchmakingError as error:
            form.add_error(None, str(error))
        else:
            return done(request, own, "agenda", _("The meeting has been booked."))
    return render(request, "matchmaking/book.html", own.context(
        meeting=meeting, other=meeting.other(own.profile), form=form, slots=slots),
        status=400 if form.errors else 200)


def _act(request: HttpRequest, own: Own, request_id: int, action, message: str
         ) -> HttpResponse:
    meeting = _meeting(request, own, request_id)
    if isinstance(meeting, HttpResponse):
        return meeting
    try:
        action(meeting)
    except MatchmakingError as error:
        return _agenda_page(request, own, error=str(error), status=400)
    return done(request, own, "agenda", message)


@require_http_methods(["POST"])
@own_profile_page
def meeting_cancel(request: HttpRequest, own: Own, request_id: int) -> HttpResponse:
    return _act(request, own, request_id, lambda meeting: request_state_change(
        request_id=meeting.pk, actor_profile_id=own.profile.pk, to=State.CANCELLED,
        now=timezone.now()), _("The meeting has been cancelled; the other side is told."))


@require_http_methods(["POST"])
@own_profile_page
def meeting_no_show(request: HttpRequest, own: Own, request_id: int) -> HttpResponse:
    return _act(request, own, request_id, lambda meeting: meeting_no_show_report(
        request_id=meeting.pk, profile_id=own.profile.pk, now=timezone.now()),
        _("Thank you: the no-show has been reported to the organisers."))


@require_http_methods(["GET", "HEAD"])
@never_cache
def room(request: HttpRequest, token: str) -> HttpResponse:
    """The room link: on to the meeting's video room, or a page saying why not."""
    try:
        meeting = links.request_from_room_token(token)
    except links.RoomLinkError as error:
        return render(request, "matchmaking/room_error.html", {"message": str(error)},
                      status=400)
    if not meeting.is_scheduled or not meeting.block.is_online:
        return render(request, "matchmaking/room_error.html", {"message": _(
            "This meeting has been cancelled or is not scheduled (any more).")}, status=404)
    return redirect(links.room_address(meeting))


urlpatterns = [
    path(PREFIX + "meetings/", agenda, name="agenda"),
    path(PREFIX + "meetings.ics", agenda_calendar, name="agenda_calendar"),
    path(PREFIX + "meetings/<int:request>/book/", request_id_kwarg(meeting_book),
         name="meeting_book"),
    path(PREFIX + "meetings/<int:request>/cancel/", request_id_kwarg(meeting_cancel),
         name="meeting_cancel"),
    path(PREFIX + "meetings/<int:request>/no-show/", request_id_kwarg(meeting_no_show),
         name="meeting_no_show"),
    path("matchmaking/room/<str:token>/", room, name="room"),
]
