"""Recognise the format of an attendance report and read it.

In this order: the kind of file by its first bytes (an XLSX workbook is read as the rows of
its first sheet; a PDF, an image, an old XLS or another archive is refused by name); the
text of anything else in its encoding (encoding.py), split into a CSV table's rows with its
delimiter sniffed (table.py); then the rows are Teams' report (teams.py), Zoom's
(zoom.py) or a plain table with e-mail addresses or names and minutes (table.py).
"""

from django.utils.translation import gettext_lazy as _

from attendance.formats.base import AttendanceReport, ReportUnreadable
from attendance.formats.encoding import text_decode
from attendance.formats.people import People, Skipped
from attendance.formats.table import csv_rows, header_find, header_missing, table_dates, table_read
from attendance.formats.teams import teams_read
from attendance.formats.values import DateReader
from attendance.formats.xlsx import xlsx_rows
from attendance.formats.zoom import zoom_header, zoom_read, zoom_summary

MAX_BYTES = 8 * 1024 * 1024

REFUSED_KINDS = (
    (b"%PDF", _("This is a PDF document, not the attendance report itself: export the "
                "report from the video tool as CSV or Excel.")),
    (b"\x89PNG", _("This is an image, not an attendance report: export the report from "
                   "the video tool as CSV or Excel.")),
    (b"\xff\xd8\xff", _("This is an image, not an attendance report: export the report "
                        "from the video tool as CSV or Excel.")),
    (b"GIF8", _("This is an image, not an attendance report: export the report from the "
                "video tool as CSV or Excel.")),
    (b"\xd0\xcf\x11\xe0", _("This is a workbook of the old Excel format (XLS): save it as "
                            "XLSX or CSV and upload that.")),
    (b"\x1f\x8b", _("This is a compressed archive, not an attendance report: upload the "
                    "report itself (CSV or XLSX).")),
    (b"7z\xbc\xaf", _("This is a compressed archive, not an attendance report: upload the "
                      "report itself (CSV or XLSX).")),
    (b"Rar!", _("This is a compressed archive, not an attendance report: upload the "
                "report itself (CSV or XLSX).")),
)


def report_read(data: bytes, *, file_name: str = "") -> AttendanceReport:
    """The attendance report in `data`, whatever its format; ReportUnreadable (and no
    other exception) when it is none we can read. `file_name` only words the messages."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ReportUnreadable(_("This file is empty."))
    if len(data) > MAX_BYTES:
        raise ReportUnreadable(
            _("This file is larger than %(limit)d MB, far more than an attendance report: "
              "is it the right file?") % {"limit": MAX_BYTES // (1024 * 1024)})
    for magic, message in REFUSED_KINDS:
        if data.startswith(magic):
            raise ReportUnreadable(message)
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        rows = xlsx_rows(data)
    elif file_name.lower().endswith((".xlsx", ".xlsm")):
        raise ReportUnreadable(_("This file is named like an Excel workbook (.xlsx) "
                                 "but is not one: export the report again."))
    else:
        rows = csv_rows(text_decode(data))
    if not any(any(row) for row in rows):
        raise ReportUnreadable(_("This file is empty."))
    report = _recognise(rows)
    if not report.rows:
        reason = report.warnings[0] if report.warnings else ""
        raise ReportUnreadable((_("No participant could be read from this report. %(reason)s")
                                % {"reason": reason}).strip())
    return report


def _recognise(rows: list[list[str]]) -> AttendanceReport:
    report = teams_read(rows)
    if report is not None:
        return report
    summary = zoom_summary(rows)
    header = None if summary else zoom_header(rows)
    if summary or header:
        return zoom_read(rows, summary, header)
    return _table_read(rows)


def _table_read(rows: list[list[str]]) -> AttendanceReport:
    header = header_find(rows)
    if header is None:
        raise header_missing(rows)
    people, skipped = People(), Skipped()
    dates = DateReader(table_dates(rows, header))
    table_read(rows, header, people=people, skipped=skipped, dates=dates)
    return AttendanceReport(format="table", rows=people.rows(), warnings=skipped.warnings())
