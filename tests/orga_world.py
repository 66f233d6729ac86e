"""The personas of the organiser workspace and the series they work on (no tests here).

One series, "Connect", with two partner regions (Leipzig, Sofia), an event in each and a
registration in each; a second series run by somebody else. The personas:

- organiser: an organiser of Connect (everything in the series, its team included);
- leipzig: the coordinator of the Leipzig region (the Leipzig event and its registrations);
- sofia: the coordinator of the Sofia region (the Sofia event and its registrations);
- participant: a user account of somebody registered for Connect, with no role in it;
- outsider: the organiser of the other series;
- anonymous: not logged in.

Area tests add their URLs to the permission matrix in tests/orga_cases_<area>.py
(tests/test_orga_permissions.py reads every such file).
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from events.models import Event, Region, Series
from orga.models import TeamMember
from registrations.models import Participant, Registration
from tests.factories import event_create, region_create, series_create, talk_create, theme_create
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    registration_create,
)

PERSONAS = ["organiser", "leipzig", "sofia", "reviewer", "participant", "outsider", "anonymous"]
PASSWORD = "correct horse battery 42"


@dataclass
class World:
    series: Series
    leipzig_region: Region
    sofia_region: Region
    leipzig_event: Event
    sofia_event: Event
    other_series: Series
    other_event: Event
    leipzig_participant: Participant
    sofia_participant: Participant
    leipzig_registration: Registration
    sofia_registration: Registration
    users: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)


def user_create(username: str, **fields):
    return get_user_model().objects.create_user(
        username, fields.pop("email", f"{username}@example.org"), PASSWORD, **fields)


def orga_world() -> World:
    series = series_create(slug="connect", title_en="Connect Europe",
                           content_languages=["en", "de", "bg"])
    consent_text_create(series=series)
    leipzig = region_create(series=series, slug="leipzig", name_en="Leipzig", country="DE")
    sofia = region_create(series=series, slug="sofia", name_en="Sofia", country="BG")
    theme = theme_create(series=series, slug="mobility", name_en="Mobility")
    start = timezone.now() + timedelta(days=14)
    leipzig_event = event_create(series=series, slug="leipzig", title_en="Leipzig showcase",
                                 region=leipzig, start=start, capacity=50)
    sofia_event = event_create(series=series, slug="sofia", title_en="Sofia showcase",
                               region=sofia, start=start + timedelta(days=7),
                               time_zone="Europe/Sofia", capacity=50)
    leipzig_event.themes.add(theme)
    talk_create(event=leipzig_event, title_en="Welcome to Leipzig")
    talk_create(event=sofia_event, title_en="Welcome to Sofia")
    other_series = series_create(slug="elsewhere", title_en="Elsewhere Series")
    other_event = event_create(series=other_series, slug="other", title_en="Other event")
    leipzig_participant = participant_create(email="lea.participant@example.org",
                                             name="Lea Leipzig", country="DE")
    sofia_participant = participant_create(email="ivo.participant@example.org",
                                           name="Ivo Sofianski", country="BG", language="bg")
    users = {
        "organiser": user_create("olga"),
        "leipzig": user_create("lena"),
        "sofia": user_create("stoyan"),
        "reviewer": user_create("rita"),
        "participant": user_create("lea", email="lea.participant@example.org"),
        "outsider": user_create("otto"),
        "anonymous": None,
    }
    TeamMember.objects.create(series=series, user=users["organiser"], role="organiser")
    TeamMember.objects.create(series=series, user=users["leipzig"], role="coordinator",
                              region=leipzig)
    TeamMember.objects.create(series=series, user=users["sofia"], role="coordinator",
                              region=sofia)
    TeamMember.objects.create(series=series, user=users["reviewer"], role="reviewer",
                              organisation_name="Rhein Robotics GmbH")
    TeamMember.objects.create(series=other_series, user=users["outsider"], role="organiser")
    return World(
        series=series, leipzig_region=leipzig, sofia_region=sofia,
        leipzig_event=leipzig_event, sofia_event=sofia_event,
        other_series=other_series, other_event=other_event,
        leipzig_participant=leipzig_participant, sofia_participant=sofia_participant,
        leipzig_registration=registration_create(participant=leipzig_participant,
                                                 event=leipzig_event),
        sofia_registration=registration_create(participant=sofia_participant,
                                               event=sofia_event),
        users=users, extra={"theme": theme},
    )


def client_as(client, world: World, persona: str):
    """The test client logged in as `persona` (not at all for anonymous)."""
    user = world.users[persona]
    if user is not None:
        client.force_login(user)
    return client
