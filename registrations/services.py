"""Writes of the registrations app: one function per change in a registration's life.

Every function runs in one transaction together with the mails it causes (mail_queue
writes the outbox row in the caller's transaction; the mail is sent after commit). Seats
are taken as pretix takes them: lock the event row, re-count under the lock, write. Several
events are always locked in the order of their ids, so two transactions never deadlock.
"""

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, Series, Theme
from mail.services import mails_anonymise
from registrations import mails, queries
from registrations.models import ConsentText, Participant, Registration, SeriesRegistration

logger = logging.getLogger(__name__)

State = Registration.State


class RegistrationError(Exception):
    """A change the rules refuse; the message is translated and shown as it is."""


@dataclass(frozen=True)
class ParticipantData:
    """What a visitor enters in the registration form."""

    email: str
    name: str
    organisation_name: str
    organisation_kind: str
    organisation_country: str
    country: str
    language: str
    job_title: str = ""
    listed_publicly: bool = False
    themes: Sequence[Theme] = field(default_factory=tuple)


# --- registering and confirming ------------------------------------------------------------


@transaction.atomic
def registration_request(*, series: Series, data: ParticipantData, consent: ConsentText,
                         events: Sequence[Event] | None = None,
                         now: datetime | None = None) -> Participant:
    """Register an address for the whole series (`events` None) or for chosen events.

    Nothing is reserved: the registrations stay pending until the address is confirmed.

    Steps:
    1. refuse (RegistrationError, nothing changed) if registration for the series or one of
       the chosen events is not open, or the consent is not the series' current version;
    2. find the participant by address, case-insensitively, and lock it — or create it; a
       known address gets no duplicate, and its data is replaced only while it was never
       confirmed; record the consent (version and time), draw a new confirmation nonce
       (older confirmation links stop working), save;
    3. create a pending registration for each event not yet held (a cancelled one is
       reopened as pending), and the series registration if the whole series is asked for;
       set the themes of interest while the address was never confirmed;
    4. log;
    5. queue the confirmation request with the calendar file of the pending events — or,
       if nothing is left to confirm, the mail with the personal link.
    """
    now = now or timezone.now()
    refusal = queries.series_registration_refusal(series=series)
    if refusal is None and consent.pk != queries.consent_text_current_id(series=series):
        refusal = _("The privacy notice has changed. Please read it again and agree to it.")
    if events is not None:
        if any(event.series_id != series.pk for event in events):
            refusal = refusal or _("Please choose events of this series only.")
        refusal = refusal or next(
            (reason for event in events
             if (reason := queries.event_registration_refusal(event=event, now=now))), None)
        if not events:
            refusal = refusal or _("Please choose at least one event.")
    if refusal:
        raise RegistrationError(refusal)

    participant, created = _participant_lock_or_create(data=data, consent=consent, now=now)
    if events is None:
        series_registration = _series_registration_open(participant=participant, series=series,
                                                        now=now, created=created)
        events = queries.events_for_series_registration(series=series, now=now)
    else:
        series_registration = None
    if created:  # nothing to look up: every registration is new and pending
        pending = Registration.objects.bulk_create(
            Registration(participant=participant, event=event, requested_at=now,
                         series_registration=series_registration) for event in events)
        pending.sort(key=lambda registration: (registration.event.start, registration.pk))
        has_pending_series = series_registration is not None
    else:
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


@transaction.atomic
def registration_confirm(*, participant: Participant, nonce: str,
                         now: datetime | None = None) -> list[Registration]:
    """Confirm the address (double opt-in): every pending registration takes its place.

    Steps:
    1. lock the participant; refuse (RegistrationError) a link that was already used or
       replaced by a newer one (its nonce no longer matches) or a deleted participant;
    2. lock the events of the pending registrations, in id order;
    3. per event, re-count the seats taken under the lock: a seat (confirmed) while the
       capacity allows, otherwise a place on the waiting list; the time of this
       confirmation is the order of the waiting list; a pending registration for an event
       cancelled or ended since is cancelled;
    4. confirm the pending series registrations and the address, use up the nonce, save;
    5. log;
    6. queue the 'registered' mail: seats, waiting-list places, and the calendar file with
       the join links of the confirmed online events.
    """
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.is_anonymised:
        raise RegistrationError(_("The data of this registration has been deleted."))
    if not nonce or nonce != participant.confirm_nonce:
        raise RegistrationError(_("This link has already been used or was replaced by a "
                                  "newer one. Your personal page shows your registrations."))
    registrations = _take_places(participant=participant,
                                 registrations=_pending_registrations(participant), now=now)
    now = now or timezone.now()
    participant.series_registrations.filter(
        confirmed_at__isnull=True, cancelled_at__isnull=True).update(confirmed_at=now)
    participant.confirmed_at = participant.confirmed_at or now
    participant.confirm_nonce = ""
    participant.save(update_fields=["confirmed_at", "confirm_nonce"])
    logger.info("Registration confirmed: participant %s, %d events", participant.pk,
                len(registrations))
    mails.mail_registered(participant=participant, registrations=registrations,
                          cause=f"participant:{participant.pk}:confirmed:{nonce}")
    return registrations


