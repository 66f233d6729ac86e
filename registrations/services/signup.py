"""Registering, confirming the address, adding events, and the expiry of what was never
confirmed."""

import logging
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import insert_unless_taken, retry_on_conflict
from events.models import Event, Series
from registrations import mails, queries
from registrations.models import (
    Consent,
    ConsentText,
    Participant,
    Registration,
    SeriesRegistration,
)
from registrations.services.base import (
    ParticipantData,
    RegistrationError,
    State,
    participant_lock,
    series_lock_shared,
)
from registrations.services.places import take_places

logger = logging.getLogger(__name__)
# Inserting a new address, or else locking its owner: tried again when the owner deleted
# their data in between (each try that fails needs another deletion of that address).
ADDRESS_ATTEMPTS = 3


@retry_on_conflict
@transaction.atomic
def registration_request(*, series: Series, data: ParticipantData, consent: ConsentText,
                         events: Sequence[Event] | None = None,
                         now: datetime | None = None) -> Participant:
    """Register an address for the whole series (`events` None) or for chosen events.

    Nothing is reserved: the registrations stay pending until the address is confirmed.

    Steps:
    1. refuse (RegistrationError, nothing changed) if registration for the series or one of
       the chosen events is not open, or the consent is not the series' current version;
    2. find the participant by address, case-insensitively, and lock it — or create it
       (refuse the placeholder address a deleted participant was given) — then lock the
       series FOR SHARE (an event being published meanwhile is waited for, and then
       read as published; or it sees this series registration); a known address
       gets no duplicate, and its data is replaced only while it was never
       confirmed; record the consent (version and time), draw a new confirmation nonce
       (older confirmation links stop working), save;
    3. create a pending registration for each event not yet held (a cancelled one is
       reopened as pending), and the series registration if the whole series is asked for;
       the pending ones held already wait anew from now (the new link confirms them);
       set the themes of interest while the address was never confirmed;
    4. log;
    5. queue the confirmation request (without a calendar entry: nothing is reserved
       yet) — or, if nothing is left to confirm, the mail with the personal link.
    """
    now = now or timezone.now()
    refusal = queries.registration_request_refusal(series=series, consent_id=consent.pk,
                                                   events=events, now=now)
    if refusal:
        raise RegistrationError(refusal)

    participant, created = _participant_lock_or_create(data=data, consent=consent, now=now)
    series_lock_shared(series_ids=[series.pk])
    series_registration = None
    if events is None:  # a new participant has no series registration to reopen
        series_registration = (
            SeriesRegistration.objects.create(participant=participant, series=series,
                                              requested_at=now) if created
            else _series_registration_open(participant=participant, series=series, now=now))
        events = queries.events_for_series_registration(series=series, now=now)
    if created:  # nothing to look up: every registration is new and pending
        pending = Registration.objects.bulk_create(
            Registration(participant=participant, event=event, requested_at=now,
                         series_registration=series_registration) for event in events)
        pending.sort(key=lambda registration: (registration.event.start, registration.pk))
        has_pending_series = series_registration is not None
    else:  # the new link confirms every pending registration: each waits anew from now
        participant.registrations.filter(state=State.PENDING).update(requested_at=now)
        participant.series_registrations.filter(
            confirmed_at__isnull=True, cancelled_at__isnull=True).update(requested_at=now)
        for event in events:
            _registration_request_one(participant=participant, event=event, now=now,
                                      series_registration=series_registration)
        pending = _pending_registrations(participant)
        has_pending_series = participant.series_registrations.filter(
            confirmed_at__isnull=True, cancelled_at__isnull=True).exists()
    if data.themes and participant.confirmed_at is None:
        participant.themes.set(data.themes)
    logger.info("Registration requested: participant %s, series %s", participant.pk, series.pk)

    if pending or has_pending_series:
        mails.mail_confirm_request(participant=participant, registrations=pending, series=series)
    else:
        mails.mail_personal_link(participant=participant, now=now)
    return participant


