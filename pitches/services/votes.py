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

from pitches.models import PitchApplication, PitchCall, PitchVote
from pitches.services.states import PitchError
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

