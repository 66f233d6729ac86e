"""Registration lists as files: CSV streamed row by row, XLSX written by openpyxl's
write-only workbook. Both hold exactly the rows of the filtered list (all its pages), read
in chunks (`.iterator(chunk_size=…)`), never all at once.

Cells are neutralised against formula injection (a name such as `=HYPERLINK(…)` typed
into the public registration form): in CSV a text beginning with =, +, -, @, a tab, a
carriage return or a line feed gets a leading apostrophe, as OWASP advises; in XLSX every
text is written as a string cell (never a formula), shown exactly as it was typed.

Headers and labels (state, kind, country, language, yes/no) are in the language active when
the export is built (the organiser's); everything translated is resolved before the first
row is read, since a streamed response is read after the view has returned.
"""

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from events.models import Event, Organisation
from orga.queries_registrations import registration_rows
from registrations.models import Registration

CHUNK_ROWS = 2000          # rows read from the database at a time
CSV_LINES_PER_WRITE = 500  # lines joined into one piece of the streamed response
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
DATE_FORMAT = "%Y-%m-%d %H:%M"


def csv_safe(text: str) -> str:
    """A text a spreadsheet will not run as a formula: with a leading apostrophe when it
    begins like one."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class Labels:
    """Everything an export writes in the organiser's language, resolved at once."""

    headers: list[str]
    states: dict[str, str]
    kinds: dict[str, str]
    countries: dict[str, str]
    languages: dict[str, str]
    events: dict[int, str]
    yes: str
    no: str
    zone: datetime.tzinfo


def labels_now(*, events: Iterable[Event], with_event: bool) -> Labels:
    """The headers and labels in the active language (call it in the view)."""
    zone = timezone.get_current_timezone()
    zone_name = str(zone)
    headers = [_("Name"), _("E-mail address"), _("Organisation"), _("Kind of organisation"),
               _("Country"), _("Language")]
    if with_event:
        headers.append(_("Event"))
    headers += [_("State"), _("Position on the waiting list"),
                _("Registered at (%(zone)s)") % {"zone": zone_name},
                _("Confirmed at (%(zone)s)") % {"zone": zone_name},
                _("Attended"), _("Minutes attended")]
    return Labels(
        headers=headers,
        states={value: str(label) for value, label in Registration.State.choices},
        kinds={value: str(label) for value, label in Organisation.Kind.choices},
        countries={code: str(name) for code, name in countries},
        languages={code: str(name) for code, name in settings.CONTENT_LANGUAGES},
        events={event.pk: event.title for event in events} if with_event else {},
        yes=_("yes"), no=_("no"), zone=zone,
    )


def _rows(registrations: QuerySet[Registration], labels: Labels, *,
          with_event: bool) -> Iterator[list[Any]]:
    """Each registration as its cells: texts, numbers and local times (naive, in the zone
    the headers name), read CHUNK_ROWS at a time."""
    yes_no = {True: labels.yes, False: labels.no, None: ""}
    for (_pk, event_id, state, requested_at, confirmed_at, attended, minutes, name, email,
         organisation, kind, country, language, position) in (
            registration_rows(registrations).iterator(chunk_size=CHUNK_ROWS)):
        row = [name, email, organisation, labels.kinds.get(kind, kind),
               labels.countries.get(country, country), labels.languages.get(language, language)]
        if with_event:
            row.append(labels.events.get(event_id, ""))
        row += [labels.states.get(state, state), position, _local(requested_at, labels.zone),
                _local(confirmed_at, labels.zone), yes_no[attended], minutes]
        yield row


def _local(moment: datetime.datetime | None, zone: datetime.tzinfo) -> datetime.datetime | None:
    return None if moment is None else timezone.localtime(moment, zone).replace(tzinfo=None)


class _Line:
    """A file-like object for csv.writer that hands back what was written."""

    def write(self, text: str) -> str:
        return text


def csv_stream(registrations: QuerySet[Registration], labels: Labels, *, with_event: bool,
               lines_per_write: int = CSV_LINES_PER_WRITE) -> Iterator[str]:
    """The CSV file piece by piece (UTF-8 with a byte order mark, so that spreadsheet
    programs read it as UTF-8): the header line, then `lines_per_write` lines at a time."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(labels.headers)
    lines: list[str] = []
    for row in _rows(registrations, labels, with_event=with_event):
        lines.append(writer.writerow([_csv_cell(value) for value in row]))
        if len(lines) >= lines_per_write:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str):
        return csv_safe(value)
    if isinstance(value, datetime.datetime):
        return value.strftime(DATE_FORMAT)
    return "" if value is None else value


def xlsx_file(registrations: QuerySet[Registration], labels: Labels, *, with_event: bool,
              sheet_title: str):
    """The XLSX workbook in a temporary file (open, at its start; deleted when closed):
    openpyxl's write-only mode writes each row out as it comes."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(sheet_title))
    sheet.freeze_panes = "A2"
    sheet.append([_xlsx_cell(sheet, header) for header in labels.headers])
    for row in _rows(registrations, labels, with_event=with_event):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    output = tempfile.TemporaryFile()  # noqa: SIM115 — closed by the FileResponse
    workbook.save(output)
    output.seek(0)
    return output


def _xlsx_cell(sheet, value: Any):
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"  # a text, also when it begins with "=": never a formula
        return cell
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    return value


def _sheet_title(title: str) -> str:
    """A worksheet's name: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in title).strip()
    return cleaned[:31] or "Registrations"


def file_name(*, slugs: Iterable[str], extension: str) -> str:
    """`<series>[-<event>]-registrations-<date>.<extension>`, the date of today in the
    site's zone."""
    return "-".join([*slugs, "registrations", timezone.localdate().isoformat()]) + (
        f".{extension}")
