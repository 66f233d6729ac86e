"""Calendar files (RFC 5545) for one event and for a whole series.

Every confirmation mail carries one, so the serialised parts are kept per process: the
zones (decades of transitions each), and each event's VEVENT under everything it says.
Only the time stamp (DTSTAMP) is new in every file.
"""

from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.utils import timezone, translation
from icalendar import Calendar, Timezone, vDatetime
from icalendar import Event as CalendarEvent

from core.choices import choice_label
from core.i18n import url_language
from events.content_language import translated
from events.models import Event, Series

PRODUCT_ID = "-//clustermeet//clustermeet//EN"
VEVENT_BEGIN = b"BEGIN:VEVENT\r\n"
VCALENDAR_END = b"END:VCALENDAR\r\n"


def calendar_bytes(name: str, events: Iterable[Event], *, join_urls: dict | None = None) -> bytes:
    """A calendar of `events`, each with its zone; `join_urls` by event id, where shown."""
    stamp = b"DTSTAMP:" + vDatetime(timezone.now()).to_ical() + b"\r\n"
    vevents, zones = [], set()
    for event in events:
        vevents.append(_vevent_ical(_event_fields(event, (join_urls or {}).get(event.pk, ""))))
        zones.add(event.time_zone)
    parts = [_calendar_head(name)]
    parts += [_vtimezone_ical(zone) for zone in sorted(zones) if zone != "UTC"]
    parts += [VEVENT_BEGIN + stamp + vevent.removeprefix(VEVENT_BEGIN) for vevent in vevents]
    return b"".join(parts) + VCALENDAR_END


def _event_fields(event: Event, join_url: str) -> tuple:
    """What one event's VEVENT says, its times in the event's own zone."""
    with translation.override(url_language(translation.get_language())):
        url = settings.SITE_URL + event.get_absolute_url()
    title, summary = translated(event, "title"), translated(event, "summary")
    return (
        f"event-{event.pk}@clustermeet", event.local_start, event.local_end,
        f"{translated(event.series, 'title').text}: {title.text}",
        "\n\n".join(part for part in (summary.text, join_url, url) if part), url,
        join_url or translated(event, "venue").text or choice_label(Event.Format, event.format),
        "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED",
        _other_language(title.language),
        _other_language(summary.language if summary.text else None),
    )


def _other_language(language: str | None) -> str | None:
    """A text's language when it is not the reader's (a fallback: iCalendar's LANGUAGE=)."""
    return language if language and language != translation.get_language() else None


@lru_cache(maxsize=1024)
def _vevent_ical(fields: tuple) -> bytes:
    """A VEVENT without its time stamp, serialised once per process for the same fields."""
    (uid, start, end, summary, description, url, location, status,
     summary_language, description_language) = fields
    languages = {"summary": summary_language, "description": description_language}
    component = CalendarEvent()
    for key, value in (("uid", uid), ("dtstart", start), ("dtend", end),
                       ("summary", summary), ("description", description), ("url", url),
                       ("location", location), ("status", status)):
        language = languages.get(key)
        component.add(key, value, parameters={"LANGUAGE": language} if language else None)
    return component.to_ical()


@lru_cache(maxsize=256)
def _calendar_head(name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar.to_ical().removesuffix(VCALENDAR_END)


@lru_cache(maxsize=64)
def _vtimezone_ical(tzid: str) -> bytes:
    """A zone's VTIMEZONE as it appears in the file, built and serialised once per process."""
    return Timezone.from_tzid(tzid).to_ical()


def event_calendar(event: Event) -> bytes:
    return calendar_bytes(translated(event, "title").text, [event])


def series_calendar(series: Series, events: Iterable[Event]) -> bytes:
    return calendar_bytes(translated(series, "title").text, events)
