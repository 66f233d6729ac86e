"""Writes of the registrations app: one function per change in a registration's life.

Every function runs in one transaction together with the mails it causes (mail_queue
writes the outbox row in the caller's transaction; the mail is sent after commit). Seats
are taken as pretix takes them: lock the event row, re-count under the lock, write. Several
events are always locked in the order of their ids, so two transactions never deadlock.

The functions live by subject in this package (signup: registering and confirming;
places: seats, waiting lists and event changes; participant: their own data; queued: what
the public forms leave to the worker) and are used from here:
`from registrations import services`.
"""

from registrations.services.base import ParticipantData, RegistrationError
from registrations.services.participant import (
    participant_delete,
    participant_export,
    participant_link_send,
    participant_settings_change,
    participants_anonymise_expired,
)
from registrations.services.places import (
    event_capacity_change,
    event_registrations_cancel,
    registration_cancel,
    registrations_cancel_all,
    series_grow,
    waitlist_promote,
)
from registrations.services.queued import (
    participant_link_request_queued,
    registration_request_queued,
)
from registrations.services.signup import (
    registration_confirm,
    registration_request,
    registrations_add,
    registrations_expire_pending,
)

__all__ = [
    "ParticipantData", "RegistrationError", "event_capacity_change",
    "event_registrations_cancel", "participant_delete", "participant_export",
    "participant_link_request_queued", "participant_link_send",
    "participant_settings_change", "participants_anonymise_expired", "registration_cancel",
    "registration_request_queued",
    "registration_confirm", "registration_request", "registrations_add",
    "registrations_cancel_all", "registrations_expire_pending", "series_grow",
    "waitlist_promote",
]
