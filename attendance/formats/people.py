"""The people of a report: its rows (one per join) summed per person, and the warnings
about rows that could not be read."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import ngettext

from attendance.formats.base import AttendanceRow
from attendance.formats.values import ROLE_RANK, name_key

ROWS_NAMED = 10  # row numbers a warning lists before "…"


@dataclass
class _Person:
    name: str
    email: str
    seconds: int
    role: str
    joins: int
    first_join: datetime | None
    last_leave: datetime | None


class People:
    """Rows summed per person: keyed by e-mail (case-insensitive), else by normalised name.

    A person's seconds and joins are added up, their first join and last leave kept, the
    highest role kept (organiser, presenter, attendee)."""

    def __init__(self) -> None:
        self._people: dict[str, _Person] = {}

    def add(self, *, name: str, email: str, seconds: int, role: str = "", joins: int = 1,
            first_join: datetime | None = None, last_leave: datetime | None = None) -> None:
        email = email.strip()
        key = "@" + email.casefold() if email else name_key(name)
        person = self._people.get(key)
        if person is None:
            self._people[key] = _Person(name, email, seconds, role, joins, first_join,
                                        last_leave)
            return
        person.seconds += seconds
        person.joins += joins
        person.name = person.name or name
        if ROLE_RANK[role] > ROLE_RANK[person.role]:
            person.role = role
        if first_join and (person.first_join is None or first_join < person.first_join):
            person.first_join = first_join
        if last_leave and (person.last_leave is None or last_leave > person.last_leave):
            person.last_leave = last_leave

    def __len__(self) -> int:
        return len(self._people)

    def mark(self, *, email: str, role: str) -> None:
        """Gives the person with this e-mail the role (the meeting's host, say)."""
        person = self._people.get("@" + email.strip().casefold())
        if person and ROLE_RANK[role] > ROLE_RANK[person.role]:
            person.role = role

    def joins_from(self, other: "People") -> None:
        """Takes each person's number of joins from another reading of the same meeting
        (Teams: the participants' section gives the minutes, the activities the joins)."""
        for key, person in self._people.items():
            if key in other._people:
                person.joins = other._people[key].joins

    def rows(self) -> list[AttendanceRow]:
        """One row per person, in the order they first appear. A name without e-mail that
        is the name of exactly one person with an e-mail is that person (Zoom gives a
        participant's e-mail only while they are signed in)."""
        by_name: dict[str, list[str]] = {}
        for key, person in self._people.items():
            if person.email:
                by_name.setdefault(name_key(person.name), []).append(key)
        merged = dict(self._people)
        for key, person in self._people.items():
            owners = by_name.get(key, []) if not person.email else []
            if len(owners) == 1:
                owner = merged[owners[0]]
                del merged[key]
                owner.seconds += person.seconds
                owner.joins += person.joins
                if ROLE_RANK[person.role] > ROLE_RANK[owner.role]:
                    owner.role = person.role
                if person.first_join and (owner.first_join is None
                                          or person.first_join < owner.first_join):
                    owner.first_join = person.first_join
                if person.last_leave and (owner.last_leave is None
                                          or person.last_leave > owner.last_leave):
                    owner.last_leave = person.last_leave
        return [AttendanceRow(name=p.name, email=p.email, minutes=p.seconds // 60,
                              role=p.role, joins=p.joins, first_join=p.first_join,
                              last_leave=p.last_leave)
                for p in merged.values()]


class Skipped:
    """Rows left out of a report, by reason, as warnings for the organiser."""

    def __init__(self) -> None:
        self.duration: list[int] = []
        self.person: list[int] = []
        self.times: list[int] = []
        self.timestamp: list[int] = []

    def warnings(self) -> list[str]:
        found = []
        if self.duration:
            found.append(ngettext(
                "Row %(rows)s was left out: its minutes or duration are missing, negative "
                "or not a duration.",
                "Rows %(rows)s were left out: their minutes or durations are missing, "
                "negative or not durations.", len(self.duration))
                % {"rows": _numbers(self.duration)})
        if self.person:
            found.append(ngettext(
                "Row %(rows)s was left out: it has neither a name nor an e-mail address.",
                "Rows %(rows)s were left out: they have neither a name nor an e-mail "
                "address.", len(self.person)) % {"rows": _numbers(self.person)})
        if self.times:
            found.append(ngettext(
                "The join or leave time of row %(rows)s could not be read; its minutes "
                "count, its times are left empty.",
                "The join or leave times of rows %(rows)s could not be read; their minutes "
                "count, their times are left empty.", len(self.times))
                % {"rows": _numbers(self.times)})
        if self.timestamp:
            found.append(ngettext(
                "Row %(rows)s was left out: its time or action (joined, left) could not "
                "be read.",
                "Rows %(rows)s were left out: their times or actions (joined, left) could "
                "not be read.", len(self.timestamp)) % {"rows": _numbers(self.timestamp)})
        return found


def _numbers(rows: list[int]) -> str:
    shown = ", ".join(str(number) for number in rows[:ROWS_NAMED])
    return shown + (", …" if len(rows) > ROWS_NAMED else "")