@transaction.atomic
def registrations_add(*, participant: Participant, events: Sequence[Event],
                      now: datetime | None = None) -> list[Registration]:
    """Register a confirmed participant (through the personal link) for more events.

    The personal link proves the address, so the events take their places at once.

    Steps:
    1. lock the participant; refuse (RegistrationError, nothing changed) a deleted
       participant, an empty choice, or an event whose registration is not open;
    2. create or reopen the registrations; events already held keep their place;
    3. lock the events in id order and give each a seat or a waiting-list place (as in
       registration_confirm);
    4. log;
    5. queue the 'registered' mail with the calendar file.
    """
    now = now or timezone.now()
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.is_anonymised:
        raise RegistrationError(_("The data of this participant has been deleted."))
    if not events:
        raise RegistrationError(_("Please choose at least one event."))
    for event in events:
        if reason := queries.event_registration_refusal(event=event, now=now):
            raise RegistrationError(reason)
    new = [registration for event in events
           if (registration := _registration_request_one(participant=participant, event=event,
                                                         now=now)).state == State.PENDING]
    registrations = _take_places(participant=participant, registrations=new, now=now)
    logger.info("Registrations added: participant %s, %d events", participant.pk, len(new))
    if registrations:
        stamp = mails.stamp(registrations[0].confirmed_at)
        mails.mail_registered(participant=participant, registrations=registrations,
                              cause=f"participant:{participant.pk}:added:{stamp}")
    return registrations


# --- cancelling and the waiting list -----------------------------------------------------


@transaction.atomic
def registration_cancel(*, registration: Registration,
                        now: datetime | None = None) -> list[Registration]:
    """Cancel one registration; a freed seat goes to the first on the waiting list.

    Returns the registrations promoted from the waiting list.

    Steps:
    1. lock the event and re-read the registration under the lock; refuse
       (RegistrationError) one already cancelled or of a past event;
    2. set it cancelled and save;
    3. if it held a seat, promote the waiting list into the free seats (waitlist_promote:
       save, log, 'promoted' mail to each);
    4. log;
    5. queue the 'cancelled' mail to the participant.
    """
    now = now or timezone.now()
    registration, promoted = _cancel(registration=registration, now=now)
    logger.info("Registration %s cancelled", registration.pk)
    mails.mail_cancelled(participant=registration.participant, registrations=[registration],
                         cause=f"registration:{registration.pk}:cancelled:{mails.stamp(now)}")
    return promoted


@transaction.atomic
def registrations_cancel_all(*, participant: Participant,
                             now: datetime | None = None) -> list[Registration]:
    """Cancel every upcoming registration of a participant and their series registrations.

    Returns the registrations cancelled.

    Steps:
    1. lock the participant; cancel the series registrations (no events are added later);
    2. cancel each active registration of an event not yet ended, event by event in id
       order, each promoting the waiting list of its event (as registration_cancel);
    3. log;
    4. queue one 'cancelled' mail listing them all.
    """
    now = now or timezone.now()
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    participant.series_registrations.filter(cancelled_at__isnull=True).update(cancelled_at=now)
    cancelled = [
        _cancel(registration=registration, now=now)[0]
        for registration in participant.registrations.active()
        .filter(event__end__gt=now).order_by("event_id")
    ]
    logger.info("All registrations of participant %s cancelled (%d)", participant.pk,
                len(cancelled))
    if cancelled and not participant.is_anonymised:
        mails.mail_cancelled(participant=participant, registrations=cancelled,
                             cause=f"participant:{participant.pk}:cancelled:{mails.stamp(now)}")
    return cancelled


