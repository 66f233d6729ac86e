"""The organisers' "schedule all": every accepted meeting of a networking block that has no
slot yet gets one where both people are available, by matchmaking.scheduler (pure Python),
without moving the meetings people booked themselves.

The search takes up to a few seconds, so it runs outside any transaction and lock, on what
the block looked like then; its proposal is applied afterwards in one short transaction
that re-checks each placement under the block's lock (matchmaking's lock order: profiles →
block → requests). Whatever changed meanwhile — a meeting cancelled, booked by its people,
a slot or a table taken by another run or a booking — is skipped, so two runs at once, or a
run while people book, place each meeting once and never break a rule.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.db import retry_on_conflict
from events.models import Event
from matchmaking import mails
from matchmaking.models import MatchmakingProfile, MeetingRequest, NetworkingBlock
from matchmaking.queries import availability_of, slots_of
from matchmaking.scheduler import Problem, ProblemError, Request, schedule
from matchmaking.services import MatchmakingError

logger = logging.getLogger(__name__)

TIME_LIMIT = 1.8  # seconds the search may take
TAKEN_MEANWHILE = "taken_meanwhile"  # a proposal the apply step had to skip


@dataclass(frozen=True)
class NotPlaced:
    """A meeting left without a slot, and why (in the active language)."""

    request_id: int
    people: str      # "Anna Adler – Boris Berg"
    reason: str      # the code (matchmaking.scheduler's Unplaced.reason, or TAKEN_MEANWHILE)
    text: str


@dataclass
class ScheduleReport:
    """What one "schedule all" did: how many meetings it placed now, which it could not
    place and why, the meetings of the block scheduled in all, the value reached (priority
    points of the scheduled meetings), the search's upper bound on it, and its time."""

    placed: int = 0
    not_placed: list[NotPlaced] = field(default_factory=list)
    scheduled: int = 0
    accepted: int = 0
    value: int = 0
    upper_bound: int | None = None
    seconds: float = 0.0


Record = Callable[[NetworkingBlock, dict], object]


def block_schedule_all(*, block_id: int, actor_id: int | None = None,
                       now: datetime | None = None, record: Record | None = None
                       ) -> ScheduleReport:
    """Schedule every accepted, unscheduled meeting of block `block_id` that fits.

    Steps: 1. refuse a block that is over or whose event is cancelled; read its accepted
    meetings, its people's availability and the meetings already scheduled (fixed: never
    moved), and build the problem (people: profile ids; weight: the request's priority);
    2. search (matchmaking.scheduler.schedule, outside any transaction; inconsistent input:
    a MatchmakingError saying what is wrong); 3. in one transaction, lock the block and its
    accepted requests, and place each proposal that still holds (the request accepted and
    unscheduled, the slot in the block, both people available and free then, on site a
    table free: the lowest number), booked by the scheduler; 4. `record` it (the
    workspace's audit log: called in that transaction with the locked block and the
    counts); 5. queue the mail to both people of each meeting placed.
    """
    now = now or timezone.now()
    started = time.perf_counter()
    block = NetworkingBlock.objects.select_related("event__series").filter(pk=block_id).first()
    if block is None:
        raise MatchmakingError(_("This networking block does not exist (any more)."))
    if block.event.status == Event.Status.CANCELLED:
        raise MatchmakingError(_("The event is cancelled: its meetings are not scheduled."))
    if block.is_over(now):
        raise MatchmakingError(_("This networking block is over: its meetings can no longer "
                                 "be scheduled."))
    meetings = list(_accepted(block_id=block.pk))
    problem = _problem(block=block, meetings=meetings)
    try:
        result = schedule(problem, time_limit=TIME_LIMIT, seed=0)
    except ProblemError as error:
        logger.warning("Schedule all of block %s refused: %s", block.pk, error.code)
        raise MatchmakingError(problem_error_message(error)) from error
    proposal = {request_id: slot for request_id, slot in result.slots.items()
                if request_id not in problem.fixed}
    placed, taken = _apply(block_id=block.pk, proposal=proposal, now=now, record=record,
                           upper_bound=result.upper_bound)
    not_placed = _not_placed(meetings=meetings, unplaced=[
        (item.request_id, item.reason, item.params) for item in result.unplaced] + [
        (request_id, TAKEN_MEANWHILE, {}) for request_id in taken])
    counts = MeetingRequest.objects.filter(block_id=block.pk).meetings()
    scheduled = list(counts.filter(slot__isnull=False).values_list("priority", flat=True))
    report = ScheduleReport(placed=len(placed), not_placed=not_placed,
                            scheduled=len(scheduled), accepted=counts.count(),
                            value=sum(scheduled), upper_bound=result.upper_bound,
                            seconds=time.perf_counter() - started)
    logger.info("Schedule all of block %s by user %s: %d placed, %d not placed", block.pk,
                actor_id, report.placed, len(not_placed))
    return report


