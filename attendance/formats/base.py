"""The one shape every attendance report is read into."""

from dataclasses import dataclass, field
from datetime import datetime


class ReportUnreadable(ValueError):
    """The file is none of the formats, or broken: `message` says why, for the organiser
    (a translatable string; the caller shows it in the page's language)."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class AttendanceRow:
    """One person in the report, their rows (one per join) already summed.

    name: as the video tool shows it ("Name (Original Name)": the original name);
    email: as given, or "" (guests often have none);
    minutes: in the meeting, summed over their joins, whole minutes;
    role: "organiser", "presenter" or "" (an attendee), when the report says so;
    joins: how many rows (joins) the report had for this person;
    first_join, last_leave: their earliest join and latest leave, when the report gives
    them: naive times, in the zone of the tool's account (the reports do not say which).

    A person is keyed by e-mail (case-insensitive), else by name (normalised); the name of
    a guest without e-mail that is the name of exactly one person with an e-mail is theirs.
    The minutes are the seconds of all joins summed, then cut to whole minutes.
    """

    name: str
    email: str
    minutes: int
    role: str = ""
    joins: int = 1
    first_join: datetime | None = None
    last_leave: datetime | None = None


@dataclass(frozen=True)
class AttendanceReport:
    """A report read: its people, the meeting it names (Zoom's meeting id without spaces,
    Teams' Meeting Id when its summary has one) and the meeting's start (naive, as the
    report writes it), and warnings about rows left out (translated in the language active
    while reading)."""

    format: str  # attendance.models.AttendanceImport.Format: "zoom", "teams" or "table"
    rows: list[AttendanceRow]
    meeting_id: str = ""
    started_at: datetime | None = None
    warnings: list[str] = field(default_factory=list)
