"""Calendar files (RFC 5545) for one event and for a whole series, and the entries of the
calendar messages that mails carry (iTIP, RFC 5546: METHOD REQUEST and CANCEL).

Every confirmation mail carries one, so the serialised parts are kept per process: the
zones, and each event's VEVENT under everything it says. Only the time stamp (DTSTAMP),
the sequence and the attendee are written anew for every file.

Time zones are written from the zoneinfo database by `vtimezone_ical`, not by icalendar's
Timezone.from_tzid: RFC 5545 (3.6.5) writes the DTSTART and RDATEs of an onset in the local
time in force *before* it (its TZOFFSETFROM), which icalendar 7 gets wrong for every summer
time onset (one hour late when read as the RFC says).

UIDs name the site (SITE_URL's host): two installations never share one.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress
from icalendar import Event as CalendarEvent

from core.choices import choice_label
from core.i18n import url_language
from events.content_language import translated
from events.models import Event, Series

PRODUCT_ID = "-//clustermeet//clustermeet//EN"
VEVENT_BEGIN = b"BEGIN:VEVENT\r\n"
VEVENT_END = b"END:VEVENT\r\n"
VCALENDAR_END = b"END:VCALENDAR\r\n"


class Method:
    """The iTIP method of a calendar file (RFC 5546), also named in its Content-Type."""

    PUBLISH = "PUBLISH"  # downloads and subscriptions: a copy to keep
    REQUEST = "REQUEST"  # a mail's entry for its reader: add it, or update it
    CANCEL = "CANCEL"  # a mail's withdrawal of an entry sent before (same UID)


def calendar_content_type(method: str) -> str:
    """The Content-Type of a calendar file of `method` (RFC 6047, 2.4)."""
    return f"text/calendar; charset=utf-8; method={method}"


@dataclass(frozen=True)
class Attendee:
    """The reader of an iTIP entry: their address, name and participation (PARTSTAT)."""

    email: str
    name: str
    partstat: str  # ACCEPTED, TENTATIVE or DECLINED


@dataclass(frozen=True)
class Entry:
    """One VEVENT: an event, and what this file says of it beyond the event itself.

    `status` empty: the event's own (CONFIRMED, or CANCELLED for a cancelled event);
    `note` is the first paragraph of the description (e.g. "On the waiting list");
    `sequence` orders the versions of the entry a reader received (RFC 5545, 3.8.7.4)."""

    event: Event
    join_url: str = ""
    status: str = ""
    note: str = ""
    sequence: int = 0
    attendee: Attendee | None = None


def site_domain() -> str:
    """The site's host (and port, and path) from SITE_URL, for UIDs: unique per installation."""
    parts = urlsplit(settings.SITE_URL)
    return (parts.netloc or "localhost") + parts.path.rstrip("/")


def event_uid(event: Event) -> str:
    """The UID of an event's entry in every file and message (RFC 5545, 3.8.4.7)."""
    return f"event-{event.pk}@{site_domain()}"


def calendar_bytes(name: str, entries: Iterable[Entry], *,
                   method: str = Method.PUBLISH) -> bytes:
    """A calendar of `entries`, each event with its zone (covering the years of the events)."""
    stamp = _property_lines(("dtstamp", timezone.now()))
    vevents, years = [], {}
    for entry in entries:
        vevent = _vevent_ical(_event_fields(entry))
        vevents.append(VEVENT_BEGIN + stamp + _entry_lines(entry)
                       + vevent.removeprefix(VEVENT_BEGIN))
        event = entry.event
        zone_years_add(years, event.time_zone, event.local_start, event.local_end)
    return calendar_file(name, vevents, years, method=method)


def zone_years_add(years: dict[str, tuple[int, int]], zone: str, start: datetime,
                   end: datetime) -> None:
    """Widen `years` ({zone: (first year, last year)}) to cover `start` and `end` in `zone`."""
    first, last = years.get(zone, (start.year, end.year))
    years[zone] = (min(first, start.year), max(last, end.year))


def calendar_file(name: str, vevents: Iterable[bytes], years: dict[str, tuple[int, int]], *,
                  method: str = Method.PUBLISH) -> bytes:
    """The calendar `name` of the VEVENTs `vevents` (each whole, as bytes), after a
    VTIMEZONE for each zone of `years` covering its years (zone_years_add; none for UTC)."""
    parts = [_calendar_head(name, method)]
    parts += [vtimezone_ical(zone, first, last) for zone, (first, last) in sorted(years.items())
              if zone != "UTC"]
    return b"".join([*parts, *vevents]) + VCALENDAR_END


def _event_fields(entry: Entry) -> tuple:
    """What one event's VEVENT says, its times in the event's own zone (the texts in the
    active language)."""
    event = entry.event
    with translation.override(url_language(translation.get_language())):
        url = settings.SITE_URL + event.get_absolute_url()
    title, summary = translated(event, "title"), translated(event, "summary")
    status = entry.status or ("CANCELLED" if event.status == Event.Status.CANCELLED
                              else "CONFIRMED")
    return (
        event_uid(event), event.local_start, event.local_end,
        f"{translated(event.series, 'title').text}: {title.text}",
        "\n\n".join(part for part in (entry.note, summary.text, entry.join_url, url) if part),
        url,
        entry.join_url or translated(event, "venue").text or choice_label(Event.Format,
                                                                          event.format),
        status, organiser(),
        _other_language(title.language),
        _other_language(summary.language if summary.text else None),
    )