def waitlist_promote(*, event: Event, now: datetime | None = None) -> list[Registration]:
    """Give free seats of an event to the waiting list, first come first served.

    Must run inside the transaction that holds the lock on `event`.

    Steps:
    1. count the seats taken; the free seats go to the first waitlisted registrations in
       the order of their confirmation;
    2. set each confirmed and save;
    3. log;
    4. queue a 'promoted' mail to each, with the calendar file and the join link.
    """
    now = now or timezone.now()
    free = _free_seats(event)
    if free is not None and free <= 0:
        return []
    waiting = event.registrations.waiting().select_related("participant", "event__series")
    promoted = list(waiting if free is None else waiting[:free])
    for registration in promoted:
        registration.state = State.CONFIRMED
        registration.save(update_fields=["state"])
        logger.info("Registration %s promoted from the waiting list", registration.pk)
        mails.mail_registered(participant=registration.participant, registrations=[registration],
                              cause=f"registration:{registration.pk}:promoted:{mails.stamp(now)}",
                              template="registration_promoted")
    return promoted


@transaction.atomic
def event_capacity_change(*, event: Event, capacity: int | None,
                          now: datetime | None = None) -> list[Registration]:
    """Change the capacity of an event; seats it frees go to the waiting list.

    A lower capacity takes no seat away: it only stops new seats until enough are freed.

    Steps: 1. lock the event; 2. set the capacity and save; 3. promote the waiting list
    into the free seats (waitlist_promote: save, log, mail).
    """
    if capacity is not None and capacity < 0:
        raise RegistrationError(_("The capacity cannot be negative."))
    event = Event.objects.select_for_update().get(pk=event.pk)
    event.capacity = capacity
    event.save(update_fields=["capacity"])
    return waitlist_promote(event=event, now=now)


@transaction.atomic
def event_registrations_cancel(*, event: Event,
                               now: datetime | None = None) -> list[Registration]:
    """Cancel every registration of an event the organisers cancelled.

    Called by events.services.event_cancel. Returns the registrations cancelled.

    Steps:
    1. lock the event; an event that has already ended keeps its registrations (they are
       its statistics) and nobody is told;
    2. set each pending, confirmed and waitlisted registration cancelled and save (nobody
       is promoted: there is no event any more);
    3. log;
    4. queue the 'event cancelled' mail, with a calendar file that marks the event
       cancelled, to each participant who held a seat or a waiting-list place (an address
       never confirmed gets no mail).
    """
    now = now or timezone.now()
    event = Event.objects.select_for_update().select_related("series").get(pk=event.pk)
    if event.end <= now:
        return []
    registrations = list(event.registrations.active().select_related("participant")
                         .order_by("pk"))
    told = [registration for registration in registrations
            if registration.state != State.PENDING]
    for registration in registrations:
        registration.event = event
        registration.state, registration.cancelled_at = State.CANCELLED, now
        registration.save(update_fields=["state", "cancelled_at"])
    logger.info("Event %s cancelled: %d registrations cancelled", event.pk, len(registrations))
    for registration in told:
        mails.mail_event_cancelled(participant=registration.participant,
                                   registration=registration)
    return registrations


@transaction.atomic
def series_grow(*, event: Event, now: datetime | None = None) -> list[Registration]:
    """Register everyone registered for the whole series for a newly published event.

    Called by events.services.event_publish. Returns the registrations created.

    Steps:
    1. lock the event; nothing happens for a cancelled or ended event, or one whose
       registration has closed;
    2. for each active series registration, earliest first, of a participant who holds no
       registration for the event yet: a confirmed series registration gets a seat while
       the capacity allows, otherwise a waiting-list place; an unconfirmed one gets a
       pending registration, confirmed together with the rest;
    3. log;
    4. queue the 'event added' mail to each confirmed participant.
    """
    now = now or timezone.now()
    event = Event.objects.select_for_update().select_related("series").get(pk=event.pk)
    if (event.status != Event.Status.PUBLISHED or event.end <= now
            or (event.registration_closes and now >= event.registration_closes)):
        return []
    series_registrations = (
        SeriesRegistration.objects.filter(series=event.series, cancelled_at__isnull=True,
                                          participant__anonymised_at__isnull=True)
        .exclude(participant__registrations__event=event)
        .select_related("participant")
        .order_by("confirmed_at", "requested_at", "pk")
    )
    created = []
    free = _free_seats(event)
    for series_registration in series_registrations:
        registration = Registration(participant=series_registration.participant, event=event,
                                    series_registration=series_registration, requested_at=now)
        if series_registration.confirmed_at is not None:
            registration.confirmed_at = now
            seat = free is None or free > 0
            registration.state = State.CONFIRMED if seat else State.WAITLISTED
            free = None if free is None else free - seat
        registration.save()
        created.append(registration)
    logger.info("Series %s grew by event %s: %d registrations", event.series_id, event.pk,
                len(created))
    for registration in created:
        if registration.state != State.PENDING:
            mails.mail_registered(participant=registration.participant,
                                  registrations=[registration],
                                  cause=f"registration:{registration.pk}:added",
                                  template="registration_event_added")
    return created


