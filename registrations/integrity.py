"""The invariants of seats, waiting lists, series registrations and their mails, as checks
that an operator runs on a live database (`manage.py check_integrity`) and that the racing
tests run after their rush.

Each check is a plain function `(*, now) -> list[Finding]`: read-only, a few aggregate
queries whatever the size of the database (grouped in SQL; Python only sees the rows
that break a rule, at most MAX_FINDINGS of them per check). A finding names events,
participants, series registrations, registrations and mails by id only — never an
address or a name — and says what is wrong.

What the data cannot show is said where it matters: the database keeps no history of an
event's capacity, so seats above a lowered capacity are legitimate (a lower capacity takes
no seat away, services.event_capacity_change) and reported as a warning only; the rules
that catch a seat given while the event was full are the waiting list's (no one waits
while a seat is free; no one seated who joined after someone still waiting).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import Count, Exists, F, IntegerField, Max, Min, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, StrIndex, Substr
from django.utils import timezone

from events.models import Event
from mail.models import Mail
from registrations.models import Participant, Registration, SeriesRegistration

State = Registration.State
ERROR, WARNING = "error", "warning"
MAX_FINDINGS = 50  # per check: a broken database is not printed whole
# The worker expires pending registrations every MAIL_SWEEP_SECONDS (cron: hourly, the
# expire_registrations command); older than the limit by more than this, it is not running.
EXPIRY_MARGIN = timedelta(hours=1)


@dataclass(frozen=True)
class Finding:
    """One broken rule: which check, what is wrong (ids only), and how bad."""

    check: str
    message: str
    severity: str = ERROR


def _moment(value: datetime | None) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds") if value else "-"


def _first(queryset: QuerySet) -> list:
    """The first rows of a query, one more than MAX_FINDINGS (to tell that there are more)."""
    return list(queryset[:MAX_FINDINGS + 1])


def _capped(check: str, findings: list[Finding], rows: int) -> list[Finding]:
    """At most MAX_FINDINGS findings, with a note when there were more rows than that."""
    if rows <= MAX_FINDINGS and len(findings) <= MAX_FINDINGS:
        return findings
    return findings[:MAX_FINDINGS] + [Finding(
        check, f"more than {MAX_FINDINGS} found; the first {MAX_FINDINGS} are shown",
        findings[0].severity)]


def _events_places() -> QuerySet[Event]:
    """Every event with its seats held, its waiting list's length, the earliest waiting
    and the latest seated confirmation time: one grouped query over the registrations."""
    seated, waiting = Q(registrations__state=State.CONFIRMED), Q(
        registrations__state=State.WAITLISTED)
    return Event.objects.order_by("pk").annotate(
        held=Count("registrations", filter=seated),
        waiting=Count("registrations", filter=waiting),
        first_waiting=Min("registrations__confirmed_at", filter=waiting),
        last_seated=Max("registrations__confirmed_at", filter=seated),
    )


def seats_within_capacity(*, now: datetime) -> list[Finding]:
    """Seats held ≤ capacity, for every event with a capacity (WARNING).

    Held means confirmed. Every service gives a seat only while the seats held, counted
    under the event's lock, are fewer than the capacity. But a lowered capacity takes no
    seat away, and nothing records when a capacity was lowered: more seats than the
    capacity are right after a lowering and wrong after an overbooking, which the data
    cannot tell apart. So this is a warning for the operator to compare with the event's
    history; a seat given while the waiting list was not empty is caught as an error by
    no_wait_while_seat_free and waiting_list_in_order.
    """
    rows = _first(_events_places().filter(capacity__isnull=False, held__gt=F("capacity"))
                .values_list("pk", "held", "capacity"))
    return _capped("seats_within_capacity", [
        Finding("seats_within_capacity",
                f"event {pk}: {held} seats held for a capacity of {capacity} (right only if "
                f"the capacity was lowered after these seats were given)", WARNING)
        for pk, held, capacity in rows], len(rows))


def no_wait_while_seat_free(*, now: datetime) -> list[Finding]:
    """Waitlisted registrations exist only while every seat is taken (ERROR).

    For each event not cancelled with a waiting list: it has a capacity, and the seats
    held are at least the capacity. Every change that frees a seat (a cancellation, a
    deletion, a raised capacity) promotes the waiting list in its transaction, and a seat
    is given to a newcomer only while one is free, so a waiting list beside a free seat
    means a freed seat was not passed on, or someone was waitlisted beside a free seat.
    (A cancelled event is left out: one cancelled after it ended keeps its registrations,
    and a capacity set while cancelling promotes nobody.)
    """
    rows = _first(_events_places().exclude(status=Event.Status.CANCELLED)
                .filter(waiting__gt=0)
                .filter(Q(capacity__isnull=True) | Q(held__lt=F("capacity")))
                .values_list("pk", "waiting", "held", "capacity"))
    findings = []
    for pk, waiting, held, capacity in rows:
        free = ("it has no limit" if capacity is None
                else f"{capacity - held} of {capacity} seats are free")
        findings.append(Finding("no_wait_while_seat_free",
                                f"event {pk}: {waiting} on the waiting list while {free}"))
    return _capped("no_wait_while_seat_free", findings, len(rows))


def waiting_list_in_order(*, now: datetime) -> list[Finding]:
    """Nobody holds a seat who joined after someone still waiting (ERROR).

    A registration's confirmed_at is when it took its place, taken under the event's lock:
    a seat then if one was free, else the end of the waiting list; promotion keeps it, and
    takes the waiting list in its order. So for each event, every seated registration's
    confirmed_at is at most the earliest confirmed_at of those still waiting: a later one
    was seated — directly or by promotion — past someone who was waiting already. A seat
    taken once the event had ended is no queue jump: it is a participant who came without
    registering, recorded from the attendance (attendance.services).
    """
    rows = _first(_events_places().filter(first_waiting__lt=F("last_seated"))
                .values_list("pk", "first_waiting"))
    findings = []
    for pk, first_waiting in rows:
        waiting = (Registration.objects.filter(event_id=pk).waiting()
                   .values_list("pk", flat=True).first())
        seated = (Registration.objects.filter(event_id=pk, state=State.CONFIRMED,
                                              confirmed_at__gt=first_waiting,
                                              confirmed_at__lt=F("event__end"))
                  .order_by("confirmed_at", "pk").values_list("pk", "confirmed_at"))
        if not seated:
            continue
        passed = [f"{seat} ({_moment(moment)})" for seat, moment in seated[:5]]
        findings.append(Finding(
            "waiting_list_in_order",
            f"event {pk}: registration {waiting} waits since {_moment(first_waiting)}, but "
            f"registrations that took their place later hold a seat: {', '.join(passed)}"))
    return _capped("waiting_list_in_order", findings, len(rows))


def _promotions() -> QuerySet[Mail]:
    """The 'promoted' mails (cause registration:<id>:promoted:<stamp>, registrations.
    services.waitlist_promote), each with the id of its registration read from the cause."""
    prefix = "registration:"
    start = len(prefix) + 1
    rest = Substr("cause", start)
    return (Mail.objects.filter(cause__startswith=prefix, cause__contains=":promoted:")
            .annotate(registration_id=Cast(Substr("cause", start, StrIndex(rest, Value(":")) - 1),
                                           IntegerField())))


def promoted_once(*, now: datetime) -> list[Finding]:
    """Every promotion is told once, and holds (ERROR).

    Each registration promoted from the waiting list gets one 'promoted' mail, written in
    the promotion's transaction under the event's lock (cause
    registration:<id>:promoted:<time>). The registration's confirmed_at is the time it
    took its current place, also taken under that lock (a registration cancelled and
    requested anew takes a new one), and promotion keeps it. So the 'promoted' mails
    written after a registration's confirmed_at (Mail.created_at) are the promotions of its
    current place: at most one, and none if it is on the waiting list (told it moved up,
    but did not). (That a promoted registration got no mail is not visible: nothing else
    marks a seat as promoted; the mail commits with it. The times come from the app hosts'
    clocks: keep them synchronised.)
    """
    promotions = _promotions()
    twice = set(_first(promotions.values("registration_id").annotate(mails=Count("pk"))
                       .filter(mails__gt=1).order_by("registration_id")
                       .values_list("registration_id", flat=True)))
    still_waiting = set(_first(Registration.objects.filter(
        state=State.WAITLISTED, pk__in=promotions.values("registration_id"))
        .order_by("pk").values_list("pk", flat=True)))
    if not (twice or still_waiting):
        return []
    told = defaultdict(list)
    for registration_id, cause, written in (
            promotions.filter(registration_id__in=twice | still_waiting)
            .order_by("created_at", "pk").values_list("registration_id", "cause", "created_at")):
        told[registration_id].append((written, cause))
    findings = []
    for pk, event_id, state, placed in (
            Registration.objects.filter(pk__in=twice | still_waiting, confirmed_at__isnull=False)
            .order_by("pk").values_list("pk", "event_id", "state", "confirmed_at")):
        current = [cause for written, cause in told[pk] if written > placed]
        if len(current) > 1:
            findings.append(Finding("promoted_once", (
                f"registration {pk} (event {event_id}) was promoted {len(current)} times "
                f"since it took its place at {_moment(placed)}: {', '.join(current)}")))
        elif current and state == State.WAITLISTED:
            findings.append(Finding("promoted_once", (
                f"registration {pk} (event {event_id}) is on the waiting list since "
                f"{_moment(placed)}, but its participant was told it moved up: {current[0]}")))
    return _capped("promoted_once", findings, max(len(twice), len(still_waiting)))


def _events_open_for_series(*, now: datetime) -> QuerySet[Event]:
    """Events a series registration covers now: published, not ended, registration not
    closed (queries.events_for_series_registration, and series_grow on publishing)."""
    return (Event.objects.filter(status=Event.Status.PUBLISHED, end__gt=now)
            .filter(Q(registration_closes__isnull=True) | Q(registration_closes__gt=now))
            .order_by("pk"))


def series_registrants_hold_events(*, now: datetime) -> list[Finding]:
    """Every series registration holds every event it covers (ERROR).

    For each active series registration (not cancelled, participant not anonymised),
    confirmed or not, and each event of its series that is published, not ended and whose
    registration has not closed: the participant holds a registration for the event, in
    any state. Registering for the series registers for those events; publishing one
    registers the series' participants for it (series_grow). A cancelled registration
    counts (the participant cancelled it); whether a held one is in the right state is
    pending_confirmable's and the waiting list's rule. One query per such event (an event
    whose closing time an organiser moved later is reported too: nobody was added then).
    """
    findings = []
    for event_id, series_id in _events_open_for_series(now=now).values_list("pk", "series_id"):
        missing = _first(
            SeriesRegistration.objects.filter(series_id=series_id, cancelled_at__isnull=True,
                                              participant__anonymised_at__isnull=True)
            .filter(~Exists(Registration.objects.filter(participant_id=OuterRef("participant_id"),
                                                        event_id=event_id)))
            .order_by("pk").values_list("pk", "participant_id", "confirmed_at"))
        findings += [Finding("series_registrants_hold_events", (
            f"series registration {pk} ({'confirmed' if confirmed else 'unconfirmed'}, "
            f"participant {participant_id}) holds no registration for event {event_id}"))
            for pk, participant_id, confirmed in missing]
        if len(findings) > MAX_FINDINGS:
            break
    return _capped("series_registrants_hold_events", findings, len(findings))


def pending_confirmable(*, now: datetime) -> list[Finding]:
    """A pending registration always has a confirmation link that would confirm it (ERROR).

    Pending means waiting for the address to be confirmed through the link of the latest
    registration request; the participant's confirm_nonce is that link's, and confirming
    empties it and takes every pending registration in the same transaction. So a pending
    registration for an event not ended, of a participant not anonymised, whose nonce is
    empty, is stuck: nothing will confirm it, and it will only expire (a confirmed series
    registrant left pending for a newly published event, for example).
    """
    rows = _first(Registration.objects.filter(
        state=State.PENDING, event__end__gt=now, participant__anonymised_at__isnull=True,
        participant__confirm_nonce="").order_by("pk")
        .values_list("pk", "participant_id", "event_id", "series_registration__confirmed_at"))
    return _capped("pending_confirmable", [Finding("pending_confirmable", (
        f"registration {pk} (participant {participant_id}, event {event_id}) is pending, but "
        f"no confirmation link is outstanding"
        + (" (its series registration is confirmed)" if series_confirmed else "")))
        for pk, participant_id, event_id, series_confirmed in rows], len(rows))


def pending_expired(*, now: datetime) -> list[Finding]:
    """No pending registration or series registration outlives its expiry (WARNING).

    Unconfirmed ones are cancelled once older than REGISTRATION_PENDING_HOURS
    (registrations_expire_pending, run by the worker's sweep); older than that by more
    than EXPIRY_MARGIN, the sweep is not running.
    """
    limit = now - timedelta(hours=settings.REGISTRATION_PENDING_HOURS) - EXPIRY_MARGIN
    findings = []
    for label, queryset in (
            ("registrations", Registration.objects.filter(state=State.PENDING)),
            ("series registrations", SeriesRegistration.objects.filter(
                confirmed_at__isnull=True, cancelled_at__isnull=True))):
        old = queryset.filter(requested_at__lt=limit)
        count = old.count()
        if count:
            first = list(old.order_by("pk").values_list("pk", flat=True)[:5])
            findings.append(Finding("pending_expired", (
                f"{count} pending {label} requested before {_moment(limit)} have not expired "
                f"(first: {', '.join(map(str, first))}): is the worker's sweep running?"),
                WARNING))
    return findings


def anonymised_hold_nothing(*, now: datetime) -> list[Finding]:
    """Deleted data holds no place (ERROR).

    Deleting a participant's data (participant_delete) cancels their series registrations
    and every registration of an event not ended at that moment. So no active registration
    (pending, confirmed, waitlisted) of an anonymised participant is for an event that
    ended after the anonymisation, and none of their series registrations is active.
    """
    registrations = _first(
        Registration.objects.active()
        .filter(participant__anonymised_at__isnull=False,
                event__end__gt=F("participant__anonymised_at"))
        .order_by("pk").values_list("pk", "participant_id", "event_id", "state"))
    series = _first(SeriesRegistration.objects.filter(
        cancelled_at__isnull=True, participant__anonymised_at__isnull=False)
        .order_by("pk").values_list("pk", "participant_id"))
    findings = [Finding("anonymised_hold_nothing", (
        f"registration {pk} (anonymised participant {participant_id}, event {event_id}) is "
        f"still {state}")) for pk, participant_id, event_id, state in registrations]
    findings += [Finding("anonymised_hold_nothing", (
        f"series registration {pk} (anonymised participant {participant_id}) is not "
        f"cancelled")) for pk, participant_id in series]
    return _capped("anonymised_hold_nothing", findings, max(len(registrations), len(series)))


def cancelled_events_hold_nothing(*, now: datetime) -> list[Finding]:
    """A cancelled event that has not ended holds no seat and no waiting place (ERROR).

    Cancelling an event cancels its registrations in the same transaction, and seats are
    given only under the event's lock to a published event. (A pending one may stay: it
    holds nothing, and confirming it cancels it.)
    """
    cancelled = Event.objects.filter(status=Event.Status.CANCELLED, end__gt=now).values("pk")
    rows = _first(Registration.objects.filter(  # by event: the registrations' index
        event_id__in=cancelled, state__in=[State.CONFIRMED, State.WAITLISTED])
        .order_by("pk").values_list("pk", "event_id", "state"))
    return _capped("cancelled_events_hold_nothing", [Finding("cancelled_events_hold_nothing", (
        f"registration {pk} of cancelled event {event_id} is still {state}"))
        for pk, event_id, state in rows], len(rows))


def confirmation_times(*, now: datetime) -> list[Finding]:
    """Every state has its time, and places need a confirmed address (ERROR).

    A seat or a waiting place (confirmed, waitlisted) has confirmed_at, the moment it took
    its place, and its participant's address was confirmed (Participant.confirmed_at); a
    cancelled registration has cancelled_at; a confirmed series registration belongs to a
    confirmed address.
    """
    placed = Registration.objects.filter(state__in=[State.CONFIRMED, State.WAITLISTED])
    never_confirmed = Participant.objects.filter(confirmed_at__isnull=True).values("pk")
    rows = sorted({row for queryset in (  # three cheap queries (one with OR scans and joins)
        placed.filter(confirmed_at__isnull=True),
        placed.filter(participant_id__in=never_confirmed),
        Registration.objects.filter(state=State.CANCELLED, cancelled_at__isnull=True),
    ) for row in _first(queryset.order_by("pk").values_list(
        "pk", "participant_id", "state", "confirmed_at"))})
    findings = []
    for pk, participant_id, state, confirmed_at in rows:
        if state == State.CANCELLED:
            problem = "has no cancellation time"
        elif confirmed_at is None:
            problem = "has no confirmation time"
        else:
            problem = (f"holds a place, but participant {participant_id}'s address was never "
                       f"confirmed")
        findings.append(Finding("confirmation_times", f"registration {pk} ({state}) {problem}"))
    series = _first(SeriesRegistration.objects.filter(confirmed_at__isnull=False,
                                                    participant_id__in=never_confirmed)
                  .order_by("pk").values_list("pk", "participant_id"))
    findings += [Finding("confirmation_times", (
        f"series registration {pk} is confirmed, but participant {participant_id}'s address "
        f"was never confirmed")) for pk, participant_id in series]
    return _capped("confirmation_times", findings, max(len(rows), len(series)))


def mail_causes_unique(*, now: datetime) -> list[Finding]:
    """One cause, one mail (ERROR): no cause in the outbox twice (a unique index holds it;
    checked in case the index was lost, e.g. by a partial restore)."""
    rows = _first(Mail.objects.values("cause").annotate(mails=Count("pk")).filter(mails__gt=1)
                  .order_by("cause").values_list("cause", flat=True))
    ids = defaultdict(list)
    for cause, pk in Mail.objects.filter(cause__in=rows).order_by("pk").values_list("cause", "pk"):
        ids[cause].append(str(pk))
    # the kind and ids of the cause only: its last part may be a confirmation link's nonce
    return _capped("mail_causes_unique", [
        Finding("mail_causes_unique", (f"mails {', '.join(ids[cause])} share one cause "
                                       f"({':'.join(cause.split(':')[:3])}:…)"))
        for cause in rows], len(rows))


CHECKS: list[Callable[..., list[Finding]]] = [
    seats_within_capacity, no_wait_while_seat_free, waiting_list_in_order, promoted_once,
    series_registrants_hold_events, pending_confirmable, pending_expired,
    anonymised_hold_nothing, cancelled_events_hold_nothing, confirmation_times,
    mail_causes_unique,
]


# The checks of the apps built on registrations (registered from their AppConfig.ready();
# registrations may not import them), run after CHECKS: e.g. matchmaking.integrity.
_MORE_CHECKS: list[Callable[..., list[Finding]]] = []


def integrity_check_register(check: Callable[..., list[Finding]]) -> None:
    """Have integrity_check run `check(now=…)` too."""
    if check not in _MORE_CHECKS:
        _MORE_CHECKS.append(check)


def integrity_check(*, now: datetime | None = None) -> list[Finding]:
    """Every check's findings, in the order of CHECKS, then the other apps' (empty when
    all hold)."""
    now = now or timezone.now()
    return [finding for check in [*CHECKS, *_MORE_CHECKS] for finding in check(now=now)]
