"""Attendance reports as video tools export them, read into one shape.

`report_read(data, file_name=…)` recognises the format by itself (Zoom's participants
report, Microsoft Teams' attendance report, or a plain table of e-mail addresses or names
with minutes, as CSV or XLSX, in any encoding people meet) and returns an AttendanceReport;
a file that is none of them raises ReportUnreadable, whose message (translatable) tells the
organiser why. Nothing here touches the database.
"""

from attendance.formats.base import AttendanceReport, AttendanceRow, ReportUnreadable
from attendance.formats.read import report_read

__all__ = ["AttendanceReport", "AttendanceRow", "ReportUnreadable", "report_read"]
