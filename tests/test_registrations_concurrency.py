"""No seat is given twice: many confirmations at once for the last seats, on PostgreSQL."""

import threading

import pytest
from django.db import connection

from mail.models import Mail
from registrations import services
from registrations.models import Participant, Registration
from tests.factories import event_create, series_create
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    participant_data,
    registration_create,
)

CAPACITY = 25
TAKEN = 22
RACERS = 24


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_for_the_last_seats_give_exactly_the_capacity():
    series = series_create()
    consent = consent_text_create(series=series)
    event = event_create(series=series, capacity=CAPACITY)
    for _ in range(TAKEN):
        registration_create(participant=participant_create(), event=event)
    racers = [
        services.registration_request(series=series, consent=consent, events=[event],
                                      data=participant_data(email=f"racer{index}@example.org"))
        for index in range(RACERS)
    ]
    barrier = threading.Barrier(RACERS)
    errors: list[BaseException] = []

    def confirm(participant) -> None:
        try:
            barrier.wait(timeout=30)
            services.registration_confirm(participant_id=participant.pk,
                                          nonce=participant.confirm_nonce)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(racer,)) for racer in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    racing = Registration.objects.filter(event=event, participant__in=racers)
    seats = list(racing.filter(state=Registration.State.CONFIRMED).order_by("confirmed_at"))
    waiting = list(racing.filter(state=Registration.State.WAITLISTED)
                   .order_by("confirmed_at", "pk"))
    assert len(seats) == CAPACITY - TAKEN
    assert len(waiting) == RACERS - (CAPACITY - TAKEN)
    assert event.registrations.filter(state=Registration.State.CONFIRMED).count() == CAPACITY
    assert seats[-1].confirmed_at <= waiting[0].confirmed_at
    assert Mail.objects.filter(cause__contains=":confirmed:").count() == RACERS

    first_waiting = waiting[0]
    services.registration_cancel(registration=seats[0])
    first_waiting.refresh_from_db()
    assert first_waiting.state == Registration.State.CONFIRMED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_address_registered_at_the_same_moment_gives_one_participant():
    """Two requests for one address, in two letter cases, at once: the second insert meets
    the first's uncommitted row, waits for its commit, and takes that participant."""
    series = series_create()
    consent = consent_text_create(series=series)
    event = event_create(series=series)
    barrier = threading.Barrier(2)
    results, errors = {}, []

    def register(email: str) -> None:
        try:
            barrier.wait(timeout=30)
            results[email] = services.registration_request(
                series=series, consent=consent, events=[event],
                data=participant_data(email=email)).pk
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(email,))
               for email in ("same@example.org", "SAME@example.org")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(set(results.values())) == 1
    assert Participant.objects.count() == 1
    assert Registration.objects.count() == 1
    assert Mail.objects.filter(cause__contains=":confirm-request:").count() == 2
