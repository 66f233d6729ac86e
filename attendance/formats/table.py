"""Tables: a CSV text split into rows, a table's header recognised by its column names (in
our five languages, and the video tools' own), and its rows read into people.

A plain table, for any other tool, needs a column with e-mail addresses or names and one
with minutes or a duration (or a join and a leave time to compute it from); first and last
name columns, a role column and join/leave times are read when present.
"""

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from django.utils.translation import gettext_lazy as _

from attendance.formats.base import ReportUnreadable
from attendance.formats.people import People, Skipped
from attendance.formats.values import (
    MAX_MINUTES,
    DateReader,
    duration_seconds,
    name_clean,
    name_original,
    role_read,
)

HEADER_SEARCH = 40  # lines a header may be preceded by (a summary block, a title)
MAX_COLUMNS = 60
MAX_HEADER = 100  # a longer cell is no column's name
MAX_SECTIONS = 20  # tables one table_read follows (a header row in the rows starts one)
SNIFF_LINES = 60
DELIMITERS = ("\t", ";", ",")

# Column kinds: what a column holds.
EMAIL, NAME, NAME_ORIGINAL, FIRST, LAST, MINUTES, DURATION = (
    "email", "name", "name_original", "first", "last", "minutes", "duration")
JOIN, LEAVE, ROLE, UPN, GUEST, WAITING, ACTION, TIMESTAMP = (
    "join", "leave", "role", "upn", "guest", "waiting", "action", "timestamp")

EXACT = {
    # Zoom
    "name (original name)": NAME_ORIGINAL, "name(original name)": NAME_ORIGINAL,
    "user name (original name)": NAME_ORIGINAL, "user email": EMAIL, "guest": GUEST,
    "is guest": GUEST, "in waiting room": WAITING, "recording consent": None,
    "recording disclaimer response": None,
    # Teams
    "participant id (upn)": UPN, "upn": UPN, "teilnehmer-id (upn)": UPN,
    "user action": ACTION, "benutzeraktion": ACTION, "timestamp": TIMESTAMP,
    "zeitstempel": TIMESTAMP, "full name": NAME, "vollständiger name": NAME,
    # the others, in our five languages
    "first name": FIRST, "firstname": FIRST, "given name": FIRST, "vorname": FIRST,
    "nombre de pila": FIRST, "nome di battesimo": FIRST, "собствено име": FIRST,
    "last name": LAST, "lastname": LAST, "surname": LAST, "family name": LAST,
    "nachname": LAST, "familienname": LAST, "apellido": LAST, "apellidos": LAST,
    "cognome": LAST, "фамилия": LAST,
    "role": ROLE, "rolle": ROLE, "rol": ROLE, "ruolo": ROLE, "роля": ROLE,
    "mail": EMAIL, "correo": EMAIL, "posta elettronica": EMAIL, "имейл": EMAIL,
    "email": EMAIL, "e-mail": EMAIL,
    # a summary's columns, not a participant's
    "participants": None, "topic": None, "meeting id": None, "id": None,
}
# Columns that are none of ours although their names contain our words ("Country/Region
# Name", "Company name").
IGNORED = ("country", "region", "company", "organi", "firma", "empresa", "azienda",
           "фирма", "организация", "state", "city", "title", "device", "ip address")
# Then by the words a column's name contains, in this order.
CONTAINS = (
    (EMAIL, ("mail", "correo", "posta elettronica", "имейл", "поща")),
    (MINUTES, ("minute", "minuten", "minutos", "minuti", "минут", "(min)", "mins")),
    (DURATION, ("duration", "dauer", "duración", "duracion", "durata", "продължителност",
                "time attended", "attendance time", "time in session", "anwesenheit")),
    (JOIN, ("join", "beitritt", "beigetreten", "entrada", "ingreso", "ingresso",
            "accesso", "влизане", "присъедин")),
    (LEAVE, ("leave", "left", "exit", "verlassen", "salida", "uscita", "излизане",
             "напускане")),
    (NAME, ("name", "nombre", "nome", "име", "participant", "teilnehmer", "attendee",
            "asistente", "partecipante", "participante", "участник")),
)
WANTED = _("a column with e-mail addresses or names (such as “Email” or “Name”) and one "
           "with minutes or a duration (such as “Minutes” or “Duration”)")


