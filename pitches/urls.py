"""The pitch session's public pages, under the language prefix (clustermeet/urls.py)."""

from django.urls import include, path

from pitches.views import apply, lineup, vote

app_name = "pitches"

urlpatterns = [
    path("", include(apply.urlpatterns)),
    path("", include(lineup.urlpatterns)),
    path("", include(vote.urlpatterns)),
]
