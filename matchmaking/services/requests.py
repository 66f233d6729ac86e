"""Meeting requests: sending one, and the one function that changes a request's state
(matchmaking.models has the picture).

Locks (matchmaking.models, "Locks"): the profiles by id (sending: the two of the pair,
which keeps the sender's count of open requests and the receiver's existence true), then
the networking block FOR NO KEY UPDATE (cancelling a meeting frees its slot), then the
request.
"""

import logging
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from core.db import insert_unless_taken, retry_on_conflict
from matchmaking import mails
from matchmaking.models import (
    TEXT_MAX,
    MatchmakingProfile,
    MeetingRequest,
    NetworkingBlock,
    pair_key,
)
from matchmaking.queries import is_open, registered_event_ids
from matchmaking.services import MatchmakingError

logger = logging.getLogger(__name__)
State = MeetingRequest.State

# state → the states it may go to, and who may move it there
TRANSITIONS: dict[str, set[str]] = {
    State.PENDING: {State.ACCEPTED, State.DECLINED, State.WITHDRAWN},
    State.ACCEPTED: {State.CANCELLED},
    State.DECLINED: set(),
    State.WITHDRAWN: set(),
    State.CANCELLED: set(),
}
RECEIVER, SENDER, EITHER = "receiver", "sender", "either"
ACTORS = {State.ACCEPTED: RECEIVER, State.DECLINED: RECEIVER, State.WITHDRAWN: SENDER,
          State.CANCELLED: EITHER}


def not_yours() -> MatchmakingError:
    return MatchmakingError(_("This meeting request is not yours, or it does not exist."))


def block_lock(*, block_id: int) -> NetworkingBlock:
    """The block's row, locked FOR NO KEY UPDATE until the end of the transaction: every
    change of which meetings sit in which of its slots holds it."""
    return (NetworkingBlock.objects.select_for_update(no_key=True, of=("self",))
            .select_related("event__series").get(pk=block_id))


def _pair_lock(*, sender_id: int, receiver_id: int) -> dict[int, MatchmakingProfile]:
    """The two profiles (those that exist), locked in id order."""
    rows = (MatchmakingProfile.objects.select_for_update(no_key=True, of=("self",))
            .select_related("participant", "series")
            .filter(pk__in=sorted({sender_id, receiver_id})).order_by("pk"))
    return {profile.pk: profile for profile in rows}


def _send_refusal(*, sender: MatchmakingProfile | None, receiver: MatchmakingProfile | None,
                  block: NetworkingBlock | None, now: datetime) -> str | None:
    """Why `sender` may not ask `receiver` for a meeting in `block` (checked in this order),
    or None."""
    if sender is None:
        return _("You need a matchmaking profile in this series to ask for meetings.")
    if receiver is not None and receiver.pk == sender.pk:
        return _("You cannot ask yourself for a meeting.")
    if receiver is None or receiver.series_id != sender.series_id:
        return _("This person has no matchmaking profile in this series (any more).")
    if not is_open(sender.series):
        return _("Matchmaking is not open in this series.")
    if block is None or block.event.series_id != sender.series_id:
        return _("There is no such networking block in this series.")
    if block.is_over(now):
        return _("This networking block is over: meetings in it can no longer be requested.")
    if block.event_id not in registered_event_ids(participant=sender.participant,
                                                  series=sender.series):
        return _("You are not registered for the event of this networking block.")
    if block.event_id not in registered_event_ids(participant=receiver.participant,
                                                  series=sender.series):
        return _("This person is not registered for the event of this networking block.")
    return None


