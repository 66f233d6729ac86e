"""Matchmaking in the workspace: the series' settings and its networking blocks through the
pages — saved and audited when right, refused with a message that says why (and nothing
changed) when not: an address without {room}, a block outside its event's time or in
another series' event, shrinking a block below its meetings, deleting one with requests."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from matchmaking.models import MatchmakingSettings, MeetingRequest, NetworkingBlock
from orga.models import AuditEntry
from tests.factories import event_create
from tests.matchmaking_factories import block_create, profile_create, request_create
from tests.orga_world import client_as, orga_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return orga_world()


@pytest.fixture
def organiser(world, client):
    return client_as(client, world, "organiser")


def _url(world, name: str, **kwargs) -> str:
    return reverse(f"orga:{name}", kwargs={"series": world.series.slug} | kwargs)


def _local(event, minutes: int) -> str:
    """A moment `minutes` after the event's start, as typed in its zone."""
    return (event.local_start + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M")


def _block_data(event, **fields) -> dict:
    return {"event": event.pk, "starts_at": _local(event, 60), "slot_minutes": 20,
            "slot_count": 4, "tables": 3} | fields


def _post(client, url: str, data: dict) -> tuple[int, str]:
    with translation.override("en"):
        response = client.post(url, data, follow=True)
    return response.status_code, response.content.decode()


# Settings -------------------------------------------------------------------------------


def test_the_settings_are_saved_and_audited(world, organiser):
    status, html = _post(organiser, _url(world, "matchmaking"), {
        "is_open": "on", "max_open_requests": 7,
        "room_url_pattern": "https://meet.example.org/{room}"})

    settings = MatchmakingSettings.objects.get(series=world.series)
    assert (settings.is_open, settings.max_open_requests, settings.room_url_pattern) == (
        True, 7, "https://meet.example.org/{room}")
    assert "The matchmaking settings are saved." in html
    entry = AuditEntry.objects.get(action="matchmaking.settings")
    assert entry.changes["max_open_requests"] == [10, 7]


@pytest.mark.parametrize(("pattern", "message"), [
    ("https://meet.example.org/room", "The address must contain {room}, where each "
                                      "meeting&#x27;s room name goes."),
    ("ftp://meet.example.org/{room}", "Please enter an address beginning with https:// (or "
                                      "http://), e.g. https://meet.example.org/{room}."),
    ("javascript:alert(1)//{room}", "Please enter an address beginning with https://"),
])
def test_a_room_address_that_cannot_work_is_refused(world, organiser, pattern, message):
    status, html = _post(organiser, _url(world, "matchmaking"), {
        "is_open": "on", "max_open_requests": 7, "room_url_pattern": pattern})

    assert message in html
    assert not MatchmakingSettings.objects.filter(series=world.series).exists()
    assert not AuditEntry.objects.filter(action="matchmaking.settings").exists()


# Blocks ---------------------------------------------------------------------------------


def test_a_block_is_created_in_its_events_zone(world, organiser):
    event = world.sofia_event  # Europe/Sofia
    status, html = _post(organiser, _url(world, "matchmaking_block_create"),
                         _block_data(event, tables=""))

    block = NetworkingBlock.objects.get()
    assert block.starts_at == (event.start + timedelta(hours=1)).replace(second=0,
                                                                          microsecond=0)
    assert (block.event, block.slot_minutes, block.slot_count, block.tables) == (
        event, 20, 4, None)
    assert "The networking block is saved." in html
    assert AuditEntry.objects.get(action="networking_block.create").event == event


def test_a_block_outside_its_events_time_is_refused(world, organiser):
    event = world.leipzig_event  # three hours: a block of 12 × 20 minutes an hour in is too long
    status, html = _post(organiser, _url(world, "matchmaking_block_create"),
                         _block_data(event, slot_count=12))

    assert "The block must lie within its event&#x27;s time" in html
    assert not NetworkingBlock.objects.exists()


def test_a_block_before_its_event_is_refused(world, organiser):
    event = world.leipzig_event
    status, html = _post(organiser, _url(world, "matchmaking_block_create"),
                         _block_data(event, starts_at=_local(event, -20)))

    assert "The block must lie within its event&#x27;s time" in html
    assert not NetworkingBlock.objects.exists()


@pytest.mark.parametrize("which", ["other series", "cancelled"])
def test_a_block_in_an_event_not_offered_is_refused(world, organiser, which):
    event = (world.other_event if which == "other series" else
             event_create(series=world.series, status="cancelled"))
    status, html = _post(organiser, _url(world, "matchmaking_block_create"),
                         _block_data(event))

    assert "Please choose a draft or published event of this series." in html
    assert not NetworkingBlock.objects.exists()


@pytest.fixture
def scheduled(world):
    """A block of 4 slots and 3 tables with a meeting in slot 3 at table 2."""
    event = world.leipzig_event
    start = (event.start + timedelta(hours=1)).replace(second=0, microsecond=0)  # as typed
    block = block_create(event=event, starts_at=start, slot_count=4, tables=3)
    people = [profile_create(series=world.series, events=(event,)) for _ in range(2)]
    request_create(block=block, sender=people[0], receiver=people[1],
                   state=MeetingRequest.State.ACCEPTED, slot=2, table=2)
    return block


@pytest.mark.parametrize(("change", "message"), [
    ({"slot_count": 2}, "A meeting is scheduled in slot 3: the block needs at least 3 slots."),
    ({"tables": 1}, "A meeting is scheduled at table 2: the block needs at least 2 tables."),
    ({"tables": ""}, "Meetings are scheduled in this block: it cannot change between online "
                     "and on site."),
    ({"slot_minutes": 15}, "Meetings are scheduled in this block and their people have been "
                           "told the times: its start and the minutes per meeting cannot "
                           "change."),
])
def test_a_block_keeps_what_its_meetings_need(world, organiser, scheduled, change, message):
    status, html = _post(organiser, _url(world, "matchmaking_block", block=scheduled.pk),
                         _block_data(world.leipzig_event) | change)

    assert message in html.replace("&#x27;", "'")
    before = (scheduled.starts_at, scheduled.slot_minutes, scheduled.slot_count,
              scheduled.tables)
    scheduled.refresh_from_db()
    assert (scheduled.starts_at, scheduled.slot_minutes, scheduled.slot_count,
            scheduled.tables) == before
    assert not AuditEntry.objects.filter(action="networking_block.update").exists()


def test_a_block_with_meetings_may_grow(world, organiser, scheduled):
    status, html = _post(organiser, _url(world, "matchmaking_block", block=scheduled.pk),
                         _block_data(world.leipzig_event, slot_count=6, tables=5))

    scheduled.refresh_from_db()
    assert (scheduled.slot_count, scheduled.tables) == (6, 5)
    assert "The networking block is saved." in html
    entry = AuditEntry.objects.get(action="networking_block.update")
    assert entry.changes == {"slot_count": [4, 6], "tables": [3, 5]}


def test_a_block_with_requests_stays_with_its_event(world, organiser, scheduled):
    other = event_create(series=world.series, start=world.leipzig_event.start)
    status, html = _post(organiser, _url(world, "matchmaking_block", block=scheduled.pk),
                         _block_data(other))

    assert "This block has meeting requests: it cannot move to another event." in html
    scheduled.refresh_from_db()
    assert scheduled.event == world.leipzig_event


def test_a_block_with_requests_is_not_deleted(world, organiser, scheduled):
    status, html = _post(organiser, _url(world, "matchmaking_block_delete",
                                         block=scheduled.pk), {})

    assert "This block has meeting requests, so it stays" in html.replace("&#x27;", "'")
    assert NetworkingBlock.objects.filter(pk=scheduled.pk).exists()


def test_a_block_without_requests_is_deleted(world, organiser):
    block = block_create(event=world.leipzig_event)
    status, html = _post(organiser, _url(world, "matchmaking_block_delete", block=block.pk), {})

    assert "The networking block is deleted." in html
    assert not NetworkingBlock.objects.exists()
    assert AuditEntry.objects.get(action="networking_block.delete").object_id == str(block.pk)


def test_the_block_of_another_series_is_not_there(world, organiser):
    block = block_create(event=world.other_event)

    with translation.override("en"):
        response = organiser.post(_url(world, "matchmaking_block_delete", block=block.pk))

    assert response.status_code == 404
    assert NetworkingBlock.objects.filter(pk=block.pk).exists()


# The list -------------------------------------------------------------------------------


def test_the_page_lists_the_blocks_with_their_meetings(world, organiser, scheduled):
    profiles = [profile_create(series=world.series, events=(world.leipzig_event,))
                for _ in range(3)]
    request_create(block=scheduled, sender=profiles[0], receiver=profiles[1],
                   state=MeetingRequest.State.ACCEPTED)
    request_create(block=scheduled, sender=profiles[0], receiver=profiles[2])  # pending
    sofia = block_create(event=world.sofia_event, slot_count=6, tables=None)

    with translation.override("en"):
        html = organiser.get(_url(world, "matchmaking")).content.decode()

    sofia_end = sofia.ends_at.astimezone(world.sofia_event.tzinfo)
    assert (f"–{sofia_end:%H:%M} <span class=\"muted\">Sofia time (EET, UTC+2)</span>"
            in html)

    assert "Leipzig showcase" in html and "Sofia showcase" in html
    assert ('<td class="number" data-label="Accepted meetings">2</td>\n'
            '        <td class="number" data-label="Scheduled">1</td>\n'
            '        <td class="number" data-label="Not scheduled">1</td>') in html
    assert "4 × 20 minutes" in html and "3 tables" in html
    assert "6 × 20 minutes" in html and ">Online</td>" in html
    assert "New networking block" in html


def test_the_page_reads_a_bounded_number_of_times(world, organiser,
                                                  django_assert_max_num_queries):
    for _ in range(8):
        block_create(event=world.leipzig_event)
    with django_assert_max_num_queries(12):
        organiser.get(_url(world, "matchmaking"))


def test_the_block_page_reads_a_bounded_number_of_times(world, organiser, scheduled,
                                                        django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        organiser.get(_url(world, "matchmaking_block", block=scheduled.pk))


def test_the_workspace_links_the_matchmaking_page_for_organisers_only(world, client):
    client_as(client, world, "organiser")
    url = _url(world, "matchmaking")
    with translation.override("en"):
        assert f'href="{url}"' in client.get(_url(world, "series_overview")).content.decode()
        client_as(client, world, "leipzig")
        assert url not in client.get(_url(world, "series_overview")).content.decode()