def registrations_expire_pending(*, now: datetime | None = None) -> int:
    """Let registrations never confirmed expire after REGISTRATION_PENDING_HOURS.

    Returns how many registrations expired.

    Steps: 1. pending registrations and series registrations requested before the limit
    become cancelled, in one transaction (no seat was ever held, so nobody is promoted);
    2. log. No mail: the address was never confirmed.
    """
    now = now or timezone.now()
    limit = now - timedelta(hours=settings.REGISTRATION_PENDING_HOURS)
    with transaction.atomic():
        expired = Registration.objects.filter(state=State.PENDING, requested_at__lt=limit).update(
            state=State.CANCELLED, cancelled_at=now)
        SeriesRegistration.objects.filter(confirmed_at__isnull=True, cancelled_at__isnull=True,
                                          requested_at__lt=limit).update(cancelled_at=now)
    logger.info("%d pending registrations expired", expired)
    return expired


# --- the participant's own data ------------------------------------------------------------


@transaction.atomic
def participant_settings_change(*, participant: Participant, language: str,
                                listed_publicly: bool) -> Participant:
    """Change the language of mails and pages and the public-listing opt-in.

    Steps: 1. lock the participant, refuse a deleted one; 2. set and save; 3. log.
    """
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.is_anonymised:
        raise RegistrationError(_("The data of this participant has been deleted."))
    if language not in dict(settings.CONTENT_LANGUAGES):
        raise RegistrationError(_("This language is not offered."))
    participant.language, participant.listed_publicly = language, listed_publicly
    participant.save(update_fields=["language", "listed_publicly"])
    logger.info("Participant %s changed their settings", participant.pk)
    return participant


@transaction.atomic
def participant_link_send(*, participant: Participant, now: datetime | None = None) -> None:
    """Send the personal link again (the address was entered in the link form).

    Steps: 1. nothing for a deleted participant; 2. log; 3. queue the personal link mail.
    """
    if participant.is_anonymised:
        return
    logger.info("Personal link sent again to participant %s", participant.pk)
    mails.mail_personal_link(participant=participant, now=now or timezone.now())


def participant_export(*, participant: Participant) -> dict:
    """Everything stored about a participant, as JSON-ready data (their right of access)."""
    registrations = queries.participant_registrations(participant=participant)
    moment = lambda value: value.isoformat() if value else None  # noqa: E731
    return {
        "email": participant.email,
        "name": participant.name,
        "organisation": {"name": participant.organisation_name,
                         "kind": participant.organisation_kind,
                         "country": participant.organisation_country.code},
        "job_title": participant.job_title,
        "country": participant.country.code,
        "language": participant.language,
        "themes": [theme.name for theme in participant.themes.all()],
        "listed_publicly": participant.listed_publicly,
        "consent": {"series": participant.consent.series.slug if participant.consent else None,
                    "version": participant.consent.version if participant.consent else None,
                    "at": moment(participant.consented_at)},
        "registered_at": moment(participant.created_at),
        "confirmed_at": moment(participant.confirmed_at),
        "series_registrations": [
            {"series": item.series.slug, "requested_at": moment(item.requested_at),
             "confirmed_at": moment(item.confirmed_at), "cancelled_at": moment(item.cancelled_at)}
            for item in participant.series_registrations.select_related("series")
        ],
        "registrations": [
            {"series": item.event.series.slug, "event": item.event.slug,
             "event_title": item.event.title, "event_start": moment(item.event.start),
             "state": item.state, "requested_at": moment(item.requested_at),
             "confirmed_at": moment(item.confirmed_at), "cancelled_at": moment(item.cancelled_at),
             "attended": item.attended}
            for item in registrations
        ],
    }


