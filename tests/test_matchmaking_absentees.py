"""Who no longer comes to the event loses their meetings there: the worker's sweep cancels
the standing requests and meetings of a participant whose registration was cancelled (by
them, an organiser, an expiry) or whose event was cancelled, frees the slot and tells the
other side — and leaves those on the waiting list alone, and the meetings that took place
to the figures."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event
from matchmaking.models import MeetingRequest
from matchmaking.services.meetings import meetings_of_absentees_cancel
from registrations import services as registration_services
from registrations.models import Registration
from tests.matchmaking_factories import request_create
from tests.matchmaking_factories_requests import mails_sent, person, world_create

pytestmark = pytest.mark.django_db
State = MeetingRequest.State


@pytest.fixture
def world():
    return world_create()


def test_a_cancelled_registration_cancels_the_meetings_and_tells_the_other_side(world):
    alice, bob, carol = (person(world, name) for name in ("alice", "bob", "carol"))
    meeting = request_create(block=world.block, sender=alice, receiver=bob,
                             state=State.ACCEPTED, slot=2)
    asked = request_create(block=world.block, sender=carol, receiver=bob)
    kept = request_create(block=world.block, sender=alice, receiver=carol,
                          state=State.ACCEPTED, slot=3)
    registration_services.registration_cancel(registration=Registration.objects.get(
        participant=bob.participant, event=world.event))

    assert meetings_of_absentees_cancel(now=timezone.now()) == 2
    assert meetings_of_absentees_cancel(now=timezone.now()) == 0  # once

    meeting.refresh_from_db()
    asked.refresh_from_db()
    kept.refresh_from_db()
    assert (meeting.state, meeting.slot, meeting.cancelled_by_id) == (State.CANCELLED, None,
                                                                      bob.pk)
    assert (asked.state, asked.cancelled_by_id) == (State.CANCELLED, bob.pk)
    assert (kept.state, kept.slot) == (State.ACCEPTED, 3)
    assert sorted(mails_sent()) == [
        ("alice@example.org", "Your meeting with Bob GmbH has been cancelled"),
        ("carol@example.org", "A meeting request is no longer standing")]


def test_a_waiting_participant_keeps_the_meetings(world):
    alice, bob = person(world, "alice"), person(world, "bob")
    meeting = request_create(block=world.block, sender=alice, receiver=bob,
                             state=State.ACCEPTED, slot=2)
    Registration.objects.filter(participant=bob.participant).update(
        state=Registration.State.WAITLISTED)

    assert meetings_of_absentees_cancel(now=timezone.now()) == 0
    meeting.refresh_from_db()
    assert (meeting.state, meeting.slot) == (State.ACCEPTED, 2)


def test_a_cancelled_event_cancels_its_meetings(world):
    alice, bob = person(world, "alice"), person(world, "bob")
    meeting = request_create(block=world.block, sender=alice, receiver=bob,
                             state=State.ACCEPTED, slot=0)
    Event.objects.filter(pk=world.event.pk).update(status=Event.Status.CANCELLED)

    assert meetings_of_absentees_cancel(now=timezone.now()) == 1
    meeting.refresh_from_db()
    assert (meeting.state, meeting.slot) == (State.CANCELLED, None)


def test_a_profile_deleted_after_the_block_keeps_its_meetings_for_the_figures():
    """A meeting that took place stays one when a side deletes their data afterwards."""
    world = world_create(starts_at=timezone.now() - timedelta(days=1))
    alice, bob = person(world, "alice"), person(world, "bob")
    held = request_create(block=world.block, sender=alice, receiver=bob,
                          state=State.ACCEPTED, slot=1)

    registration_services.participant_delete(participant=bob.participant)

    held.refresh_from_db()
    assert (held.state, held.slot, held.receiver_id, held.receiver_country.code) == (
        State.ACCEPTED, 1, None, "DE")
    assert mails_sent() == []
