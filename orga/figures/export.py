"""The funder's export: the figures of the dashboards as files, in the organiser's language.

- XLSX: a sheet for the series, then one per event (in the order of their dates). Each
  sheet begins with its title, its date range (the events' dates and the days
  registrations were counted), when it was made, and the definitions in words; then each
  figure as a small table (a heading, the column headers, its rows).
- CSV: the same figures as one file in long format: a line per value with the columns
  sheet, figure, key, measure, value (UTF-8 with a byte order mark, for spreadsheets).

Texts a spreadsheet would run as a formula are neutralised: in CSV with a leading
apostrophe (orga.exports.csv_safe), in XLSX as string cells, never formulas.

The files hold aggregates (their size grows with the events, days and categories, not
with the registrations) and the survey's free texts; they are built in memory or a
temporary file from a bounded number of queries (orga/figures/queries.py).
"""

from __future__ import annotations

import csv
import datetime
import io
import tempfile
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from events.content_language import translated
from events.models import Series
from orga.exports import csv_safe
from orga.figures import present
from orga.figures.queries import SeriesFigures


@dataclass
class Block:
    """One figure: a heading, the headers of its columns and its rows (the key first)."""

    figure: str
    headers: list[str]
    rows: list[list[Any]]
    shares: tuple[int, ...] = ()   # the columns holding shares (0–1)


@dataclass
class FactsBlock(Block):
    """Key figures: the rows in `share_rows` hold a share in their value column."""

    share_rows: set[int] = field(default_factory=set)


@dataclass
class Sheet:
    name: str
    title: str
    facts: list[tuple[str, str]]           # date range, made on …
    definitions: list[tuple[str, str]]
    blocks: list[Block] = field(default_factory=list)


def sheets(figures: SeriesFigures) -> list[Sheet]:
    """The series' sheet, then each event's, in the active language."""
    definitions = present.definitions(zone=present.zone_name())
    made = formats.date_format(timezone.localtime(), "DATETIME_FORMAT")
    dashboard = present.series_dashboard(figures=figures)
    series_sheet = Sheet(_sheet_name(_("Series"), set()), dashboard.title,
                         _range_facts(dashboard, made), definitions)
    headers, rows = present.event_table(figures)
    series_sheet.blocks = [
        _facts_block(_("Key figures"), dashboard.facts),
        _facts_block(_("Returning participants"), dashboard.returning),
        Block(_("The events side by side"), headers,
              [present.event_row_values(row) for row in rows], shares=(7, 9)),
        *_dashboard_blocks(dashboard),
        *[_breakdown_block(item) for item in present.returning_breakdowns(figures)],
    ]
    result, names = [series_sheet], {series_sheet.name}
    for index, event in enumerate(figures.events, start=1):
        dashboard = present.event_dashboard(
            event=event, figures=figures.per_event[event.pk], themes=figures.themes,
            talks=figures.talks)
        sheet = Sheet(_sheet_name(f"{index:02d} {translated(event, 'title').text}", names),
                      dashboard.title, _range_facts(dashboard, made), definitions)
        sheet.blocks = [_facts_block(_("Key figures"), dashboard.facts),
                        *_dashboard_blocks(dashboard)]
        if dashboard.next_topics:
            sheet.blocks.append(Block(_("What the series should cover next"), [_("Answer")],
                                      [[item.text] for item in dashboard.next_topics]))
        if dashboard.comments:
            sheet.blocks.append(Block(_("Comments"), [_("Answer")],
                                      [[item.text] for item in dashboard.comments]))
        names.add(sheet.name)
        result.append(sheet)
    return result


def _range_facts(dashboard: present.Dashboard, made: str) -> list[tuple[str, str]]:
    days = dashboard.timeline.days
    counted = (_("from %(first)s to %(last)s") % {
        "first": formats.date_format(days[0].date, "DATE_FORMAT"),
        "last": formats.date_format(days[-1].date, "DATE_FORMAT")} if days else "–")
    return [(_("Date range"), dashboard.date_range),
            (_("Registrations counted"), counted),
            (_("Made on"), made)]


def _facts_block(figure: str, facts: list[present.Fact]) -> Block:
    return FactsBlock(figure, [_("Figure"), _("Value")],
                      [[fact.label, fact.value] for fact in facts],
                      share_rows={index for index, fact in enumerate(facts)
                                  if fact.kind == "share"})