@transaction.atomic
def participant_delete(*, participant: Participant, now: datetime | None = None) -> Participant:
    """Delete a participant's personal data; their registrations stay for the statistics.

    Steps:
    1. lock the participant; refuse one already deleted;
    2. cancel their series registrations and their registrations of events not yet ended,
       each freed seat going to the waiting list (as registrations_cancel_all; no mail to
       the deleted address, 'promoted' mails to those who move up);
    3. replace address, name, organisation name and job title, drop themes, opt-in and
       links (a new link key voids every personal link); keep organisation kind and
       countries, which statistics count; set the time of anonymisation; save;
    4. anonymise the outbox mails to the old address (mail.services.mails_anonymise: their
       texts, links and calendar files go, unsent ones never leave);
    5. log. No mail: the address is gone.
    """
    now = now or timezone.now()
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.is_anonymised:
        raise RegistrationError(_("The data of this participant has been deleted."))
    participant.anonymised_at = now
    participant.save(update_fields=["anonymised_at"])  # from now on, no mail to this address
    registrations_cancel_all(participant=participant, now=now)
    old_email = participant.email
    participant.email = f"deleted-{participant.pk}@anonymised.invalid"
    participant.name = participant.organisation_name = participant.job_title = ""
    participant.listed_publicly = False
    participant.confirm_nonce = ""
    participant.link_key = secrets.token_hex(16)
    participant.save()
    participant.themes.clear()
    mails_anonymise(to=old_email)
    logger.info("Participant %s anonymised", participant.pk)
    return participant


# --- helpers -------------------------------------------------------------------------------


def _participant_lock_or_create(*, data: ParticipantData, consent: ConsentText,
                                 now: datetime) -> tuple[Participant, bool]:
    """The participant with this address (case-insensitive), locked, or a new one; with the
    request's data (while never confirmed), the consent and a new confirmation nonce (older
    confirmation links stop working); saved. True when created."""
    try:
        existing = Participant.objects.select_for_update().with_email(data.email).get()
    except Participant.DoesNotExist:
        existing = None
    if existing is None:
        participant = Participant(email=data.email, link_key=secrets.token_hex(16))
        _participant_request(participant, data=data, consent=consent, now=now)
        try:
            with transaction.atomic():
                participant.save()
            return participant, True
        except IntegrityError:  # the same address registered at this very moment
            existing = Participant.objects.select_for_update().with_email(data.email).get()
    _participant_request(existing, data=data, consent=consent, now=now)
    existing.save()
    return existing, False


def _participant_request(participant: Participant, *, data: ParticipantData,
                         consent: ConsentText, now: datetime) -> None:
    if participant.confirmed_at is None:
        _participant_fill(participant, data=data)
    participant.consent, participant.consented_at = consent, now
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


def _series_registration_open(*, participant: Participant, series: Series, now: datetime,
                              created: bool = False) -> SeriesRegistration:
    """The participant's series registration: created, or reopened if it was cancelled.
    `created`: the participant is new, so it has none yet."""
    if created:
        return SeriesRegistration.objects.create(participant=participant, series=series,
                                                 requested_at=now)
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


def _free_seats(event: Event) -> int | None:
    """Seats left at a locked event; None when it has no limit."""
    if event.capacity is None:
        return None
    return event.capacity - event.registrations.holding_seat().count()


def _take_places(*, participant: Participant, registrations: Sequence[Registration],
                 now: datetime | None) -> list[Registration]:
    """Give each pending registration a seat or a waiting-list place, under event locks."""
    if not registrations:
        return []
    event_ids = sorted({registration.event_id for registration in registrations})
    locked = {event.pk: event for event in Event.objects.select_for_update()
              .filter(pk__in=event_ids).order_by("pk").only("status", "end", "capacity")}
    now = now or timezone.now()  # taken under the locks: the order of the waiting list
    for registration in registrations:
        event, fresh = registration.event, locked[registration.event_id]
        event.status, event.end, event.capacity = fresh.status, fresh.end, fresh.capacity
        if event.status != Event.Status.PUBLISHED or event.end <= now:
            registration.state, registration.cancelled_at = State.CANCELLED, now
        else:
            free = _free_seats(event)
            registration.state = State.CONFIRMED if free is None or free > 0 else State.WAITLISTED
            registration.confirmed_at = now
        registration.save(update_fields=["state", "confirmed_at", "cancelled_at"])
    return list(registrations)


def _cancel(*, registration: Registration, now: datetime) -> tuple[Registration,
                                                                   list[Registration]]:
    event = Event.objects.select_for_update().select_related("series").get(
        pk=registration.event_id)
    registration = Registration.objects.select_related("participant").get(pk=registration.pk)
    if registration.state == State.CANCELLED:
        raise RegistrationError(_("This registration has already been cancelled."))
    if event.end <= now:
        raise RegistrationError(_("“%(event)s” is over.") % {"event": event.title})
    held_seat = registration.state == State.CONFIRMED
    registration.state, registration.cancelled_at, registration.event = (
        State.CANCELLED, now, event)
    registration.save(update_fields=["state", "cancelled_at"])
    promoted = waitlist_promote(event=event, now=now) if held_seat else []
    return registration, promoted
