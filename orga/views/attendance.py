"""Attendance of an event: importing the video tool's report (upload, preview, matching,
saving, taking an import back) and the check-in page for on-site and hybrid events."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from attendance.queries import attendance_totals, check_in_list, imports_of, pending_import_of
from attendance.services import AttendanceRefused, pending_import_create
from events.models import Event
from orga.access import event_for, orga_login_required, series_for
from orga.attendance_queries import attendance_preview as preview_of
from orga.forms.attendance import CheckInForm, CheckInSearchForm, SaveForm, UploadForm
from orga.services import attendance as services
from registrations.queries import consent_text_current

MATCHED_SHOWN = 200  # rows matched by address listed in the preview (all are counted, saved)


@require_http_methods(["GET", "HEAD", "POST"])
@orga_login_required
def attendance(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """GET: the event's imports and attendance, and the upload; POST: upload a report (kept
    for the preview)."""
    series_obj = series_for(request, series)
    event_obj = event_for(request, series_obj, event, "orga.import_attendance")
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        report = form.cleaned_data["report"]
        try:
            pending = pending_import_create(event=event_obj, user=request.user,
                                            data=report.read(), file_name=report.name or "")
        except AttendanceRefused as refusal:
            form.add_error("report", refusal.message)
        else:
            return redirect("orga:attendance_preview", series=series_obj.slug,
                            event=event_obj.pk, pending=pending.pk)
    return render(request, "orga/attendance/page.html", {
        "series": series_obj, "event": event_obj, "form": form,
        "imports": list(imports_of(event=event_obj)),
        "totals": attendance_totals(event=event_obj)}, status=400 if form.errors else 200)


@orga_login_required
def attendance_preview(request: HttpRequest, series: str, event: int,
                       pending: int) -> HttpResponse:
    """What saving the uploaded report would record, and the organiser's choices."""
    series_obj = series_for(request, series)
    event_obj = event_for(request, series_obj, event, "orga.import_attendance")
    pending_obj = pending_import_of(event=event_obj, user=request.user, pending_id=pending)
    if pending_obj is None:
        return _pending_gone(request, event_obj)
    preview = preview_of(event=event_obj, pending=pending_obj)
    form = SaveForm(preview=preview, consent_text=consent_text_current(series=series_obj),
                    other_day=pending_obj.other_day)
    return _preview_page(request, event_obj, pending_obj, form)


@require_POST
@orga_login_required
def attendance_save(request: HttpRequest, series: str, event: int, pending: int) -> HttpResponse:
    """Save the uploaded report with the choices made on its preview."""
    series_obj = series_for(request, series)
    event_obj = event_for(request, series_obj, event, "orga.import_attendance")
    pending_obj = pending_import_of(event=event_obj, user=request.user, pending_id=pending)
    if pending_obj is None:
        return _pending_gone(request, event_obj)
    consent = consent_text_current(series=series_obj)
    form = SaveForm(request.POST, preview=preview_of(event=event_obj, pending=pending_obj),
                    consent_text=consent, other_day=pending_obj.other_day)
    if not form.is_valid():
        return _preview_page(request, event_obj, pending_obj, form, status=400)
    minutes, walk_ins = form.decisions()
    try:
        saved = services.attendance_import_save(actor=request.user, event=event_obj,
                                                pending=pending_obj, minutes=minutes,
                                                walk_ins=walk_ins, consent=consent)
    except AttendanceRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _saved_message(saved))
    return redirect("orga:attendance", series=series_obj.slug, event=event_obj.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@orga_login_required
def attendance_import_remove(request: HttpRequest, series: str, event: int,
                             attendance_import: int) -> HttpResponse:
    """GET: what taking the import back does, and the button; POST: take it back."""
    series_obj = series_for(request, series)
    event_obj = event_for(request, series_obj, event, "orga.import_attendance")
    source = imports_of(event=event_obj).filter(pk=attendance_import).first()
    if source is None:
        raise Http404
    if request.method != "POST":
        return render(request, "orga/attendance/remove.html", {
            "series": series_obj, "event": event_obj, "source": source})
    try:
        services.attendance_import_remove(actor=request.user, event=event_obj,
                                          attendance_import=source)
    except AttendanceRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The import of “%(file)s” has been taken back.")
                         % {"file": source.file_name or source.sha256[:12]})
    return redirect("orga:attendance", series=series_obj.slug, event=event_obj.pk)