@retry_on_conflict
@transaction.atomic
def registration_confirm(*, participant_id: int, nonce: str, now: datetime | None = None
                         ) -> tuple[Participant, list[Registration]]:
    """Confirm the address (double opt-in): every pending registration takes its place.

    Returns the participant and the registrations that took a seat or a waiting-list place.

    Steps:
    1. lock the participant; refuse (RegistrationError) a deleted participant, or a link
       that was already used or replaced by a newer one (its nonce no longer matches);
    2. lock FOR SHARE the series of the pending series registrations (an event being
       published into them is waited for, and its pending registration then confirmed
       here), then the events of the pending registrations, in id order;
    3. per event, re-count the seats taken under the lock: a seat (confirmed) while the
       capacity allows, otherwise a place on the waiting list; the time of this
       confirmation is the order of the waiting list; a pending registration for an event
       cancelled or ended since is cancelled;
    4. confirm the pending series registrations and the address, use up the nonce, save;
    5. log;
    6. queue the 'registered' mail: seats, waiting-list places, and the calendar file with
       the join links of the confirmed online events.
    """
    try:
        participant = participant_lock(participant_id=participant_id)
    except Participant.DoesNotExist:
        participant = None
    if participant is None or participant.is_anonymised:
        raise RegistrationError(_("The data of this registration has been deleted."))
    if queries.confirm_link_used(participant=participant, nonce=nonce):
        raise RegistrationError(_("This link has already been used or was replaced by a "
                                  "newer one. Your personal page shows your registrations."))
    pending_series = participant.series_registrations.filter(
        confirmed_at__isnull=True, cancelled_at__isnull=True)
    series_lock_shared(series_ids=pending_series.values_list("series_id", flat=True))
    registrations = take_places(registrations=_pending_registrations(participant), now=now)
    now = now or timezone.now()
    pending_series.update(confirmed_at=now)
    participant.confirmed_at = participant.confirmed_at or now
    participant.confirm_nonce = ""
    participant.save(update_fields=["confirmed_at", "confirm_nonce"])
    logger.info("Registration confirmed: participant %s, %d events", participant.pk,
                len(registrations))
    mails.mail_registered(participant=participant, registrations=registrations,
                          cause=f"participant:{participant.pk}:confirmed:{nonce}")
    return participant, registrations


@retry_on_conflict
@transaction.atomic
def registrations_add(*, participant: Participant, events: Sequence[Event],
                      now: datetime | None = None) -> list[Registration]:
    """Register a participant for more events through the personal link.

    The personal link, sent to the address, proves it: the events take their places at
    once, and an address not yet confirmed counts as confirmed from now (so that a new
    registration request no longer replaces its data).

    Steps:
    1. lock the participant; refuse (RegistrationError, nothing changed) a deleted
       participant, an empty choice, or an event whose registration is not open;
    2. confirm the address if it was not; create or reopen the registrations; events
       already held keep their place;
    3. lock the events in id order and give each a seat or a waiting-list place (as in
       registration_confirm, at a time taken under the locks: the waiting list's order);
       refuse (RegistrationError, nothing changed) if an event was cancelled or ended
       since it was read, as its lock shows;
    4. log;
    5. queue the 'registered' mail with the calendar file.
    """
    placed_at, now = now, now or timezone.now()  # `now` for the refusals; seats: take_places
    participant = participant_lock(participant_id=participant.pk)
    if participant.is_anonymised:
        raise RegistrationError(_("The data of this participant has been deleted."))
    if not events:
        raise RegistrationError(_("Please choose at least one event."))
    for event in events:
        if reason := queries.event_registration_refusal(event=event, now=now):
            raise RegistrationError(reason)
    if participant.confirmed_at is None:
        participant.confirmed_at = now
        participant.save(update_fields=["confirmed_at"])
    new = [registration for event in events
           if (registration := _registration_request_one(participant=participant, event=event,
                                                         now=now)).state == State.PENDING]
    registrations = take_places(registrations=new, now=placed_at)
    if closed := next((registration for registration in registrations
                       if registration.state == State.CANCELLED), None):
        raise RegistrationError(
            queries.event_registration_refusal(event=closed.event, now=closed.cancelled_at)
            or _("Registration for “%(event)s” is closed.") % {"event": closed.event.title})
    logger.info("Registrations added: participant %s, %d events", participant.pk, len(new))
    if registrations:
        stamp = mails.stamp(registrations[0].confirmed_at)
        mails.mail_registered(participant=participant, registrations=registrations,
                              cause=f"participant:{participant.pk}:added:{stamp}")
    return registrations


