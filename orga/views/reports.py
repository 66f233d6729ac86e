"""Reports (news) in the workspace: the list, drafting a report from an event's data, editing
it with images, preview and publishing.

Every page is the series' organisers' (orga.change_report); a report of another series under
this series' address is not there (404). A change made from a page carries the version of
the report the page showed (orga.services.reports: optimistic locking)."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from events.content_language import translated
from events.models import Series
from events.views import render_series_page
from orga.access import event_for, orga_login_required, series_for
from orga.forms.reports import ConfirmForm, ReportForm, ReportImageForm, report_version
from orga.forms.series import LANGUAGE_NAMES, language_order
from orga.services import reports as services
from reports.markup import render_markdown
from reports.models import Report, ReportImage

PERM = "orga.change_report"


def _report(request: HttpRequest, series: str, report: int) -> tuple[Series, Report]:
    series_obj = series_for(request, series, PERM)
    report_obj = Report.objects.filter(pk=report, series=series_obj).select_related(
        "event").first()
    if report_obj is None:
        raise Http404
    report_obj.series = series_obj
    return series_obj, report_obj


def _posted(request: HttpRequest):
    """The POST data of a form sent (even an empty one: a confirm step), else None."""
    return request.POST if request.method == "POST" else None


def _edit_url(report: Report) -> str:
    return reverse("orga:report_edit", kwargs={"series": report.series.slug, "report": report.pk})


def _context(series: Series, report: Report, **more) -> dict:
    """What every page of one report shows: its images, the previews in each language."""
    main, _others = language_order(series)
    previews = []
    for code in main:
        with translation.override(code):
            previews.append((code, LANGUAGE_NAMES[code], reverse(
                "orga:report_preview", kwargs={"series": series.slug, "report": report.pk})))
    return {"series": series, "report": report, "images": list(report.images.all()),
            "previews": previews, "version": report_version(report), "now": timezone.now(),
            **more}


@orga_login_required
@require_GET
def report_list(request: HttpRequest, series: str) -> HttpResponse:
    """The series' reports, drafts and published, newest first."""
    series_obj = series_for(request, series, PERM)
    reports = list(Report.objects.filter(series=series_obj).select_related("event")
                   .annotate(image_count=Count("images")).order_by("-updated_at", "-pk"))
    for report in reports:
        report.series = series_obj
    return render(request, "orga/reports/list.html", {"series": series_obj, "reports": reports,
                                                      "now": timezone.now()})


@orga_login_required
@require_http_methods(["GET", "POST"])
def report_draft(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """Draft the event's report: refused before its end and when cancelled; an event with a
    report offers it (or drafting it again, on the report's own confirm page)."""
    series_obj = series_for(request, series, PERM)
    event_obj = event_for(request, series_obj, event, PERM)
    existing = list(Report.objects.filter(event=event_obj).order_by("pk"))
    refusal = services.report_draft_refusal(event=event_obj)
    if request.method == "POST" and not refusal and not existing:
        try:
            report = services.report_draft_create(event=event_obj, actor=request.user)
        except services.ReportError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The draft is written in every language of the "
                                        "series. Read it, change it, then publish it."))
            return redirect(_edit_url(report))
        return redirect(request.path)
    main, _others = language_order(series_obj)
    return render(request, "orga/reports/draft.html", {
        "series": series_obj, "event": event_obj, "existing": existing, "refusal": refusal,
        "languages": [LANGUAGE_NAMES[code] for code in main]})


@orga_login_required
@require_http_methods(["GET", "POST"])
def report_redraft(request: HttpRequest, series: str, report: int) -> HttpResponse:
    """Draft the report's texts again from its event's data (they replace the texts)."""
    series_obj, report_obj = _report(request, series, report)
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.report_redraft(report=report_obj, actor=request.user,
                                    version=form.cleaned_data["version"])
        except services.ReportError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The texts are drafted again from the event's data."))
        return redirect(_edit_url(report_obj))
    refusal = (services.report_draft_refusal(event=report_obj.event) if report_obj.event
               else _("This report belongs to no event: there is nothing to draft it from."))
    return render(request, "orga/reports/confirm.html", _context(
        series_obj, report_obj, action="redraft", refusal=refusal))


