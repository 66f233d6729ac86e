"""Zoom's participants report (Reports → Usage → Participants, "Export").

It may begin with the meeting's summary (a header line such as `Meeting ID,Topic,Start
Time,End Time,User Email,Duration (Minutes),Participants`, one line of values, an empty
line) before the participants' table (`Name (Original Name),User Email,Join Time,Leave
Time,Duration (Minutes),Guest,…`, one line per join); without "Show unique users" a person
who left and came back has one line per join, summed here. The summary's `User Email` is
the meeting's host: that person is marked as the organiser. Lines of time spent in the
waiting room are no attendance.
"""

import re

from django.utils.translation import gettext_lazy as _

from attendance.formats.base import AttendanceReport, ReportUnreadable
from attendance.formats.people import People, Skipped
from attendance.formats.table import (
    GUEST,
    JOIN,
    LEAVE,
    NAME_ORIGINAL,
    WAITING,
    Header,
    header_find,
    header_key,
    table_dates,
    table_read,
)
from attendance.formats.values import DateReader

SUMMARY_ID = ("meeting id", "webinar id", "id")
SUMMARY_HOST = ("user email", "host email")


def zoom_summary(rows: list[list[str]]) -> dict[str, str] | None:
    """The summary block's values by their (normalised) column names, or None."""
    if len(rows) < 2:
        return None
    keys = [header_key(cell) for cell in rows[0]]
    if "start time" in keys and {"meeting id", "webinar id", "id", "topic"} & set(keys):
        return dict(zip(keys, rows[1], strict=False))
    return None


def zoom_header(rows: list[list[str]]) -> Header | None:
    """The participants' header of a Zoom report without summary, or None."""
    header = header_find(rows)
    if header is None:
        return None
    if NAME_ORIGINAL in header.columns:  # with "Show unique users" even without times
        return header
    zoomish = header.columns.keys() & {GUEST, WAITING}
    user_email = any(header_key(name) == "user email" for name in header.names)
    return header if header.has(JOIN, LEAVE) and (zoomish or user_email) else None


def zoom_read(rows: list[list[str]], summary: dict[str, str] | None,
              header: Header | None) -> AttendanceReport:
    summary = summary or {}
    if header is None:
        header = header_find(rows, 2)
    if header is None:
        raise ReportUnreadable(_(
            "This Zoom report holds only the meeting's summary, not the list of its "
            "participants: export the meeting's participants report (Reports → Usage → "
            "Participants)."))
    dates = DateReader([summary.get("start time", ""), summary.get("end time", ""),
                        *table_dates(rows, header)])
    people, skipped = People(), Skipped()
    table_read(rows, header, people=people, skipped=skipped, dates=dates)
    host = next((summary[key] for key in SUMMARY_HOST if summary.get(key)), "")
    if host:
        people.mark(email=host, role="organiser")
    meeting_id = next((summary[key] for key in SUMMARY_ID if summary.get(key)), "")
    return AttendanceReport(
        format="zoom", rows=people.rows(),
        meeting_id=re.sub(r"\s+", "", meeting_id)[:100],
        started_at=dates.read(summary.get("start time", "")),
        warnings=skipped.warnings())
