"""Writes of the events app: the lifecycle of an event.

The one import against the app direction: an event's lifecycle changes its registrations
(registrations.services), until an `orga` workflow layer takes these functions over.

Each function locks the event's series FOR NO KEY UPDATE before the event where it changes
the event's status (the lock order of registrations.services), and re-reads the event under
its lock: what it compares and changes is the event as it is, not the object it was given
(which gets the new status and capacity at the end), so that it can run again after a
deadlock (core.db.retry_on_conflict).
"""

from django.db import transaction

from core.db import retry_on_conflict
from events.models import Event
from registrations.services import event_capacity_change, event_registrations_cancel, series_grow
from registrations.services.base import event_lock as registration_event_lock
from registrations.services.base import series_lock


def event_lock(*, event: Event) -> Event:
    """Lock the event's series FOR NO KEY UPDATE, then the event; the event as it is now.

    Before anything of the event is written: the admin takes it to save the form's other
    fields before event_lifecycle_change, with the status and capacity read here (not
    those its request read before the lock: a cancellation or a new capacity committed
    in between would be undone)."""
    series_lock(series_id=event.series_id)
    return registration_event_lock(event_id=event.pk)


@retry_on_conflict
@transaction.atomic
def event_publish(*, event: Event) -> Event:
    """Publish a draft event.

    Steps: 1. lock the series and the event; an event cancelled meanwhile (after the
    caller read it as a draft) stays cancelled, nothing changes; 2. set the status to
    published and save; 3. register everyone registered for the whole series for it,
    subject to its capacity, and tell them by mail (registrations.services.series_grow).
    """
    locked = event_lock(event=event)
    if locked.status == Event.Status.CANCELLED:  # its registrations are cancelled for good
        event.status = locked.status
        return event
    locked.status = Event.Status.PUBLISHED
    locked.save(update_fields=["status"])
    series_grow(event=locked)
    event.status = locked.status
    return event


@retry_on_conflict
@transaction.atomic
def event_cancel(*, event: Event) -> Event:
    """Cancel an event.

    Steps: 1. lock the series and the event; 2. set the status to cancelled and save;
    3. cancel its registrations and tell those who held a seat or a waiting-list place by
    mail (registrations.services.event_registrations_cancel).
    """
    locked = event_lock(event=event)
    locked.status = Event.Status.CANCELLED
    locked.save(update_fields=["status"])
    event_registrations_cancel(event=locked)
    event.status = locked.status
    return event


@retry_on_conflict
@transaction.atomic
def event_capacity_set(*, event: Event, capacity: int | None) -> Event:
    """Change an event's capacity.

    Steps: 1. set and save the capacity; 2. give the seats it frees to the waiting list,
    with a mail to each promoted (registrations.services.event_capacity_change).
    """
    event_capacity_change(event=event, capacity=capacity)
    event.capacity = capacity
    return event


@retry_on_conflict
@transaction.atomic
def event_lifecycle_change(*, event: Event, status: str, capacity: int | None) -> Event:
    """Change an event's status and capacity as the organiser set them (in its form).

    Steps:
    1. lock the series and the event, and re-read it; a cancelled event stays cancelled
       (also when it was cancelled after the form was read);
    2. a new capacity: on an event being cancelled set it as it is (nobody moves up into
       an event that is going away), otherwise through event_capacity_set (the waiting
       list moves up);
    3. a new status: publishing through event_publish, cancelling through event_cancel,
       any other status set and saved.
    """
    locked = event_lock(event=event)
    if locked.status == Event.Status.CANCELLED:
        status = locked.status
    if capacity != locked.capacity and status == Event.Status.CANCELLED:
        locked.capacity = capacity
        locked.save(update_fields=["capacity"])
    elif capacity != locked.capacity:
        event_capacity_set(event=locked, capacity=capacity)
    if status == Event.Status.PUBLISHED and status != locked.status:
        event_publish(event=locked)
    elif status == Event.Status.CANCELLED and status != locked.status:
        event_cancel(event=locked)
    elif status != locked.status:
        locked.status = status
        locked.save(update_fields=["status"])
    event.status, event.capacity = locked.status, locked.capacity
    return event
