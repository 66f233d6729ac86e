"""A locked SQLite database gets the treatment of a deadlock on PostgreSQL: the transaction
runs again, and a visitor whose request outlasts the retries is asked, in their language,
to try again (503) — never a server error. (PostgreSQL: tests/test_races_deadlock.py.)"""

import logging
import threading
import time

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import translation

from events.models import Event
from registrations import links, services
from registrations.models import Participant, Registration
from tests.factories import event_create, series_create
from tests.test_registrations_factories import consent_text_create, participant_data

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's lock; PostgreSQL's deadlocks are in test_races_deadlock.py")


def writer_holding_the_database(event: Event, *, until: threading.Event) -> threading.Thread:
    """Another connection in the middle of a write transaction, until `until` is set."""
    holding = threading.Event()

    def run() -> None:
        try:
            with transaction.atomic():
                Event.objects.filter(pk=event.pk).update(capacity=99)
                holding.set()
                until.wait(timeout=20)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    assert holding.wait(timeout=10)
    return thread


def pending_participant() -> tuple[Participant, Event]:
    series = series_create()
    event = event_create(series=series)
    participant = services.registration_request(
        series=series, consent=consent_text_create(series=series), events=[event],
        data=participant_data())
    return participant, event


def test_a_locked_database_is_waited_out_and_the_confirmation_succeeds(caplog):
    participant, event = pending_participant()
    release = threading.Event()
    writer = writer_holding_the_database(event, until=release)

    def release_after_the_first_conflict() -> None:
        deadline = time.monotonic() + 10
        while not any("database_locked" in record.getMessage() for record in caplog.records):
            if time.monotonic() > deadline:
                break
            time.sleep(0.005)
        release.set()

    releaser = threading.Thread(target=release_after_the_first_conflict)
    with caplog.at_level(logging.WARNING, logger="core.db"):
        releaser.start()
        _participant, placed = services.registration_confirm(participant_id=participant.pk,
                                                             nonce=participant.confirm_nonce)
    releaser.join()
    writer.join()

    assert [registration.state for registration in placed] == [Registration.State.CONFIRMED]
    assert "database_locked in registration_confirm (attempt 1 of 3); running it again" in [
        record.getMessage() for record in caplog.records]


def test_a_database_locked_beyond_the_retries_asks_to_try_again_in_german(client, settings):
    settings.DATABASE_CONFLICT_ATTEMPTS = 2
    participant, event = pending_participant()
    release = threading.Event()
    writer = writer_holding_the_database(event, until=release)
    with translation.override("de"):
        url = reverse("registrations:confirm",
                      kwargs={"token": links.confirm_token(participant=participant)})
    try:
        response = client.post(url)
    finally:
        release.set()
        writer.join()

    assert response.status_code == 503
    page = response.content.decode()
    assert '<html lang="de">' in page and "Gerade ist viel los" in page
    assert participant.registrations.get().state == Registration.State.PENDING
