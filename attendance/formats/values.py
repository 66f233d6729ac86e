"""The values inside a report: durations, dates and times in the exporting user's locale,
names, roles.

Durations: a number is minutes ("45", "12.5", "12,5"); "1:02:03" is h:mm:ss and "1:02"
h:mm; units in our languages ("1h 2m 3s", "45m 10s", "32s", "2h", "1 hr 2 min",
"1 Std. 2 Min. 3 Sek.", "1 ч 2 мин").

Dates: "06/15/2021 09:58:12 AM", "6/15/21, 9:58:12 AM", "15.06.21, 09:58:12",
"15/06/2021, 09:58:12", "2021-06-15 09:58:12", "15.06.2021 г., 9:58:12 ч.". Day and month
separated by a dot are day first (German, Bulgarian), year first is year-month-day; with a
slash or a dash the order is decided for the whole file (DateReader): a first number above
12 makes it day first, a second one above 12 month first, and otherwise a 12-hour clock
(AM/PM) says month first (as in the US), a 24-hour one day first. The times are naive: the
report gives them in the exporting tool's zone and does not say which.
"""

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

DURATION_UNIT = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\W\d_]+)\.?", re.UNICODE)
DURATION_CLOCK = re.compile(r"^(\d{1,4}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?$")
MAX_MINUTES = 7 * 24 * 60  # a longer duration is no meeting's
# Longer values are no dates or durations; the bound keeps every regular expression below
# fast on any input (some backtrack on long runs of digits or spaces).
MAX_VALUE = 48
NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
HOURS = ("h", "std", "stun", "hora", "ora", "ore", "ч")
MINUTES = ("m", "мин")
SECONDS = ("s", "сек", "с")

DATE = re.compile(
    r"^\s*(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})\.?\s*(?:г\.?)?\s*,?\s*(?:T|\s)\s*"
    r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d+)?\s*"
    r"(?:([aApP])\.?\s?[mM]\.?)?\s*(?:ч\.?)?\s*$"
)


@lru_cache(maxsize=4096)  # reports repeat their durations (Zoom: whole minutes)
def duration_seconds(value: str) -> int | None:
    """Seconds of a duration as reports write it, or None when it is no duration.

    A negative number is no duration either."""
    value = " ".join(value.split())
    if not value or len(value) > MAX_VALUE:
        return None
    if NUMBER.match(value):
        minutes = float(value.replace(",", "."))
        return round(minutes * 60) if 0 <= minutes <= MAX_MINUTES else None
    clock = DURATION_CLOCK.match(value)
    if clock:
        first, second, third = clock.groups()
        if third is None:
            return int(first) * 3600 + int(second) * 60
        return int(first) * 3600 + int(second) * 60 + int(third)
    total, found = 0.0, False
    for match in DURATION_UNIT.finditer(value):
        number, unit = float(match.group(1).replace(",", ".")), match.group(2).casefold()
        if unit.startswith(HOURS):
            total += number * 3600
        elif unit.startswith(MINUTES):
            total += number * 60
        elif unit.startswith(SECONDS):
            total += number
        else:
            return None
        found = True
    if total > MAX_MINUTES * 60:
        return None
    if not found or DURATION_UNIT.sub("", value).strip(" ,"):
        return None  # something besides numbers with units ("abc", "1h x")
    return round(total)


class DateReader:
    """Reads the dates of one file, in the order of day and month the file's values show."""

    def __init__(self, values: Iterable[str]) -> None:
        self._read: dict[str, datetime | None] = {}
        day_first = month_first = twelve_hour = twenty_four = 0
        for value in set(values):
            match = DATE.match(value) if len(value) <= MAX_VALUE else None
            if not match or match.group(2) == "." or len(match.group(1)) == 4:
                continue
            first, second = int(match.group(1)), int(match.group(3))
            day_first += first > 12
            month_first += second > 12
            if match.group(8):
                twelve_hour += 1
            else:
                twenty_four += 1
        if day_first or month_first:
            self.day_first = day_first >= month_first
        else:
            self.day_first = twenty_four > twelve_hour

    def read(self, value: str) -> datetime | None:
        """The value's date and time, or None when it is none (or no such day)."""
        try:
            return self._read[value]
        except KeyError:
            found = self._read[value] = self._parse(value)
            return found

    def _parse(self, value: str) -> datetime | None:
        match = DATE.match(value) if len(value) <= MAX_VALUE else None
        if not match:
            return None
        a, separator, b, c, hour, minute, second, half = match.groups()
        if len(a) == 4:
            year, month, day = int(a), int(b), int(c)
        elif separator == "." or self.day_first:
            day, month, year = int(a), int(b), int(c)
        else:
            month, day, year = int(a), int(b), int(c)
        if year < 100:
            year += 2000
        hour = int(hour)
        if half:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if half in "pP" else 0)
        try:
            return datetime(year, month, day, hour, int(minute), int(second or 0))
        except ValueError:
            return None


GUEST_MARKS = {"guest", "gast", "external", "extern", "externo", "esterno", "invitado",
               "ospite", "гост", "външен"}


def _bracket_tail(value: str) -> tuple[str, str] | None:
    """("Lena K", "Lena Krause") for "Lena K (Lena Krause)"; None without final brackets.
    (String operations, not a regular expression: linear on any input.)"""
    if not value.endswith(")"):
        return None
    opening = value.rfind("(")
    inside = value[opening + 1:-1]
    if opening < 0 or ")" in inside:
        return None
    return value[:opening].strip(), inside.strip()


def name_clean(value: str) -> str:
    """A display name without the video tool's marks ("Anna Berg (Guest)" → "Anna Berg"),
    single-spaced."""
    value = " ".join(value.split())
    tail = _bracket_tail(value)
    if tail and tail[1].casefold() in GUEST_MARKS:
        return tail[0]
    return value


def name_original(value: str) -> str:
    """Zoom's "Name (Original Name)": the original name when the brackets hold one
    ("Lena K (Lena Krause)" → "Lena Krause"), else the name as shown."""
    value = " ".join(value.split())
    tail = _bracket_tail(value)
    if tail and tail[0]:
        original = tail[1]
        if (any(ch.isalpha() for ch in original) and "/" not in original
                and original.casefold() not in {"host", "co-host", "me", *GUEST_MARKS}):
            return name_clean(original)
    return name_clean(value)


def name_key(value: str) -> str:
    """The name as compared: Unicode-normalised, case-folded, single-spaced."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


ROLES = {
    "organiser": ("organizer", "organiser", "organisator", "organizador", "organizzatore",
                  "организатор", "host", "co-organizer", "co-organiser", "co-host",
                  "mitorganisator", "coorganizador", "co-organizzatore", "съорганизатор"),
    "presenter": ("presenter", "referent", "referentin", "vortragende", "moderator",
                  "presentador", "ponente", "relatore", "presentatore", "panelist",
                  "лектор", "презентатор", "водещ"),
}
ROLE_OF = {word: role for role, words in ROLES.items() for word in words}
ROLE_RANK = {"organiser": 2, "presenter": 1, "": 0}


def role_read(value: str) -> str:
    """"organiser", "presenter" or "" (an attendee, or a role we do not know)."""
    return ROLE_OF.get(name_key(value), "")
