"""The participant's matchmaking pages: profiles (P):
create, change and delete one's profile.

Every URL is under the personal link: PREFIX (matchmaking.views.PREFIX)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from matchmaking.views import PREFIX


def profile(request: HttpRequest, token: str, series: str, **kwargs) -> HttpResponse:
    raise Http404  # TO BE WRITTEN


def profile_delete(request: HttpRequest, token: str, series: str, **kwargs) -> HttpResponse:
    raise Http404  # TO BE WRITTEN


urlpatterns = [
    path(PREFIX + "profile/", profile, name="profile"),
    path(PREFIX + "profile/delete/", profile_delete, name="profile_delete"),
]
