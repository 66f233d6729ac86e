"""Seats and waiting lists: cancelling, promoting, capacity, and what an event's lifecycle
does to its registrations (series growth, cancellation)."""

import logging
from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import retry_on_conflict
from events.models import Event
from registrations import mails
from registrations.models import Participant, Registration, SeriesRegistration
from registrations.services.base import (
    RegistrationError,
    State,
    event_lock,
    participant_lock,
    series_lock,
    series_lock_shared,
)

logger = logging.getLogger(__name__)


@retry_on_conflict
@transaction.atomic
def registration_cancel(*, registration: Registration,
                        now: datetime | None = None) -> list[Registration]:
    """Cancel one registration; a freed seat goes to the first on the waiting list.

    Returns the registrations promoted from the waiting list.

    Steps:
    1. lock the participant and the event and re-read the registration under the locks;
       refuse (RegistrationError) one already cancelled or of a past event;
    2. set it cancelled and save;
    3. if it held a seat, promote the waiting list into the free seats (waitlist_promote:
       save, log, 'promoted' mail to each);
    4. log;
    5. queue the 'cancelled' mail to the participant, with the calendar cancellation of
       a registration that had its place (METHOD:CANCEL, registrations.calendars).
    """
    now = now or timezone.now()
    participant_lock(participant_id=registration.participant_id)
    registration, promoted = _cancel(registration=registration, now=now)
    logger.info("Registration %s cancelled", registration.pk)
    mails.mail_cancelled(participant=registration.participant, registrations=[registration],
                         cause=f"registration:{registration.pk}:cancelled:{mails.stamp(now)}")
    return promoted


@retry_on_conflict
@transaction.atomic
def registrations_cancel_all(*, participant: Participant,
                             now: datetime | None = None) -> list[Registration]:
    """Cancel every upcoming registration of a participant and their series registrations.

    Returns the registrations cancelled.

    Steps:
    1. lock the participant and (FOR SHARE) the series of their series registrations, so
       that no event is being published into them meanwhile; cancel the series
       registrations (no events are added later);
    2. cancel each active registration of an event not yet ended, event by event in id
       order, each promoting the waiting list of its event (as registration_cancel);
    3. log;
    4. queue one 'cancelled' mail listing them all.
    """
    now = now or timezone.now()
    participant = participant_lock(participant_id=participant.pk)
    active_series = participant.series_registrations.filter(cancelled_at__isnull=True)
    series_lock_shared(series_ids=active_series.values_list("series_id", flat=True))
    active_series.update(cancelled_at=now)
    cancelled = [
        _cancel(registration=registration, now=now)[0]
        for registration in participant.registrations.active()
        .filter(event__end__gt=now).order_by("event_id")
    ]
    logger.info("All registrations of participant %s cancelled (%d)", participant.pk,
                len(cancelled))
    if cancelled and not participant.is_anonymised:
        mails.mail_cancelled(participant=participant, registrations=cancelled,
                             cause=f"participant:{participant.pk}:cancelled:{mails.stamp(now)}")
    return cancelled


def waitlist_promote(*, event: Event, now: datetime | None = None) -> list[Registration]:
    """Give free seats of an event to the waiting list, first come first served.

    Must run inside the transaction that holds the lock on `event`.

    Steps:
    1. count the seats taken; the free seats go to the first waitlisted registrations in
       the order of their confirmation;
    2. set each confirmed and save;
    3. log;
    4. queue a 'promoted' mail to each, with the calendar file and the join link (rendered
       when it is sent: mails.mails_registration_deferred).
    """
    now = now or timezone.now()
    free = _free_seats(event)
    if free is not None and free <= 0:
        return []
    waiting = event.registrations.waiting().select_related("participant")
    promoted = list(waiting if free is None else waiting[:free])
    for registration in promoted:
        registration.state = State.CONFIRMED
        registration.save(update_fields=["state"])
        logger.info("Registration %s promoted from the waiting list", registration.pk)
    mails.mails_registration_deferred(registrations=promoted, template="registration_promoted",
                                      cause=f"promoted:{mails.stamp(now)}")
    return promoted


@retry_on_conflict
@transaction.atomic
def event_capacity_change(*, event: Event, capacity: int | None,
                          now: datetime | None = None) -> list[Registration]:
    """Change the capacity of an event; seats it frees go to the waiting list.

    A lower capacity takes no seat away: it only stops new seats until enough are freed.

    Steps: 1. lock the event; 2. set the capacity and save; 3. promote the waiting list
    into the free seats (waitlist_promote: save, log, mail).
    """
    if capacity is not None and capacity < 0:
        raise RegistrationError(_("The capacity cannot be negative."))
    event = event_lock(event_id=event.pk)
    event.capacity = capacity
    event.save(update_fields=["capacity"])
    return waitlist_promote(event=event, now=now)


