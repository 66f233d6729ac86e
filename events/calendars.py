"""Calendar files (RFC 5545) for one event and for a whole series."""

from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Timezone
from icalendar import Event as CalendarEvent

from events.models import Event, Series

PRODUCT_ID = "-//clustermeet//clustermeet//EN"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def event_component(event: Event, *, join_url: str = "") -> CalendarEvent:
    """One VEVENT, its times in the event's own time zone (with a VTIMEZONE added later)."""
    component = CalendarEvent()
    component.add("uid", f"event-{event.pk}@clustermeet")
    component.add("dtstamp", timezone.now())
    component.add("dtstart", event.local_start)
    component.add("dtend", event.local_end)
    component.add("summary", f"{event.series.title}: {event.title}")
    url = settings.SITE_URL + event.get_absolute_url()
    description = "\n\n".join(part for part in (event.summary, join_url, url) if part)
    component.add("description", description)
    component.add("url", url)
    location = join_url or event.venue or event.get_format_display()
    component.add("location", location)
    component.add(
        "status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED"
    )
    return component


def calendar_bytes(name: str, events: Iterable[Event], *, join_urls: dict | None = None) -> bytes:
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(event_component(event, join_url=(join_urls or {}).get(event.pk, "")))
    zones = b"".join(_vtimezone_ical(tzid) for tzid in sorted(calendar.get_missing_tzids()))
    head, first_event, rest = calendar.to_ical().partition(b"BEGIN:VEVENT\r\n")
    return head + zones + first_event + rest  # the zones before the events


@lru_cache(maxsize=64)
def _vtimezone_ical(tzid: str) -> bytes:
    """A zone's VTIMEZONE as it appears in the file, built and serialised once per process:
    that costs several ms (decades of transitions), and every confirmation mail carries a
    calendar file."""
    return Timezone.from_tzid(tzid).to_ical()


def event_calendar(event: Event) -> bytes:
    return calendar_bytes(event.title, [event])


def series_calendar(series: Series, events: Iterable[Event]) -> bytes:
    return calendar_bytes(series.title, events)
