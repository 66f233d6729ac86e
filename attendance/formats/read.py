"""Recognise the format of an attendance report and read it.

FOUNDATION VERSION: reads only a UTF-8 CSV with the columns `email` and `minutes` (and an
optional `name`); the formats helper replaces this module with the real reader (Zoom,
Teams, plain CSV/XLSX, every encoding) and keeps the signature.
"""

import csv
import io

from django.utils.translation import gettext_lazy as _

from attendance.formats.base import AttendanceReport, AttendanceRow, ReportUnreadable


def report_read(data: bytes, *, file_name: str = "") -> AttendanceReport:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportUnreadable(_("This file is not a text file we can read.")) from None
    reader = csv.DictReader(io.StringIO(text))
    columns = {name.strip().lower() for name in reader.fieldnames or []}
    if "minutes" not in columns or not columns & {"email", "name"}:
        raise ReportUnreadable(_("This file is no attendance report we know."))
    rows = []
    for row in reader:
        row = {key.strip().lower(): (value or "").strip() for key, value in row.items() if key}
        rows.append(AttendanceRow(name=row.get("name", ""), email=row.get("email", ""),
                                  minutes=int(row["minutes"] or 0)))
    return AttendanceReport(format="table", rows=rows)
