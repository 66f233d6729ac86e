"""The audience vote's window, run by the organisers from the workspace: open, close,
announce the result (pitches.services.votes casts the votes). Each locks the call
(pitches.services.call_lock) and is audited."""

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import retry_on_conflict
from orga.services.audit import audit_record
from pitches.models import PitchCall
from pitches.services.states import call_lock
from pitches.services.votes import VoteError

logger = logging.getLogger(__name__)


@retry_on_conflict
@transaction.atomic
def voting_open(*, call: PitchCall, actor, now: datetime | None = None) -> PitchCall:
    """Open the voting window now (or open it again after closing it, while the result is
    not announced). Audited as pitch_vote.open."""
    now = now or timezone.now()
    call = call_lock(call_id=call.pk)
    if call.results_announced_at is not None:
        raise VoteError(_("The result is announced: the vote cannot open again."))
    if call.voting_is_open(now):
        raise VoteError(_("The vote is open already."))
    before = (call.voting_opens_at, call.voting_closes_at)
    if call.voting_opens_at is None or call.voting_opens_at > now:
        call.voting_opens_at = now
    call.voting_closes_at = None
    call.save(update_fields=["voting_opens_at", "voting_closes_at"])
    audit_record(series=call.event.series, actor=actor, action="pitch_vote.open", obj=call,
                 event=call.event, changes={"voting_opens_at": (before[0], call.voting_opens_at),
                                            "voting_closes_at": (before[1], None)})
    logger.info("Vote of call %s opened", call.pk)
    return call


@retry_on_conflict
@transaction.atomic
def voting_close(*, call: PitchCall, actor, now: datetime | None = None) -> PitchCall:
    """Close the voting window now. Audited as pitch_vote.close with the votes cast."""
    now = now or timezone.now()
    call = call_lock(call_id=call.pk)
    if not call.voting_is_open(now):
        raise VoteError(_("The vote is not open."))
    if now <= call.voting_opens_at:
        raise VoteError(_("The vote has only just opened: please close it a moment later."))
    call.voting_closes_at = now
    call.save(update_fields=["voting_closes_at"])
    audit_record(series=call.event.series, actor=actor, action="pitch_vote.close", obj=call,
                 event=call.event, changes={"voting_closes_at": (None, now)},
                 data={"votes": call.votes.count()})
    logger.info("Vote of call %s closed", call.pk)
    return call


@retry_on_conflict
@transaction.atomic
def result_announce(*, call: PitchCall, actor, now: datetime | None = None) -> PitchCall:
    """Announce the result (once the vote is closed): from now on the vote page and the
    line-up show it. Audited as pitch_vote.announce."""
    now = now or timezone.now()
    call = call_lock(call_id=call.pk)
    if call.results_announced_at is not None:
        raise VoteError(_("The result is announced already."))
    if call.voting_opens_at is None:
        raise VoteError(_("There has been no vote to announce."))
    if call.voting_is_open(now):
        raise VoteError(_("Please close the vote before announcing its result."))
    call.results_announced_at = now
    call.save(update_fields=["results_announced_at"])
    audit_record(series=call.event.series, actor=actor, action="pitch_vote.announce",
                 obj=call, event=call.event, changes={"results_announced_at": (None, now)},
                 data={"votes": call.votes.count()})
    logger.info("Result of the vote of call %s announced", call.pk)
    return call
