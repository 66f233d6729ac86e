"""Registrations in the workspace: the lists of a series and of an event (filters, search,
sorting, paging), their exports, adding a participant by hand, cancelling a registration,
the capacity. A coordinator sees, exports and changes only their region's events'."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.countries import country_names
from events.models import Event, Series
from orga import exports
from orga.access import event_for, orga_login_required, series_for
from orga.forms.registrations import CapacityForm, FilterForm, RegistrationAddForm
from orga.queries import registrations_visible
from orga.queries_registrations import (
    SORT_DEFAULT,
    events_visible,
    registrations_listed,
    themes_of,
    waitlist_positions,
)
from orga.services import registrations as services
from registrations.models import Registration
from registrations.queries import consent_text_current
from registrations.services import RegistrationError

PER_PAGE = 50


@orga_login_required
def registrations_series(request: HttpRequest, series: str) -> HttpResponse:
    """Every registration of the series the user may see."""
    series_obj = series_for(request, series, "orga.view_registrations")
    return _list_page(request, series=series_obj, event=None)


@orga_login_required
def event_registrations(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """One event's registrations, its counts, capacity and waiting list."""
    series_obj = series_for(request, series, "orga.view_registrations")
    event_obj = event_for(request, series_obj, event)
    return _list_page(request, series=series_obj, event=event_obj)


@orga_login_required
def registrations_export(request: HttpRequest, series: str, file_format: str) -> HttpResponse:
    series_obj = series_for(request, series, "orga.view_registrations")
    return _export(request, series=series_obj, event=None, file_format=file_format)


@orga_login_required
def event_registrations_export(request: HttpRequest, series: str, event: int,
                               file_format: str) -> HttpResponse:
    series_obj = series_for(request, series, "orga.view_registrations")
    event_obj = event_for(request, series_obj, event)
    return _export(request, series=series_obj, event=event_obj, file_format=file_format)


@orga_login_required
def registration_add(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """Register somebody by hand: through the registration rules, mail or no mail."""
    series_obj = series_for(request, series, "orga.view_registrations")
    event_obj = event_for(request, series_obj, event, "orga.manage_registrations")
    consent = consent_text_current(series=series_obj)
    form = RegistrationAddForm(request.POST or None, themes=themes_of(series=series_obj),
                               consent=consent)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_add(
                actor=request.user, event=event_obj, data=form.participant_data(),
                consent=consent, send_mail=form.cleaned_data["send_mail"])
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(email)s is registered: %(state)s.") % {
                "email": form.cleaned_data["email"],
                "state": registration.get_state_display()})
            return redirect("orga:event_registrations", series=series_obj.slug, event=event_obj.pk)
    return render(request, "orga/registrations/add.html", {
        "series": series_obj, "event": event_obj, "form": form, "consent": consent})


@orga_login_required
def registration_cancel(request: HttpRequest, series: str, registration: int) -> HttpResponse:
    """GET: what cancelling will do, and the button; POST: cancel (the seat moves on)."""
    series_obj = series_for(request, series, "orga.view_registrations")
    registration_obj = (registrations_visible(request.user, series=series_obj)
                        .filter(pk=registration).select_related("participant").first())
    if registration_obj is None:
        raise Http404
    registration_obj.event = event_for(request, series_obj, registration_obj.event_id,
                                       "orga.manage_registrations")
    back = _back(request, default=reverse("orga:event_registrations", kwargs={
        "series": series_obj.slug, "event": registration_obj.event_id}))
    if request.method == "POST":
        try:
            promoted = services.registration_cancel(actor=request.user,
                                                    registration=registration_obj)
        except RegistrationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _cancelled_message(registration_obj, promoted))
        return redirect(back)
    return render(request, "orga/registrations/cancel.html", {
        "series": series_obj, "registration": registration_obj, "event": registration_obj.event,
        "over": registration_obj.event.end <= timezone.now(), "back": back})


@require_POST
@orga_login_required
def event_capacity(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """A new capacity: refused below the confirmed count; freed seats go to the waiting list."""
    series_obj = series_for(request, series, "orga.view_registrations")
    event_obj = event_for(request, series_obj, event, "orga.manage_registrations")
    form = CapacityForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["capacity"]))
    else:
        try:
            promoted = services.event_capacity_update(
                actor=request.user, event=event_obj, capacity=form.cleaned_data["capacity"])
        except RegistrationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The capacity is %(capacity)d now; %(promoted)d moved "
                                        "up from the waiting list.") % {
                "capacity": event_obj.capacity, "promoted": promoted})
    return redirect("orga:event_registrations", series=series_obj.slug, event=event_obj.pk)


