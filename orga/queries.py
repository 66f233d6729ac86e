"""Reads of the organiser workspace, always narrowed to what the user may see."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from events.models import Event, Series
from orga.rules import coordinated_region_id, roles_of
from registrations.models import Registration


@dataclass(frozen=True)
class Membership:
    series: Series
    role: str
    region_name: str | None


def series_of(user) -> list[Membership]:
    """The series the user is in (every series for a system administrator), by title."""
    roles = roles_of(user)
    series_list = Series.objects.order_by("title").prefetch_related("regions")
    if not user.is_superuser:
        series_list = series_list.filter(pk__in=roles)
    memberships = []
    for series in series_list:
        role, region_id = roles.get(series.pk, ("organiser", None))
        region = next((r.name for r in series.regions.all() if r.pk == region_id), None)
        memberships.append(Membership(series=series, role=role, region_name=region))
    return memberships


def events_run_by(user, *, series: Series) -> QuerySet[Event]:
    """The events of `series` the user runs (a coordinator: their region's), by start, each
    with its counts of confirmed, waitlisted and pending registrations."""
    events = series.events.select_related("region").order_by("start")
    region_id = coordinated_region_id(user, series)
    if region_id is not None:
        events = events.filter(region_id=region_id)
    states = Registration.State
    return events.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__state=states.CONFIRMED)),
        waitlisted_count=Count("registrations",
                               filter=Q(registrations__state=states.WAITLISTED)),
        pending_count=Count("registrations", filter=Q(registrations__state=states.PENDING)),
    )


def registrations_visible(user, *, series: Series) -> QuerySet[Registration]:
    """The registrations of `series` the user may see: all for an organiser, those of
    their region's events for a coordinator."""
    registrations = Registration.objects.filter(event__series=series)
    region_id = coordinated_region_id(user, series)
    if region_id is not None:
        registrations = registrations.filter(event__region_id=region_id)
    return registrations