@retry_on_conflict
@transaction.atomic
def request_send(*, sender_id: int, receiver_id: int, block_id: int, message: str,
                 priority: int = MeetingRequest.Priority.NORMAL,
                 now: datetime) -> MeetingRequest:
    """Ask for a meeting: `sender_id`'s profile asks `receiver_id`'s for one in `block_id`;
    or MatchmakingError with the translated reason.

    Steps:
    1. lock both profiles (id order); refuse (_send_refusal): no profile of the sender, to
       oneself, no profile of the receiver in the series, matchmaking closed, a block not
       of the series or over, either side not registered (confirmed) for its event; then a
       standing request between the pair (either direction), or the sender's unanswered
       requests at the series' limit (max_open_requests);
    2. insert the request (its pair key; the two countries); a concurrent request of the
       pair (the partial unique constraint meeting_request_once_per_pair) is refused as in 1;
    3. log the ids;
    4. queue the receiver's mail (mails.mail_request_received).
    """
    if len(message) > TEXT_MAX:
        raise MatchmakingError(_("The message is too long (at most %(count)d characters).")
                               % {"count": TEXT_MAX})
    if priority not in MeetingRequest.Priority.values:
        raise MatchmakingError(_("Please choose a priority from the list."))
    profiles = _pair_lock(sender_id=sender_id, receiver_id=receiver_id)
    sender, receiver = profiles.get(sender_id), profiles.get(receiver_id)
    block = (NetworkingBlock.objects.select_related("event__series").filter(pk=block_id)
             .first())
    refusal = _send_refusal(sender=sender, receiver=receiver, block=block, now=now)
    if refusal:
        raise MatchmakingError(refusal)
    pair = pair_key(sender.pk, receiver.pk)
    taken = _("There is already a meeting request between you and this person.")
    if MeetingRequest.objects.standing().filter(pair=pair).exists():
        raise MatchmakingError(taken)
    limit = sender.series.matchmaking.max_open_requests
    if MeetingRequest.objects.filter(sender=sender, state=State.PENDING).count() >= limit:
        raise MatchmakingError(_(
            "You already have %(count)d unanswered meeting requests, the most this series "
            "allows. Wait for an answer or withdraw one.") % {"count": limit})
    request = MeetingRequest(block=block, sender=sender, receiver=receiver, pair=pair,
                             sender_country=sender.country, receiver_country=receiver.country,
                             message=message.strip(), priority=priority, created_at=now)
    if not insert_unless_taken(request):
        raise MatchmakingError(taken)
    logger.info("Meeting request %s sent from profile %s to profile %s in block %s",
                request.pk, sender.pk, receiver.pk, block.pk)
    mails.mail_request_received(request=request, now=now)
    return request


def _state_refusal(*, request: MeetingRequest, actor_id: int, to: str,
                   now: datetime) -> str | None:
    if actor_id not in (request.sender_id, request.receiver_id):
        return str(not_yours())
    if to not in TRANSITIONS[request.state]:
        return _("This meeting request is “%(state)s” and cannot become “%(to)s”.") % {
            "state": request.get_state_display(), "to": State(to).label}
    actor = ACTORS[to]
    if actor == RECEIVER and actor_id != request.receiver_id:
        return _("Only the person asked can answer this meeting request.")
    if actor == SENDER and actor_id != request.sender_id:
        return _("Only the person who sent this meeting request can withdraw it.")
    block = request.block
    if to == State.ACCEPTED and block.is_over(now):
        return _("This networking block is over: the request can no longer be accepted.")
    if to == State.CANCELLED:
        begun = (block.slot_start(request.slot) <= now if request.slot is not None
                 else block.is_over(now))
        if begun:
            return _("This meeting has begun or is over: it can no longer be cancelled.")
    return None


