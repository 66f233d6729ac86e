"""Local forms of times: an event's date and time in the reader's language, and its time
zone named as people say it ("Sofia time (EET, UTC+2)", "Ortszeit Sofia (OEZ, UTC+2)").

Pages (the `event_when` tag of events.templatetags.local_forms) and mails
(registrations.mails) both use `when`, so that they say the same. The date formats
themselves are Django's format localisation with our corrections (clustermeet/formats).
"""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import formats
from django.utils.translation import gettext, gettext_noop, pgettext_lazy

# Django's month and weekday names, translated again in clustermeet/locale (which takes
# precedence over Django's catalogues): Bulgarian and Italian write them in lower case
# ("5 март", "giovedì 5 marzo"), Django's catalogues capitalise them. Named here so that
# `make messages-extract` keeps them in the catalogue.
MONTH_AND_WEEKDAY_NAMES = [
    gettext_noop("January"), gettext_noop("February"), gettext_noop("March"),
    gettext_noop("April"), gettext_noop("May"), gettext_noop("June"), gettext_noop("July"),
    gettext_noop("August"), gettext_noop("September"), gettext_noop("October"),
    gettext_noop("November"), gettext_noop("December"),
    gettext_noop("Monday"), gettext_noop("Tuesday"), gettext_noop("Wednesday"),
    gettext_noop("Thursday"), gettext_noop("Friday"), gettext_noop("Saturday"),
    gettext_noop("Sunday"),
]

# The cities of the zones events are likely held in, by their names in each language; any
# other zone is named by the city of its IANA name ("America/New_York": New York).
ZONE_CITIES = {
    "Europe/Amsterdam": pgettext_lazy("time zone city", "Amsterdam"),
    "Europe/Athens": pgettext_lazy("time zone city", "Athens"),
    "Europe/Berlin": pgettext_lazy("time zone city", "Berlin"),
    "Europe/Brussels": pgettext_lazy("time zone city", "Brussels"),
    "Europe/Bucharest": pgettext_lazy("time zone city", "Bucharest"),
    "Europe/Lisbon": pgettext_lazy("time zone city", "Lisbon"),
    "Europe/London": pgettext_lazy("time zone city", "London"),
    "Europe/Madrid": pgettext_lazy("time zone city", "Madrid"),
    "Europe/Paris": pgettext_lazy("time zone city", "Paris"),
    "Europe/Prague": pgettext_lazy("time zone city", "Prague"),
    "Europe/Rome": pgettext_lazy("time zone city", "Rome"),
    "Europe/Sofia": pgettext_lazy("time zone city", "Sofia"),
    "Europe/Vienna": pgettext_lazy("time zone city", "Vienna"),
    "Europe/Warsaw": pgettext_lazy("time zone city", "Warsaw"),
}

# Abbreviations as each language writes them (German: MEZ, MESZ, OEZ, …).
ZONE_ABBREVIATIONS = {
    "WET": pgettext_lazy("time zone abbreviation", "WET"),
    "WEST": pgettext_lazy("time zone abbreviation", "WEST"),
    "CET": pgettext_lazy("time zone abbreviation", "CET"),
    "CEST": pgettext_lazy("time zone abbreviation", "CEST"),
    "EET": pgettext_lazy("time zone abbreviation", "EET"),
    "EEST": pgettext_lazy("time zone abbreviation", "EEST"),
}

UTC_ZONES = {"UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal",
             "Zulu", "Etc/GMT", "GMT"}


def utc_offset(offset: timedelta) -> str:
    """UTC+2, UTC−3, UTC+5:30, UTC+0 (with a real minus sign)."""
    minutes = round(offset.total_seconds() / 60)
    sign = "+" if minutes >= 0 else "\u2212"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def zone_city(zone: str) -> str:
    """The city a time zone is named after, in the active language."""
    if zone in ZONE_CITIES:
        return str(ZONE_CITIES[zone])
    return zone.rpartition("/")[2].replace("_", " ")


def zone_label(zone: str, moment: datetime) -> str:
    """The time zone as people name it, with the abbreviation and offset in force at
    `moment` (summer or winter time): "Sofia time (EET, UTC+2)"."""
    if zone in UTC_ZONES:
        return "UTC"
    local = moment.astimezone(zoneinfo.ZoneInfo(zone))
    abbreviation = local.tzname() or ""
    details = [utc_offset(local.utcoffset() or timedelta(0))]
    if abbreviation.isalpha():  # zones without one are named "+03" by the database
        details.insert(0, str(ZONE_ABBREVIATIONS.get(abbreviation, abbreviation)))
    return gettext("%(city)s time (%(details)s)") % {
        "city": zone_city(zone), "details": ", ".join(details)}


@dataclass(frozen=True)
class When:
    """An event's time in the active language: `start` ("Thursday 5 March 2026, 09:30"),
    `end` ("13:00", or with its date when it ends on another day), `zone`
    ("Sofia time (EET, UTC+2)"), and both moments in ISO 8601 for <time datetime>."""

    start: str
    end: str
    zone: str
    start_iso: str
    end_iso: str
    zone_name: str

    def __str__(self) -> str:
        return f"{self.start}–{self.end} {self.zone}"


def day(moment: datetime) -> str:
    """The weekday and date in the active language: "Thursday 5 March 2026" (from
    WEEKDAY_DATE_FORMAT of clustermeet/formats; a language without one gets "l, " and its
    DATE_FORMAT)."""
    weekday_date = formats.get_format("WEEKDAY_DATE_FORMAT")
    if weekday_date == "WEEKDAY_DATE_FORMAT":  # Django's answer for a name it does not know
        weekday_date = "l, " + formats.get_format("DATE_FORMAT")
    return formats.date_format(moment, weekday_date)


def when(start: datetime, end: datetime, zone: str) -> When:
    """An event from `start` to `end` in its time zone `zone` (an IANA name), in the
    active language."""
    tz = zoneinfo.ZoneInfo(zone)
    start, end = start.astimezone(tz), end.astimezone(tz)
    time_format = formats.get_format("TIME_FORMAT")
    end_text = formats.time_format(end, time_format)
    if end.date() != start.date():
        end_text = f"{day(end)}, {end_text}"
    return When(start=f"{day(start)}, {formats.time_format(start, time_format)}",
                end=end_text, zone=zone_label(zone, start),
                start_iso=start.isoformat(), end_iso=end.isoformat(), zone_name=zone)

