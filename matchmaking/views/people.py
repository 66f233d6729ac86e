"""The participant's matchmaking pages:
finding people (P): browse and search the profiles, the suggestions, one person's profile.

Every URL is under the personal link: PREFIX (matchmaking.views.PREFIX)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from matchmaking.views import PREFIX


def people(request: HttpRequest, token: str, series: str, **kwargs) -> HttpResponse:
    raise Http404  # TO BE WRITTEN


def suggestions(request: HttpRequest, token: str, series: str, **kwargs) -> HttpResponse:
    raise Http404  # TO BE WRITTEN


def person(request: HttpRequest, token: str, series: str, **kwargs) -> HttpResponse:
    raise Http404  # TO BE WRITTEN


urlpatterns = [
    path(PREFIX + "people/", people, name="people"),
    path(PREFIX + "people/suggested/", suggestions, name="suggestions"),
    path(PREFIX + "people/<int:profile>/", person, name="person"),
]
