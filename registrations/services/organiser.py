"""What an organiser does to a participant's registrations by hand (the workspace,
orga.services.registrations, records each in its audit log)."""

import logging
import secrets
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import insert_unless_taken, retry_on_conflict
from events.models import Event
from registrations import mails
from registrations.models import Consent, ConsentText, Participant, Registration
from registrations.services.base import ParticipantData, RegistrationError, State
from registrations.services.places import take_places

logger = logging.getLogger(__name__)


@retry_on_conflict
@transaction.atomic
def registration_add_by_organiser(*, event: Event, data: ParticipantData,
                                  consent: ConsentText, send_mail: bool,
                                  now: datetime | None = None) -> tuple[Registration, bool]:
    """Register somebody for an event on their behalf (they asked an organiser by phone,
    by mail, at a desk): a seat, or a place on the waiting list when the event is full —
    the same rule as every registration.

    Returns the registration and whether the participant was created.

    Consent: the organiser confirms that the person agreed to the series' current privacy
    notice (the form's box); it is recorded as every consent is (a Consent row: the notice's
    version and the time), and the audit log of the workspace names the organiser who
    recorded it. The address counts as confirmed from now: the organiser vouches for it, as
    the link in a mail would (their registration is no pending request to be confirmed).

    Steps:
    1. refuse (RegistrationError, nothing changed) a notice that is not the series' current
       one, and an event that is not published, has been cancelled or is over; the
       registration window does not apply (organisers may register after it closed);
    2. find the participant by address, case-insensitively, and lock it — or create it
       with `data` (the only case that uses it, themes included); refuse one whose data
       was deleted; record the consent (each version once, as first given); confirm the
       address if it was not;
    3. create the registration, or reopen a cancelled one; refuse one that already holds a
       seat or a waiting-list place; a pending one takes its place now;
    4. lock the event and give the registration a seat or a waiting-list place
       (take_places: re-counted under the lock, the waiting list's order is this moment);
       refuse (nothing changed) an event closed since it was read;
    5. log;
    6. with `send_mail`, queue the 'registered' mail (seat or waiting-list place, calendar
       file, personal link), as a confirmed registration gets it.
    """
    now = now or timezone.now()
    if consent.series_id != event.series_id or consent.pk != _consent_current_id(event):
        raise RegistrationError(_("The privacy notice has changed. Please read it again and "
                                  "ask the person to agree to it."))
    _event_refusal_check(event=event, now=now)
    participant, created = _participant_lock_or_create(data=data, now=now)
    insert_unless_taken(Consent(participant=participant, text=consent, given_at=now))
    if participant.confirmed_at is None:
        participant.confirmed_at = now
        participant.save(update_fields=["confirmed_at"])
    registration = _registration_open(participant=participant, event=event, now=now)
    registration.event = event
    take_places(registrations=[registration], now=None)
    if registration.state == State.CANCELLED:
        raise RegistrationError(_("Registration for “%(event)s” is closed.")
                                % {"event": event.title})
    logger.info("Registration %s added by an organiser: participant %s, event %s, %s",
                registration.pk, participant.pk, event.pk, registration.state)
    if send_mail:
        mails.mail_registered(
            participant=participant, registrations=[registration],
            cause=f"registration:{registration.pk}:organiser-added:"
                  f"{mails.stamp(registration.confirmed_at)}")
    return registration, created


def _consent_current_id(event: Event) -> int | None:
    return (ConsentText.objects.filter(series_id=event.series_id).order_by("-version")
            .values_list("pk", flat=True).first())


def _event_refusal_check(*, event: Event, now: datetime) -> None:
    if event.status == Event.Status.CANCELLED:
        raise RegistrationError(_("“%(event)s” has been cancelled.") % {"event": event.title})
    if event.status != Event.Status.PUBLISHED:
        raise RegistrationError(_("“%(event)s” is not published yet: publish it before "
                                  "registering anybody.") % {"event": event.title})
    if event.end <= now:
        raise RegistrationError(_("“%(event)s” is over.") % {"event": event.title})


def _participant_lock_or_create(*, data: ParticipantData,
                                now: datetime) -> tuple[Participant, bool]:
    new = Participant(
        email=data.email, name=data.name, organisation_name=data.organisation_name,
        organisation_kind=data.organisation_kind,
        organisation_country=data.organisation_country, job_title=data.job_title,
        country=data.country, language=data.language, listed_publicly=False,
        link_key=secrets.token_hex(16), confirmed_at=now)
    if insert_unless_taken(new):
        if data.themes:
            new.themes.set(data.themes)
        return new, True
    participant = (Participant.objects.select_for_update(no_key=True)
                   .with_email(data.email).first())
    if participant is None:  # its owner deleted their data in between: ask again
        raise RegistrationError(_("Please try again in a moment."))
    if participant.is_anonymised:
        raise RegistrationError(_("This e-mail address cannot be registered."))
    return participant, False


def _registration_open(*, participant: Participant, event: Event,
                       now: datetime) -> Registration:
    """The participant's registration for the event, new or reopened, pending (its place
    is taken next)."""
    registration, created = Registration.objects.get_or_create(
        participant=participant, event=event, defaults={"requested_at": now})
    if created or registration.state == State.PENDING:
        return registration
    if registration.state != State.CANCELLED:
        raise RegistrationError(
            _("%(email)s is already registered for “%(event)s” (%(state)s).")
            % {"email": participant.email, "event": event.title,
               "state": registration.get_state_display()})
    registration.state, registration.requested_at = State.PENDING, now
    registration.confirmed_at = registration.cancelled_at = None
    registration.series_registration = None
    registration.save()
    return registration
