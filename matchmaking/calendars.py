"""The calendar file of one's meetings (RFC 5545): one VEVENT per scheduled meeting, its
UID stable per request (so a moved meeting updates its entry), its times in the event's
zone with that zone's VTIMEZONE (events.calendars.vtimezone_ical)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Event as CalendarEvent

from events.calendars import calendar_file, site_domain, zone_years_add
from events.content_language import translated
from matchmaking.models import MeetingRequest


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


def meeting_entry(request: MeetingRequest, *, title: str, place: str) -> MeetingEntry:
    """The entry of a scheduled meeting: its slot in its event's zone, the event's title."""
    block = request.block
    return MeetingEntry(request_id=request.pk, start=block.slot_start(request.slot),
                        end=block.slot_end(request.slot), zone=block.event.time_zone,
                        title=title, description=translated(block.event, "title").text,
                        location=place)


def meetings_calendar(name: str, entries: Sequence[MeetingEntry]) -> bytes:
    """A calendar (METHOD PUBLISH) of `entries`, each in its zone
    (events.calendars.calendar_file)."""
    years: dict[str, tuple[int, int]] = {}
    stamp = timezone.now()
    vevents = []
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
        vevents.append(event.to_ical())
        zone_years_add(years, entry.zone, _local(entry.start, entry.zone),
                       _local(entry.end, entry.zone))
    return calendar_file(name, vevents, years)


def _local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))
