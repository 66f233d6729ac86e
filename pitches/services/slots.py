"""The slots of a pitch session: an accepted applicant confirms theirs, and the worker's
sweep lapses offers not confirmed in time and offers free slots to the best shortlisted.

**Which slots the sweep fills.** The call names the number of pitches (`pitch_count`); a
shortlisted application is one the organisers hold ready for a slot. Once the call has
closed and the organisers have offered at least one slot themselves (an application with
an offer, offer_number > 0: they have started deciding), the sweep keeps the session full:
every slot neither confirmed nor offered with a deadline still running — freed by a lapse,
a withdrawal, or left open — goes to the best shortlisted application (by average score,
pitches.scores.best_first), which gets its own deadline (offer_deadline). It offers nothing
once the session has started. Organisers who want fewer pitches lower the call's number,
or shortlist nobody more.

**Transactions.** Each change is one application_state_change (its own transaction: the
call's lock, then the application's), so that a sweep holds no lock for long and a
confirmation is never kept waiting; the sweep reads the candidates without locks and the
state change checks them again under the locks (a candidate changed meanwhile is skipped).
Running the sweep twice changes nothing more: lapsed offers are lapsed, and slots offered
count as taken.

**The presenter's seat.** Confirming a slot also registers the applicant for the pitch
session through the personal link's own service (registrations_add, in a transaction of
its own after the confirmation, so that the registrations' lock order — participant, series,
event — is never taken after a call's lock). They then hold a registration like every
participant and get its mail with the calendar file, the reminders and the join link. A
registration that is refused (the event's registration window is closed, say) or lands on
the waiting list leaves the confirmation as it is: the organisers' line-up page shows
each presenter's registration, so that they can register them by hand.
"""

import logging
from datetime import datetime

from django.utils import timezone

from pitches.models import PitchApplication, PitchCall
from pitches.scores import best_first, score_summaries
from pitches.services.states import PitchError, application_state_change, slots_taken
from registrations.models import Registration
from registrations.services import RegistrationError, registrations_add

logger = logging.getLogger(__name__)
State = PitchApplication.State


def slot_confirm(*, application_id: int, now: datetime | None = None) -> PitchApplication:
    """Confirm an offered slot (application_state_change to CONFIRMED: PitchError with the
    translated reason if it cannot be), then register the presenter for the pitch session
    (presenter_registration_ensure). Returns the application as confirmed."""
    now = now or timezone.now()
    application = application_state_change(application_id=application_id,
                                           to=State.CONFIRMED, now=now)
    presenter_registration_ensure(application=application)
    return application


def presenter_registration_ensure(*, application: PitchApplication) -> Registration | None:
    """The applicant's registration for the pitch session: kept if they hold a seat or a
    waiting-list place, else made through registrations_add (a seat, or a waiting-list place
    when the event is full). None when the registrations refuse it (logged, ids only)."""
    event = application.call.event
    participant = application.participant
    held = (Registration.objects.filter(participant=participant, event=event)
            .exclude(state__in=[Registration.State.CANCELLED, Registration.State.PENDING])
            .first())
    if held is not None:
        return held
    try:
        registrations = registrations_add(participant=participant, events=[event])
    except RegistrationError:
        logger.warning("Presenter of pitch application %s not registered for event %s: "
                       "refused", application.pk, event.pk)
        return None
    return registrations[0] if registrations else None


def offers_sweep(*, now: datetime | None = None) -> int:
    """For every call: lapse each offer whose deadline has passed, then offer each free slot
    to the best shortlisted application (the module's rule). Returns how many applications
    changed state. Safe to run twice; one short transaction per application."""
    now = now or timezone.now()
    changed = 0
    call_ids = list(PitchCall.objects.filter(
        applications__state__in=[State.ACCEPTED, State.SHORTLISTED]).distinct()
        .values_list("pk", flat=True))
    for call_id in call_ids:
        changed += _offers_lapse(call_id=call_id, now=now)
        changed += _slots_offer(call_id=call_id, now=now)
    return changed


def _offers_lapse(*, call_id: int, now: datetime) -> int:
    lapsed = 0
    for application_id in PitchApplication.objects.filter(
            call_id=call_id, state=State.ACCEPTED, offer_expires_at__lte=now).values_list(
            "pk", flat=True):
        try:
            application_state_change(application_id=application_id, to=State.LAPSED, now=now)
        except PitchError:  # confirmed, withdrawn or lapsed meanwhile
            continue
        lapsed += 1
    return lapsed


def _slots_offer(*, call_id: int, now: datetime) -> int:
    call = PitchCall.objects.select_related("event").get(pk=call_id)
    if not _sweep_fills(call=call, now=now):
        return 0
    summaries = score_summaries(call=call)
    candidates = best_first(list(call.applications.filter(state=State.SHORTLISTED)), summaries)
    offered = 0
    for candidate in candidates:
        if slots_taken(call=call, now=now) >= call.pitch_count:
            break
        try:
            application_state_change(application_id=candidate.pk, to=State.ACCEPTED, now=now)
        except PitchError:  # changed meanwhile, or the slots were taken: checked again next
            continue
        logger.info("Pitch application %s of call %s offered a free slot by the sweep",
                    candidate.pk, call.pk)
        offered += 1
    return offered


def _sweep_fills(*, call: PitchCall, now: datetime) -> bool:
    """Whether the sweep offers this call's free slots now (the module's rule)."""
    return (call.closes_at <= now and call.event.start > now
            and call.event.status != call.event.Status.CANCELLED
            and call.applications.filter(offer_number__gt=0).exists())