def _list_page(request: HttpRequest, *, series: Series, event: Event | None) -> HttpResponse:
    form, events, registrations = _filtered(request, series=series, event=event)
    page = Paginator(registrations, PER_PAGE).get_page(request.GET.get("page"))
    can_manage = event is None or request.user.has_perm("orga.manage_registrations", event)
    _rows_complete(page.object_list, events=events, can_manage=can_manage)
    context = {"series": series, "event": event, "form": form, "page": page,
               "query": _query(request, drop=("page",)),
               "sort_query": _query(request, drop=("page", "sort")),
               "sort": form.cleaned_data.get("sort") or SORT_DEFAULT,
               "counts": _counts(request, series=series, event=event) if event else None,
               "capacity_form": CapacityForm(initial={"capacity": event and event.capacity}),
               "can_manage": can_manage}
    template = "orga/registrations/list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)


def _rows_complete(registrations, *, events: list[Event], can_manage: bool) -> None:
    """A page's rows with what they show beside their own fields: the event (read once for
    the page), the waiting-list position, the country's name, whether it can be cancelled."""
    by_id = {item.pk: item for item in events}
    names = dict(country_names(get_language()))
    positions = waitlist_positions(registration_ids=[item.pk for item in registrations])
    now = timezone.now()
    for registration in registrations:
        registration.event = by_id[registration.event_id]
        registration.waitlist_position = positions.get(registration.pk)
        registration.country_name = names.get(registration.participant.country.code, "")
        registration.cancellable = (can_manage and registration.event.end > now
                                    and registration.state != Registration.State.CANCELLED)


def _filtered(request: HttpRequest, *, series: Series, event: Event | None):
    events = events_visible(request.user, series=series) if event is None else [event]
    form = FilterForm(request.GET, events=None if event else events,
                      themes=themes_of(series=series))
    registrations = registrations_listed(request.user, series=series, event=event,
                                         filters=form.filters())
    return form, events, registrations


def _export(request: HttpRequest, *, series: Series, event: Event | None,
            file_format: str) -> HttpResponse:
    if file_format not in ("csv", "xlsx"):
        raise Http404
    _form, events, registrations = _filtered(request, series=series, event=event)
    labels = exports.labels_now(events=events, with_event=event is None)
    slugs = [series.slug] + ([event.slug] if event else [])
    name = exports.file_name(slugs=slugs, extension=file_format)
    if file_format == "csv":
        response = StreamingHttpResponse(
            exports.csv_stream(registrations, labels, with_event=event is None),
            content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    file = exports.xlsx_file(registrations, labels, with_event=event is None,
                             sheet_title=event.title if event else series.title)
    return FileResponse(file, as_attachment=True, filename=name, content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))


def _counts(request: HttpRequest, *, series: Series,
            event: Event) -> list[tuple[str, str, int]]:
    """An event's registrations by state as (state, label, count), in one query."""
    states = Registration.State
    counts = registrations_visible(request.user, series=series).filter(event=event).aggregate(
        **{state.value: Count("pk", filter=Q(state=state)) for state in states})
    return [(state.value, state.label, counts[state.value]) for state in states]


def _query(request: HttpRequest, *, drop: tuple[str, ...]) -> str:
    """The page's query (its filters) without `drop`, for the links of sorting, paging and
    the exports."""
    query = request.GET.copy()
    for name in drop:
        query.pop(name, None)
    return query.urlencode()


def _back(request: HttpRequest, *, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def _cancelled_message(registration: Registration, promoted: list[Registration]) -> str:
    if promoted:
        return _("The registration of %(email)s is cancelled; the first on the waiting list "
                 "moved up and was told by mail.") % {"email": registration.participant.email}
    return _("The registration of %(email)s is cancelled.") % {
        "email": registration.participant.email}


urlpatterns = [
    path("registrations/", registrations_series, name="registrations"),
    path("registrations/export.<str:file_format>", registrations_export,
         name="registrations_export"),
    path("registrations/<int:registration>/cancel/", registration_cancel,
         name="registration_cancel"),
    path("events/<int:event>/registrations/", event_registrations, name="event_registrations"),
    path("events/<int:event>/registrations/export.<str:file_format>",
         event_registrations_export, name="event_registrations_export"),
    path("events/<int:event>/registrations/add/", registration_add, name="registration_add"),
    path("events/<int:event>/capacity/", event_capacity, name="event_capacity"),
]
