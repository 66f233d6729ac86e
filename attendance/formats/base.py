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
    joins: how many rows (joins) the report had for this person.
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
    format: str  # attendance.models.AttendanceImport.Format: "zoom", "teams" or "table"
    rows: list[AttendanceRow]
    meeting_id: str = ""
    started_at: datetime | None = None
    warnings: list[str] = field(default_factory=list)
