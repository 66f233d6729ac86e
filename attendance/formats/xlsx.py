"""The first sheet of an Excel workbook (XLSX), as rows of text like a CSV file's.

A workbook is a ZIP archive: before openpyxl opens it, its members' declared sizes are
checked (in all, and against their compressed sizes: a "zip bomb" declares gigabytes in a
few kilobytes; Python's zipfile never inflates a member beyond its declared size) and its
XML parts must not declare entities (DOCTYPE). openpyxl reads it in read-only mode, and at
most MAX_ROWS rows and MAX_COLUMNS columns.
"""

import io
import re
import zipfile
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext_lazy as _

from attendance.formats.base import ReportUnreadable

MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for members above RATIO_FROM bytes
RATIO_FROM = 1024 * 1024
MAX_MEMBERS = 2000
MAX_ROWS = 100_000
MAX_COLUMNS = 60
PROLOG = 64 * 1024
ROOT_START = re.compile(rb"<[A-Za-z_]")


def xlsx_rows(data: bytes) -> list[list[str]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except Exception:  # zipfile raises more than BadZipFile on a damaged archive
        raise ReportUnreadable(_("This file looks like an Excel workbook but is damaged: "
                                 "export the report again.")) from None
    _archive_check(archive, members)
    try:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            rows = [[_text(value) for value in row]
                    for row in sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS,
                                               values_only=True)]
        finally:
            book.close()
    except ReportUnreadable:
        raise
    except Exception:  # openpyxl raises anything on a broken workbook: all mean "damaged"
        raise ReportUnreadable(_("This Excel workbook cannot be read (it is damaged or "
                                 "not a workbook): export the report again, or as "
                                 "CSV.")) from None
    return rows


def _archive_check(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        raise ReportUnreadable(_("This file is a ZIP archive, not an Excel workbook: "
                                 "upload the report itself (CSV or XLSX)."))
    if "xl/workbook.bin" in names:
        raise ReportUnreadable(_("This is a binary Excel workbook (XLSB): save it as "
                                 "XLSX or CSV."))
    total = sum(member.file_size for member in members)
    bomb = len(members) > MAX_MEMBERS or total > MAX_UNCOMPRESSED or any(
        member.file_size > RATIO_FROM
        and member.file_size > MAX_RATIO * max(member.compress_size, 1)
        for member in members)
    if bomb:
        raise ReportUnreadable(_("This Excel workbook unpacks to far more than an attendance "
                                 "report can hold (at most %(limit)d MB): it is refused.")
                               % {"limit": MAX_UNCOMPRESSED // (1024 * 1024)})
    try:
        entities = any(_declares_entities(archive, member) for member in members
                       if member.filename.endswith((".xml", ".rels")))
    except Exception:  # zipfile's and the decompressors' errors: a damaged archive
        raise ReportUnreadable(_("This file looks like an Excel workbook but is damaged: "
                                 "export the report again.")) from None
    if entities:
        raise ReportUnreadable(_("This Excel workbook declares XML entities, which "
                                 "workbooks never need: it is refused."))


def _declares_entities(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether the XML part has a DOCTYPE (where entities are declared) before its root
    element: the prolog is read up to the root, at most PROLOG bytes."""
    with archive.open(member) as part:
        head = part.read(PROLOG)
    prolog = ROOT_START.split(head, maxsplit=1)[0]
    return b"<!DOCTYPE" in prolog.upper() or len(prolog) == len(head) == PROLOG


def _text(value) -> str:
    """A cell as the CSV export of the same sheet would write it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time):
        return f"{value.hour}:{value.minute:02d}:{value.second:02d}"
    if isinstance(value, timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
