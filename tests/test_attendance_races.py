"""Saving an attendance report while others change the same registrations, on PostgreSQL:
whatever order the transactions commit in, the outcome is that of one of the two orders —
the same file saved twice at once is one import; a participant who deletes their data
meanwhile, or whose registration is cancelled meanwhile, either got their minutes before or
is left out (counted as skipped); and every registration's minutes are its records' sum."""

from datetime import timedelta
from functools import partial

import pytest
from django.db.models import Sum
from django.utils import timezone

from attendance.models import AttendanceImport, AttendanceRecord, PendingAttendanceImport
from attendance.services import AttendanceRefused
from orga.services.attendance import attendance_import_save
from registrations import services
from registrations.models import Registration
from tests.factories import event_create, series_create
from tests.orga_world import user_create
from tests.test_races_publish import race
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
State = Registration.State
ROUNDS = 4


def pending_for(event, user, sha256: str) -> PendingAttendanceImport:
    return PendingAttendanceImport.objects.create(
        event=event, uploaded_by=user, uploaded_at=timezone.now(), sha256=sha256,
        file_name="zoom.csv", format="zoom", rows=[])


def save(event, pending, minutes: dict[int, int], results: list) -> None:
    results.append(attendance_import_save(actor=pending.uploaded_by, event=event,
                                          pending=pending, minutes=minutes, walk_ins=[],
                                          consent=None))


def minutes_are_the_records_sum(event) -> bool:
    for registration in Registration.objects.filter(event=event):
        total = (AttendanceRecord.objects.filter(registration=registration)
                 .aggregate(total=Sum("minutes"))["total"])
        expected = total if total is not None else (
            0 if registration.state != State.CANCELLED else None)
        if registration.attended_minutes != expected:
            return False
    return True


def test_the_same_file_saved_twice_at_once_is_one_import():
    event = event_create(series=series_create(), start=timezone.now() - timedelta(days=1))
    people = [registration_create(participant=participant_create(), event=event)
              for _ in range(20)]
    minutes = {registration.pk: 30 for registration in people}
    users = [user_create(f"organiser{index}") for index in range(3)]
    for round_number in range(ROUNDS):
        sha256 = f"{round_number:064d}"
        pendings = [pending_for(event, user, sha256) for user in users]
        results: list = []

        errors = race([partial(save, event, pending, minutes, results) for pending in pendings])

        assert len(results) == 1
        assert [type(error) for error in errors] == [AttendanceRefused] * 2
        assert AttendanceImport.objects.filter(sha256=sha256).count() == 1
    assert AttendanceRecord.objects.count() == 20 * ROUNDS
    assert set(Registration.objects.filter(event=event).values_list(
        "attended_minutes", flat=True)) == {30 * ROUNDS}
    assert minutes_are_the_records_sum(event)


def test_saving_while_participants_delete_their_data_records_them_or_leaves_them_out():
    event = event_create(series=series_create(), start=timezone.now() - timedelta(days=1))
    user = user_create("organiser")
    for round_number in range(ROUNDS):
        leaving = [registration_create(participant=participant_create(), event=event)
                   for _ in range(3)]
        staying = registration_create(participant=participant_create(), event=event)
        minutes = {registration.pk: 20 for registration in [*leaving, staying]}
        pending = pending_for(event, user, f"{round_number:064d}")
        results: list = []

        errors = race([partial(save, event, pending, minutes, results)]
                      + [partial(services.participant_delete, participant=registration.participant)
                         for registration in leaving])

        assert errors == []
        recorded = set(AttendanceRecord.objects.filter(
            source=results[0].attendance_import).values_list("registration_id", flat=True))
        assert staying.pk in recorded
        assert results[0].skipped == len([item for item in leaving if item.pk not in recorded])
        assert results[0].recorded == len(recorded)
    assert minutes_are_the_records_sum(event)


def test_saving_while_registrations_are_cancelled_records_them_or_leaves_them_out():
    event = event_create(series=series_create(), start=timezone.now() + timedelta(days=3))
    user = user_create("organiser")
    for round_number in range(ROUNDS):
        cancelling = [registration_create(participant=participant_create(), event=event)
                      for _ in range(3)]
        minutes = {registration.pk: 25 for registration in cancelling}
        pending = pending_for(event, user, f"{round_number:064d}")
        results: list = []

        errors = race([partial(save, event, pending, minutes, results)]
                      + [partial(services.registration_cancel, registration=registration)
                         for registration in cancelling])

        assert errors == []
        recorded = set(AttendanceRecord.objects.filter(
            source=results[0].attendance_import).values_list("registration_id", flat=True))
        assert results[0].skipped == 3 - len(recorded)
        assert all(Registration.objects.get(pk=item.pk).state == State.CANCELLED
                   for item in cancelling)
