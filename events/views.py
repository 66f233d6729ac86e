"""The public site: series, events, speakers, organisations and calendar files."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from events import calendars, page_cache, queries, styles
from events.content_language import series_fallback
from events.forms import EventFilterForm
from events.models import Event, Series
from events.page_cache import cache_public_page

# A page that shows an event's seats left is kept in the page cache this long at most (not
# PAGE_CACHE_SECONDS): registrations do not retire cached pages (that would empty the cache
# on every registration during a rush), so the count a visitor sees is at most this old.
# The registration itself decides on the real count, under the event's lock.
SEATS_FRESH_SECONDS = 30


def render_series_page(request: HttpRequest, series: Series, template: str,
                       context: dict) -> HttpResponse:
    """Render a page of a series, texts falling back to the series' default language."""
    with series_fallback(series.default_language):
        return render(request, template, {"series": series, **context})


def _keep_while_fresh(response: HttpResponse, *, series: Series) -> None:
    """A page that shows what other apps add to the series' pages (a call for pitches'
    notice) is kept in the page cache only as long as they say it stays right
    (page_cache.freshness_register)."""
    seconds = page_cache.series_fresh_seconds(series=series)
    if seconds is not None:
        response.page_cache_seconds = min(
            seconds, getattr(response, "page_cache_seconds", seconds))


@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    series_list = list(Series.objects.published().select_related("organiser"))
    if len(series_list) == 1:
        return redirect(series_list[0])
    return render(request, "events/home.html", {"series_list": series_list})


@cache_public_page
def series_detail(request: HttpRequest, series: str) -> HttpResponse:
    series_obj = queries.series_get_published(slug=series)
    events = list(queries.events_for_listing(series=series_obj))
    now = timezone.now()
    upcoming = [event for event in events if event.end >= now]
    next_event = next((e for e in upcoming if e.status == Event.Status.PUBLISHED), None)
    response = render_series_page(request, series_obj, "events/series_detail.html", {
        "themes": series_obj.themes.all(),
        "regions": series_obj.regions.select_related("coordinator"),
        "next_event": next_event,
        "upcoming": [event for event in upcoming if event != next_event],
        "past": [event for event in reversed(events) if event.end < now],
    })
    if next_event is not None and next_event.capacity is not None:  # its seats left
        response.page_cache_seconds = SEATS_FRESH_SECONDS
    _keep_while_fresh(response, series=series_obj)
    return response


@require_GET
def series_style(request: HttpRequest, series: str) -> HttpResponse:
    """The series' accent colour as a tiny stylesheet (strict CSP allows no inline style).
    Its URL carries the colour (base.html), so browsers may keep it for a year."""
    series_obj = queries.series_get_published(slug=series)
    response = HttpResponse(styles.series_css(accent=series_obj.accent_colour),
                            content_type="text/css; charset=utf-8")
    if request.GET.get("v") == series_obj.accent_colour.lstrip("#"):
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@cache_public_page
def event_list(request: HttpRequest, series: str) -> HttpResponse:
    series_obj = queries.series_get_published(slug=series)
    form = EventFilterForm(request.GET or None, series=series_obj)
    events = queries.events_for_listing(series=series_obj)
    if form.is_valid():
        if form.cleaned_data["theme"]:
            events = events.filter(themes__slug=form.cleaned_data["theme"])
        if form.cleaned_data["region"]:
            events = events.filter(region__slug=form.cleaned_data["region"])
    now = timezone.now()
    events = list(events)
    return render_series_page(request, series_obj, "events/event_list.html", {
        "form": form,
        "upcoming": [event for event in events if event.end >= now],
        "past": [event for event in reversed(events) if event.end < now],
    })


@cache_public_page
def event_detail(request: HttpRequest, series: str, event: str) -> HttpResponse:
    series_obj = queries.series_get_published(slug=series)
    event_obj = queries.event_get_public(series=series_obj, slug=event)
    response = render_series_page(request, series_obj, "events/event_detail.html", {
        "event": event_obj,
        "talks": event_obj.talks.all(),
    })
    if event_obj.capacity is not None:  # it shows the seats left: kept briefly
        response.page_cache_seconds = SEATS_FRESH_SECONDS
    _keep_while_fresh(response, series=series_obj)
    return response


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content,
                            content_type=calendars.calendar_content_type(calendars.Method.PUBLISH))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@cache_public_page
def event_calendar(request: HttpRequest, series: str, event: str) -> HttpResponse:
    series_obj = queries.series_get_published(slug=series)
    event_obj = queries.event_get_public(series=series_obj, slug=event)
    with series_fallback(series_obj.default_language):
        content = calendars.event_calendar(event_obj)
    return _calendar_response(content, f"{series_obj.slug}-{event_obj.slug}.ics")


@cache_public_page
def series_calendar(request: HttpRequest, series: str) -> HttpResponse:
    series_obj = queries.series_get_published(slug=series)
    with series_fallback(series_obj.default_language):
        content = calendars.series_calendar(
            series_obj, queries.events_for_listing(series=series_obj)
        )
    return _calendar_response(content, f"{series_obj.slug}.ics")


@cache_public_page
def speaker_detail(request: HttpRequest, slug: str) -> HttpResponse:
    speaker, talks = queries.speaker_get_public(slug=slug)
    return render(request, "events/speaker_detail.html", {"speaker": speaker, "talks": talks})


@cache_public_page
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation, talks = queries.organisation_get_public(slug=slug)
    return render(request, "events/organisation_detail.html",
                  {"organisation": organisation, "talks": talks})
