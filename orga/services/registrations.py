"""Writes of the workspace's registrations: adding a participant by hand, cancelling a
registration, changing an event's capacity. Each goes through the registration rules of
its app (seats, waiting list, mails) and records itself in the audit log in the same
transaction, naming participants and registrations by id only."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.db import retry_on_conflict
from events.models import Event
from orga.services.audit import audit_record
from orga.services.events import event_capacity_set
from orga.services.events import event_lock as event_lifecycle_lock
from registrations import services
from registrations.models import ConsentText, Registration
from registrations.services import ParticipantData, RegistrationError

State = Registration.State


@retry_on_conflict
@transaction.atomic
def registration_add(*, actor, event: Event, data: ParticipantData, consent: ConsentText,
                     send_mail: bool) -> Registration:
    """Register somebody by hand for `event`, with or without the confirmation mail.

    Steps: 1. the registration rules (registrations.services.registration_add_by_organiser:
    the participant found by address or created, the consent recorded, a seat or a
    waiting-list place, the mail if asked for); 2. audit "registration.add" with the ids of
    the registration, participant and privacy notice, the place taken and whether mailed.
    """
    registration, created = services.registration_add_by_organiser(
        event=event, data=data, consent=consent, send_mail=send_mail)
    audit_record(series=event.series, actor=actor, action="registration.add", obj=registration,
                 event=event, data={"participant": registration.participant_id,
                                    "participant_created": created,
                                    "state": registration.state,
                                    "consent_text": consent.pk, "mail": send_mail})
    return registration


@retry_on_conflict
@transaction.atomic
def registration_cancel(*, actor, registration: Registration) -> list[Registration]:
    """Cancel a registration for its participant. Returns those promoted into a freed seat.

    Steps: 1. registrations.services.registration_cancel (locks, cancelled, the freed seat
    to the first on the waiting list, the 'cancelled' and 'promoted' mails); 2. audit
    "registration.cancel" with its state before and the ids of those promoted.
    """
    before = Registration.objects.filter(pk=registration.pk).values_list(
        "state", flat=True).first()
    promoted = services.registration_cancel(registration=registration)
    audit_record(series=registration.event.series, actor=actor, action="registration.cancel",
                 obj=registration, event=registration.event,
                 changes={"state": (before, State.CANCELLED)},
                 data={"participant": registration.participant_id,
                       "promoted": [item.pk for item in promoted]})
    return promoted


@retry_on_conflict
@transaction.atomic
def event_capacity_update(*, actor, event: Event, capacity: int) -> int:
    """Set an event's capacity; seats it frees go to the waiting list. Returns how many
    moved up from the waiting list.

    Steps:
    1. lock the series and the event (the lifecycle's lock order) and count the seats
       taken; refuse (RegistrationError, nothing changed) a capacity below them, or an
       event that is over or cancelled; the same capacity changes nothing;
    2. the capacity through the event lifecycle (event_capacity_set: saved, the waiting
       list promoted in its order, a 'promoted' mail to each);
       and the audit entry "event.capacity" with the capacity before and after and the
       number promoted.
    """
    locked = event_lifecycle_lock(event=event)
    seated = locked.registrations.holding_seat().count()
    if locked.status == Event.Status.CANCELLED:
        raise RegistrationError(_("“%(event)s” has been cancelled.") % {"event": locked.title})
    if locked.end <= timezone.now():
        raise RegistrationError(_("“%(event)s” is over.") % {"event": locked.title})
    if capacity < seated:
        raise RegistrationError(ngettext(
            "The capacity cannot be lower than the %(count)d confirmed registration: cancel "
            "it first.",
            "The capacity cannot be lower than the %(count)d confirmed registrations: cancel "
            "registrations first.", seated) % {"count": seated})
    before = locked.capacity
    if capacity == before:
        return 0
    event_capacity_set(event=locked, capacity=capacity, actor=actor)  # and its audit entry
    promoted = locked.registrations.holding_seat().count() - seated
    event.capacity = capacity
    return promoted
