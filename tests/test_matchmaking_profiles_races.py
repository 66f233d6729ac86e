"""Profiles at once, on PostgreSQL: a participant saving their profile twice at the same
moment (two tabs) gets one profile, and saving it while their data is being deleted
leaves no profile behind — profile_save takes the participant's lock first, as
participant_delete does."""

import pytest

from matchmaking.models import MatchmakingProfile
from matchmaking.services import MatchmakingError
from matchmaking.services.profiles import profile_delete, profile_save
from registrations import services as registration_services
from tests.matchmaking_factories_people import member, registered, world_create
from tests.test_races_publish import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def fields(world, **more) -> dict:
    return {"organisation_name": "Adler Robotics", "organisation_kind": "sme",
            "country": "AT", "offer": "Robots", "need": "Customers", "phone": "",
            "offer_themes": [world.energy], "need_themes": [], "languages": ["en"]} | more


def test_two_saves_at_once_make_one_profile():
    world = world_create()
    alice = registered(world)
    errors = race([lambda offer=offer: profile_save(
        participant=alice, series=world.series, fields=fields(world, offer=offer),
        availability={world.block.pk: 0b11}) for offer in ("Robots", "Drones")])
    assert errors == []
    profile = MatchmakingProfile.objects.get(participant=alice)
    assert profile.offer in ("Robots", "Drones")
    assert list(profile.availabilities.values_list("slots", flat=True)) == [0b11]


def test_saving_while_the_data_is_deleted_leaves_no_profile():
    world = world_create()
    alice = registered(world)
    member(world, alice)
    errors = race([
        lambda: profile_save(participant=alice, series=world.series, fields=fields(world),
                             availability={}),
        lambda: registration_services.participant_delete(participant=alice),
    ])
    assert all(isinstance(error, MatchmakingError) for error in errors), errors
    assert not MatchmakingProfile.objects.filter(participant=alice).exists()


def test_deleting_and_saving_at_once_end_in_one_or_no_profile_without_error():
    world = world_create()
    alice = registered(world)
    profile = member(world, alice)
    errors = race([
        lambda: profile_save(participant=alice, series=world.series, fields=fields(world),
                             availability={}),
        lambda: profile_delete(profile_id=profile.pk, participant_id=alice.pk),
    ])
    assert errors == []
    assert MatchmakingProfile.objects.filter(participant=alice).count() <= 1
