"""The workspace's start page and a series' overview."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from events.models import Series
from orga import queries
from orga.access import orga_login_required, series_for


@orga_login_required
def home(request: HttpRequest) -> HttpResponse:
    """The series the user works on, with their role."""
    return render(request, "orga/home.html", {"memberships": queries.series_of(request.user)})


@orga_login_required
def series_overview(request: HttpRequest, series: str) -> HttpResponse:
    """A series at a glance: its events (those the user runs), each with its seats."""
    series_obj: Series = series_for(request, series)
    return render(request, "orga/series_overview.html", {
        "series": series_obj, "events": queries.events_run_by(request.user, series=series_obj),
        "can_add_event": request.user.has_perm("orga.add_event", series_obj)})
