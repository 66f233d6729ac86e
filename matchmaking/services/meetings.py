"""Meetings: booking an accepted request into a time slot (and, on site, a table),
reporting a no-show, the reminder sweep, and the sweep that cancels the meetings of people
who no longer come. Cancelling a meeting is a state change of its
request (requests.request_state_change).

Locks (matchmaking.models, "Locks"): the networking block FOR NO KEY UPDATE, then the
request. Every booking of a block holds the block's row, so two people taking the last
common slot or the last table of a slot one after the other see each other's booking.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import retry_on_conflict
from events.models import Event
from matchmaking import mails
from matchmaking.models import MeetingRequest, NetworkingBlock
from matchmaking.queries import availability_of
from matchmaking.services import MatchmakingError
from matchmaking.services.requests import block_lock, not_yours, request_cancelled_save
from registrations.models import Registration

logger = logging.getLogger(__name__)
State = MeetingRequest.State


def _locked(*, request_id: int, profile_id: int) -> MeetingRequest:
    """The request (its block locked first, then it), if `profile_id` is one of its two."""
    block_id = MeetingRequest.objects.filter(pk=request_id).values_list(
        "block_id", flat=True).first()
    if block_id is None:
        raise not_yours()
    block = block_lock(block_id=block_id)
    request = (MeetingRequest.objects.select_for_update(no_key=True, of=("self",))
               .select_related("sender__participant", "receiver__participant")
               .get(pk=request_id))
    if profile_id not in (request.sender_id, request.receiver_id):
        raise not_yours()
    request.block = block
    return request


def slot_refusal(*, request: MeetingRequest, profile_id: int, slot: int,
                 now: datetime) -> str | None:
    """Why the meeting `request` cannot go into `slot` (booked by `profile_id`), or None.
    Read under the block's lock."""
    block = request.block
    if request.state != State.ACCEPTED:
        return _("This meeting request has not been accepted: there is no meeting to book.")
    if not isinstance(slot, int) or not 0 <= slot < block.slot_count:
        return _("There is no such time slot in this networking block.")
    if block.slot_start(slot) <= now:
        return _("This time slot has already begun.")
    if request.slot == slot:
        return _("The meeting is already in this time slot.")
    other_id = request.receiver_id if profile_id == request.sender_id else request.sender_id
    masks = availability_of(block=block, profile_ids=[profile_id, other_id])
    if not masks.get(profile_id, 0) >> slot & 1:
        return _("You are not available in this time slot.")
    if not masks.get(other_id, 0) >> slot & 1:
        return _("The other person is not available in this time slot.")
    busy = set(MeetingRequest.objects.scheduled().filter(block=block, slot=slot)
               .exclude(pk=request.pk)
               .filter(Q(sender_id__in=[profile_id, other_id])
                       | Q(receiver_id__in=[profile_id, other_id]))
               .values_list("sender_id", "receiver_id"))
    if any(profile_id in pair for pair in busy):
        return _("You already have a meeting in this time slot.")
    if busy:
        return _("The other person already has a meeting in this time slot.")
    return None


def free_table(*, block: NetworkingBlock, slot: int, request_id: int) -> int | None:
    """The lowest table of `block` free in `slot` (under the block's lock)."""
    taken = set(MeetingRequest.objects.scheduled().filter(block=block, slot=slot)
                .exclude(pk=request_id).values_list("table", flat=True))
    return next((table for table in range(1, block.tables + 1) if table not in taken), None)


@retry_on_conflict
@transaction.atomic
def meeting_book(*, request_id: int, profile_id: int, slot: int,
                 now: datetime) -> MeetingRequest:
    """Put the accepted meeting `request_id` into `slot`, on behalf of `profile_id` (one of
    the two); a scheduled meeting moves. Or MatchmakingError with the translated reason.

    Steps:
    1. lock the block, then the request;
    2. refuse (slot_refusal): not one's own, not accepted, no such slot, a slot begun, the
       slot it is in, either side not available in it or already meeting someone in it;
       on site, every table of the slot taken;
    3. save the slot, the lowest free table (on site), booked_by participant, scheduled_at;
    4. log the ids;
    5. queue the mail to both (mails.mail_meeting_scheduled).
    """
    request = _locked(request_id=request_id, profile_id=profile_id)
    refusal = slot_refusal(request=request, profile_id=profile_id, slot=slot, now=now)
    if refusal:
        raise MatchmakingError(refusal)
    block = request.block
    table = None
    if not block.is_online:
        table = free_table(block=block, slot=slot, request_id=request.pk)
        if table is None:
            raise MatchmakingError(_("Every table is taken in this time slot."))
    request.slot, request.table = slot, table
    request.booked_by, request.scheduled_at = MeetingRequest.BookedBy.PARTICIPANT, now
    request.reminded_at = None
    request.save(update_fields=["slot", "table", "booked_by", "scheduled_at", "reminded_at"])
    logger.info("Meeting %s of block %s booked into slot %s (table %s) by profile %s",
                request.pk, block.pk, slot, table, profile_id)
    mails.mail_meeting_scheduled(request=request, now=now)
    return request


