"""The participant's matchmaking pages:
meeting requests (R): send, answer, withdraw, the list of one's requests.

Every URL is under the personal link: PREFIX (matchmaking.views.PREFIX)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from matchmaking.views import PREFIX


def requests(request: HttpRequest, token: str, series: str, **kwargs) -> HttpResponse:
    raise Http404  # TO BE WRITTEN


def request_send(request: HttpRequest, token: str, series: str, **kwargs) -> HttpResponse:
    raise Http404  # TO BE WRITTEN


def request_answer(request: HttpRequest, token: str, series: str, **kwargs) -> HttpResponse:
    raise Http404  # TO BE WRITTEN


def request_withdraw(request: HttpRequest, token: str, series: str, **kwargs) -> HttpResponse:
    raise Http404  # TO BE WRITTEN


urlpatterns = [
    path(PREFIX + "requests/", requests, name="requests"),
    path(PREFIX + "people/<int:profile>/request/", request_send, name="request_send"),
    path(PREFIX + "requests/<int:request>/answer/", request_answer, name="request_answer"),
    path(PREFIX + "requests/<int:request>/withdraw/", request_withdraw, name="request_withdraw"),
]
