"""The audience vote of a pitch session: the organisers open and close its window and
announce the result; during the window each participant with a confirmed registration for
the session gives one vote for one confirmed pitch.

One vote per registration is the database's rule (PitchVote's unique constraint): two
votes at once make one row, and the second is told it has voted already. The window's
changes lock the call's row (pitches.services.states.call_lock, first in the pitches'
order) and are audited.
"""

import logging
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import retry_on_conflict
from orga.services.audit import audit_record
from pitches.models import PitchApplication, PitchCall, PitchVote
from pitches.services.states import PitchError, call_lock
from registrations.models import Registration

logger = logging.getLogger(__name__)


class VoteError(PitchError):
    """A vote or a change of the window the rules refuse; the message is translated."""


def vote_cast(*, call: PitchCall, registration: Registration | None, application_id,
              now: datetime | None = None) -> PitchVote:
    """Record `registration`'s vote for the application `application_id`, or raise
    VoteError with a translated reason (and change nothing).

    Steps: 1. refuse outside the voting window, a registration that is not a confirmed one
    for this session (or of a participant who deleted their data), an application that is
    not a confirmed pitch of this call; 2. insert the vote in a savepoint: a second vote
    (also one at the same moment) hits the unique constraint and is refused; 3. log ids.
    """
    now = now or timezone.now()
    if not call.voting_is_open(now):
        if call.voting_opens_at is None or call.voting_opens_at > now:
            raise VoteError(_("The vote has not opened yet."))
        raise VoteError(_("The vote is closed."))
    if (registration is None or registration.event_id != call.event_id
            or registration.state != Registration.State.CONFIRMED
            or registration.participant.is_anonymised):
        raise VoteError(_("Only participants with a confirmed registration for the pitch "
                          "session may vote."))
    try:
        application_id = int(application_id)
    except (TypeError, ValueError):
        application_id = 0
    if not PitchApplication.objects.filter(pk=application_id, call=call,
                                           state=PitchApplication.State.CONFIRMED).exists():
        raise VoteError(_("Please choose one of the pitches of this session."))
    if PitchVote.objects.filter(call=call, registration=registration).exists():
        raise VoteError(_("You have voted already: each participant has one vote."))
    try:
        with transaction.atomic():
            vote = PitchVote.objects.create(call=call, registration=registration,
                                            application_id=application_id, cast_at=now)
    except IntegrityError as error:  # the same registration's vote, a moment earlier
        raise VoteError(_("You have voted already: each participant has one vote.")) from error
    logger.info("Vote %s of registration %s in call %s", vote.pk, registration.pk, call.pk)
    return vote


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
