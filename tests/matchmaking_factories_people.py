"""The small world of the profile and people tests: a series "bridges" with three themes
and open matchmaking, an event on Thursday 7 March 2030 (Berlin) with a networking block
of four 20-minute slots from 10:00 local time, and helpers for the personal-link pages."""

from dataclasses import dataclass
from datetime import UTC, datetime

from events.models import Event, Series, Theme
from matchmaking.models import MatchmakingProfile, NetworkingBlock
from registrations import links
from registrations.models import Participant
from tests.factories import event_create, series_create, theme_create
from tests.matchmaking_factories import block_create, matchmaking_open, profile_create
from tests.test_registrations_factories import participant_create, registration_create

EVENT_START = datetime(2030, 3, 7, 8, 0, tzinfo=UTC)  # 09:00 in Berlin (CET)


@dataclass
class World:
    series: Series
    event: Event
    block: NetworkingBlock
    energy: Theme
    mobility: Theme
    health: Theme


def world_create(*, slug: str = "bridges", is_open: bool = True) -> World:
    series = series_create(slug=slug, title_en="Bridges", title_de="Brücken",
                           content_languages=["en", "de"])
    energy = theme_create(series=series, slug=f"{slug}-energy", name_en="Energy",
                          name_de="Energie", position=1)
    mobility = theme_create(series=series, slug=f"{slug}-mobility", name_en="Mobility",
                            name_de="Mobilität", position=2)
    health = theme_create(series=series, slug=f"{slug}-health", name_en="Health",
                          name_de="Gesundheit", position=3)
    matchmaking_open(series=series, is_open=is_open)
    event = event_create(series=series, start=EVENT_START, title_en="Leipzig showcase",
                         title_de="Leipzig-Schaufenster")
    block = block_create(event=event, slot_count=4)
    return World(series=series, event=event, block=block, energy=energy, mobility=mobility,
                 health=health)


def registered(world: World, **fields) -> Participant:
    """A participant with a confirmed registration for the world's event."""
    participant = participant_create(**fields)
    registration_create(participant=participant, event=world.event)
    return participant


def member(world: World, participant: Participant | None = None, *,
           offer_themes=(), need_themes=(), **fields) -> MatchmakingProfile:
    """A registered participant's profile in the world's series."""
    participant = participant or registered(world)
    profile = profile_create(series=world.series, participant=participant, **fields)
    profile.offer_themes.set(offer_themes)
    profile.need_themes.set(need_themes)
    return profile


_tokens: dict[tuple[int, str], str] = {}


def token_of(participant: Participant) -> str:
    """The participant's personal link token, the same on every call (a new one, made a
    second later, would differ from the one the pages put in their links)."""
    key = (participant.pk, participant.link_key)
    if key not in _tokens:
        _tokens[key] = links.personal_token(participant=participant)
    return _tokens[key]


def mm_path(participant: Participant, world: World, rest: str = "", *,
            language: str = "en") -> str:
    token = token_of(participant)
    return f"/{language}/registration/me/{token}/matchmaking/{world.series.slug}/{rest}"


def text(response) -> str:
    return response.content.decode()
