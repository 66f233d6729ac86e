"""The audit log of a series: every recorded organiser action, newest first, filterable by
who, event and action, 50 to a page (organisers only, orga.view_audit)."""

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orga.access import orga_login_required, series_for
from orga.forms.audit import AuditFilterForm, action_filter, action_label
from orga.models import AuditEntry, TeamMember

PAGE_SIZE = 50


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Row:
    entry: AuditEntry
    label: str
    object_label: str
    changes: list[Change]
    details: list[tuple[str, Any]]


@cache
def _models_by_name() -> dict[str, type]:
    return {model._meta.model_name: model for model in apps.get_models()}


def _field_label(object_type: str, name: str) -> str:
    model = _models_by_name().get(object_type)
    try:
        return str(model._meta.get_field(name).verbose_name) if model else name
    except FieldDoesNotExist:
        return name


def _object_label(object_type: str) -> str:
    model = _models_by_name().get(object_type)
    return str(model._meta.verbose_name) if model else object_type


def _shown(value: Any) -> Any:
    """A recorded value as a reader takes it: yes/no, a list as its items."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(_shown(item)) for item in value)
    return value


# The facts an entry's data names (others show their key)
DETAIL_LABELS = {"user": gettext_lazy("Member"), "role": gettext_lazy("Role"),
                 "region": gettext_lazy("Region"), "slug": gettext_lazy("Address"),
                 "version": gettext_lazy("Version"), "name": gettext_lazy("Name")}
ROLES = dict(TeamMember.Role.choices)


def _detail(key: str, value: Any, names: dict[int, str]) -> tuple[str, Any]:
    if key == "user":
        value = names.get(value, value)
    elif key == "role":
        value = ROLES.get(value, value)
    return str(DETAIL_LABELS.get(key, key)), _shown(value)


def _rows(entries: list[AuditEntry]) -> list[Row]:
    """The entries as the page shows them: readable action and field names, and the users
    they name by id (team changes) by their user names (one query)."""
    user_ids = {entry.data.get("user") for entry in entries
                if isinstance(entry.data.get("user"), int)}
    names = dict(get_user_model().objects.filter(pk__in=user_ids)
                 .values_list("pk", "username")) if user_ids else {}
    return [Row(entry=entry, label=action_label(entry.action),
                object_label=_object_label(entry.object_type),
                changes=[Change(_field_label(entry.object_type, field),
                                *(_shown(value) for value in values))
                         for field, values in entry.changes.items()
                         if isinstance(values, list) and len(values) == 2],
                details=[_detail(key, value, names) for key, value in entry.data.items()])
            for entry in entries]


@orga_login_required
def audit(request: HttpRequest, series: str) -> HttpResponse:
    series_obj = series_for(request, series, "orga.view_audit")
    form = AuditFilterForm(request.GET or None, series=series_obj)
    entries = (AuditEntry.objects.filter(series=series_obj).select_related("actor", "event")
               .order_by("-created_at", "-id"))
    if form.is_valid():
        chosen = form.cleaned_data
        if chosen["actor"]:
            entries = entries.filter(actor_id=chosen["actor"])
        if chosen["event"]:
            entries = entries.filter(event_id=chosen["event"])
        if chosen["action"]:
            entries = entries.filter(action_filter(chosen["action"]))
    elif form.is_bound:
        entries = entries.none()
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "orga/audit/log.html", {
        "series": series_obj, "form": form, "page": page, "rows": _rows(list(page)),
        "query": query.urlencode()})


urlpatterns = [
    path("audit/", audit, name="audit"),
]