def _not_placed(*, meetings: list[MeetingRequest],
                unplaced: list[tuple[int, str, dict]]) -> list[NotPlaced]:
    names = _person_names(meetings)
    by_id = {meeting.pk: meeting for meeting in meetings}
    not_placed = []
    for request_id, reason, params in unplaced:
        a, b = names[by_id[request_id].sender_id], names[by_id[request_id].receiver_id]
        not_placed.append(NotPlaced(request_id, f"{a} – {b}", reason,
                                    unplaced_message(reason, params, a=a, b=b, names=names)))
    return not_placed


def _accepted(*, block_id: int):
    """The block's accepted meetings between two profiles, with their people."""
    return (MeetingRequest.objects.meetings()
            .filter(block_id=block_id, sender__isnull=False, receiver__isnull=False)
            .select_related("sender__participant", "receiver__participant").order_by("pk"))


def _problem(*, block: NetworkingBlock, meetings: list[MeetingRequest]) -> Problem:
    """The block as the scheduler sees it. A booked meeting's slot counts as available for
    its two people (their availability may have changed since they booked it: the meeting
    stays where it is)."""
    people = {meeting.sender_id for meeting in meetings} | {
        meeting.receiver_id for meeting in meetings}
    masks = availability_of(block=block, profile_ids=people)
    fixed = {meeting.pk: meeting.slot for meeting in meetings if meeting.slot is not None}
    for meeting in meetings:
        if meeting.slot is not None and 0 <= meeting.slot < block.slot_count:
            for person in (meeting.sender_id, meeting.receiver_id):
                masks[person] = masks.get(person, 0) | 1 << meeting.slot
    return Problem(slots=block.slot_count, tables=block.tables,
                   availability={person: frozenset(slots_of(mask))
                                 for person, mask in masks.items()},
                   requests=[Request(id=meeting.pk, a=meeting.sender_id, b=meeting.receiver_id,
                                     weight=meeting.priority) for meeting in meetings],
                   fixed=fixed)


@retry_on_conflict
@transaction.atomic
def _apply(*, block_id: int, proposal: dict[int, int], now: datetime,
           record: Record | None, upper_bound: int | None
           ) -> tuple[list[MeetingRequest], list[int]]:
    """Place what still holds of `proposal` {request id: slot}: the meetings placed, and the
    ids of those whose slot or table was taken meanwhile. The block's lock is held only
    for these few queries."""
    block = (NetworkingBlock.objects.select_for_update(no_key=True, of=("self",))
             .select_related("event__series").get(pk=block_id))
    requests = list(_accepted(block_id=block_id).select_for_update(no_key=True, of=("self",)))
    masks = availability_of(block=block, profile_ids={
        person for request in requests for person in (request.sender_id, request.receiver_id)})
    busy = set()
    tables: dict[int, set[int]] = {}
    for request in requests:
        if request.slot is not None:
            busy |= {(request.sender_id, request.slot), (request.receiver_id, request.slot)}
            tables.setdefault(request.slot, set()).add(request.table)
    placed, taken = [], []
    for request in requests:
        slot = proposal.get(request.pk)
        if slot is None or request.slot is not None:
            continue  # not proposed, or booked by its people meanwhile
        people = (request.sender_id, request.receiver_id)
        table = _free_table(block=block, used=tables.get(slot, set()))
        if (not 0 <= slot < block.slot_count or table is False
                or any((person, slot) in busy or not masks.get(person, 0) >> slot & 1
                       for person in people)):
            taken.append(request.pk)
            continue
        request.slot, request.table = slot, table
        request.booked_by = MeetingRequest.BookedBy.SCHEDULER
        request.scheduled_at = now
        busy |= {(person, slot) for person in people}
        tables.setdefault(slot, set()).add(table)
        placed.append(request)
    MeetingRequest.objects.bulk_update(placed, ["slot", "table", "booked_by", "scheduled_at"])
    if record is not None:
        record(block, {"placed": len(placed), "taken_meanwhile": len(taken),
                       "upper_bound": upper_bound})
    for request in placed:
        mails.mail_meeting_scheduled(request=request, now=now)
    return placed, taken


