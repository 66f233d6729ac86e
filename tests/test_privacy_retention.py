"""Personal data is deleted by itself once the series it was given for is long over: each
series sets how many months after its last event (Series.retention_months); the counts
stay for the statistics."""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection

from events.queries import months_later
from mail.models import Mail
from registrations import services, tasks
from registrations.models import Participant, Registration
from tests.factories import event_create, series_create
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    registration_create,
    series_registration_create,
)

pytestmark = pytest.mark.django_db

LAST_END = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)  # the series' last event ends
DUE = datetime(2028, 3, 31, 12, 0, tzinfo=UTC)  # 24 months later


@pytest.fixture
def bridges():
    """A series over: two events, the last one ending at LAST_END."""
    series = series_create(slug="bridges", title_en="Cluster Bridges")
    event_create(series=series, start=LAST_END - timedelta(days=60, hours=3))
    event_create(series=series, start=LAST_END - timedelta(hours=3))
    return series


def anonymised() -> set[int]:
    """The ids of the participants whose data was deleted."""
    return set(Participant.objects.filter(anonymised_at__isnull=False)
               .values_list("pk", flat=True))


def test_a_participant_is_anonymised_once_the_retention_of_their_series_has_passed(bridges):
    alice = participant_create(email="alice@example.org", name="Alice Adler")
    series_registration_create(participant=alice, series=bridges)
    for event in bridges.events.all():
        registration_create(participant=alice, event=event)

    before = services.participants_anonymise_expired(now=DUE - timedelta(minutes=1))
    done = services.participants_anonymise_expired(now=DUE)

    alice.refresh_from_db()
    assert (before, done) == ([], [alice.pk])
    assert (alice.name, alice.email, alice.anonymised_at) == (
        "", f"deleted-{alice.pk}@anonymised.invalid", DUE)
    assert alice.registrations.count() == 2  # the counts stay
    assert alice.organisation_country.code == "DE"
    assert services.participants_anonymise_expired(now=DUE + timedelta(days=1)) == []


def test_the_series_sets_the_retention(bridges):
    bridges.retention_months = 6
    bridges.save()
    bob = participant_create()
    registration_create(participant=bob, event=bridges.events.last())

    assert services.participants_anonymise_expired(
        now=months_later(LAST_END, 6) - timedelta(seconds=1)) == []
    assert services.participants_anonymise_expired(now=months_later(LAST_END, 6)) == [bob.pk]


def test_a_participant_of_a_series_still_running_is_kept(bridges):
    later = series_create(slug="later")
    coming = event_create(series=later, start=DUE + timedelta(days=30))
    bob = participant_create()  # an old event, and one still to come
    registration_create(participant=bob, event=bridges.events.first())
    registration_create(participant=bob, event=coming, state=Registration.State.CANCELLED)
    charlie = participant_create()  # the whole old series, and a series with no event yet
    series_registration_create(participant=charlie, series=bridges)
    series_registration_create(participant=charlie, series=series_create(slug="planned"))
    dora = participant_create()  # only the old series
    series_registration_create(participant=dora, series=bridges)

    assert services.participants_anonymise_expired(now=DUE) == [dora.pk]
    assert anonymised() == {dora.pk}


def test_the_retention_counts_from_the_last_event_of_the_series(bridges):
    """A participant of the first event only is kept as long as the series goes on."""
    bob = participant_create()
    registration_create(participant=bob, event=bridges.events.first())

    assert services.participants_anonymise_expired(now=DUE - timedelta(days=59)) == []
    assert services.participants_anonymise_expired(now=DUE) == [bob.pk]


def test_the_sweep_task_and_the_command_anonymise_and_log_ids_only(bridges, caplog, capsys):
    """The worker's sweep runs the task with the real clock: a series over for years."""
    bridges.events.update(start=LAST_END - timedelta(days=2000),
                          end=LAST_END - timedelta(days=1999))
    alice = participant_create(email="alice@example.org", name="Alice Adler")
    bob = participant_create(email="bob@example.org", name="Bob Berger")
    for person in (alice, bob):
        series_registration_create(participant=person, series=bridges)
    Mail.objects.create(cause="test:alice", to="alice@example.org", language="en",
                        subject="Hello Alice", text="Hello Alice Adler")

    call_command("anonymise_expired", "--dry-run")
    dry = capsys.readouterr().out
    assert anonymised() == set()
    with caplog.at_level(logging.INFO, logger="registrations"):
        count = tasks.participants_anonymise_expired.call()
    call_command("anonymise_expired")
    again = capsys.readouterr().out

    assert dry == "2 participants past the retention period (dry run: nothing changed).\n"
    assert (count, again) == (2, "0 participants anonymised.\n")
    assert anonymised() == {alice.pk, bob.pk}
    assert Mail.objects.get().to == ""
    assert f"2 participants anonymised after the retention period: {alice.pk}, {bob.pk}" \
        in caplog.messages
    assert not any(word in caplog.text.lower() for word in ("alice", "bob", "adler", "berger"))


def test_months_later_keeps_the_day_or_takes_the_months_last():
    assert months_later(datetime(2026, 1, 31, 9, tzinfo=UTC), 1) == datetime(
        2026, 2, 28, 9, tzinfo=UTC)
    assert months_later(datetime(2026, 11, 15, tzinfo=UTC), 27) == datetime(
        2029, 2, 15, tzinfo=UTC)
    assert months_later(LAST_END, 24) == DUE


def test_the_registration_page_states_how_long_the_data_is_kept(client, bridges):
    bridges.retention_months = 18
    bridges.save()
    consent_text_create(series=bridges)
    event_create(series=bridges)

    english = client.get("/en/series/bridges/register/").content.decode()
    german = client.get("/de/series/bridges/register/").content.decode()

    assert "Your data is deleted 18 months after the last event of the series." in english
    assert "Ihre Daten werden 18 Monate nach der letzten Veranstaltung der Reihe gelöscht." \
        in german


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_anonymise_each_participant_once(bridges):
    people = [participant_create() for _ in range(12)]
    for person in people:
        series_registration_create(participant=person, series=bridges)
    start = threading.Barrier(2)

    def sweep() -> list[int]:
        start.wait()
        try:
            return services.participants_anonymise_expired(now=DUE)
        finally:
            connection.close()  # this thread's

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(lambda _: sweep(), range(2))

    assert sorted(first + second) == sorted(person.pk for person in people)
    assert anonymised() == {person.pk for person in people}
