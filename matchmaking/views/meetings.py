"""The participant's matchmaking pages:
meetings (R): the agenda, its calendar file, booking a slot, cancelling, reporting a no-show.

Every URL is under the personal link: PREFIX (matchmaking.views.PREFIX)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from matchmaking.views import PREFIX


def agenda(request: HttpRequest, token: str, series: str, **kwargs) -> HttpResponse:
    raise Http404  # TO BE WRITTEN


def agenda_calendar(request: HttpRequest, token: str, series: str, **kwargs) -> HttpResponse:
    raise Http404  # TO BE WRITTEN


def meeting_book(request: HttpRequest, token: str, series: str, **kwargs) -> HttpResponse:
    raise Http404  # TO BE WRITTEN


def meeting_cancel(request: HttpRequest, token: str, series: str, **kwargs) -> HttpResponse:
    raise Http404  # TO BE WRITTEN


def meeting_no_show(request: HttpRequest, token: str, series: str, **kwargs) -> HttpResponse:
    raise Http404  # TO BE WRITTEN


def room(request: HttpRequest, token: str, **kwargs) -> HttpResponse:
    raise Http404  # TO BE WRITTEN


urlpatterns = [
    path(PREFIX + "meetings/", agenda, name="agenda"),
    path(PREFIX + "meetings.ics", agenda_calendar, name="agenda_calendar"),
    path(PREFIX + "meetings/<int:request>/book/", meeting_book, name="meeting_book"),
    path(PREFIX + "meetings/<int:request>/cancel/", meeting_cancel, name="meeting_cancel"),
    path(PREFIX + "meetings/<int:request>/no-show/", meeting_no_show, name="meeting_no_show"),
    path("matchmaking/room/<str:token>/", room, name="room"),
]