@orga_login_required
def check_in(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """The door: search by name, a tick per person (htmx updates the list as one types;
    without JavaScript the search is a plain form)."""
    series_obj = series_for(request, series)
    event_obj = event_for(request, series_obj, event, "orga.check_in")
    form = CheckInSearchForm(request.GET)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    people, count = ([], 0) if event_obj.format == Event.Format.ONLINE else check_in_list(
        event=event_obj, search=search)
    template = "orga/attendance/check_in.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#people"
    return render(request, template, {
        "series": series_obj, "event": event_obj, "form": form, "people": people,
        "count": count, "search": search, "online": event_obj.format == Event.Format.ONLINE})


@require_POST
@orga_login_required
def check_in_toggle(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """Tick somebody off (checked_in=1) or take it back (checked_in=0)."""
    series_obj = series_for(request, series)
    event_obj = event_for(request, series_obj, event, "orga.check_in")
    form = CheckInForm(request.POST)
    registration, error = None, None
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
    else:
        try:
            registration = services.registration_check_in(
                actor=request.user, event=event_obj,
                registration_id=form.cleaned_data["registration"],
                checked_in=form.cleaned_data["checked_in"])
        except AttendanceRefused as refusal:
            error = refusal.message
    if request.htmx:
        return render(request, "orga/attendance/check_in.html#person", {
            "series": series_obj, "event": event_obj, "person": registration,
            "error": error, "search": request.POST.get("q", "")})  # htmx swaps a 200 only
    if error:
        messages.error(request, error)
    url = reverse("orga:check_in", kwargs={"series": series_obj.slug, "event": event_obj.pk})
    query = request.POST.get("q", "")[:100]
    return redirect(f"{url}?{urlencode({'q': query})}" if query else url)


def _pending_gone(request: HttpRequest, event: Event) -> HttpResponse:
    messages.error(request, _("This preview is no longer there (saved, older than a day, or "
                              "uploaded by somebody else): please upload the report again."))
    return redirect("orga:attendance", series=event.series.slug, event=event.pk)


def _preview_page(request: HttpRequest, event: Event, pending, form: SaveForm,
                  status: int = 200) -> HttpResponse:
    return render(request, "orga/attendance/preview.html", {
        "series": event.series, "event": event, "pending": pending, "form": form,
        "preview": form.preview, "consent": form.consent_text,
        "matched_rows": form.preview.matched[:MATCHED_SHOWN], "matched_shown": MATCHED_SHOWN},
        status=status)


def _saved_message(saved) -> str:
    message = ngettext("Saved: %(count)d registration has its minutes from this report.",
                       "Saved: %(count)d registrations have their minutes from this report.",
                       saved.recorded) % {"count": saved.recorded}
    if saved.added:
        message += " " + ngettext("%(count)d person was added as a participant.",
                                  "%(count)d people were added as participants.",
                                  len(saved.added)) % {"count": len(saved.added)}
    if saved.skipped:
        message += " " + ngettext(
            "%(count)d row was left out: its registration was cancelled or its participant's "
            "data deleted in the meantime.",
            "%(count)d rows were left out: their registrations were cancelled or their "
            "participants' data deleted in the meantime.", saved.skipped) % {
            "count": saved.skipped}
    return message


urlpatterns = [
    path("events/<int:event>/attendance/", attendance, name="attendance"),
    path("events/<int:event>/attendance/<int:pending>/", attendance_preview,
         name="attendance_preview"),
    path("events/<int:event>/attendance/<int:pending>/save/", attendance_save,
         name="attendance_save"),
    path("events/<int:event>/attendance/imports/<int:attendance_import>/remove/",
         attendance_import_remove, name="attendance_import_remove"),
    path("events/<int:event>/check-in/", check_in, name="check_in"),
    path("events/<int:event>/check-in/tick/", check_in_toggle, name="check_in_toggle"),
]
