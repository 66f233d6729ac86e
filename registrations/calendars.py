"""The personal calendar file: a participant's events, with the join link where they hold
a seat at an online event."""

from collections.abc import Sequence

from events.calendars import calendar_bytes
from registrations.models import Registration

IN_CALENDAR = (Registration.State.PENDING, Registration.State.CONFIRMED,
               Registration.State.WAITLISTED)


def shows_join_link(registration: Registration) -> bool:
    """The join link is secret until the participant holds a seat at an online event."""
    return (registration.state == Registration.State.CONFIRMED and registration.event.is_online
            and bool(registration.event.join_url))


def registrations_calendar(registrations: Sequence[Registration], *, name: str) -> bytes | None:
    """The calendar of the registrations still active, or None if there is none."""
    active = [registration for registration in registrations
              if registration.state in IN_CALENDAR]
    if not active:
        return None
    join_urls = {registration.event_id: registration.event.join_url
                 for registration in active if shows_join_link(registration)}
    return calendar_bytes(name, [registration.event for registration in active],
                          join_urls=join_urls)
