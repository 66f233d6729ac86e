"""Reads of attendance: a pending import as its uploader may see it, an event's imports and
totals, and the check-in list."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from attendance.models import AttendanceImport, PendingAttendanceImport
from events.models import Event
from registrations.models import Registration

State = Registration.State
CHECK_IN_STATES = (State.CONFIRMED, State.WAITLISTED)  # who may come to the door
CHECK_IN_LIMIT = 100  # people shown at once; the search narrows them


def pending_import_of(*, event: Event, user, pending_id: int,
                      now: datetime | None = None) -> PendingAttendanceImport | None:
    """The pending import `pending_id` if `user` uploaded it for `event` less than a day
    ago; None for any other (another event's, another user's, expired, saved)."""
    now = now or timezone.now()
    limit = now - timedelta(hours=PendingAttendanceImport.PENDING_HOURS)
    return PendingAttendanceImport.objects.filter(
        pk=pending_id, event=event, uploaded_by=user, uploaded_at__gte=limit).first()


def imports_of(*, event: Event) -> QuerySet[AttendanceImport]:
    """The event's imports, oldest first, each with who imported it and its number of
    records (`registrations`)."""
    return (AttendanceImport.objects.filter(event=event).select_related("imported_by")
            .annotate(registrations=Count("records")).order_by("imported_at", "pk"))


@dataclass(frozen=True)
class AttendanceTotals:
    confirmed: int  # registrations holding a seat
    attended: int  # registrations (any state) that attended
    absent: int  # confirmed registrations known not to have attended
    unknown: int  # confirmed registrations whose attendance is not known
    checked_in: int
    minutes: int  # all minutes recorded


def attendance_totals(*, event: Event) -> AttendanceTotals:
    """The event's attendance in one grouped query."""
    confirmed = Q(state=State.CONFIRMED)
    row = Registration.objects.filter(event=event).aggregate(
        n_confirmed=Count("pk", filter=confirmed),
        n_attended=Count("pk", filter=Q(attended=True)),
        n_absent=Count("pk", filter=confirmed & Q(attended=False)),
        n_unknown=Count("pk", filter=confirmed & Q(attended__isnull=True)),
        n_checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
        n_minutes=Coalesce(Sum("attended_minutes"), 0),
    )
    return AttendanceTotals(**{key[2:]: value for key, value in row.items()})


def check_in_list(*, event: Event, search: str = "",
                  limit: int = CHECK_IN_LIMIT) -> tuple[list[Registration], int]:
    """The event's confirmed and waitlisted registrations (not anonymised) whose name,
    address or organisation contains `search`, by name: the first `limit` of them and how
    many there are. Two queries."""
    registrations = (Registration.objects.filter(event=event, state__in=CHECK_IN_STATES,
                                                 participant__anonymised_at__isnull=True)
                     .select_related("participant").order_by("participant__name", "pk"))
    for word in search.split():
        registrations = registrations.filter(
            Q(participant__name__icontains=word) | Q(participant__email__icontains=word)
            | Q(participant__organisation_name__icontains=word))
    return list(registrations[:limit]), registrations.count()
