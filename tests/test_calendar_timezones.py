"""The time zones of every calendar file follow RFC 5545 (3.6.5): read by a second,
independent parser (dateutil's tzical, which interprets VTIMEZONE itself), every instant
around each real transition of the next five years maps to the offset zoneinfo gives."""

import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil import tz
from django.utils import timezone
from icalendar import Calendar

from events.calendars import vtimezone_ical, zone_transitions
from tests.factories import event_create, series_create

ZONES = ["Europe/Berlin", "Europe/Sofia", "Europe/Madrid", "Europe/Rome"]
AROUND = [timedelta(seconds=seconds) for seconds in
          (-7200, -3601, -3600, -1800, -1, 0, 1, 1800, 3599, 3600, 5400, 7200)]


def five_years() -> tuple[datetime, datetime]:
    now = timezone.now()
    return now, now.replace(year=now.year + 5)


@pytest.mark.parametrize("tzid", ZONES)
def test_every_transition_of_the_next_five_years_reads_right_in_a_second_parser(tzid):
    start, end = five_years()
    ical = vtimezone_ical(tzid, start.year, end.year).decode()
    read = tz.tzical(io.StringIO(ical)).get(tzid)
    real = ZoneInfo(tzid)
    transitions = zone_transitions(tzid, start, end)
    assert len(transitions) >= 9  # summer time starts and ends every year

    for transition in transitions:
        for delta in AROUND:
            moment = transition.at + delta
            assert moment.astimezone(read).utcoffset() == moment.astimezone(real).utcoffset(), (
                tzid, moment)


@pytest.mark.parametrize("tzid", ZONES)
def test_onsets_are_written_in_the_local_time_before_them(tzid):
    """RFC 5545: DTSTART (and RDATE) of an onset is local time in its TZOFFSETFROM; the
    summer time onset of the EU is 01:00 UTC, so 02:00 in Berlin, 03:00 in Sofia."""
    start, end = five_years()
    zone = Calendar.from_ical(b"BEGIN:VCALENDAR\r\n" + vtimezone_ical(tzid, start.year, end.year)
                              + b"END:VCALENDAR\r\n").walk("VTIMEZONE")[0]
    (daylight,) = zone.walk("DAYLIGHT")
    from_offset = daylight["TZOFFSETFROM"].td
    rdates = daylight.get("RDATE", [])
    rdates = rdates if isinstance(rdates, list) else [rdates]
    onsets = [daylight.decoded("DTSTART")] + [value.dt for rdate in rdates for value in rdate.dts]
    real = [transition.at for transition in zone_transitions(
        tzid, datetime(start.year - 1, 1, 1, tzinfo=UTC), datetime(end.year + 2, 1, 1, tzinfo=UTC))
        if transition.after.daylight]
    assert [onset.replace(tzinfo=None) - from_offset for onset in onsets] == [
        moment.replace(tzinfo=None) for moment in real]
    assert {(moment + from_offset).strftime("%H:%M") for moment in real} == {
        "Europe/Sofia": {"03:00"}}.get(tzid, {"02:00"})


@pytest.mark.django_db
def test_calendar_files_read_right_in_a_second_parser(client):
    """An event file carries the zone of its event, for the years around it."""
    series = series_create()
    start = datetime(timezone.now().year + 1, 3, 15, 9, tzinfo=UTC)
    sofia = event_create(series=series, slug="sofia", time_zone="Europe/Sofia", start=start)

    content = client.get(f"/en/series/{series.slug}/events/sofia/calendar.ics").content.decode()

    zones = tz.tzical(io.StringIO(content.replace("\r\n ", "")))
    assert zones.keys() == ["Europe/Sofia"]
    read, real = zones.get("Europe/Sofia"), ZoneInfo("Europe/Sofia")
    for transition in zone_transitions("Europe/Sofia", start - timedelta(days=365),
                                       start + timedelta(days=365)):
        for delta in AROUND:
            moment = transition.at + delta
            assert moment.astimezone(read).utcoffset() == moment.astimezone(real).utcoffset()
    assert "COMMENT:This timezone only works" not in content
    assert sofia.local_start.utcoffset() == timedelta(hours=2)
