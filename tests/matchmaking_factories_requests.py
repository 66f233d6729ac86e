"""What the requests and meetings tests share: a series with matchmaking open, one event
with a networking block, and people with profiles registered for it; the personal pages'
addresses; the mails written by matchmaking, rendered as they are sent."""

from dataclasses import dataclass

from django.urls import reverse

from events.models import Event, Series
from mail.models import Mail
from mail.services import mails_send_due
from matchmaking.models import MatchmakingProfile, NetworkingBlock
from registrations import links
from tests.factories import event_create, series_create
from tests.matchmaking_factories import block_create, matchmaking_open, profile_create
from tests.test_registrations_factories import participant_create


@dataclass
class World:
    series: Series
    event: Event
    block: NetworkingBlock


def world_create(**block_fields) -> World:
    series = series_create(slug="bridges", title_en="Bridges", title_de="Brücken",
                           content_languages=["en", "de"])
    matchmaking_open(series=series, max_open_requests=3,
                     room_url_pattern="https://rooms.example.org/{room}")
    event = event_create(series=series, title_en="Leipzig showcase",
                         title_de="Leipzig-Schaufenster")
    return World(series=series, event=event, block=block_create(event=event, **block_fields))


def person(world: World, name: str, *, language: str = "en", **fields) -> MatchmakingProfile:
    """A participant called `name`, registered for the world's event, with a profile."""
    participant = participant_create(name=name.capitalize(), language=language,
                                     email=f"{name}@example.org")
    return profile_create(series=world.series, participant=participant, events=(world.event,),
                          organisation_name=f"{name.capitalize()} GmbH", **fields)


def url(name: str, profile: MatchmakingProfile, /, **kwargs) -> str:
    return reverse(f"matchmaking:{name}", kwargs={
        "token": links.personal_token(participant=profile.participant),
        "series": profile.series.slug, **kwargs})


def mails_sent() -> list[tuple[str, str]]:
    """Render and send what matchmaking queued; every sent mail of it: (to, subject)."""
    mails_send_due()
    return list(Mail.objects.filter(state=Mail.State.SENT, cause__startswith="meeting")
                .order_by("pk").values_list("to", "subject"))
