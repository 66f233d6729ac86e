"""Microsoft Teams' attendance report (the meeting's "Attendance" tab, "Download").

Often UTF-16 with tabs. Today's report has numbered sections, their titles in the
exporting user's language: "1. Summary" (Meeting title, Start time, End time, Meeting
duration, …, sometimes the Meeting Id), "2. Participants" (`Name`, `First Join`, `Last
Leave`, `In-Meeting Duration`, `Email`, `Participant ID (UPN)`, `Role`: one line per
person, their minutes as Teams counts them) and "3. In-Meeting Activities" (`Name`, `Join
Time`, `Leave Time`, `Duration`, `Email`, `Role`: one line per join). The participants give
the minutes, first join and last leave; the activities the number of joins (and the
minutes, when a report has no participants' section). The sections are told apart by their
headers, not by their titles (German: `Teilnehmer`, `Erster Beitritt`, `Letztes Verlassen`,
`Dauer in der Besprechung`, `E-Mail`, `Rolle`).

The older report ("Meeting Summary", then `Full Name`, `User Action`, `Timestamp` with
"Joined" and "Left" lines) gives the minutes from each person's join/leave pairs; a join
without a leave lasts until the meeting's end.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from attendance.formats.base import AttendanceReport, ReportUnreadable
from attendance.formats.people import People, Skipped
from attendance.formats.table import (
    ACTION,
    EMAIL,
    JOIN,
    NAME,
    TIMESTAMP,
    UPN,
    Header,
    cell,
    header_find,
    header_key,
    header_of,
    table_dates,
    table_read,
)
from attendance.formats.values import DateReader, name_clean, name_key

SECTION = re.compile(r"^\d{1,2}\.\s*[^\W\d_]")
SUMMARY_TITLES = ("meeting summary", "besprechungszusammenfassung", "zusammenfassung",
                  "resumen de la reunión", "riepilogo della riunione", "обобщение")
START_WORDS = ("start", "beginn", "inicio", "inizio", "начал")
END_WORDS = ("end", "fin", "termine", "край")  # "Average attendance time" too: no date
MEETING_ID = ("meeting id", "meeting-id", "besprechungs-id", "id de la reunión",
              "id della riunione", "id на срещата")
FIRST_WORDS = ("first", "erst", "primer", "prim", "първ")
JOINED = ("join", "beigetreten", "beitr", "se unió", "unido", "entr", "partecip",
          "присъедин", "влез")
LEFT = ("left", "leave", "verlassen", "salió", "abbandon", "uscit", "напусн", "излез")


@dataclass
class _Parts:
    summary: dict[str, str] = field(default_factory=dict)
    participants: list[tuple[Header, int]] = field(default_factory=list)
    activities: list[tuple[Header, int]] = field(default_factory=list)


def teams_read(rows: list[list[str]]) -> AttendanceReport | None:
    """The report, or None when the rows are not a Teams report."""
    titles = [index for index, row in enumerate(rows) if _is_title(row)]
    first_cell = header_key(rows[0][0]) if rows and rows[0] else ""
    header = header_find(rows) if not titles else None
    actions = _actions_header(rows)
    if actions:
        return _actions_read(rows, actions)
    if not titles and first_cell not in SUMMARY_TITLES and not (header and header.has(UPN)):
        return None
    parts = _parts(rows, titles)
    if not parts.participants and not parts.activities:
        raise ReportUnreadable(_("This Teams attendance report lists no participants."))
    every = parts.participants or parts.activities
    dates = DateReader([*_summary_times(parts.summary),
                        *(value for header, end in every
                          for value in table_dates(rows, header, end))])
    participants, activities, skipped = People(), People(), Skipped()
    for header, end in parts.participants:
        table_read(rows, header, people=participants, skipped=skipped, dates=dates, end=end)
    for header, end in parts.activities:
        # With a participants' section, the activities only count each person's joins.
        table_read(rows, header, people=activities, end=end,
                   skipped=Skipped() if parts.participants else skipped, dates=dates,
                   joins_only=bool(parts.participants))
    if parts.participants:
        participants.joins_from(activities)
        people = participants
    else:
        people = activities
    return AttendanceReport(format="teams", rows=people.rows(),
                            meeting_id=_meeting_id(parts.summary),
                            started_at=_summary_time(parts.summary, dates, START_WORDS),
                            warnings=skipped.warnings())


def _is_title(row: list[str]) -> bool:
    cells = [value for value in row if value]
    return len(cells) == 1 and bool(SECTION.match(cells[0]))


def _parts(rows: list[list[str]], titles: list[int]) -> _Parts:
    parts = _Parts()
    bounds = [-1, *titles, len(rows)]
    for start, end in zip(bounds, bounds[1:], strict=False):
        header = header_find(rows, start + 1, end)
        top = header.index if header else end
        for row in rows[start + 1:top]:
            if len(row) >= 2 and row[0] and row[1]:
                parts.summary.setdefault(header_key(row[0]), row[1])
        if header:
            join_name = header_key(header.names[header.columns[JOIN]]) \
                if JOIN in header.columns else ""
            if join_name.startswith(FIRST_WORDS):
                parts.participants.append((header, end))
            else:
                parts.activities.append((header, end))
    return parts


def _summary_times(summary: dict[str, str]) -> list[str]:
    return [value for key, value in summary.items()
            if any(word in key for word in START_WORDS + END_WORDS)]


def _summary_time(summary: dict[str, str], dates: DateReader,
                  words: tuple[str, ...]) -> datetime | None:
    """The first time in the summary under a label with one of `words` ("Start time",
    "Startzeit", "Meeting End Time"…)."""
    for key, value in summary.items():
        if any(word in key for word in words):
            found = dates.read(value)
            if found:
                return found
    return None


def _meeting_id(summary: dict[str, str]) -> str:
    for key, value in summary.items():
        if key in MEETING_ID:
            return value.strip()[:100]
    return ""


# The older report: Joined/Left lines.

def _actions_header(rows: list[list[str]]) -> Header | None:
    for index in range(min(len(rows), 40)):
        if sum(1 for value in rows[index] if value) >= 3:
            header = header_of(rows, index)
            if header.has(NAME, ACTION, TIMESTAMP):
                return header
    return None


def _action(value: str) -> str:
    key = header_key(value)
    if key.startswith(LEFT) or any(word in key for word in LEFT):
        return "left"
    if key.startswith(JOINED) or any(word in key for word in JOINED):
        return "joined"
    return ""


def _actions_read(rows: list[list[str]], header: Header) -> AttendanceReport:
    summary = {header_key(row[0]): row[1] for row in rows[:header.index]
               if len(row) >= 2 and row[0] and row[1]}
    body = rows[header.index + 1:]
    dates = DateReader([*_summary_times(summary),
                        *(cell(row, header, TIMESTAMP) for row in body)])
    skipped, events = Skipped(), []
    for number, row in enumerate(body, header.index + 2):
        if not any(row):
            continue
        name, email = name_clean(cell(row, header, NAME)), cell(row, header, EMAIL)
        email = email if "@" in email else ""
        action, time = _action(cell(row, header, ACTION)), dates.read(cell(row, header,
                                                                            TIMESTAMP))
        if not name and not email:
            skipped.person.append(number)
        elif not action or time is None:
            skipped.timestamp.append(number)
        else:
            events.append((time, number, name, email, action))
    if not events:
        raise ReportUnreadable(_("This Teams attendance report has no join or leave line "
                                 "we can read."))
    events.sort(key=lambda event: (event[0], event[1]))
    people, open_joins = People(), {}
    for time, _number, name, email, action in events:
        key = email.casefold() or name_key(name)
        if action == "joined":
            open_joins.setdefault(key, (time, name, email))
        elif key in open_joins:
            joined, name, email = open_joins.pop(key)
            people.add(name=name, email=email, seconds=int((time - joined).total_seconds()),
                       first_join=joined, last_leave=time)
    end = _summary_time(summary, dates, END_WORDS) or events[-1][0]
    for joined, name, email in open_joins.values():
        people.add(name=name, email=email,
                   seconds=max(0, int((end - joined).total_seconds())),
                   first_join=joined, last_leave=max(end, joined))
    warnings = skipped.warnings()
    if open_joins:
        warnings.append(ngettext(
            "%(count)d person has no “Left” line: counted until the meeting's end.",
            "%(count)d people have no “Left” line: counted until the meeting's end.",
            len(open_joins)) % {"count": len(open_joins)})
    rows = sorted(people.rows(), key=lambda row: row.first_join)  # in order of arrival
    return AttendanceReport(format="teams", rows=rows, meeting_id=_meeting_id(summary),
                            started_at=_summary_time(summary, dates, START_WORDS),
                            warnings=warnings)