@retry_on_conflict
@transaction.atomic
def meeting_no_show_report(*, request_id: int, profile_id: int,
                           now: datetime) -> MeetingRequest:
    """Report that the other side did not come to the meeting `request_id`.

    Steps: 1. lock the block, then the request; 2. refuse: not one's own, not a scheduled
    meeting, its slot not begun yet, a no-show already reported (by either); 3. save
    no_show_reported_at and _by; 4. log the ids. No mail."""
    request = _locked(request_id=request_id, profile_id=profile_id)
    if not request.is_scheduled:
        raise MatchmakingError(_("This meeting is not scheduled."))
    if request.block.slot_start(request.slot) > now:
        raise MatchmakingError(_("A no-show can be reported once the meeting has begun."))
    if request.no_show_reported_at is not None:
        raise MatchmakingError(_("A no-show has already been reported for this meeting."))
    request.no_show_reported_at, request.no_show_reported_by_id = now, profile_id
    request.save(update_fields=["no_show_reported_at", "no_show_reported_by"])
    logger.info("No-show reported for meeting %s by profile %s", request.pk, profile_id)
    return request


# the longest a block can last (MaxValueValidator of slot_minutes and slot_count)
LONGEST_BLOCK = timedelta(minutes=120 * 48)


def meetings_remind_due(*, now: datetime) -> int:
    """Queue the reminder of every scheduled meeting whose slot starts within
    settings.MATCHMAKING_REMINDER_MINUTES from `now` and has not been reminded; the number
    queued. Safe to run twice and concurrently: each meeting is claimed (reminded_at set
    where it is empty) in the transaction that queues its mail."""
    ahead = now + timedelta(minutes=settings.MATCHMAKING_REMINDER_MINUTES)
    candidates = (MeetingRequest.objects.scheduled()
                  .filter(reminded_at__isnull=True, block__starts_at__lte=ahead,
                          block__starts_at__gt=now - LONGEST_BLOCK)
                  .select_related("block__event", "sender__participant",
                                  "receiver__participant"))
    queued = 0
    for request in candidates:
        if not now < request.block.slot_start(request.slot) <= ahead:
            continue
        with transaction.atomic():
            claimed = MeetingRequest.objects.filter(
                pk=request.pk, state=State.ACCEPTED, slot=request.slot,
                scheduled_at=request.scheduled_at, reminded_at__isnull=True,
            ).update(reminded_at=now)
            if claimed:
                mails.mail_meeting_reminder(request=request, now=now)
                queued += 1
    if queued:
        logger.info("Reminders queued for %d meetings", queued)
    return queued


def _present(side: str) -> Exists:
    """Whether the request's `side` (sender or receiver) still comes to the block's event:
    a confirmed or waiting registration for it (a waiting one may still get a seat)."""
    return Exists(Registration.objects.filter(
        participant=OuterRef(f"{side}__participant"), event=OuterRef("block__event"),
        state__in=[Registration.State.CONFIRMED, Registration.State.WAITLISTED]))


def absent_requests() -> QuerySet[MeetingRequest]:
    """Standing requests of blocks not over in which one side no longer comes: their
    registration for the event cancelled (or expired), or the event cancelled."""
    return (MeetingRequest.objects.standing()
            .filter(block__starts_at__gt=timezone.now() - LONGEST_BLOCK)
            .filter(~_present("sender") | ~_present("receiver")
                    | Q(block__event__status=Event.Status.CANCELLED)))


def meetings_of_absentees_cancel(*, now: datetime, limit: int = 500) -> int:
    """Cancel the standing requests and meetings of people who no longer come to the
    block's event (absent_requests), so that their slots are free again and the other
    side knows; the number cancelled. The worker's sweep runs it: a cancelled registration,
    however it came about (the participant, an organiser, a cancelled event, an expiry),
    reaches the meetings within MAIL_SWEEP_SECONDS. Safe to run twice and concurrently:
    each request is re-checked under the block's and its own lock."""
    cancelled = 0
    for request_id, block_id in absent_requests().values_list("pk", "block_id")[:limit]:
        cancelled += _absentee_cancel(request_id=request_id, block_id=block_id, now=now)
    if cancelled:
        logger.info("%d meeting requests cancelled: one side no longer comes", cancelled)
    return cancelled


@retry_on_conflict
@transaction.atomic
def _absentee_cancel(*, request_id: int, block_id: int, now: datetime) -> int:
    """Steps: lock the block, then the request; re-check that it is standing and a side
    is absent; cancel it on behalf of the absent side (the sender if both); log; queue
    mails.mail_meeting_cancelled to the other side."""
    block = block_lock(block_id=block_id)
    request = (absent_requests().filter(pk=request_id)
               .select_for_update(no_key=True, of=("self",))
               .select_related("sender__participant", "receiver__participant")
               .annotate(sender_present=_present("sender")).first())
    if request is None or block.is_over(now):
        return 0
    request.block = block
    absent = request.sender_id if not request.sender_present else request.receiver_id
    request_cancelled_save(request, by_id=absent, now=now)
    logger.info("Meeting request %s of block %s cancelled: profile %s no longer comes",
                request.pk, block.pk, absent)
    mails.mail_meeting_cancelled(request=request, now=now)
    return 1
