"""Matchmaking's pages, under the language prefix (clustermeet/urls.py); the personal ones
under the personal link's path."""

from django.urls import include, path

from matchmaking.views import meetings, people, profiles, requests

app_name = "matchmaking"

urlpatterns = [
    path("", include(profiles.urlpatterns)),
    path("", include(people.urlpatterns)),
    path("", include(requests.urlpatterns)),
    path("", include(meetings.urlpatterns)),
]
