"""The one way an application changes state (pitches.models has the picture).

Locks (README, "Locks: one order"): the call's row FOR NO KEY UPDATE, then the
application's; a pitch service never locks a participant, a series or an event after
them. Slots are counted under the call's lock.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import retry_on_conflict
from pitches import mails
from pitches.models import PitchApplication, PitchCall

logger = logging.getLogger(__name__)
State = PitchApplication.State

# state → the states it may go to; withdrawing is the applicant's, the rest the
# organisers' (and the sweep's: accepted → lapsed, shortlisted → accepted)
TRANSITIONS: dict[str, set[str]] = {
    State.SUBMITTED: {State.SHORTLISTED, State.ACCEPTED, State.DECLINED, State.WITHDRAWN},
    State.SHORTLISTED: {State.SUBMITTED, State.ACCEPTED, State.DECLINED, State.WITHDRAWN},
    State.ACCEPTED: {State.CONFIRMED, State.LAPSED, State.DECLINED, State.WITHDRAWN},
    State.CONFIRMED: {State.WITHDRAWN},
    State.DECLINED: {State.SHORTLISTED},
    State.LAPSED: set(),
    State.WITHDRAWN: set(),
}
# the states whose change the applicant hears of by mail (in their language)
MAILED = {State.SHORTLISTED, State.ACCEPTED, State.CONFIRMED, State.DECLINED, State.LAPSED,
          State.WITHDRAWN}


class PitchError(Exception):
    """A change the rules refuse; the message is translated and shown as it is."""


def call_lock(*, call_id: int) -> PitchCall:
    """The call's row, locked until the end of the transaction (first in the pitches' order)."""
    return (PitchCall.objects.select_for_update(no_key=True, of=("self",))
            .select_related("event__series").get(pk=call_id))


def slots_taken(*, call: PitchCall, now: datetime) -> int:
    """Confirmed slots, and slots offered whose deadline has not passed."""
    return (call.applications.filter(state=State.CONFIRMED).count()
            + call.applications.filter(state=State.ACCEPTED, offer_expires_at__gt=now).count())


def offer_deadline(*, call: PitchCall, now: datetime) -> datetime:
    """Until when an offered slot may be confirmed: confirm_days from now, but no later than
    a day before the session (and never before now plus an hour)."""
    latest = max(call.event.start - timedelta(days=1), now + timedelta(hours=1))
    return min(now + timedelta(days=call.confirm_days), latest)


@retry_on_conflict
@transaction.atomic
def application_state_change(*, application_id: int, to: str, now: datetime | None = None,
                             offer_expires_at: datetime | None = None) -> PitchApplication:
    """Move an application to state `to`, or raise PitchError with a translated reason.

    Steps:
    1. lock the call, then the application; refuse a transition TRANSITIONS does not allow,
       accepting when every slot is taken or offered, and confirming after the offer's
       deadline or when every slot is confirmed;
    2. set the state and its moments: decided_at (organisers' decisions), shortlisted_at
       (the first time it is shortlisted), a new offer
       (accepted: offer_expires_at, by default offer_deadline, and offer_number + 1, which
       retires the links of earlier offers), confirmed_at, withdrawn_at; save;
    3. log the change (ids only);
    4. queue the applicant's mail for the new state (MAILED) in their language, in this
       transaction (pitches.mails.mail_application_state).
    Returns the application as saved. Moving to the state it is in is refused too (a
    replayed form changes nothing).
    """
    now = now or timezone.now()
    call_id = PitchApplication.objects.filter(pk=application_id).values_list(
        "call_id", flat=True).first()
    if call_id is None:
        raise PitchError(_("This application does not exist (any more)."))
    call = call_lock(call_id=call_id)
    application = (PitchApplication.objects.select_for_update(no_key=True, of=("self",))
                   .select_related("participant", "theme").get(pk=application_id))
    application.call = call
    if to not in TRANSITIONS[application.state]:
        raise PitchError(_("An application that is “%(state)s” cannot become “%(to)s”.") % {
            "state": application.get_state_display(), "to": State(to).label})
    if to == State.ACCEPTED and slots_taken(call=call, now=now) >= call.pitch_count:
        raise PitchError(_("All %(count)d slots are confirmed or offered.") % {
            "count": call.pitch_count})
    if to == State.CONFIRMED:
        if application.offer_expires_at is None or application.offer_expires_at <= now:
            raise PitchError(_("The time to confirm this slot has passed."))
        if call.applications.filter(state=State.CONFIRMED).count() >= call.pitch_count:
            raise PitchError(_("All %(count)d slots are confirmed: there is none left.") % {
                "count": call.pitch_count})

    application.state = to
    application.updated_at = now
    if to in (State.SHORTLISTED, State.ACCEPTED, State.DECLINED, State.SUBMITTED):
        application.decided_at = now
    if to == State.SHORTLISTED and application.shortlisted_at is None:
        application.shortlisted_at = now  # the first time: the figures count it for good
    if to == State.ACCEPTED:
        application.offer_expires_at = offer_expires_at or offer_deadline(call=call, now=now)
        application.offer_number += 1
    elif to == State.CONFIRMED:
        application.confirmed_at = now
    elif to == State.WITHDRAWN:
        application.withdrawn_at = now
    application.save()
    logger.info("Pitch application %s of call %s is now %s", application.pk, call.pk, to)
    if to in MAILED:
        mails.mail_application_state(application=application, now=now)
    return application