def _free_table(*, block: NetworkingBlock, used: set) -> int | None | bool:
    """The lowest free table of a slot (None online, False when all are taken)."""
    if block.tables is None:
        return None
    return next((table for table in range(1, block.tables + 1) if table not in used), False)


def _person_names(meetings: list[MeetingRequest]) -> dict[int, str]:
    names = {}
    for meeting in meetings:
        for profile in (meeting.sender, meeting.receiver):
            names[profile.pk] = person_name(profile)
    return names


def person_name(profile: MatchmakingProfile) -> str:
    """A profile's person as the organisers know them: their name ("Anna Adler")."""
    return profile.participant.name or profile.organisation_name


def unplaced_message(reason: str, params: dict, *, a: str, b: str,
                     names: dict[int, str]) -> str:
    """Why the meeting of `a` and `b` found no slot, in the active language (`names`: the
    people by profile id, for the person a reason names)."""
    if reason == "person_full":
        person = names.get(params.get("person"), "?")
        accepted, available = params.get("accepted", 0), params.get("available", 0)
        if not available:
            return _("%(person)s is not available in any slot of this block.") % {
                "person": person}
        return ngettext(
            "%(person)s accepted %(accepted)d meetings but is available for %(available)d "
            "slot.",
            "%(person)s accepted %(accepted)d meetings but is available for %(available)d "
            "slots.", available) % {"person": person, "accepted": accepted,
                                    "available": available}
    if reason == "no_common_slot":
        return _("%(a)s and %(b)s are not available at the same time.") % {"a": a, "b": b}
    if reason == "tables_full":
        return _("Every table is taken in the slots when %(a)s and %(b)s are both free.") % {
            "a": a, "b": b}
    if reason == "conflict":
        return _("The slots when %(a)s and %(b)s are both free are taken by their other "
                 "meetings.") % {"a": a, "b": b}
    if reason == TAKEN_MEANWHILE:
        return _("The slot found for %(a)s and %(b)s was taken meanwhile: run “Schedule "
                 "all” again.") % {"a": a, "b": b}
    return _("No slot was found for %(a)s and %(b)s.") % {"a": a, "b": b}


def _slot_number(value) -> object:
    """A slot as people count them (from 1); anything else as it is."""
    return value + 1 if isinstance(value, int) and not isinstance(value, bool) else value


def problem_error_message(error: ProblemError) -> str:
    """The scheduler's refusal of inconsistent input, in the active language."""
    params = error.params
    slot = _slot_number(params.get("slot"))
    last = _slot_number(params.get("last"))
    messages = {
        "no_slots": lambda: _("The block has no time slots to schedule meetings in."),
        "negative_tables": lambda: _("The block's number of tables (%(tables)s) is "
                                     "negative.") % {"tables": params.get("tables")},
        "unknown_slot": lambda: _("Slot %(slot)s is not a slot of this block: it has slots "
                                  "1 to %(last)s.") % {"slot": slot, "last": last},
        "unknown_person": lambda: _("A meeting names a person without a profile in this "
                                    "matchmaking."),
        "self_meeting": lambda: _("A meeting request asks a person to meet themselves."),
        "bad_weight": lambda: _("A meeting request has an invalid priority (%(weight)s).") % {
            "weight": params.get("weight")},
        "duplicate_request": lambda: _("Two meeting requests ask the same two people to "
                                       "meet."),
        "unknown_request": lambda: _("A booked meeting is not among the block's accepted "
                                     "meetings."),
        "fixed_unavailable": lambda: _("A booked meeting lies in slot %(slot)s, when one of "
                                       "its people is not available.") % {"slot": slot},
        "fixed_double_booked": lambda: _("A person has two booked meetings in slot "
                                         "%(slot)s.") % {"slot": slot},
        "fixed_over_tables": lambda: _("Slot %(slot)s has more booked meetings than the "
                                       "block's %(tables)s tables.") % {
            "slot": slot, "tables": params.get("tables")},
    }
    message = messages.get(error.code)
    text = message() if message else _("The block's data is inconsistent (%(code)s).") % {
        "code": error.code}
    return _("The meetings cannot be scheduled: %(reason)s") % {"reason": text}
