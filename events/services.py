"""Writes of the events app: the lifecycle of an event."""

from django.db import transaction

from events.models import Event


@transaction.atomic
def event_publish(*, event: Event) -> Event:
    """Publish a draft event.

    Steps: 1. set the status to published and save.
    """
    event.status = Event.Status.PUBLISHED
    event.save(update_fields=["status"])
    return event


@transaction.atomic
def event_cancel(*, event: Event) -> Event:
    """Cancel an event.

    Steps: 1. set the status to cancelled and save.
    """
    event.status = Event.Status.CANCELLED
    event.save(update_fields=["status"])
    return event