@retry_on_conflict
def registrations_expire_pending(*, now: datetime | None = None) -> int:
    """Let registrations never confirmed expire after REGISTRATION_PENDING_HOURS.

    Returns how many registrations expired.

    Steps: 1. lock the participants with pending series registrations or pending
    registrations requested before the limit (by id), FOR SHARE the series of those
    series registrations (an event being published into them is waited for), and the
    events of those registrations (by id: an event being cancelled writes them too); 2. those
    series registrations and pending registrations, re-checked under the locks, become
    cancelled — and so do the pending registrations of such a series registration, even
    if the series grew by them later — in one transaction (no seat was ever held, so
    nobody is promoted); 3. log. No mail: the address was never confirmed.
    """
    now = now or timezone.now()
    limit = now - timedelta(hours=settings.REGISTRATION_PENDING_HOURS)
    series_expired = SeriesRegistration.objects.filter(
        confirmed_at__isnull=True, cancelled_at__isnull=True, requested_at__lt=limit)
    expired = Registration.objects.filter(
        Q(requested_at__lt=limit) | Q(series_registration__in=series_expired),
        state=State.PENDING)
    with transaction.atomic():
        participant_ids = list(
            Participant.objects.select_for_update(no_key=True)
            .filter(Q(pk__in=series_expired.values("participant_id"))
                    | Q(pk__in=expired.values("participant_id")))
            .order_by("pk").values_list("pk", flat=True))
        series_expired = series_expired.filter(participant_id__in=participant_ids)
        series_lock_shared(series_ids=series_expired.values_list("series_id", flat=True))
        expired = expired.filter(participant_id__in=participant_ids)
        list(Event.objects.select_for_update(no_key=True)  # an event's cancellation writes
             .filter(pk__in=expired.values("event_id")).order_by("pk").values_list("pk"))
        count = expired.update(state=State.CANCELLED, cancelled_at=now)
        series_expired.update(cancelled_at=now)
    logger.info("%d pending registrations expired", count)
    return count


def _participant_lock_or_create(*, data: ParticipantData, consent: ConsentText,
                                 now: datetime) -> tuple[Participant, bool]:
    """The participant with this address (case-insensitive), locked, or a new one; with the
    request's data (while never confirmed) and a new confirmation nonce (older confirmation
    links stop working); saved, and the consent to this notice recorded (each version
    once, with the time it was first given). True when created."""
    new = Participant(email=data.email, link_key=secrets.token_hex(16))
    _participant_request(new, data=data)
    for _attempt in range(ADDRESS_ATTEMPTS):
        if created := insert_unless_taken(new):  # a new address: one statement, no look-up
            participant = new
            break
        # taken: its owner, locked — unless they deleted their data (and the address with
        # it) before the lock was ours: then the address is new again
        participant = Participant.objects.select_for_update(no_key=True).with_email(
            data.email).first()
        if participant is not None:
            break
    else:
        raise RegistrationError(_("Please try again in a moment."))
    if not created:
        if participant.is_anonymised:  # the placeholder address of deleted data
            raise RegistrationError(_("This e-mail address cannot be registered."))
        _participant_request(participant, data=data)
        participant.save()
    # kept as first given: agreeing again to the same version changes nothing
    insert_unless_taken(Consent(participant=participant, text=consent, given_at=now))
    return participant, created


def _participant_request(participant: Participant, *, data: ParticipantData) -> None:
    if participant.confirmed_at is None:
        _participant_fill(participant, data=data)
    participant.confirm_nonce = secrets.token_hex(16)


def _participant_fill(participant: Participant, *, data: ParticipantData) -> None:
    participant.email = data.email
    participant.name = data.name
    participant.organisation_name = data.organisation_name
    participant.organisation_kind = data.organisation_kind
    participant.organisation_country = data.organisation_country
    participant.job_title = data.job_title
    participant.country = data.country
    participant.language = data.language
    participant.listed_publicly = data.listed_publicly


def _series_registration_open(*, participant: Participant, series: Series,
                              now: datetime) -> SeriesRegistration:
    """The participant's series registration: created, or reopened if it was cancelled."""
    series_registration, created = SeriesRegistration.objects.get_or_create(
        participant=participant, series=series, defaults={"requested_at": now})
    if not created and series_registration.cancelled_at is not None:
        series_registration.requested_at, series_registration.cancelled_at = now, None
        series_registration.confirmed_at = None
        series_registration.save()
    return series_registration


def _registration_request_one(*, participant: Participant, event: Event, now: datetime,
                              series_registration: SeriesRegistration | None = None
                              ) -> Registration:
    """The participant's registration for the event: created or reopened as pending."""
    registration, created = Registration.objects.get_or_create(
        participant=participant, event=event,
        defaults={"requested_at": now, "series_registration": series_registration})
    if not created and registration.state == State.CANCELLED:
        registration.state, registration.requested_at = State.PENDING, now
        registration.confirmed_at = registration.cancelled_at = None
        registration.series_registration = series_registration
        registration.save()
    return registration


def _pending_registrations(participant: Participant) -> list[Registration]:
    """The participant's pending registrations by date, their events (with series) from the
    content cache: what the mails say of them. Seats are decided on the locked rows."""
    registrations = list(participant.registrations.filter(state=State.PENDING).order_by())
    events = queries.events_by_id(ids={registration.event_id for registration in registrations})
    for registration in registrations:
        registration.event = events[registration.event_id]
    return sorted(registrations, key=lambda registration: (registration.event.start,
                                                           registration.pk))
