"""Figures: the dashboards of an event and of the series, and the funder's export (XLSX and CSV).

An event's dashboard is there for whoever runs the event (organisers, the coordinator of
its region: orga.view_event_figures); the series' dashboard and the export span every
region, so organisers only (orga.view_figures). Everything is counted in the database
(orga/figures/queries.py); the pages show counts only, never a name."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from orga.access import event_for, orga_login_required, series_for
from orga.figures import export, present
from orga.figures.queries import event_figures as event_figures_of
from orga.figures.queries import events_counted, series_figures

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@orga_login_required
def figures(request: HttpRequest, series: str) -> HttpResponse:
    """The series' dashboard: its totals, its persons, its events side by side."""
    series_obj = series_for(request, series, "orga.view_figures")
    data = series_figures(series=series_obj, events=events_counted(series=series_obj))
    headers, rows = present.event_table(data)
    return render(request, "orga/figures/series.html", {
        "series": series_obj, "dashboard": present.series_dashboard(figures=data),
        "returning_charts": present.returning_breakdowns(data),
        "headers": headers, "rows": rows,
        "definitions": present.definitions(zone=present.zone_name())})


@orga_login_required
def event_figures(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """One event's dashboard, its survey's results included."""
    series_obj = series_for(request, series, "orga.view_series")
    event_obj = event_for(request, series_obj, event, "orga.view_event_figures")
    data, themes, talks = event_figures_of(series=series_obj, event=event_obj)
    return render(request, "orga/figures/event.html", {
        "series": series_obj, "event": event_obj,
        "dashboard": present.event_dashboard(event=event_obj, figures=data, themes=themes,
                                             talks=talks),
        "definitions": present.definitions(zone=present.zone_name()),
        "perms_series_figures": request.user.has_perm("orga.view_figures", series_obj)})


@orga_login_required
def figures_export(request: HttpRequest, series: str, file_format: str) -> HttpResponse:
    """The funder's file: a sheet for the series and one per event (XLSX), or the same
    figures as one CSV in long format (sheet, figure, key, value)."""
    series_obj = series_for(request, series, "orga.view_figures")
    if file_format not in CONTENT_TYPES:
        raise Http404
    data = series_figures(series=series_obj, events=events_counted(series=series_obj),
                          detail=True, texts=True)
    sheets = export.sheets(data)
    file = export.xlsx_file(sheets) if file_format == "xlsx" else export.csv_file(sheets)
    return FileResponse(file, as_attachment=True, content_type=CONTENT_TYPES[file_format],
                        filename=export.file_name(series=series_obj, extension=file_format))


urlpatterns = [
    path("figures/", figures, name="figures"),
    path("figures/export.<str:file_format>", figures_export, name="figures_export"),
    path("events/<int:event>/figures/", event_figures, name="event_figures"),
]