def header_key(value: str) -> str:
    return " ".join(value.replace("\ufeff", "").strip().strip('"').casefold().split())


def _words(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(word) for word in words))


IGNORED_WORDS = _words(IGNORED)
CONTAINS_WORDS = [(kind, _words(words)) for kind, words in CONTAINS]


@lru_cache(maxsize=1024)
def column_kind(header: str) -> str | None:
    key = header_key(header[:MAX_HEADER])
    if not key:
        return None
    if key in EXACT:
        return EXACT[key]
    if IGNORED_WORDS.search(key):
        return None
    for kind, words in CONTAINS_WORDS:
        if words.search(key):
            return kind
    return None


@dataclass
class Header:
    index: int  # the header's row
    columns: dict[str, int]  # kind → column (the first of each kind)
    names: list[str]  # the header's cells as written

    def has(self, *kinds: str) -> bool:
        return all(kind in self.columns for kind in kinds)

    @property
    def readable(self) -> bool:
        who = self.columns.keys() & {EMAIL, NAME, NAME_ORIGINAL, FIRST, LAST}
        how_long = self.has(MINUTES) or self.has(DURATION) or self.has(JOIN, LEAVE)
        return bool(who) and how_long


def header_of(rows: list[list[str]], index: int) -> Header:
    columns: dict[str, int] = {}
    for position, cell in enumerate(rows[index][:MAX_COLUMNS]):
        kind = column_kind(cell)
        if kind and kind not in columns:
            columns[kind] = position
    return Header(index, columns, rows[index])


def header_find(rows: list[list[str]], start: int = 0, end: int | None = None
                ) -> Header | None:
    """The first readable header from row `start` on (within HEADER_SEARCH rows, and
    before row `end`)."""
    end = len(rows) if end is None else end
    for index in range(start, min(end, start + HEADER_SEARCH)):
        if sum(1 for cell in rows[index] if cell) >= 2:
            header = header_of(rows, index)
            if header.readable:
                return header
    return None


def header_missing(rows: list[list[str]]) -> ReportUnreadable:
    """The refusal of a table without a header we can read: it names what it found."""
    first = next((row for row in rows[:HEADER_SEARCH] if sum(1 for c in row if c) >= 2),
                 None)
    if first is None:
        return ReportUnreadable(_(
            "This file holds no table: an attendance report needs %(wanted)s.")
            % {"wanted": WANTED})
    found = ", ".join(f"“{cell[:40]}”" for cell in first[:12] if cell)
    return ReportUnreadable(_(
        "The columns of this table are not those of an attendance report. It needs "
        "%(wanted)s; its first line has: %(found)s.") % {"wanted": WANTED, "found": found})


