"""An event in the workspace: its page (key facts, seats, actions, agenda), creating and
editing it, duplicating it as the start of the next one, and publishing, unpublishing and
cancelling it — each change on a confirm page that shows its consequence first, then a
POST through the rules of orga.services.events."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from events.models import Event
from orga.access import event_for, orga_login_required, series_for
from orga.forms.events import DuplicateForm, EventForm
from orga.rules import coordinated_region_id
from orga.services import events as services
from registrations.queries import event_seats


def _event_url(event: Event) -> str:
    return reverse("orga:event_detail", kwargs={"series": event.series.slug, "event": event.pk})


@orga_login_required
def event_detail(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """The event at a glance: key facts, status, seats and registrations, its actions, the
    agenda."""
    series_obj = series_for(request, series)
    event_obj = event_for(request, series_obj, event)
    return render(request, "orga/events/detail.html", {
        "series": series_obj, "event": event_obj, "seats": event_seats(event=event_obj),
        "counts": services.event_registration_counts(event=event_obj),
        "themes": list(event_obj.themes.all()),
        "perms_after": _after_the_event(request.user, event_obj)})


def _after_the_event(user, event: Event) -> dict[str, bool]:
    """Which of the event's after-the-event pages the user may open."""
    return {"figures": user.has_perm("orga.view_event_figures", event),
            "attendance": user.has_perm("orga.import_attendance", event),
            "check_in": user.has_perm("orga.check_in", event),
            "feedback": user.has_perm("orga.send_feedback", event),
            "report": user.has_perm("orga.change_report", event),
            "pitches": user.has_perm("orga.decide_pitches", event.series)}


@orga_login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest, series: str) -> HttpResponse:
    """A new event, as a draft (a coordinator's in their own region)."""
    series_obj = series_for(request, series, "orga.add_event")
    region_id = coordinated_region_id(request.user, series_obj)
    region = series_obj.regions.filter(pk=region_id).first() if region_id else None
    form = EventForm(request.POST or None, series=series_obj, region=region)
    if request.method == "POST" and form.is_valid():
        created = services.event_create(series=series_obj, actor=request.user,
                                        fields=form.event_fields(),
                                        themes=form.cleaned_data["themes"])
        messages.success(request, _("The event is saved as a draft. Write its agenda, then "
                                    "publish it."))
        return redirect(_event_url(created))
    return render(request, "orga/events/form.html", {"series": series_obj, "form": form})


@orga_login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, series: str, event: int) -> HttpResponse:
    series_obj = series_for(request, series)
    event_obj = event_for(request, series_obj, event, "orga.change_event")
    region_id = coordinated_region_id(request.user, series_obj)
    form = EventForm(request.POST or None, instance=event_obj, series=series_obj,
                     region=event_obj.region if region_id else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event_obj, actor=request.user,
                                  fields=form.event_fields(), themes=form.cleaned_data["themes"])
        except services.EventError as error:
            form.add_error("capacity", str(error))
        else:
            messages.success(request, _("The event is saved."))
            return redirect(_event_url(event_obj))
    return render(request, "orga/events/form.html", {
        "series": series_obj, "event": event_obj, "form": form})


@orga_login_required
@require_http_methods(["GET", "POST"])
def event_duplicate(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """Copy the event as a draft on a chosen day (a week later unless changed)."""
    series_obj = series_for(request, series, "orga.add_event")
    event_obj = event_for(request, series_obj, event, "orga.change_event")
    form = DuplicateForm(request.POST or None, event=event_obj)
    if request.method == "POST" and form.is_valid():
        copy = services.event_duplicate(event=event_obj, actor=request.user,
                                        start_date=form.cleaned_data["start_date"])
        copy.series = series_obj
        messages.success(request, _("This is the copy, a draft: check its details and "
                                    "agenda, then publish it."))
        return redirect(_event_url(copy))
    return render(request, "orga/events/duplicate.html", {
        "series": series_obj, "event": event_obj, "form": form,
        "talk_count": event_obj.talks.count()})


@orga_login_required
@require_http_methods(["GET", "POST"])
def event_publish(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """What publishing does (the series' registrants registered, mailed, waitlisted), then
    publish."""
    series_obj = series_for(request, series)
    event_obj = event_for(request, series_obj, event, "orga.change_event")
    if request.method == "POST":
        if event_obj.status == Event.Status.DRAFT:
            services.event_publish(event=event_obj, actor=request.user)
        _status_message(request, event_obj, Event.Status.PUBLISHED,
                        _("The event is published."))
        return redirect(_event_url(event_obj))
    return render(request, "orga/events/confirm.html", {
        "series": series_obj, "event": event_obj, "action": "publish",
        "preview": services.event_publish_preview(event=event_obj),
        "seats": event_seats(event=event_obj)})


@orga_login_required
@require_http_methods(["GET", "POST"])
def event_unpublish(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """Back to draft — refused while the event holds registrations (said beforehand)."""
    series_obj = series_for(request, series)
    event_obj = event_for(request, series_obj, event, "orga.change_event")
    if request.method == "POST":
        try:
            services.event_unpublish(event=event_obj, actor=request.user)
        except services.EventError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The event is a draft again: the public no longer "
                                        "sees it."))
        return redirect(_event_url(event_obj))
    counts = services.event_registration_counts(event=event_obj)
    return render(request, "orga/events/confirm.html", {
        "series": series_obj, "event": event_obj, "action": "unpublish",
        "refusal": services.unpublish_refusal(counts) if any(counts.values()) else None})


@orga_login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """Who loses their place and is told by mail, then cancel (for good)."""
    series_obj = series_for(request, series)
    event_obj = event_for(request, series_obj, event, "orga.change_event")
    if request.method == "POST":
        if event_obj.status != Event.Status.CANCELLED:
            services.event_cancel(event=event_obj, actor=request.user)
            messages.success(request, _("The event is cancelled."))
        return redirect(_event_url(event_obj))
    return render(request, "orga/events/confirm.html", {
        "series": series_obj, "event": event_obj, "action": "cancel",
        "preview": services.event_cancel_preview(event=event_obj)})


def _status_message(request: HttpRequest, event: Event, wanted: str, done: str) -> None:
    if event.status == wanted:
        messages.success(request, done)
    else:
        messages.error(request, _("The event was cancelled meanwhile: it stays cancelled."))


urlpatterns = [
    path("events/new/", event_create, name="event_create"),
    path("events/<int:event>/", event_detail, name="event_detail"),
    path("events/<int:event>/edit/", event_edit, name="event_edit"),
    path("events/<int:event>/duplicate/", event_duplicate, name="event_duplicate"),
    path("events/<int:event>/publish/", event_publish, name="event_publish"),
    path("events/<int:event>/unpublish/", event_unpublish, name="event_unpublish"),
    path("events/<int:event>/cancel/", event_cancel, name="event_cancel"),
]
