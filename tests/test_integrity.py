"""`manage.py check_integrity`: an operator's check of the registrations' invariants on a
live database. Each broken state is built directly in the database, as a bug or a race
would leave it; the command must exit 1 and name it by ids, or exit 0 when all hold."""

import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from events.models import Event, Series
from mail.models import Mail
from orga.services import events as event_services
from registrations import integrity, services
from registrations.mails import stamp
from registrations.models import Participant, Registration
from tests.factories import event_create, series_create
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    participant_data,
    registration_create,
    series_registration_create,
)

State = Registration.State
CHECKS = len(integrity.CHECKS)


def check_integrity() -> tuple[int, str]:
    """Run the command: its exit code and what it prints, as `manage.py` reports them
    (a CommandError is printed and exits with its return code; the real process is
    test_check_integrity_run_by_an_operator_exits_non_zero_on_a_live_database)."""
    out = StringIO()
    try:
        call_command("check_integrity", stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue() + f"CommandError: {error}\n"
    return 0, out.getvalue()


def waitlisted(*, participant: Participant, event: Event, ago: timedelta) -> Registration:
    moment = timezone.now() - ago
    return registration_create(participant=participant, event=event, state=State.WAITLISTED,
                               requested_at=moment, confirmed_at=moment)


def promoted_mail(registration: Registration, *, at) -> Mail:
    return Mail.objects.create(cause=f"registration:{registration.pk}:promoted:{stamp(at)}",
                               to="someone@example.org", language="en", subject="Promoted",
                               text="You have a seat.", created_at=at)


@pytest.mark.django_db
def test_check_integrity_passes_after_the_demo_and_every_kind_of_change_by_the_services():
    call_command("load_demo", stdout=StringIO())
    series = Series.objects.get(slug="smartct-clusters")
    first, second = Event.objects.filter(series=series, end__gt=timezone.now())[:2]
    event_services.event_capacity_set(event=first, capacity=2)
    draft = event_create(series=series, status=Event.Status.DRAFT, capacity=1,
                         start=timezone.now() + timedelta(days=40))
    consent = consent_text_create(series=series, version=2)
    people = []
    for name in ("alice", "bob", "charlie", "dora"):  # two seats at `first`: two wait
        participant = services.registration_request(
            series=series, consent=consent, data=participant_data(email=f"{name}@example.org"),
            events=None if name == "alice" else [first, second])
        services.registration_confirm(participant_id=participant.pk,
                                      nonce=participant.confirm_nonce)
        people.append(participant)
    services.registration_request(series=series, consent=consent,  # never confirmed
                                  data=participant_data(email="eve@example.org"))
    alice, bob, charlie, dora = people
    event_services.event_publish(event=draft)  # alice's seat, and eve's pending place
    services.registration_cancel(registration=bob.registrations.get(event=first))  # charlie up
    event_services.event_capacity_set(event=first, capacity=3)  # dora up
    services.participant_delete(participant=alice)
    event_services.event_cancel(event=second)
    services.registrations_expire_pending(now=timezone.now() + timedelta(hours=49))

    code, report = check_integrity()

    assert (code, report) == (0, f"All {CHECKS} checks passed.\n")
    assert {registration.participant_id for registration in
            first.registrations.holding_seat()} == {charlie.pk, dora.pk}
    assert Mail.objects.filter(cause__contains=":promoted:").count() == 2


@pytest.mark.django_db
def test_check_integrity_only_warns_of_seats_above_a_capacity_that_was_lowered():
    event = event_create(series=series_create(), capacity=3)
    for _ in range(3):
        registration_create(participant=participant_create(), event=event)
    event_services.event_capacity_set(event=event, capacity=2)  # takes no seat away

    code, report = check_integrity()

    assert code == 0
    assert (f"WARNING seats_within_capacity: event {event.pk}: 3 seats held for a capacity of 2 "
            "(right only if the capacity was lowered after these seats were given)") in report
    assert report.endswith(f"All {CHECKS} checks passed (1 with warnings: "
                           "seats_within_capacity).\n")


@pytest.mark.django_db
def test_check_integrity_fails_when_someone_waits_beside_a_free_seat():
    series = series_create()
    limited, unlimited = event_create(series=series, capacity=2), event_create(series=series)
    registration_create(participant=participant_create(), event=limited,
                        confirmed_at=timezone.now() - timedelta(minutes=5))
    waitlisted(participant=participant_create(), event=limited, ago=timedelta(minutes=1))
    waitlisted(participant=participant_create(), event=unlimited, ago=timedelta(minutes=1))

    code, report = check_integrity()

    assert code == 1
    assert (f"ERROR   no_wait_while_seat_free: event {limited.pk}: 1 on the waiting list "
            "while 1 of 2 seats are free") in report
    assert (f"ERROR   no_wait_while_seat_free: event {unlimited.pk}: 1 on the waiting list "
            "while it has no limit") in report
    assert report.endswith(f"CommandError: 1 of {CHECKS} checks failed: "
                           "no_wait_while_seat_free\n")


@pytest.mark.django_db
def test_check_integrity_fails_when_a_seat_went_past_someone_waiting():
    event = event_create(series=series_create(), capacity=1)
    waiting = waitlisted(participant=participant_create(), event=event, ago=timedelta(minutes=5))
    seated = registration_create(participant=participant_create(), event=event,
                                 confirmed_at=timezone.now() - timedelta(minutes=1))

    code, report = check_integrity()

    assert code == 1
    assert (f"ERROR   waiting_list_in_order: event {event.pk}: registration {waiting.pk} waits "
            f"since {waiting.confirmed_at.isoformat(timespec='microseconds')}, but registrations "
            f"that took their place later hold a seat: {seated.pk} "
            f"({seated.confirmed_at.isoformat(timespec='microseconds')})") in report


@pytest.mark.django_db
def test_check_integrity_passes_a_walk_in_recorded_after_the_event():
    """Someone who came without registering, added from the attendance report once the
    event is over, holds a seat past the waiting list: no queue jump."""
    start = timezone.now() - timedelta(days=2)
    event = event_create(series=series_create(), capacity=1, start=start)
    registration_create(participant=participant_create(), event=event,
                        confirmed_at=start - timedelta(days=3))
    waitlisted(participant=participant_create(), event=event, ago=timedelta(days=4))
    registration_create(participant=participant_create(), event=event,
                        confirmed_at=timezone.now() - timedelta(minutes=1))

    code, report = check_integrity()

    assert "ERROR   waiting_list_in_order" not in report
    assert "WARNING seats_within_capacity" in report  # two seats for one: said, not failed


@pytest.mark.django_db
def test_check_integrity_passes_a_waiting_list_behind_earlier_seats():
    event = event_create(series=series_create(), capacity=1)
    registration_create(participant=participant_create(), event=event,
                        confirmed_at=timezone.now() - timedelta(minutes=5))
    waitlisted(participant=participant_create(), event=event, ago=timedelta(minutes=1))

    assert check_integrity() == (0, f"All {CHECKS} checks passed.\n")


@pytest.mark.django_db
def test_check_integrity_fails_on_a_registration_promoted_twice_in_one_life():
    event = event_create(series=series_create(), capacity=5)
    placed = timezone.now() - timedelta(hours=1)  # joined the waiting list
    twice = registration_create(participant=participant_create(), event=event,
                                requested_at=placed, confirmed_at=placed)
    first = promoted_mail(twice, at=placed + timedelta(minutes=10))
    second = promoted_mail(twice, at=placed + timedelta(minutes=20))
    again = registration_create(participant=participant_create(), event=event,
                                requested_at=placed, confirmed_at=placed)
    promoted_mail(again, at=placed - timedelta(days=1))  # then cancelled, requested anew
    promoted_mail(again, at=placed + timedelta(minutes=10))

    code, report = check_integrity()

    assert code == 1
    assert report.count("ERROR") == 1
    assert (f"ERROR   promoted_once: registration {twice.pk} (event {event.pk}) was promoted "
            f"2 times since it took its place at {placed.isoformat(timespec='microseconds')}: "
            f"{first.cause}, {second.cause}") in report


@pytest.mark.django_db
def test_check_integrity_fails_on_a_promotion_told_but_not_given():
    event = event_create(series=series_create(), capacity=1)
    registration_create(participant=participant_create(), event=event,
                        confirmed_at=timezone.now() - timedelta(hours=2))
    waiting = waitlisted(participant=participant_create(), event=event, ago=timedelta(hours=1))
    mail = promoted_mail(waiting, at=timezone.now() - timedelta(minutes=1))

    code, report = check_integrity()

    assert code == 1
    assert (f"ERROR   promoted_once: registration {waiting.pk} (event {event.pk}) is on the "
            f"waiting list since {waiting.confirmed_at.isoformat(timespec='microseconds')}, but "
            f"its participant was told it moved up: {mail.cause}") in report


@pytest.mark.django_db
def test_check_integrity_fails_when_a_series_registrant_lacks_a_published_event():
    series = series_create()
    published = event_create(series=series)
    closed = event_create(series=series, registration_closes=timezone.now() - timedelta(hours=1))
    event_create(series=series, status=Event.Status.DRAFT)
    event_create(series=series, start=timezone.now() - timedelta(days=2))  # over
    confirmed = series_registration_create(participant=participant_create(), series=series)
    unconfirmed = series_registration_create(
        participant=participant_create(confirmed_at=None, confirm_nonce="n" * 32),
        series=series, confirmed_at=None)
    cancelled_it = series_registration_create(participant=participant_create(), series=series)
    registration_create(participant=cancelled_it.participant, event=published,
                        state=State.CANCELLED, cancelled_at=timezone.now())
    series_registration_create(participant=participant_create(), series=series,
                               cancelled_at=timezone.now())  # cancelled: covers nothing

    code, report = check_integrity()

    assert code == 1
    assert report.count("ERROR") == 2
    assert (f"ERROR   series_registrants_hold_events: series registration {confirmed.pk} "
            f"(confirmed, participant {confirmed.participant_id}) holds no registration for "
            f"event {published.pk}") in report
    assert (f"series registration {unconfirmed.pk} (unconfirmed, participant "
            f"{unconfirmed.participant_id}) holds no registration for event {published.pk}"
            ) in report
    assert f"event {closed.pk}" not in report


@pytest.mark.django_db
def test_check_integrity_fails_on_a_pending_registration_nothing_will_confirm():
    series = series_create()
    event = event_create(series=series)
    confirmed = series_registration_create(participant=participant_create(), series=series)
    stuck = registration_create(participant=confirmed.participant, event=event,
                                series_registration=confirmed, state=State.PENDING,
                                confirmed_at=None)
    waiting_for_link = registration_create(
        participant=participant_create(confirm_nonce="n" * 32), event=event,
        state=State.PENDING, confirmed_at=None)

    code, report = check_integrity()

    assert code == 1
    assert (f"ERROR   pending_confirmable: registration {stuck.pk} (participant "
            f"{confirmed.participant_id}, event {event.pk}) is pending, but no confirmation "
            "link is outstanding (its series registration is confirmed)") in report
    assert f"registration {waiting_for_link.pk} " not in report


@pytest.mark.django_db
def test_check_integrity_warns_of_pending_registrations_the_sweep_left_past_their_expiry(
        settings):
    settings.REGISTRATION_PENDING_HOURS = 48
    old = timezone.now() - timedelta(hours=50)
    participant = participant_create(confirmed_at=None, confirm_nonce="n" * 32)
    pending = registration_create(participant=participant, event=event_create(
        series=series_create()), state=State.PENDING, confirmed_at=None, requested_at=old)

    code, report = check_integrity()

    assert code == 0
    assert (f"WARNING pending_expired: 1 pending registrations requested before "
            f"{(timezone.now() - timedelta(hours=49)):%Y-%m-%d}") in report
    assert f"have not expired (first: {pending.pk}): is the worker's sweep running?" in report


@pytest.mark.django_db
def test_check_integrity_fails_when_deleted_data_still_holds_a_place():
    series = series_create()
    upcoming, past = event_create(series=series), event_create(
        series=series, start=timezone.now() - timedelta(days=3))
    participant = participant_create(email="deleted-1@anonymised.invalid", name="",
                                     anonymised_at=timezone.now() - timedelta(days=1))
    held = registration_create(participant=participant, event=upcoming)
    registration_create(participant=participant, event=past)  # over before the deletion: kept
    series_registration = series_registration_create(participant=participant, series=series)

    code, report = check_integrity()

    assert code == 1
    assert (f"ERROR   anonymised_hold_nothing: registration {held.pk} (anonymised participant "
            f"{participant.pk}, event {upcoming.pk}) is still confirmed") in report
    assert (f"ERROR   anonymised_hold_nothing: series registration {series_registration.pk} "
            f"(anonymised participant {participant.pk}) is not cancelled") in report
    assert report.count("ERROR") == 2


@pytest.mark.django_db
def test_check_integrity_fails_when_a_cancelled_event_still_holds_places():
    event = event_create(series=series_create(), status=Event.Status.CANCELLED, capacity=5)
    seat = registration_create(participant=participant_create(), event=event)

    code, report = check_integrity()

    assert code == 1
    assert (f"ERROR   cancelled_events_hold_nothing: registration {seat.pk} of cancelled event "
            f"{event.pk} is still confirmed") in report


@pytest.mark.django_db
def test_check_integrity_fails_on_places_without_their_times():
    event = event_create(series=series_create())
    unconfirmed_address = registration_create(participant=participant_create(confirmed_at=None),
                                              event=event)
    no_cancel_time = registration_create(participant=participant_create(), event=event,
                                         state=State.CANCELLED, cancelled_at=None)

    code, report = check_integrity()

    assert code == 1
    assert (f"ERROR   confirmation_times: registration {unconfirmed_address.pk} (confirmed) "
            f"holds a place, but participant {unconfirmed_address.participant_id}'s address "
            "was never confirmed") in report
    assert (f"ERROR   confirmation_times: registration {no_cancel_time.pk} (cancelled) has no "
            "cancellation time") in report


@pytest.mark.postgres
@pytest.mark.django_db
def test_check_integrity_fails_on_one_cause_mailed_twice():
    """The unique index keeps a cause once; a partial restore may lose it (dropped here,
    inside the test's transaction)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT conname FROM pg_constraint WHERE conrelid = 'mail_mail'::regclass"
                       " AND contype = 'u'")
        [(name,)] = cursor.fetchall()
        cursor.execute(f'ALTER TABLE mail_mail DROP CONSTRAINT "{name}"')
    mails = [Mail.objects.create(cause="participant:7:confirm-request:" + "a" * 32,
                                 to="x@example.org", language="en", subject="s", text="t")
             for _ in range(2)]

    code, report = check_integrity()

    assert code == 1
    assert (f"ERROR   mail_causes_unique: mails {mails[0].pk}, {mails[1].pk} share one cause "
            "(participant:7:confirm-request:…)") in report
    assert "a" * 32 not in report


@pytest.mark.django_db
def test_check_integrity_names_ids_never_addresses_or_names_and_stops_at_a_limit():
    event = event_create(series=series_create(), status=Event.Status.CANCELLED)
    people = [participant_create(email=f"secret{index}@example.org", name=f"Secret {index}")
              for index in range(integrity.MAX_FINDINGS + 5)]
    for participant in people:
        registration_create(participant=participant, event=event)

    code, report = check_integrity()

    assert code == 1
    assert report.count("ERROR   cancelled_events_hold_nothing:") == integrity.MAX_FINDINGS + 1
    assert (f"cancelled_events_hold_nothing: more than {integrity.MAX_FINDINGS} found; the "
            f"first {integrity.MAX_FINDINGS} are shown") in report
    assert "secret" not in report.lower()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_check_integrity_run_by_an_operator_exits_non_zero_on_a_live_database():
    event = event_create(series=series_create(), capacity=2)
    waitlisted(participant=participant_create(), event=event, ago=timedelta(minutes=1))
    settings_dict = connection.settings_dict
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    url = (f"postgres://{settings_dict['USER']}{password}@{settings_dict['HOST']}:"
           f"{settings_dict['PORT']}/{settings_dict['NAME']}")

    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "check_integrity"], capture_output=True, text=True,
        env=os.environ | {"DATABASE_URL": url}, timeout=60, check=False)

    assert result.returncode == 1
    assert result.stdout == (f"ERROR   no_wait_while_seat_free: event {event.pk}: 1 on the "
                             "waiting list while 2 of 2 seats are free\n")
    assert result.stderr == f"CommandError: 1 of {CHECKS} checks failed: no_wait_while_seat_free\n"
