"""Permission cases of B2B matchmaking in the workspace: the settings page, a new block, a
block's page, "schedule all" and deleting a block (tests/test_orga_permissions.py runs
them).

Matchmaking is the organisers' (orga.run_matchmaking): coordinators and the reviewer are in
the team and learn it is forbidden. A block of another series under Connect's address is
there for nobody."""

from datetime import timedelta

from matchmaking.models import NetworkingBlock
from tests.matchmaking_factories import block_create
from tests.orga_cases import OK, Case, nobody_in, organisers, series


def _block(event) -> NetworkingBlock:
    """The event's networking block (the same one each time asked for)."""
    return (NetworkingBlock.objects.filter(event=event).first()
            or block_create(event=event, starts_at=event.start + timedelta(minutes=30),
                            slot_count=6, slot_minutes=20, tables=4))


def _own(world) -> dict:
    return {"series": world.series.slug, "block": _block(world.leipzig_event).pk}


def _other(world) -> dict:
    """The other series' block under Connect's address: a forged id."""
    return {"series": world.series.slug, "block": _block(world.other_event).pk}


def forged() -> dict:
    """Coordinators may not run matchmaking at all: they learn that (and nothing else)."""
    return nobody_in() | {"leipzig": 403, "sofia": 403}


def _block_data(world) -> dict:
    start = world.leipzig_event.start.astimezone(world.leipzig_event.tzinfo)
    return {"event": world.leipzig_event.pk,
            "starts_at": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "slot_minutes": 20, "slot_count": 4, "tables": ""}


CASES = [
    Case("matchmaking", series, organisers()),
    Case("matchmaking", series, organisers(), method="post", label="save",
         data=lambda world: {"is_open": "on", "max_open_requests": 5,
                             "room_url_pattern": "https://meet.example.org/{room}"}),
    Case("matchmaking", lambda world: {"series": world.other_series.slug},
         nobody_in() | {"outsider": OK, "reviewer": 404}, label="other series"),
    Case("matchmaking_block_create", series, organisers()),
    Case("matchmaking_block_create", series, organisers(), method="post", label="save",
         data=_block_data),
    Case("matchmaking_block", _own, organisers()),
    Case("matchmaking_block", _other, forged(), label="other series"),
    Case("matchmaking_block", _own, organisers(), method="post", label="save",
         data=_block_data),
    Case("matchmaking_schedule_all", _own, organisers(), method="post"),
    Case("matchmaking_schedule_all", _other, forged(), method="post", label="other series"),
    Case("matchmaking_block_delete", _own, organisers(), method="post"),
    Case("matchmaking_block_delete", _other, forged(), method="post", label="other series"),
]