def csv_rows(text: str) -> list[list[str]]:
    """The rows of a CSV text, its delimiter (tab, semicolon or comma) sniffed from its
    first lines; cells stripped."""
    delimiter = _delimiter(text)
    try:
        return [list(map(str.strip, row[:MAX_COLUMNS]))
                for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error:
        raise ReportUnreadable(_("This file is no table we can read (a CSV file with "
                                 "a broken line).")) from None


def _delimiter(text: str) -> str:
    lines = [line for line in text[:200_000].splitlines()[:SNIFF_LINES] if line.strip()]
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        widths = [count for count in counts if count > 1]
        if not widths:
            continue
        # The delimiter that splits the most lines, then the most consistently.
        mode = max(set(widths), key=widths.count)
        score = len(widths) * 1_000_000 + widths.count(mode) * 1000 + min(mode, 999)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def cell(row: list[str], header: Header, kind: str) -> str:
    position = header.columns.get(kind)
    if position is None or position >= len(row):
        return ""
    return row[position]


def table_dates(rows: list[list[str]], header: Header, end: int | None = None) -> list[str]:
    """The join and leave times of the rows under `header` (up to row `end`)."""
    positions = [header.columns[kind] for kind in (JOIN, LEAVE) if kind in header.columns]
    return [row[position] for row in rows[header.index + 1:end] for position in positions
            if position < len(row)]


FIELDS = (NAME_ORIGINAL, NAME, FIRST, LAST, EMAIL, UPN, JOIN, LEAVE, MINUTES, DURATION, ROLE,
          WAITING)
IN_WAITING_ROOM = {"yes", "ja", "sí", "si", "да", "true", "1"}


class _Cells:
    """A row's cells in the order of FIELDS, taken in one step; "" for a kind the table
    lacks or a row too short to have."""

    def __init__(self, header: Header) -> None:
        self.width = max(header.columns.values(), default=0) + 1
        self.pad = [""] * (self.width + 1)
        self.take = itemgetter(*(header.columns.get(kind, self.width) for kind in FIELDS))

    def __call__(self, row: list[str]) -> tuple[str, ...]:
        return self.take(row[:self.width] + self.pad)


def table_read(rows: list[list[str]], header: Header, *, people: People, skipped: Skipped,
               dates: DateReader, end: int | None = None, joins_only: bool = False) -> None:
    """Reads the rows under `header` (up to row `end`) into `people`; a row that cannot be
    read is skipped (`skipped` says which). `joins_only`: only each person's rows are
    counted (their times and minutes come from elsewhere).

    A row that is a header itself (no digit in it, and readable as a header) starts a table
    of other columns: Zoom's webinar report has one per section (host, panelists,
    attendees)."""
    cells, name_of, sections = _Cells(header), _name_reader(header), 1
    for number in range(header.index + 1, len(rows) if end is None else end):
        row = rows[number]
        if not any(row):
            continue
        if sections < MAX_SECTIONS and not any(character.isdigit() for value in row
                                                 for character in value):
            another = header_of(rows, number)
            if another.readable:
                cells, name_of, sections = _Cells(another), _name_reader(another), sections + 1
                continue
        (original, name, first, last, email, upn, join_text, leave_text, minutes, duration,
         role, waiting) = cells(row)
        if waiting and waiting.casefold() in IN_WAITING_ROOM:
            continue  # time in Zoom's waiting room is no attendance
        name = name_of(original, name, first, last)
        if not email and "@" in upn and "#ext#" not in upn.casefold():
            email = upn
        if "@" not in email:
            email = ""
        if not name and not email:
            skipped.person.append(number + 1)
            continue
        if joins_only:
            people.add(name=name, email=email, seconds=0)
            continue
        first_join = dates.read(join_text) if join_text else None
        last_leave = dates.read(leave_text) if leave_text else None
        if (join_text and first_join is None) or (leave_text and last_leave is None):
            skipped.times.append(number + 1)
        seconds = duration_seconds(minutes or duration)
        if seconds is None and first_join and last_leave and last_leave >= first_join:
            seconds = int((last_leave - first_join).total_seconds())
        if seconds is None or seconds > MAX_MINUTES * 60:
            skipped.duration.append(number + 1)
            continue
        people.add(name=name, email=email, seconds=seconds, role=role_read(role),
                   first_join=first_join, last_leave=last_leave)


def _name_reader(header: Header):
    return (_name_original if NAME_ORIGINAL in header.columns
            else _name if NAME in header.columns else _name_parts)


def _name_original(original: str, name: str, first: str, last: str) -> str:
    return name_original(original)


def _name(original: str, name: str, first: str, last: str) -> str:
    return name_clean(name)


def _name_parts(original: str, name: str, first: str, last: str) -> str:
    return name_clean(f"{first} {last}")
