"""The calendar file of one's meetings (RFC 5545): one VEVENT per scheduled meeting, its
UID stable per request (so a moved meeting updates its entry), its times in the event's
zone with that zone's VTIMEZONE (events.calendars.vtimezone_ical)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from events.calendars import PRODUCT_ID, site_domain, vtimezone_ical


@dataclass(frozen=True)
class MeetingEntry:
    request_id: int
    start: datetime
    end: datetime
    zone: str
    title: str
    description: str
    location: str
    url: str = ""


def meeting_uid(request_id: int) -> str:
    return f"meeting-{request_id}@{site_domain()}"


def meetings_calendar(name: str, entries: Sequence[MeetingEntry]) -> bytes:
    """A calendar (METHOD PUBLISH) of `entries`, each in its zone."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    years: dict[str, tuple[int, int]] = {}
    stamp = timezone.now()
    for entry in entries:
        event = CalendarEvent()
        event.add("uid", meeting_uid(entry.request_id))
        event.add("dtstamp", stamp)
        event.add("dtstart", _local(entry.start, entry.zone))
        event.add("dtend", _local(entry.end, entry.zone))
        event.add("summary", entry.title)
        event.add("description", entry.description)
        event.add("location", entry.location)
        if entry.url:
            event.add("url", entry.url)
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
        first, last = years.get(entry.zone, (entry.start.year, entry.end.year))
        years[entry.zone] = (min(first, entry.start.year), max(last, entry.end.year))
    content = calendar.to_ical()
    zones = b"".join(vtimezone_ical(zone, first, last) for zone, (first, last)
                     in sorted(years.items()) if zone != "UTC")
    if not zones:
        return content
    head, separator, rest = content.partition(b"BEGIN:VEVENT\r\n")
    if not separator:
        return content
    return head + zones + separator + rest


def _local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))
