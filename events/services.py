"""Writes of the events app: the lifecycle of an event."""

from django.db import transaction

from events.models import Event
from registrations.services import series_grow


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

    Steps: 1. set the status to cancelled and save.
    """
    event.status = Event.Status.CANCELLED
    event.save(update_fields=["status"])
    return event
