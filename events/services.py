"""Writes of the events app: the lifecycle of an event.

The one import against the app direction: an event's lifecycle changes its registrations
(registrations.services), until an `orga` workflow layer takes these functions over.
"""

from django.db import transaction

from events.models import Event
from registrations.services import event_capacity_change, event_registrations_cancel, series_grow


@transaction.atomic
def event_publish(*, event: Event) -> Event:
    """Publish a draft event.

    Steps: 1. set the status to published and save; 2. register everyone registered for
    the whole series for it, subject to its capacity, and tell them by mail
    (registrations.services.series_grow).
    """
    event.status = Event.Status.PUBLISHED
    event.save(update_fields=["status"])
    series_grow(event=event)
    return event


@transaction.atomic
def event_cancel(*, event: Event) -> Event:
    """Cancel an event.

    Steps: 1. set the status to cancelled and save; 2. cancel its registrations and tell
    those who held a seat or a waiting-list place by mail
    (registrations.services.event_registrations_cancel).
    """
    event.status = Event.Status.CANCELLED
    event.save(update_fields=["status"])
    event_registrations_cancel(event=event)
    return event


@transaction.atomic
def event_capacity_set(*, event: Event, capacity: int | None) -> Event:
    """Change an event's capacity.

    Steps: 1. set and save the capacity; 2. give the seats it frees to the waiting list,
    with a mail to each promoted (registrations.services.event_capacity_change).
    """
    event_capacity_change(event=event, capacity=capacity)
    event.capacity = capacity
    return event


@transaction.atomic
def event_lifecycle_change(*, event: Event, status: str, capacity: int | None) -> Event:
    """Change an event's status and capacity as the organiser set them (in its form).

    Steps:
    1. a new capacity: on an event being cancelled set it as it is (nobody moves up into
       an event that is going away), otherwise through event_capacity_set (the waiting
       list moves up);
    2. a new status: publishing through event_publish, cancelling through event_cancel,
       any other status set and saved.
    """
    if capacity != event.capacity and status == Event.Status.CANCELLED:
        event.capacity = capacity
        event.save(update_fields=["capacity"])
    elif capacity != event.capacity:
        event_capacity_set(event=event, capacity=capacity)
    if status == event.status:
        return event
    if status == Event.Status.PUBLISHED:
        return event_publish(event=event)
    if status == Event.Status.CANCELLED:
        return event_cancel(event=event)
    event.status = status
    event.save(update_fields=["status"])
    return event