def organiser() -> tuple[str, str]:
    """The ORGANIZER of every entry: the sender of the mails (name, address)."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return name, address


def _other_language(language: str | None) -> str | None:
    """A text's language when it is not the reader's (a fallback: iCalendar's LANGUAGE=)."""
    return language if language and language != translation.get_language() else None


@lru_cache(maxsize=1024)
def _vevent_ical(fields: tuple) -> bytes:
    """A VEVENT without its time stamp, sequence and attendee, serialised once per process
    for the same fields."""
    (uid, start, end, summary, description, url, location, status, (name, address),
     summary_language, description_language) = fields
    languages = {"summary": summary_language, "description": description_language}
    component = CalendarEvent()
    for key, value in (("uid", uid), ("dtstart", start), ("dtend", end),
                       ("summary", summary), ("description", description), ("url", url),
                       ("location", location), ("status", status)):
        language = languages.get(key)
        component.add(key, value, parameters={"LANGUAGE": language} if language else None)
    if address:
        component.add("organizer", _address(address, name))
    return component.to_ical()


def _entry_lines(entry: Entry) -> bytes:
    """The lines of a VEVENT that differ per reader: SEQUENCE, ATTENDEE."""
    properties = []
    if entry.sequence:
        properties.append(("sequence", entry.sequence))
    if entry.attendee is not None:
        attendee = _address(entry.attendee.email, entry.attendee.name)
        attendee.params.update({"ROLE": "REQ-PARTICIPANT", "PARTSTAT": entry.attendee.partstat,
                                "RSVP": "FALSE"})
        properties.append(("attendee", attendee))
    return _property_lines(*properties)


def _address(address: str, name: str) -> vCalAddress:
    value = vCalAddress(f"mailto:{address}")
    if name:
        value.params["CN"] = name
    return value


def _property_lines(*properties: tuple) -> bytes:
    """Content lines of VEVENT properties, escaped and folded as icalendar writes them."""
    component = CalendarEvent()
    for key, value in properties:
        component.add(key, value)
    return component.to_ical().removeprefix(VEVENT_BEGIN).removesuffix(VEVENT_END)


@lru_cache(maxsize=256)
def _calendar_head(name: str, method: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    return calendar.to_ical().removesuffix(VCALENDAR_END)


# --- Time zones -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Observance:
    """What a zone says in one period: offset from UTC, summer time or not, abbreviation."""

    offset: timedelta
    daylight: bool
    name: str


@dataclass(frozen=True)
class Transition:
    at: datetime  # UTC
    before: Observance
    after: Observance


def _observance(zone: ZoneInfo, moment: datetime) -> Observance:
    local = moment.astimezone(zone)
    return Observance(local.utcoffset(), bool(local.dst()), local.tzname() or "")


def zone_transitions(tzid: str, start: datetime, end: datetime) -> list[Transition]:
    """Every change of a zone's offset, summer time or abbreviation in [start, end), to the
    second (zoneinfo does not list them: found by stepping 4 days, shorter than any period
    of a zone in use, and halving)."""
    zone = ZoneInfo(tzid)
    step = 4 * 86400
    at, end_at = int(start.timestamp()), int(end.timestamp())
    before = _observance(zone, start)
    found = []
    while at < end_at:
        next_at = min(at + step, end_at)
        after = _observance(zone, datetime.fromtimestamp(next_at, UTC))
        if after != before:
            low, high = at, next_at  # `before` holds at low, no longer at high
            while high - low > 1:
                middle = (low + high) // 2
                if _observance(zone, datetime.fromtimestamp(middle, UTC)) == before:
                    low = middle
                else:
                    high = middle
            found.append(Transition(datetime.fromtimestamp(high, UTC), before,
                                    _observance(zone, datetime.fromtimestamp(high,
                                                                             UTC))))
        at, before = next_at, after
    return found


@lru_cache(maxsize=64)
def vtimezone_ical(tzid: str, first_year: int, last_year: int) -> bytes:
    """A zone's VTIMEZONE for the years `first_year` to `last_year` (with one year around
    them), as RFC 5545 (3.6.5) defines it, from the zoneinfo database.

    The first observance starts with the period (offset from = to); each later one
    gathers the onsets of the same kind, offsets and name (DTSTART, then RDATE), every
    onset written in the local time in force before it (TZOFFSETFROM)."""
    start = datetime(first_year - 1, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 2, 1, 1, tzinfo=UTC)
    zone = Timezone()
    zone.add("tzid", tzid)
    initial = _observance(ZoneInfo(tzid), start)
    zone.add_component(_observance_component(
        initial, initial, [(start + initial.offset).replace(tzinfo=None)]))
    groups: dict[tuple[Observance, Observance], list[datetime]] = {}
    for transition in zone_transitions(tzid, start, end):
        onset = (transition.at + transition.before.offset).replace(tzinfo=None)
        groups.setdefault((transition.before, transition.after), []).append(onset)
    for (before, after), onsets in groups.items():
        zone.add_component(_observance_component(before, after, onsets))
    return zone.to_ical()


def _observance_component(before: Observance, after: Observance,
                          onsets: list[datetime]) -> TimezoneStandard | TimezoneDaylight:
    component = TimezoneDaylight() if after.daylight else TimezoneStandard()
    component.add("dtstart", onsets[0])
    if onsets[1:]:
        component.add("rdate", onsets[1:])
    if after.name:
        component.add("tzname", after.name)
    component.add("tzoffsetfrom", before.offset)
    component.add("tzoffsetto", after.offset)
    return component


def event_calendar(event: Event) -> bytes:
    return calendar_bytes(translated(event, "title").text, [Entry(event)])


def series_calendar(series: Series, events: Iterable[Event]) -> bytes:
    return calendar_bytes(translated(series, "title").text, [Entry(event) for event in events])
