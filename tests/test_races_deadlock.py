"""No deadlock reaches a user, on PostgreSQL: cancellations, registrations and confirmations
on the same events at once all succeed; a deadlock the database still reports is retried,
and a conflict that outlasts the retries is answered with a 503 page asking to try again,
never with a server error."""

import random
import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse

from core.db import retry_on_conflict
from events.models import Event
from mail.models import Mail
from registrations import links, services
from registrations.models import Participant, Registration
from tests.factories import event_create, series_create
from tests.test_races_publish import race
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    participant_data,
    registration_create,
    series_registration_create,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
State = Registration.State

EVENTS = 4
CAPACITY = 6
HOLDERS = 24  # confirmed for every event (some on the waiting list)
CLIENTS = 24  # threads, each with its own connection (the server allows 100 in all)


def test_cancellations_and_registrations_on_the_same_events_all_succeed():
    series = series_create()
    consent = consent_text_create(series=series)
    events = [event_create(series=series, capacity=CAPACITY) for _ in range(EVENTS)]
    holders = []
    for _ in range(HOLDERS):
        holder = participant_create()
        series_registration_create(participant=holder, series=series)
        for event in events:
            seat = event.registrations.holding_seat().count() < CAPACITY
            registration_create(participant=holder, event=event,
                                state=State.CONFIRMED if seat else State.WAITLISTED)
        holders.append(holder)
    pending = [services.registration_request(
        series=series, consent=consent, data=participant_data(email=f"late{index}@example.org"))
        for index in range(CLIENTS // 4)]
    picks = random.Random(10)

    def cancel_one(holder):
        registration = holder.registrations.get(event=picks.choice(events))
        return lambda: services.registration_cancel(registration=registration)

    def cancel_all(holder):
        return lambda: services.registrations_cancel_all(participant=holder)

    def confirm(participant):
        return lambda: services.registration_confirm(participant_id=participant.pk,
                                                     nonce=participant.confirm_nonce)

    def request(index):
        return lambda: services.registration_request(
            series=series, consent=consent, data=participant_data(email=f"new{index}@example.org"))

    actions = ([cancel_one(holder) for holder in holders[:CLIENTS // 4]]
               + [cancel_all(holder) for holder in holders[CLIENTS // 4:CLIENTS // 2]]
               + [confirm(participant) for participant in pending]
               + [request(index) for index in range(CLIENTS // 4)])
    picks.shuffle(actions)

    errors = race(actions)

    assert [f"{type(error).__name__}: {error}" for error in errors] == []
    for event in events:
        assert event.registrations.holding_seat().count() == CAPACITY  # promoted, not over
    assert Registration.objects.filter(participant__in=pending, state=State.PENDING).count() == 0


def deadlock_partner(*, event: Event, participant: Participant, done: threading.Event,
                     holding: threading.Event) -> threading.Thread:
    """A transaction that locks the event, waits until another backend waits for it, then
    locks the participant: a deadlock with a confirmation of that participant, in which the
    confirmation is the one PostgreSQL aborts (this side waits 10 s before it checks)."""

    def run() -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL deadlock_timeout = '10s'")
                cursor.execute("SELECT 1 FROM events_event WHERE id = %s FOR UPDATE",
                               [event.pk])
                holding.set()
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline:
                    cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE "
                                   "datname = current_database() AND "
                                   "wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
                    if cursor.fetchone()[0]:
                        break
                    time.sleep(0.02)
                cursor.execute("SELECT 1 FROM registrations_participant WHERE id = %s "
                               "FOR UPDATE", [participant.pk])
        finally:
            done.set()
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def confirmation_in_deadlock(client, settings, *, attempts: int):
    settings.DATABASE_CONFLICT_ATTEMPTS = attempts
    series = series_create()
    event = event_create(series=series)
    participant = services.registration_request(
        series=series, consent=consent_text_create(series=series), events=[event],
        data=participant_data())
    done, holding = threading.Event(), threading.Event()
    partner = deadlock_partner(event=event, participant=participant, done=done,
                               holding=holding)
    assert holding.wait(timeout=20)
    token = links.confirm_token(participant=participant)
    response = client.post(reverse("registrations:confirm", kwargs={"token": token}))
    partner.join(timeout=30)
    return participant, response


def test_a_deadlock_is_retried_and_the_confirmation_succeeds(client, settings):
    participant, response = confirmation_in_deadlock(client, settings, attempts=3)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/registration/me/")
    assert participant.registrations.get().state == State.CONFIRMED
    assert Mail.objects.filter(cause__contains=":confirmed:").count() == 1


def test_a_deadlock_that_outlasts_the_retries_asks_to_try_again(client, settings):
    participant, response = confirmation_in_deadlock(client, settings, attempts=1)

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "The site is busy right now" in page and "Please try again" in page
    assert participant.registrations.get().state == State.PENDING  # nothing changed
    assert not Mail.objects.filter(cause__contains=":confirmed:").exists()


def test_a_deadlock_between_two_transactions_is_retried_until_both_succeed():
    """Two transactions lock two rows in opposite orders: PostgreSQL aborts one, which is
    retried as a whole and succeeds."""
    series = series_create()
    first, second = event_create(series=series), event_create(series=series)
    barrier = threading.Barrier(2)
    attempts = {"forward": 0, "backward": 0}

    def locker(name: str, order: list[Event]):
        @retry_on_conflict
        @transaction.atomic
        def lock_both() -> None:
            attempts[name] += 1
            for event in order:
                Event.objects.select_for_update().get(pk=event.pk)
                if attempts[name] == 1 and event is order[0]:
                    barrier.wait(timeout=10)
            Event.objects.filter(pk=order[1].pk).update(capacity=attempts[name])

        return lock_both

    errors = race([locker("forward", [first, second]), locker("backward", [second, first])])

    assert errors == []
    assert sorted(attempts.values()) == [1, 2]
    assert connections["default"].in_atomic_block is False
