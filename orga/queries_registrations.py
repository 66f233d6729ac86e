"""Reads of the workspace's registration lists: the rows a user may see, filtered, searched
and sorted, for the pages and for the exports alike (the exports take exactly the rows the
list shows, all pages of them). Every read is narrowed by orga.queries.registrations_visible:
a region coordinator never reads another region's registrations."""

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Lower

from events.models import Event, Series, Theme
from orga.queries import registrations_visible
from orga.rules import coordinated_region_id
from registrations.models import Registration

State = Registration.State

# Sorting: the name in the address (?sort=name, ?sort=-name) and the fields it orders by.
SORTS: dict[str, tuple[str, ...]] = {
    "name": ("participant__name",),
    "email": ("participant__email",),
    "organisation": ("participant__organisation_name",),
    "kind": ("participant__organisation_kind",),
    "country": ("participant__country",),
    "language": ("participant__language",),
    "event": ("event__start",),
    "state": ("state",),
    "position": (),  # the waiting list's order: see _ordering
    "registered": ("requested_at",),
    "confirmed": ("confirmed_at",),
    "attended": ("attended", "attended_minutes"),
}
SORT_DEFAULT = "-registered"
ATTENDED_YES, ATTENDED_NO, ATTENDED_UNKNOWN = "yes", "no", "unknown"
# What a row of an export reads (nothing of the wide translated event rows: the events
# come from events_visible, once).
ROW_FIELDS = ("pk", "event_id", "state", "requested_at", "confirmed_at", "attended",
              "attended_minutes", "participant__name", "participant__email",
              "participant__organisation_name", "participant__organisation_kind",
              "participant__country", "participant__language")


@dataclass(frozen=True)
class RegistrationFilters:
    """What the organiser chose above the list (orga.forms.registrations.FilterForm)."""

    state: str = ""
    country: str = ""
    organisation_kind: str = ""
    theme: int | None = None
    attended: str = ""
    event: int | None = None
    search: str = ""
    sort: str = SORT_DEFAULT


def events_visible(user, *, series: Series) -> list[Event]:
    """The events of `series` whose registrations the user may see (a coordinator: their
    region's), by start; the event filter of the series list offers exactly these."""
    events = series.events.select_related("region").order_by("start", "pk")
    region_id = coordinated_region_id(user, series)
    if region_id is not None:
        events = events.filter(region_id=region_id)
    return list(events)


def themes_of(*, series: Series) -> list[Theme]:
    return list(series.themes.order_by("pk"))


def waitlist_position() -> Case:
    """A waitlisted registration's place on its event's waiting list (1 for the first, in
    the order of confirmation: registrations.services.waitlist_promote's order); None for
    any other state. Read with the index on (event, state, confirmed_at)."""
    ahead = (Registration.objects
             .filter(event_id=OuterRef("event_id"), state=State.WAITLISTED)
             .filter(Q(confirmed_at__lt=OuterRef("confirmed_at"))
                     | Q(confirmed_at=OuterRef("confirmed_at"), pk__lte=OuterRef("pk")))
             .order_by().values("event_id").annotate(count=Count("pk")).values("count"))
    return Case(When(state=State.WAITLISTED, then=Subquery(ahead)),
                default=Value(None), output_field=IntegerField())


def waitlist_positions(*, registration_ids: list[int]) -> dict[int, int]:
    """The waiting-list positions of those of these registrations that wait (one query
    with a subquery per waiting registration: for a page of the list, not a whole list)."""
    return dict(Registration.objects.filter(pk__in=registration_ids, state=State.WAITLISTED)
                .annotate(position=waitlist_position()).order_by()
                .values_list("pk", "position"))


def registrations_listed(user, *, series: Series, filters: RegistrationFilters,
                         event: Event | None = None) -> QuerySet[Registration]:
    """The registrations of `series` (of `event` only, if given) the user may see, filtered,
    searched and sorted as `filters` say, as objects with their participant (a page of
    them gets its waiting-list positions from waitlist_positions), or as rows to export
    (registration_rows)."""
    registrations = registrations_visible(user, series=series)
    if event is not None:
        registrations = registrations.filter(event=event)
    elif filters.event:
        registrations = registrations.filter(event_id=filters.event)
    if filters.state:
        registrations = registrations.filter(state=filters.state)
    if filters.country:
        registrations = registrations.filter(participant__country=filters.country)
    if filters.organisation_kind:
        registrations = registrations.filter(
            participant__organisation_kind=filters.organisation_kind)
    if filters.theme:
        registrations = registrations.filter(participant__themes=filters.theme)
    if filters.attended == ATTENDED_YES:
        registrations = registrations.filter(attended=True)
    elif filters.attended == ATTENDED_NO:
        registrations = registrations.filter(attended=False)
    elif filters.attended == ATTENDED_UNKNOWN:
        registrations = registrations.filter(attended__isnull=True)
    if filters.search:
        registrations = registrations.filter(_search(filters.search))
    return registrations.select_related("participant").order_by(*_ordering(filters.sort))


def registration_rows(registrations: QuerySet[Registration]) -> QuerySet:
    """The rows of an export: ROW_FIELDS and the waiting-list position, as tuples."""
    return (registrations.annotate(waitlist_position=waitlist_position())
            .values_list(*ROW_FIELDS, "waitlist_position"))


def _search(text: str) -> Q:
    """Name, e-mail address or organisation containing every word of `text` (any case)."""
    condition = Q()
    for word in text.split():
        condition &= (Q(participant__name__icontains=word)
                      | Q(participant__email__icontains=word)
                      | Q(participant__organisation_name__icontains=word))
    return condition


def _ordering(sort: str) -> list:
    descending = sort.startswith("-")
    key = sort.removeprefix("-")
    if key not in SORTS:
        key, descending = SORT_DEFAULT.removeprefix("-"), SORT_DEFAULT.startswith("-")
    if key == "position":  # the waiting lists first, each in its order
        fields = [Case(When(state=State.WAITLISTED, then=Value(0)), default=Value(1)),
                  F("event__start"), F("confirmed_at")]
    else:
        fields = [Lower(name) if name in _TEXT_SORTS else F(name) for name in SORTS[key]]
    fields.append(F("pk"))
    return [_direction(field, descending=descending) for field in fields]


def _direction(field, *, descending: bool):
    """A field's order; an empty value (a time or attendance not known) last either way. A
    column that is never empty is ordered plainly, so that an index on it serves."""
    nullable = getattr(field, "name", None) in _NULLABLE
    if descending:
        return field.desc(nulls_last=True) if nullable else field.desc()
    return field.asc(nulls_last=True) if nullable else field.asc()


_TEXT_SORTS = {"participant__name", "participant__email", "participant__organisation_name"}
_NULLABLE = {"confirmed_at", "attended", "attended_minutes"}
