"""Writes of the registrations app: one function per change in a registration's life.

Every function runs in one transaction together with the mails it causes (mail_queue
writes the outbox row in the caller's transaction; the mail is sent after commit). Seats
are taken as pretix takes them: lock the event row, re-count under the lock, write.

Lock order. Every transaction takes its row locks in this order, never backwards, so that
two transactions never wait for each other in a circle (a deadlock):

1. participants (FOR NO KEY UPDATE; several only in the expiry, by id) — every change of
   a participant's registrations or series registrations holds their lock;
2. series (by id): FOR SHARE by whatever depends on the set of a series' published events
   (a whole-series request, confirming or cancelling a series registration, the expiry),
   FOR NO KEY UPDATE by what changes that set (publishing or cancelling an event);
3. events, by id (FOR NO KEY UPDATE): seats and waiting lists are counted under them;
4. registrations, mails: rows written after the locks above.

Rows are locked FOR NO KEY UPDATE, never FOR UPDATE, and only their own table's rows (no
lock through a join): inserting a registration takes a FOR KEY SHARE lock on its event,
participant and series registration, which FOR UPDATE would conflict with. A conflict the
database still reports (a deadlock, a serialisation failure, a locked SQLite database) runs
the whole transaction again (core.db.retry_on_conflict, on every function here).

The functions live by subject in this package (signup: registering and confirming;
places: seats, waiting lists and event changes; participant: their own data; queued: what
the public forms leave to the worker; organiser: what an organiser does by hand) and are
used from here: `from registrations import services`.
"""

from registrations.services.base import ParticipantData, RegistrationError
from registrations.services.organiser import registration_add_by_organiser
from registrations.services.participant import (
    participant_delete,
    participant_eraser_register,
    participant_export,
    participant_exporter_register,
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
    "event_registrations_cancel", "participant_delete", "participant_eraser_register",
    "participant_export", "participant_exporter_register",
    "participant_link_request_queued", "participant_link_send",
    "participant_settings_change", "participants_anonymise_expired",
    "registration_add_by_organiser", "registration_cancel",
    "registration_request_queued",
    "registration_confirm", "registration_request", "registrations_add",
    "registrations_cancel_all", "registrations_expire_pending", "series_grow",
    "waitlist_promote",
]