@retry_on_conflict
@transaction.atomic
def event_registrations_cancel(*, event: Event,
                               now: datetime | None = None) -> list[Registration]:
    """Cancel every registration of an event the organisers cancelled.

    Called by orga.services.events.event_cancel. Returns the registrations cancelled.

    Steps:
    1. lock the series (no whole-series request may read the event as open meanwhile)
       and the event; an event that has already ended keeps its registrations (they are
       its statistics) and nobody is told;
    2. set each pending, confirmed and waitlisted registration cancelled and save (nobody
       is promoted: there is no event any more);
    3. log;
    4. queue the 'event cancelled' mail, with a calendar file that marks the event
       cancelled, to each participant who held a seat or a waiting-list place (an address
       never confirmed gets no mail); rendered when it is sent
       (mails.mails_registration_deferred).
    """
    now = now or timezone.now()
    series_lock(series_id=event.series_id)
    event = event_lock(event_id=event.pk)
    if event.end <= now:
        return []
    registrations = list(event.registrations.active().select_related("participant")
                         .order_by("pk"))
    told = [registration for registration in registrations
            if registration.state != State.PENDING]
    Registration.objects.filter(pk__in=[registration.pk for registration in registrations]
                                ).update(state=State.CANCELLED, cancelled_at=now)
    for registration in registrations:
        registration.event = event
        registration.state, registration.cancelled_at = State.CANCELLED, now
    logger.info("Event %s cancelled: %d registrations cancelled", event.pk, len(registrations))
    mails.mails_registration_deferred(registrations=told, template="registration_event_cancelled",
                                      cause="event-cancelled")
    return registrations


@retry_on_conflict
@transaction.atomic
def series_grow(*, event: Event, now: datetime | None = None) -> list[Registration]:
    """Register everyone registered for the whole series for a newly published event.

    Called by orga.services.events.event_publish. Returns the registrations created.

    Steps:
    1. lock the series FOR NO KEY UPDATE — whole-series requests, confirmations and
       cancellations hold it FOR SHARE, so each of them sees this event published or
       is seen here with its series registration — and the event; nothing happens for a
       cancelled or ended event, or one whose registration has closed;
    2. for each active series registration, earliest first, of a participant who holds no
       registration for the event yet: a confirmed series registration gets a seat while
       the capacity allows, otherwise a waiting-list place; an unconfirmed one gets a
       pending registration, confirmed together with the rest;
    3. log;
    4. queue the 'event added' mail to each confirmed participant, rendered when it is
       sent (mails.mails_registration_deferred): nothing is rendered under the locks.
    """
    now = now or timezone.now()
    series_lock(series_id=event.series_id)
    event = event_lock(event_id=event.pk)
    if (event.status != Event.Status.PUBLISHED or event.end <= now
            or (event.registration_closes and now >= event.registration_closes)):
        return []
    series_registrations = (
        SeriesRegistration.objects.filter(series=event.series, cancelled_at__isnull=True,
                                          participant__anonymised_at__isnull=True)
        .exclude(participant__registrations__event=event)
        .select_related("participant")
        .order_by("confirmed_at", "requested_at", "pk")
    )
    created = []
    free = _free_seats(event)
    for series_registration in series_registrations:
        registration = Registration(participant=series_registration.participant, event=event,
                                    series_registration=series_registration, requested_at=now)
        if series_registration.confirmed_at is not None:
            registration.confirmed_at = now
            seat = free is None or free > 0
            registration.state = State.CONFIRMED if seat else State.WAITLISTED
            free = None if free is None else free - seat
        created.append(registration)
    Registration.objects.bulk_create(created)  # sets their ids, which the mails' causes name
    logger.info("Series %s grew by event %s: %d registrations", event.series_id, event.pk,
                len(created))
    mails.mails_registration_deferred(
        registrations=[registration for registration in created
                       if registration.state != State.PENDING],
        template="registration_event_added", cause="added")
    return created


def _free_seats(event: Event) -> int | None:
    """Seats left at a locked event; None when it has no limit."""
    if event.capacity is None:
        return None
    return event.capacity - event.registrations.holding_seat().count()


def take_places(*, registrations: Sequence[Registration],
                now: datetime | None) -> list[Registration]:
    """Give each pending registration a seat or a waiting-list place, under event locks."""
    if not registrations:
        return []
    event_ids = sorted({registration.event_id for registration in registrations})
    locked = {event.pk: event for event in Event.objects.select_for_update(no_key=True)
              .filter(pk__in=event_ids).order_by("pk").only("status", "end", "capacity")}
    now = now or timezone.now()  # taken under the locks: the order of the waiting list
    for registration in registrations:
        event, fresh = registration.event, locked[registration.event_id]
        event.status, event.end, event.capacity = fresh.status, fresh.end, fresh.capacity
        if event.status != Event.Status.PUBLISHED or event.end <= now:
            registration.state, registration.cancelled_at = State.CANCELLED, now
        else:
            free = _free_seats(event)
            registration.state = State.CONFIRMED if free is None or free > 0 else State.WAITLISTED
            registration.confirmed_at = now
        registration.save(update_fields=["state", "confirmed_at", "cancelled_at"])
    return list(registrations)


def _cancel(*, registration: Registration, now: datetime) -> tuple[Registration,
                                                                   list[Registration]]:
    """Cancel one registration under the lock of its event (its participant locked by the
    caller); a freed seat goes to the waiting list."""
    event = event_lock(event_id=registration.event_id)
    registration = Registration.objects.select_related("participant").get(pk=registration.pk)
    if registration.state == State.CANCELLED:
        raise RegistrationError(_("This registration has already been cancelled."))
    if event.end <= now:
        raise RegistrationError(_("“%(event)s” is over.") % {"event": event.title})
    held_seat = registration.state == State.CONFIRMED
    registration.state, registration.cancelled_at, registration.event = (
        State.CANCELLED, now, event)
    registration.save(update_fields=["state", "cancelled_at"])
    promoted = waitlist_promote(event=event, now=now) if held_seat else []
    return registration, promoted