@orga_login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, series: str, report: int) -> HttpResponse:
    """The editor: the texts in every language side by side, address, event, time."""
    series_obj, report_obj = _report(request, series, report)
    form = ReportForm(_posted(request), instance=report_obj, series=series_obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(report=report_obj, actor=request.user,
                                   fields=form.report_fields(),
                                   version=form.cleaned_data["version"])
        except services.ReportError as error:  # changed meanwhile, or its address taken
            messages.error(request, str(error))
        else:
            messages.success(request, _("The report is saved."))
            return redirect(_edit_url(report_obj))
    return render(request, "orga/reports/edit.html", _context(series_obj, report_obj, form=form))


@orga_login_required
@require_GET
def report_preview(request: HttpRequest, series: str, report: int) -> HttpResponse:
    """The report as its public page shows it, in the page's language, before or after
    publishing: the public template, marked as a preview, never cached nor indexed."""
    series_obj, report_obj = _report(request, series, report)
    response = render_series_page(request, series_obj, "orga/reports/preview.html", {
        "report": report_obj, "body": render_markdown(translated(report_obj, "body").text),
        "back": _edit_url(report_obj)})
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, no_store=True)
    return response


def _confirm_view(action: str):
    """publish, unpublish, delete: the consequence on a confirm page, then the POST."""

    @orga_login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, series: str, report: int) -> HttpResponse:
        series_obj, report_obj = _report(request, series, report)
        form = ConfirmForm(_posted(request))
        if request.method == "POST" and form.is_valid():
            try:
                done = _ACTIONS[action](report_obj, request.user, form.cleaned_data["version"])
            except services.ReportError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, done)
                if action == "delete":
                    return redirect("orga:reports", series=series_obj.slug)
            return redirect(_edit_url(report_obj))
        return render(request, "orga/reports/confirm.html", _context(
            series_obj, report_obj, action=action))

    view.__name__ = f"report_{action}"
    return view


def _publish(report: Report, actor, version: str) -> str:
    services.report_publish(report=report, actor=actor, version=version)
    return _("The report is published: it is on the public site and in the feed.")


def _unpublish(report: Report, actor, version: str) -> str:
    services.report_unpublish(report=report, actor=actor)
    return _("The report is taken off the public site and the feed.")


def _delete(report: Report, actor, version: str) -> str:
    services.report_delete(report=report, actor=actor)
    return _("The report is deleted.")


_ACTIONS = {"publish": _publish, "unpublish": _unpublish, "delete": _delete}


@orga_login_required
@require_http_methods(["GET", "POST"])
def report_image_upload(request: HttpRequest, series: str, report: int) -> HttpResponse:
    """The report's images: upload one (with its alternative text), see each with the
    Markdown that shows it."""
    series_obj, report_obj = _report(request, series, report)
    form = ReportImageForm(_posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.report_image_add(report=report_obj, actor=request.user,
                                  image=form.cleaned_data["image"],
                                  alt_text=form.cleaned_data["alt_text"])
        messages.success(request, _("The image is uploaded. Copy its Markdown below into the "
                                    "text where it belongs."))
        return redirect("orga:report_image_upload", series=series_obj.slug, report=report_obj.pk)
    return render(request, "orga/reports/images.html", _context(series_obj, report_obj,
                                                                form=form))


@orga_login_required
@require_http_methods(["GET", "POST"])
def report_image_delete(request: HttpRequest, series: str, report: int,
                        image: int) -> HttpResponse:
    """Delete an image of the report (confirmed first)."""
    series_obj, report_obj = _report(request, series, report)
    image_obj = ReportImage.objects.filter(pk=image, report=report_obj).first()
    if image_obj is None:
        raise Http404
    image_obj.report = report_obj
    if request.method == "POST":
        services.report_image_delete(image=image_obj, actor=request.user)
        messages.success(request, _("The image is deleted."))
        return redirect("orga:report_image_upload", series=series_obj.slug, report=report_obj.pk)
    return render(request, "orga/reports/image_delete.html", _context(
        series_obj, report_obj, image=image_obj))


urlpatterns = [
    path("reports/", report_list, name="reports"),
    path("events/<int:event>/report/", report_draft, name="report_draft"),
    path("reports/<int:report>/", report_edit, name="report_edit"),
    path("reports/<int:report>/redraft/", report_redraft, name="report_redraft"),
    path("reports/<int:report>/preview/", report_preview, name="report_preview"),
    path("reports/<int:report>/publish/", _confirm_view("publish"), name="report_publish"),
    path("reports/<int:report>/unpublish/", _confirm_view("unpublish"), name="report_unpublish"),
    path("reports/<int:report>/delete/", _confirm_view("delete"), name="report_delete"),
    path("reports/<int:report>/images/", report_image_upload, name="report_image_upload"),
    path("reports/<int:report>/images/<int:image>/delete/", report_image_delete,
         name="report_image_delete"),
]
