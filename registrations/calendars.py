"""A participant's calendar entries: the personal calendar file (a download), and the entry
each mail carries about one registration (an iTIP message: METHOD REQUEST for a seat or a
waiting-list place, CANCEL once it is cancelled), with the join link where they hold a seat
at an online event.

Every entry of an event has the event's UID (events.calendars.event_uid). The versions of
the entry a participant's mails carry are ordered by the registration's calendar_sequence:
each mail with an entry counts it up (calendar_sequence_next) in the transaction that
writes the mail, so a cancellation outranks the seat before it, and a later registration
outranks the cancellation; the download shows the last version mailed.
"""

from collections.abc import Sequence

from django.db.models import F

from core.choices import choice_label
from events.calendars import Attendee, Entry, Method, calendar_bytes
from registrations.models import Participant, Registration

State = Registration.State
IN_CALENDAR = (State.PENDING, State.CONFIRMED, State.WAITLISTED)


def shows_join_link(registration: Registration) -> bool:
    """The join link is secret until the participant holds a seat at an online event."""
    return (registration.state == State.CONFIRMED and registration.event.is_online
            and bool(registration.event.join_url))


def registration_entry(registration: Registration, *, sequence: int,
                       participant: Participant | None = None) -> Entry:
    """The entry of one registration in its state: a seat is the event as it stands, a
    waiting-list place or an unconfirmed request is tentative (and says so first), a
    cancellation is cancelled. With `participant`, it names them as its attendee (for a
    mail's iTIP message). Texts in the active language."""
    state = registration.state
    status = {State.CONFIRMED: "", State.CANCELLED: "CANCELLED"}.get(state, "TENTATIVE")
    note = "" if state in (State.CONFIRMED, State.CANCELLED) else choice_label(State, state)
    attendee = None
    if participant is not None:
        partstat = {State.CONFIRMED: "ACCEPTED", State.CANCELLED: "DECLINED"}.get(
            state, "TENTATIVE")
        attendee = Attendee(email=participant.email, name=participant.name, partstat=partstat)
    return Entry(event=registration.event, status=status, note=note, sequence=sequence,
                 join_url=registration.event.join_url if shows_join_link(registration) else "",
                 attendee=attendee)


def registrations_calendar(registrations: Sequence[Registration], *, name: str) -> bytes | None:
    """The personal calendar file (METHOD PUBLISH) of the registrations still active, or
    None if there is none."""
    active = [registration for registration in registrations
              if registration.state in IN_CALENDAR]
    if not active:
        return None
    return calendar_bytes(name, [
        registration_entry(registration, sequence=registration.calendar_sequence)
        for registration in active])


def registration_method(registration: Registration) -> str | None:
    """What a mail about the registration tells the reader's calendar: REQUEST (add or update)
    for a seat or a waiting-list place, CANCEL for a cancellation of a registration that had
    one (confirmed_at is set once it took its place), nothing for a request not yet
    confirmed (it holds nothing, and its reader's calendar never had it)."""
    if registration.state in (State.CONFIRMED, State.WAITLISTED):
        return Method.REQUEST
    if registration.state == State.CANCELLED and registration.confirmed_at is not None:
        return Method.CANCEL
    return None


def calendar_sequence_next(registrations: Sequence[Registration]) -> dict[int, int]:
    """Count up the calendar sequence of each registration, in the caller's transaction
    (the UPDATE holds the rows until it commits, so concurrent mails get distinct numbers in
    the order they commit). Returns the new numbers by registration id."""
    ids = [registration.pk for registration in registrations]
    if not ids:
        return {}
    Registration.objects.filter(pk__in=ids).update(calendar_sequence=F("calendar_sequence") + 1)
    return dict(Registration.objects.filter(pk__in=ids)
                .values_list("pk", "calendar_sequence"))


def registration_message(registration: Registration, *, participant: Participant, name: str,
                         sequence: int) -> tuple[str, bytes] | None:
    """The iTIP message (method, file) a mail carries about one registration, or None."""
    method = registration_method(registration)
    if method is None:
        return None
    entry = registration_entry(registration, sequence=sequence, participant=participant)
    return method, calendar_bytes(name, [entry], method=method)
