"""check_integrity knows the meetings' rules: nobody twice in a slot, meetings inside their
block and at its tables, no profile left of deleted data."""

import pytest
from django.utils import timezone

from matchmaking.models import MeetingRequest
from registrations import integrity
from tests.factories import series_create
from tests.matchmaking_factories import block_create, profile_create, request_create

pytestmark = pytest.mark.django_db
ACCEPTED = MeetingRequest.State.ACCEPTED


def _checks(name: str) -> list[str]:
    return [finding.message for finding in integrity.integrity_check() if finding.check == name]


def test_integrity_holds_for_meetings_that_keep_the_rules():
    series = series_create()
    block = block_create(series=series, tables=2)
    anna, bob, carla, dan = (profile_create(series=series, events=(block.event,))
                             for _ in range(4))
    request_create(block=block, sender=anna, receiver=bob, state=ACCEPTED, slot=0, table=1)
    request_create(block=block, sender=carla, receiver=dan, state=ACCEPTED, slot=0, table=2)
    request_create(block=block, sender=anna, receiver=carla, state=ACCEPTED, slot=1, table=1)

    assert integrity.integrity_check() == []


def test_integrity_finds_a_person_with_two_meetings_in_one_slot():
    series = series_create()
    block = block_create(series=series)
    anna, bob, carla = (profile_create(series=series, events=(block.event,)) for _ in range(3))
    first = request_create(block=block, sender=anna, receiver=bob, state=ACCEPTED, slot=3)
    second = request_create(block=block, sender=carla, receiver=anna, state=ACCEPTED, slot=3)

    assert _checks("meetings_one_per_person_and_slot") == [
        f"meeting {meeting.pk} shares slot 3 of networking block {block.pk} with another "
        f"meeting of one of its two people" for meeting in (first, second)]


def test_integrity_finds_meetings_beyond_the_tables_or_the_slots():
    series = series_create()
    block = block_create(series=series, tables=1, slot_count=4)
    anna, bob, carla, dan = (profile_create(series=series, events=(block.event,))
                             for _ in range(4))
    request_create(block=block, sender=anna, receiver=bob, state=ACCEPTED, slot=0, table=1)
    MeetingRequest.objects.filter(pk=request_create(
        block=block, sender=carla, receiver=dan, state=ACCEPTED).pk).update(slot=0, table=2)
    late = request_create(block=block, sender=anna, receiver=carla, state=ACCEPTED, slot=4,
                          table=1)

    assert _checks("meetings_within_blocks_and_tables") == [
        f"meeting {MeetingRequest.objects.get(table=2).pk} sits in slot 0, table 2 outside "
        f"networking block {block.pk}",
        f"meeting {late.pk} sits in slot 4, table 1 outside networking block {block.pk}",
        f"networking block {block.pk}: 2 meetings in slot 0 for 1 tables"]


def test_integrity_finds_a_profile_left_of_deleted_data():
    series = series_create()
    profile = profile_create(series=series)
    type(profile.participant).objects.filter(pk=profile.participant_id).update(
        anonymised_at=timezone.now())

    assert _checks("anonymised_have_no_profile") == [
        f"profile {profile.pk} of anonymised participant {profile.participant_id} still "
        f"exists"]