@retry_on_conflict
@transaction.atomic
def request_state_change(*, request_id: int, actor_profile_id: int, to: str,
                         now: datetime) -> MeetingRequest:
    """Move a meeting request to state `to` on behalf of the profile `actor_profile_id`, or
    raise MatchmakingError with a translated reason (nothing changed).

    Steps:
    1. lock: for a cancellation the block first (FOR NO KEY UPDATE: the meeting's slot and
       table are freed), then the request;
    2. refuse: the actor not one of the two, a transition TRANSITIONS does not allow, the
       wrong side (ACTORS: answering is the receiver's, withdrawing the sender's,
       cancelling either's), accepting once the block is over, cancelling a meeting whose
       slot has begun (or, unscheduled, whose block is over);
    3. save: answered_at (accepted, declined, withdrawn) or cancelled_at and cancelled_by,
       a cancelled meeting's slot, table and booking cleared;
    4. log the ids;
    5. queue the mail: answered (accepted, declined) → mails.mail_request_answered to the
       sender; cancelled → mails.mail_meeting_cancelled to the other side; a withdrawal
       mails nobody (the receiver's list shows it gone).
    Returns the request as saved.
    """
    block_id = MeetingRequest.objects.filter(pk=request_id).values_list(
        "block_id", flat=True).first()
    if block_id is None or to not in TRANSITIONS:
        raise not_yours()
    block = (block_lock(block_id=block_id) if to == State.CANCELLED else
             NetworkingBlock.objects.select_related("event__series").get(pk=block_id))
    request = (MeetingRequest.objects.select_for_update(no_key=True, of=("self",))
               .select_related("sender__participant", "receiver__participant")
               .get(pk=request_id))
    request.block = block
    refusal = _state_refusal(request=request, actor_id=actor_profile_id, to=to, now=now)
    if refusal:
        raise MatchmakingError(refusal)
    if to == State.CANCELLED:
        request_cancelled_save(request, by_id=actor_profile_id, now=now)
    else:
        request.state = to
        request.answered_at = now
        request.save(update_fields=["state", "answered_at"])
    logger.info("Meeting request %s of block %s is now %s (by profile %s)", request.pk,
                block.pk, to, actor_profile_id)
    if to in (State.ACCEPTED, State.DECLINED):
        mails.mail_request_answered(request=request, now=now)
    elif to == State.CANCELLED:
        mails.mail_meeting_cancelled(request=request, now=now)
    return request


def request_cancelled_save(request: MeetingRequest, *, by_id: int, now: datetime) -> None:
    """Save `request` cancelled by profile `by_id` (the caller holds the block's and its lock):
    its slot, table and booking freed."""
    request.state = State.CANCELLED
    request.cancelled_at, request.cancelled_by_id = now, by_id
    request.slot = request.table = request.scheduled_at = None
    request.booked_by = ""
    request.save(update_fields=["state", "cancelled_at", "cancelled_by", "slot", "table",
                                "scheduled_at", "booked_by"])


def requests_cancel_for_profile(*, profile_id: int, now: datetime) -> int:
    """Cancel every standing request (pending or accepted) of a profile that is being
    deleted, in blocks not over, freeing their slots and telling the other sides; the number
    cancelled. Meetings of blocks that are over stay as they were (without the profile):
    they took place, and the figures count them. Runs in the caller's transaction, which
    holds the profile's lock.

    Steps: lock the blocks of those requests that are not over (id order), then the
    requests; cancel each (cancelled_by: the profile); log; queue
    mails.mail_meeting_cancelled to each other side.
    """
    standing = MeetingRequest.objects.standing().filter(
        sender_id=profile_id) | MeetingRequest.objects.standing().filter(receiver_id=profile_id)
    block_ids = sorted(block.pk for block in NetworkingBlock.objects.filter(
        pk__in=standing.values("block_id")) if not block.is_over(now))
    blocks = {block_id: block_lock(block_id=block_id) for block_id in block_ids}
    standing = standing.filter(block_id__in=block_ids)
    requests = list(MeetingRequest.objects.standing()
                    .filter(pk__in=standing.values("pk"))
                    .select_for_update(no_key=True, of=("self",))
                    .select_related("sender__participant", "receiver__participant")
                    .order_by("pk"))
    for request in requests:
        request.block = blocks[request.block_id]
        request_cancelled_save(request, by_id=profile_id, now=now)
        logger.info("Meeting request %s of block %s cancelled: profile %s deleted",
                    request.pk, request.block_id, profile_id)
        mails.mail_meeting_cancelled(request=request, now=now)
    return len(requests)
