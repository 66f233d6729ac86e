"""The organisers' "schedule all" of a networking block: every accepted meeting placed where
both people are available (the ones people booked never moved), never two meetings of one
person in one slot nor more than the tables, the meetings it could not place with reasons
that name the people, a second run placing nothing new, inconsistent input refused with a
clear message — through the service and through the block's page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from matchmaking.models import MeetingRequest
from matchmaking.scheduler import ProblemError
from matchmaking.services import MatchmakingError
from matchmaking.services.schedule import block_schedule_all, problem_error_message
from orga.models import AuditEntry
from tests.matchmaking_factories import block_create, profile_create, request_create
from tests.orga_world import client_as, orga_world
from tests.test_registrations_factories import participant_create

pytestmark = pytest.mark.django_db
ACCEPTED = MeetingRequest.State.ACCEPTED
EVERY_SLOT = 0b1111


@pytest.fixture
def world():
    return orga_world()


def _person(world, block, name: str, slots: int = EVERY_SLOT, country: str = "DE"):
    return profile_create(series=world.series, participant=participant_create(name=name),
                          events=(block.event,), availability={block: slots}, country=country)


def _meeting(block, sender, receiver, **fields) -> MeetingRequest:
    return request_create(block=block, sender=sender, receiver=receiver, state=ACCEPTED,
                          **fields)


@pytest.fixture
def block(world):
    """4 slots of 20 minutes, 2 tables, in the Leipzig showcase."""
    event = world.leipzig_event
    return block_create(event=event, starts_at=event.start + timedelta(minutes=30),
                        slot_count=4, tables=2)


@pytest.fixture
def people(world, block):
    """Anna (slots 1 and 2 only) accepted three meetings; Boris and Clara booked slot 3
    themselves (table 1); Eva is available in no slot."""
    anna = _person(world, block, "Anna Adler", 0b0011)
    boris = _person(world, block, "Boris Berg", country="BG")
    clara = _person(world, block, "Clara Conti", country="IT")
    dan = _person(world, block, "Dan Dimitrov", country="BG")
    eva = _person(world, block, "Eva Egger", 0)
    meetings = {
        "anna-boris": _meeting(block, anna, boris),
        "anna-clara": _meeting(block, anna, clara, priority=3),
        "anna-dan": _meeting(block, anna, dan),
        "boris-clara": _meeting(block, boris, clara, slot=2, table=1),
        "eva-dan": _meeting(block, eva, dan),
    }
    return meetings


def _placed(block) -> dict[int, tuple]:
    return {pk: (slot, table, booked_by) for pk, slot, table, booked_by in
            MeetingRequest.objects.filter(block=block, slot__isnull=False)
            .values_list("pk", "slot", "table", "booked_by")}


def _rules_hold(block) -> None:
    """No person twice in a slot, no two meetings at one table, never more than the tables."""
    seen, tables = set(), set()
    for sender, receiver, slot, table in MeetingRequest.objects.filter(
            block=block, slot__isnull=False).values_list("sender", "receiver", "slot", "table"):
        for person in (sender, receiver):
            assert (person, slot) not in seen
            seen.add((person, slot))
        assert (slot, table) not in tables
        if block.tables is not None:
            assert 1 <= table <= block.tables
        tables.add((slot, table))


def test_schedule_all_places_what_fits_and_says_why_not_the_rest(block, people):
    with translation.override("en"):
        report = block_schedule_all(block_id=block.pk)

    placed = _placed(block)
    assert report.placed == 2
    assert placed[people["boris-clara"].pk] == (2, 1, "participant")  # never moved
    assert people["anna-clara"].pk in placed  # the higher priority goes first
    assert {placed[pk][0] for pk in placed if pk != people["boris-clara"].pk} == {0, 1}
    assert all(booked_by == "scheduler" for pk, (_slot, _table, booked_by) in placed.items()
               if pk != people["boris-clara"].pk)
    _rules_hold(block)
    assert sorted(item.text for item in report.not_placed) == [
        "Anna Adler accepted 3 meetings but is available for 2 slots.",
        "Eva Egger and Dan Dimitrov are not available at the same time.",
    ]
    assert (report.scheduled, report.accepted) == (3, 5)
    assert report.value == 3 + 1 + 1 and report.upper_bound >= report.value


def test_schedule_all_run_again_places_nothing_new(block, people):
    block_schedule_all(block_id=block.pk)
    before = _placed(block)

    with translation.override("en"):
        again = block_schedule_all(block_id=block.pk)

    assert again.placed == 0
    assert _placed(block) == before
    assert len(again.not_placed) == 2


def test_schedule_all_never_puts_more_meetings_in_a_slot_than_tables(world):
    event = world.leipzig_event
    block = block_create(event=event, starts_at=event.start, slot_count=2, tables=1)
    pairs = [(_person(world, block, f"Ada {n}", 0b01), _person(world, block, f"Ben {n}", 0b01))
             for n in range(3)]
    for sender, receiver in pairs:
        _meeting(block, sender, receiver)

    with translation.override("en"):
        report = block_schedule_all(block_id=block.pk)

    assert report.placed == 1
    assert list(MeetingRequest.objects.filter(block=block, slot__isnull=False)
                .values_list("slot", "table")) == [(0, 1)]
    assert sorted(item.reason for item in report.not_placed) == ["tables_full", "tables_full"]
    assert report.not_placed[0].text.startswith("Every table is taken in the slots when Ada")


def test_schedule_all_online_uses_no_tables(world):
    block = block_create(event=world.leipzig_event, slot_count=2, tables=None)
    pairs = [(_person(world, block, f"Ada {n}", 0b01), _person(world, block, f"Ben {n}", 0b01))
             for n in range(3)]
    for sender, receiver in pairs:
        _meeting(block, sender, receiver)

    report = block_schedule_all(block_id=block.pk)

    assert report.placed == 3
    assert set(MeetingRequest.objects.filter(block=block).values_list("slot", "table")) == {
        (0, None)}


def test_schedule_all_masks_availability_beyond_the_block(world, block):
    """A forged availability row with bits beyond the block's slots: the slots outside it
    are no slots (the scheduler never hears of them)."""
    anna = _person(world, block, "Anna Adler", (1 << 40) | 0b1000)
    boris = _person(world, block, "Boris Berg", (1 << 40) | 0b1000)
    meeting = _meeting(block, anna, boris)

    report = block_schedule_all(block_id=block.pk)

    assert report.placed == 1
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table) == (3, 1)


def test_schedule_all_refuses_a_booked_meeting_outside_the_block(world, block):
    """A meeting forged into slot 11 of a 4-slot block: refused, with what is wrong, and
    nothing placed."""
    anna, boris, clara = (_person(world, block, name) for name in ("Anna", "Boris", "Clara"))
    _meeting(block, anna, boris, slot=10, table=1)
    waiting = _meeting(block, anna, clara)

    with translation.override("en"), pytest.raises(MatchmakingError) as refused:
        block_schedule_all(block_id=block.pk)

    assert str(refused.value) == ("The meetings cannot be scheduled: Slot 11 is not a slot of "
                                  "this block: it has slots 1 to 4.")
    waiting.refresh_from_db()
    assert waiting.slot is None


def test_schedule_all_refuses_two_booked_meetings_of_one_person_at_once(world, block):
    anna, boris, clara = (_person(world, block, name) for name in ("Anna", "Boris", "Clara"))
    _meeting(block, anna, boris, slot=1, table=1)
    _meeting(block, anna, clara, slot=1, table=2)

    with translation.override("en"), pytest.raises(MatchmakingError) as refused:
        block_schedule_all(block_id=block.pk)

    assert str(refused.value) == ("The meetings cannot be scheduled: A person has two booked "
                                  "meetings in slot 2.")


def test_schedule_all_refuses_a_block_that_is_over(world, block, people):
    with translation.override("en"), pytest.raises(MatchmakingError) as refused:
        block_schedule_all(block_id=block.pk, now=block.ends_at)

    assert str(refused.value) == ("This networking block is over: its meetings can no longer "
                                  "be scheduled.")
    assert MeetingRequest.objects.filter(block=block, slot__isnull=False).count() == 1


def test_schedule_all_refuses_a_block_of_a_cancelled_event(world, block, people):
    block.event.status = "cancelled"
    block.event.save()

    with translation.override("en"), pytest.raises(MatchmakingError) as refused:
        block_schedule_all(block_id=block.pk)

    assert str(refused.value) == "The event is cancelled: its meetings are not scheduled."
    assert MeetingRequest.objects.filter(block=block, slot__isnull=False).count() == 1


@pytest.mark.parametrize(("code", "params", "text"), [
    ("no_slots", {"slots": 0}, "The block has no time slots to schedule meetings in."),
    ("negative_tables", {"tables": -2}, "The block's number of tables (-2) is negative."),
    ("unknown_slot", {"person": 4, "slot": 12, "last": 11},
     "Slot 13 is not a slot of this block: it has slots 1 to 12."),
    ("unknown_person", {"request": 1, "person": 9},
     "A meeting names a person without a profile in this matchmaking."),
    ("self_meeting", {"request": 1, "person": 9},
     "A meeting request asks a person to meet themselves."),
    ("bad_weight", {"request": 1, "weight": 0},
     "A meeting request has an invalid priority (0)."),
    ("duplicate_request", {"request": 2, "other": 1, "a": 3, "b": 4},
     "Two meeting requests ask the same two people to meet."),
    ("unknown_request", {"request": 7},
     "A booked meeting is not among the block's accepted meetings."),
    ("fixed_unavailable", {"request": 7, "slot": 0, "person": 3},
     "A booked meeting lies in slot 1, when one of its people is not available."),
    ("fixed_double_booked", {"request": 7, "slot": 5, "person": 3, "other": 6},
     "A person has two booked meetings in slot 6."),
    ("fixed_over_tables", {"slot": 2, "tables": 4},
     "Slot 3 has more booked meetings than the block's 4 tables."),
    ("something_new", {}, "The block's data is inconsistent (something_new)."),
])
def test_each_inconsistency_the_scheduler_finds_has_a_clear_message(code, params, text):
    with translation.override("en"):
        message = problem_error_message(ProblemError(code, "in English", params))

    assert message == f"The meetings cannot be scheduled: {text}"


# The block's page ------------------------------------------------------------------------


def test_the_block_page_reports_what_schedule_all_did(world, block, people, client):
    client_as(client, world, "organiser")
    url = reverse("orga:matchmaking_schedule_all", kwargs={"series": world.series.slug,
                                                           "block": block.pk})

    with translation.override("en"):
        html = client.post(url).content.decode()

    assert "<dt>Placed now</dt><dd>2</dd>" in html
    assert "<dt>Not placed</dt><dd>2</dd>" in html
    assert "<li>Anna Adler accepted 3 meetings but is available for 2 slots.</li>" in html
    assert "<li>Eva Egger and Dan Dimitrov are not available at the same time.</li>" in html
    assert "3 of 5 accepted meetings" in html
    assert "no schedule can reach more than" in html
    # per slot: the meetings and the tables used
    assert html.count('data-label="Tables used">1 of 2</td>') == 3
    assert html.count('data-label="Tables used">0 of 2</td>') == 1
    entry = AuditEntry.objects.get(action="matchmaking.schedule_all")
    assert (entry.actor, entry.event, entry.data["placed"]) == (
        world.users["organiser"], world.leipzig_event, 2)


def test_the_block_page_shows_a_refusal_and_places_nothing(world, block, client):
    anna, boris, clara = (_person(world, block, name) for name in ("Anna", "Boris", "Clara"))
    _meeting(block, anna, boris, slot=10, table=1)
    waiting = _meeting(block, anna, clara)
    client_as(client, world, "organiser")

    with translation.override("en"):
        html = client.post(reverse("orga:matchmaking_schedule_all", kwargs={
            "series": world.series.slug, "block": block.pk})).content.decode()

    assert ('<p class="alert" role="alert">The meetings cannot be scheduled: Slot 11 is not '
            'a slot of this block: it has slots 1 to 4.</p>') in html
    waiting.refresh_from_db()
    assert waiting.slot is None
    assert not AuditEntry.objects.filter(action="matchmaking.schedule_all").exists()