def _dashboard_blocks(dashboard: present.Dashboard) -> list[Block]:
    days = Block(_("Registrations by day"),
                 [_("Day"), _("Registrations"), _("Registrations so far"),
                  _("Mails to participants")],
                 [[day.date, day.count, day.total, day.mails] for day in dashboard.timeline.days])
    pitch = ([_facts_block(_("Pitch session"), dashboard.pitch_facts),
              *[_breakdown_block(item) for item in dashboard.pitch]]
             if dashboard.pitch_facts else [])
    matchmaking = ([_facts_block(_("Matchmaking"), dashboard.matchmaking_facts),
                    *[_breakdown_block(item) for item in dashboard.matchmaking]]
                   if dashboard.matchmaking_facts else [])
    return [days, *[_breakdown_block(item) for item in dashboard.breakdowns], *pitch,
            *matchmaking,
            _facts_block(_("Survey"), dashboard.survey_facts),
            *[_breakdown_block(item) for item in dashboard.survey]]


def _breakdown_block(breakdown: present.Breakdown) -> Block:
    return Block(breakdown.title, [breakdown.key, breakdown.column, _("Share")],
                 [[row.label, row.count, row.share] for row in breakdown.rows], shares=(2,))


def _sheet_name(title: str, taken: set[str]) -> str:
    """A worksheet's name: at most 31 characters, none of []:*?/\\, not yet taken."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in title).strip()[:31]
    name, number = cleaned or "Sheet", 2
    while name.casefold() in {item.casefold() for item in taken}:
        name = f"{cleaned[:27]} ({number})"
        number += 1
    return name


def _is_share(block: Block, row_index: int, column: int) -> bool:
    if isinstance(block, FactsBlock):
        return column == 1 and row_index in block.share_rows
    return column in block.shares


# --- XLSX ----------------------------------------------------------------------------------

def xlsx_file(all_sheets: list[Sheet]):
    """The workbook in a temporary file (open, at its start; deleted when closed)."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for item in all_sheets:
        sheet = workbook.create_sheet(title=item.name)
        sheet.column_dimensions["A"].width = 40
        sheet.column_dimensions["B"].width = 18
        sheet.append([_cell(sheet, item.title, font=Font(bold=True, size=14))])
        for label, value in item.facts:
            sheet.append([_cell(sheet, label, font=bold), _cell(sheet, value)])
        sheet.append([])
        sheet.append([_cell(sheet, _("Definitions"), font=bold)])
        for term, text in item.definitions:
            sheet.append([_cell(sheet, term), _cell(sheet, text)])
        for block in item.blocks:
            sheet.append([])
            sheet.append([_cell(sheet, block.figure, font=bold)])
            sheet.append([_cell(sheet, header, font=bold) for header in block.headers])
            for row_index, row in enumerate(block.rows):
                sheet.append([_cell(sheet, value, share=_is_share(block, row_index, column))
                              for column, value in enumerate(row)])
    output = tempfile.TemporaryFile()  # noqa: SIM115 — closed by the FileResponse
    workbook.save(output)
    output.seek(0)
    return output


def _cell(sheet, value: Any, *, font: Font | None = None, share: bool = False):
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"  # a text, also when it begins with "=": never a formula
    else:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, datetime.date):
            cell.number_format = "yyyy-mm-dd"
        elif share:
            cell.number_format = "0.0%"
        elif isinstance(value, float):
            cell.number_format = "0.00"
    if font is not None:
        cell.font = font
    return cell


# --- CSV -----------------------------------------------------------------------------------

def csv_file(all_sheets: list[Sheet]) -> io.BytesIO:
    """One CSV in long format: sheet, figure, key, measure, value (shares in per cent)."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([_("Sheet"), _("Figure"), _("Key"), _("Measure"), _("Value")])
    definitions_label = _("Definitions")
    for item in all_sheets:
        writer.writerow(_csv_row(item.name, item.title, "", "", ""))
        for label, value in item.facts:
            writer.writerow(_csv_row(item.name, label, "", "", value))
        for term, definition in item.definitions:
            writer.writerow(_csv_row(item.name, definitions_label, term, "", definition))
        for block in item.blocks:
            for row_index, row in enumerate(block.rows):
                key = row[0]
                if len(row) == 1:
                    writer.writerow(_csv_row(item.name, block.figure, "", block.headers[0],
                                             key))
                    continue
                for column, value in enumerate(row[1:], start=1):
                    measure = block.headers[column]
                    if _is_share(block, row_index, column):
                        value = None if value is None else round(value * 100, 1)
                        measure = (measure + " (%)") if measure != _("Value") else "%"
                    writer.writerow(_csv_row(item.name, block.figure, key, measure, value))
    return io.BytesIO(("\ufeff" + text.getvalue()).encode("utf-8"))


def _csv_row(*values: Any) -> list[Any]:
    return [_csv_value(value) for value in values]


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_safe(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 4)
    return value


def file_name(*, series: Series, extension: str) -> str:
    """`<series>-figures-<date>.<extension>`, the date of today in the site's zone."""
    return f"{slugify(series.slug)}-figures-{timezone.localdate().isoformat()}.{extension}"
