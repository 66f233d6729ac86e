"""Publishing during a rush loses nobody, on PostgreSQL: an event published while whole-series
participants register and confirm ends up held by every series registrant, in the right
state, whatever order the transactions commit in."""

import threading
from collections.abc import Callable
from datetime import timedelta
from functools import partial

import pytest
from django.db import connection
from django.utils import timezone

from events.models import Event
from mail.models import Mail
from orga.services.events import event_cancel, event_publish
from registrations import services
from registrations.models import Registration, SeriesRegistration
from tests.factories import event_create, series_create
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    participant_data,
    series_registration_create,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
State = Registration.State

ROUNDS = 3
CONFIRMED_BEFORE = 30  # series registrants confirmed long ago: the publish mails them
CONFIRMERS = 10  # requested the whole series before, confirm during the publish
REQUESTERS = 10  # request the whole series during the publish
CAPACITY = 40


def race(actions: list[Callable[[], object]]) -> list[BaseException]:
    """Run the actions in threads, released together; the errors they raised."""
    barrier = threading.Barrier(len(actions))
    errors: list[BaseException] = []

    def run(action) -> None:
        try:
            barrier.wait(timeout=30)
            action()
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def series_holes(series, event: Event) -> list[str]:
    """What is wrong with the series registrants' registrations for `event`: a confirmed
    series registrant without a seat or waiting-list place, an unconfirmed one without a
    pending registration."""
    held = dict(Registration.objects.filter(event=event)
                .values_list("participant_id", "state"))
    holes = []
    for series_registration in SeriesRegistration.objects.filter(
            series=series, cancelled_at__isnull=True):
        state = held.get(series_registration.participant_id)
        wanted = ({State.CONFIRMED, State.WAITLISTED} if series_registration.confirmed_at
                  else {State.PENDING})
        if state not in wanted:
            holes.append(f"participant {series_registration.participant_id}: {state} for "
                         f"event {event.pk}, series registration "
                         f"{'confirmed' if series_registration.confirmed_at else 'pending'}")
    return holes


def test_publishing_during_whole_series_confirmations_and_requests_loses_nobody():
    series = series_create()
    consent = consent_text_create(series=series)
    event_create(series=series)  # an event published before: the series has events
    for _ in range(CONFIRMED_BEFORE):
        series_registration_create(participant=participant_create(), series=series)
    holes, errors, published = [], [], []
    for round_number in range(ROUNDS):
        confirmers = [
            services.registration_request(
                series=series, consent=consent,
                data=participant_data(email=f"confirmer{round_number}-{index}@example.org"))
            for index in range(CONFIRMERS)]
        new = event_create(series=series, status=Event.Status.DRAFT, capacity=CAPACITY)
        published.append(new)

        errors += race([partial(event_publish, event=new)]
                       + [partial(services.registration_confirm, participant_id=participant.pk,
                                  nonce=participant.confirm_nonce)
                          for participant in confirmers]
                       + [partial(services.registration_request, series=series, consent=consent,
                                  data=participant_data(
                                      email=f"requester{round_number}-{index}@example.org"))
                          for index in range(REQUESTERS)])
        holes += series_holes(series, new)
        seats = Registration.objects.filter(event=new, state=State.CONFIRMED).count()
        assert seats <= CAPACITY

    assert errors == []
    assert holes == []
    # the requesters confirm now: each takes the new events too
    for series_registration in SeriesRegistration.objects.filter(confirmed_at__isnull=True):
        participant = series_registration.participant
        services.registration_confirm(participant_id=participant.pk,
                                      nonce=participant.confirm_nonce)
    assert not Registration.objects.filter(state=State.PENDING).exists()
    for event in published:
        assert series_holes(series, event) == []


def test_publishing_while_series_registrants_leave_gives_those_who_left_nothing():
    """Half of the series registrants delete their data, a quarter cancel everything, while
    an event is published: those who left hold nothing of it, no mail goes to a deleted
    address; those who stayed hold it and are told."""
    series = series_create()
    people = []
    for _ in range(24):
        person = participant_create()
        series_registration_create(participant=person, series=series)
        people.append(person)
    deleting, cancelling, staying = people[:12], people[12:18], people[18:]
    new = event_create(series=series, status=Event.Status.DRAFT)

    errors = race([partial(event_publish, event=new)]
                  + [partial(services.participant_delete, participant=person)
                     for person in deleting]
                  + [partial(services.registrations_cancel_all, participant=person)
                     for person in cancelling])

    assert errors == []
    held = dict(Registration.objects.filter(event=new).active()
                .values_list("participant_id", "state"))
    assert held == {person.pk: State.CONFIRMED for person in staying}
    assert not Mail.objects.filter(to__in=[person.email for person in deleting]).exists()
    assert not Mail.objects.filter(to="", state=Mail.State.QUEUED).exists()
    added = Mail.objects.filter(cause__endswith=":added", state=Mail.State.QUEUED)
    assert set(added.values_list("to", flat=True)) >= {person.email for person in staying}


def test_cancelling_an_event_during_whole_series_requests_leaves_nothing_open():
    series = series_create()
    consent = consent_text_create(series=series)
    doomed = event_create(series=series)

    errors = race([partial(event_cancel, event=doomed)]
                  + [partial(services.registration_request, series=series, consent=consent,
                             data=participant_data(email=f"requester{index}@example.org"))
                     for index in range(16)])

    assert errors == []
    assert list(doomed.registrations.active().values_list("state", flat=True)) == []


def test_publishing_during_the_expiry_and_late_confirmations_leaves_nothing_pending():
    """Series registrations that were never confirmed expire while an event is published
    and some of them are confirmed at the last moment: whatever the order, an expired
    series registration leaves no pending registration behind, a confirmed one holds the
    new event."""
    series = series_create()
    consent = consent_text_create(series=series)
    late = [services.registration_request(
        series=series, consent=consent, data=participant_data(email=f"late{index}@example.org"),
        now=timezone.now() - timedelta(hours=49)) for index in range(12)]
    for _ in range(6):
        series_registration_create(participant=participant_create(), series=series)
    new = event_create(series=series, status=Event.Status.DRAFT)

    errors = race([partial(event_publish, event=new),
                   services.registrations_expire_pending]
                  + [partial(services.registration_confirm, participant_id=participant.pk,
                             nonce=participant.confirm_nonce) for participant in late[:6]])

    assert errors == []
    assert series_holes(series, new) == []
    assert not Registration.objects.filter(
        state=State.PENDING, series_registration__cancelled_at__isnull=False).exists()
