"""Booking meetings at the same moment, on PostgreSQL: every booking of a block holds the
block's row, so of many people taking the last free slot of one person, or the last table
of a slot, exactly one gets it and the others are told why — through the pages, each in a
thread with its own connection. A booking and a cancellation at once stay consistent."""

import pytest
from django.test import Client
from django.utils import timezone

from matchmaking.models import MeetingRequest
from matchmaking.services.requests import request_state_change
from tests.matchmaking_factories import request_create
from tests.matchmaking_factories_requests import person, url, world_create
from tests.test_races_publish import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
State = MeetingRequest.State
RACERS = 8


def book_all(meetings: list[MeetingRequest], *, slot: int) -> dict[int, object]:
    """Each meeting's sender books it into `slot` through the page, all at once."""
    answers = {}

    def book(meeting: MeetingRequest) -> None:
        answers[meeting.pk] = Client().post(
            url("meeting_book", meeting.sender, request=meeting.pk), {"slot": slot})

    errors = race([lambda meeting=meeting: book(meeting) for meeting in meetings])
    assert errors == []
    return answers


def refused_for(answer, reason: str) -> bool:
    """Refused for `reason` under the lock, or by the form that found the slot no longer
    free (a racer that read the free slots after the winner's commit)."""
    page = answer.content.decode()
    return reason in page or "This time slot is no longer free." in page


def test_many_booking_the_last_free_slot_of_one_person_one_gets_it():
    world = world_create()
    star = person(world, "star", availability={world.block: 0b100})  # only slot 2
    meetings = [request_create(block=world.block, sender=person(world, f"fan{number}"),
                               receiver=star, state=State.ACCEPTED)
                for number in range(RACERS)]

    answers = book_all(meetings, slot=2)

    codes = sorted(answer.status_code for answer in answers.values())
    assert codes == [302] + [400] * (RACERS - 1)
    for answer in answers.values():
        if answer.status_code == 400:
            assert refused_for(answer, "The other person already has a meeting in this "
                                       "time slot.")
    assert MeetingRequest.objects.filter(slot=2).count() == 1


def test_many_booking_the_last_table_of_a_slot_one_gets_it():
    world = world_create(tables=3)
    pairs = [(person(world, f"a{number}"), person(world, f"b{number}"))
             for number in range(RACERS + 2)]
    booked = [request_create(block=world.block, sender=sender, receiver=receiver,
                             state=State.ACCEPTED, slot=5, table=table)
              for table, (sender, receiver) in zip((1, 3), pairs[:2], strict=True)]
    meetings = [request_create(block=world.block, sender=sender, receiver=receiver,
                               state=State.ACCEPTED) for sender, receiver in pairs[2:]]

    answers = book_all(meetings, slot=5)

    codes = sorted(answer.status_code for answer in answers.values())
    assert codes == [302] + [400] * (RACERS - 1)
    for answer in answers.values():
        if answer.status_code == 400:
            assert refused_for(answer, "Every table is taken in this time slot.")
    tables = sorted(MeetingRequest.objects.filter(slot=5).values_list("table", flat=True))
    assert tables == [1, 2, 3]
    assert len(booked) == 2


def book_and_cancel(world, number: int) -> tuple[MeetingRequest, object]:
    """Alice books the meeting while Bob cancels it, at once; the meeting and her answer."""
    alice, bob = person(world, f"alice{number}"), person(world, f"bob{number}")
    meeting = request_create(block=world.block, sender=alice, receiver=bob,
                             state=State.ACCEPTED)
    answers = {}

    def book() -> None:
        answers["book"] = Client().post(url("meeting_book", alice, request=meeting.pk),
                                        {"slot": 7})

    def cancel() -> None:
        request_state_change(request_id=meeting.pk, actor_profile_id=bob.pk,
                             to=State.CANCELLED, now=timezone.now())

    assert race([book, cancel]) == []
    meeting.refresh_from_db()
    return meeting, answers["book"]


def test_booking_while_the_other_side_cancels_stays_consistent():
    world = world_create()
    for number in range(4):
        meeting, answer = book_and_cancel(world, number)

        assert meeting.state == State.CANCELLED
        assert meeting.slot is None  # booked first, the cancellation freed it; else refused
        assert answer.status_code in (302, 400, 404)


def test_two_asking_each_other_at_once_make_one_request():
    """Both profiles are locked (id order) before the pair is checked: the second sender
    is told there is a request between them already, not a server error."""
    world = world_create()
    alice, bob = person(world, "alice"), person(world, "bob")
    answers = {}

    def ask(sender, receiver) -> None:
        answers[sender.pk] = Client().post(url("request_send", sender, profile=receiver.pk),
                                           {"block": world.block.pk, "priority": 1})

    assert race([lambda: ask(alice, bob), lambda: ask(bob, alice)]) == []

    assert sorted(answer.status_code for answer in answers.values()) == [302, 400]
    refused = next(answer for answer in answers.values() if answer.status_code == 400)
    assert ("There is already a meeting request between you and this person."
            in refused.content.decode())
    assert MeetingRequest.objects.count() == 1
