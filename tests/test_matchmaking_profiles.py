"""The matchmaking profile through the personal link: creating it (prefilled from the
registration, the slots of each networking block in the event's time zone, all ticked),
changing it (availability kept as bit masks), deleting it, and what refuses a profile —
matchmaking closed, no confirmed registration, a theme of another series, a block of
another event, a deleted participant. Deleting one's data deletes the profile; the data
export contains it; the personal page's section leads to it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from matchmaking.models import Availability, MatchmakingProfile, MeetingRequest
from matchmaking.services import MatchmakingError
from matchmaking.services.profiles import (
    participant_profiles_export,
    profile_delete,
    profile_save,
)
from registrations import services as registration_services
from tests.factories import event_create
from tests.matchmaking_factories import block_create, request_create
from tests.matchmaking_factories_people import (
    member,
    mm_path,
    registered,
    text,
    token_of,
    world_create,
)
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return world_create()


@pytest.fixture
def alice(world):
    return registered(world, name="Alice Adler", organisation_name="Adler Robotics GmbH",
                      organisation_country="AT")


def form_data(world, **fields) -> dict:
    return {"organisation_name": "Adler Robotics", "organisation_kind": "sme",
            "country": "Austria", "offer": "Sorting robots for recycling plants",
            "need": "Pilot customers in Bulgaria",
            "offer_themes": [str(world.energy.pk)], "need_themes": [str(world.mobility.pk)],
            "languages": ["de", "en", "bg"], "phone": "+43 1 234567",
            f"block_{world.block.pk}": ["0", "1", "3"]} | fields


def fields_of(world, **fields) -> dict:
    return {"organisation_name": "Adler Robotics", "organisation_kind": "sme",
            "country": "AT", "offer": "Robots", "need": "Customers", "phone": "",
            "offer_themes": [world.energy], "need_themes": [], "languages": ["en"]} | fields


# --- the form -------------------------------------------------------------------------


def test_the_new_profile_form_is_prefilled_and_offers_the_blocks_slots_in_local_time(
        client, world, alice):
    response = client.get(mm_path(alice, world, "profile/"))
    page = text(response)
    assert response.status_code == 200
    assert "<h1>Create my matchmaking profile</h1>" in page
    assert 'value="Adler Robotics GmbH"' in page
    assert 'value="Austria"' in page
    assert ("<legend>Leipzig showcase, Thursday 7 March 2030 — Berlin time (CET, UTC+1)"
            "</legend>") in page
    for label in ("10:00–10:20", "10:20–10:40", "10:40–11:00", "11:00–11:20"):
        assert label in page
    assert page.count(f'name="block_{world.block.pk}" value=') == 4
    assert page.count("checked") == 4  # every slot, nothing else
    assert ("Like your e-mail address, it is shown only to the people with whom you have "
            "agreed a meeting.") in page


def test_the_form_names_languages_and_themes_in_the_readers_language(client, world, alice):
    page = text(client.get(mm_path(alice, world, "profile/", language="de")))
    assert "Bulgarisch" in page
    assert "Mobilität" in page


# --- creating and changing ------------------------------------------------------------


def test_creating_a_profile_saves_it_with_its_availability_as_a_bit_mask(client, world,
                                                                         alice):
    response = client.post(mm_path(alice, world, "profile/"), form_data(world))
    assert response.status_code == 302
    assert response["Location"] == f"/en/registration/me/{token_of(alice)}/"
    profile = MatchmakingProfile.objects.get(participant=alice, series=world.series)
    assert (profile.organisation_name, profile.organisation_kind, profile.country.code,
            profile.offer, profile.need, profile.languages, profile.phone) == (
        "Adler Robotics", "sme", "AT", "Sorting robots for recycling plants",
        "Pilot customers in Bulgaria", ["de", "en", "bg"], "+43 1 234567")
    assert list(profile.offer_themes.all()) == [world.energy]
    assert list(profile.need_themes.all()) == [world.mobility]
    assert list(Availability.objects.filter(profile=profile).values_list(
        "block_id", "slots")) == [(world.block.pk, 0b1011)]
    page = text(client.get(response["Location"]))
    assert ("Your matchmaking profile has been created. Other participants with a profile "
            "can now find you.") in page


def test_changing_a_profile_changes_it_and_shows_what_it_holds(client, world, alice):
    client.post(mm_path(alice, world, "profile/"), form_data(world))
    page = text(client.get(mm_path(alice, world, "profile/")))
    assert "<h1>My matchmaking profile</h1>" in page
    assert "Pilot customers in Bulgaria</textarea>" in page
    response = client.post(mm_path(alice, world, "profile/"), form_data(
        world, need="Investors", need_themes=[str(world.health.pk)], languages=["it"],
        **{f"block_{world.block.pk}": []}))
    assert response.status_code == 302
    profile = MatchmakingProfile.objects.get(participant=alice)
    assert (profile.need, profile.languages) == ("Investors", ["it"])
    assert list(profile.need_themes.all()) == [world.health]
    assert Availability.objects.get(profile=profile).slots == 0
    assert MatchmakingProfile.objects.count() == 1
    assert "Your matchmaking profile has been saved." in text(client.get(response["Location"]))


def test_a_profile_saying_nothing_of_offer_or_need_is_refused(client, world, alice):
    response = client.post(mm_path(alice, world, "profile/"), form_data(
        world, offer="", need="", offer_themes=[], need_themes=[]))
    assert response.status_code == 400
    assert ("Please say what you offer or what you look for, in a few words or by themes."
            in text(response))
    assert not MatchmakingProfile.objects.exists()


def test_a_forged_theme_or_slot_in_the_form_is_refused(client, world, alice):
    other = world_create(slug="other")
    for forged in ({"offer_themes": [str(other.energy.pk)]},
                   {f"block_{world.block.pk}": ["7"]}, {"organisation_kind": "pirate"},
                   {"languages": ["xx"]}, {"country": "Atlantis"}):
        response = client.post(mm_path(alice, world, "profile/"), form_data(world, **forged))
        assert response.status_code == 400
        assert "Please correct the marked fields." in text(response)
    assert not MatchmakingProfile.objects.exists()


# --- refusals -------------------------------------------------------------------------


def test_closed_matchmaking_offers_no_form_and_refuses_a_post(client, world, alice):
    world.series.matchmaking.is_open = False
    world.series.matchmaking.save()
    page = text(client.get(mm_path(alice, world, "profile/")))
    assert "Matchmaking is not open in this series." in page
    assert 'name="offer"' not in page
    response = client.post(mm_path(alice, world, "profile/"), form_data(world))
    assert response.status_code == 400
    assert "Matchmaking is not open in this series." in text(response)
    assert not MatchmakingProfile.objects.exists()


def test_someone_without_a_confirmed_registration_in_the_series_is_refused(client, world):
    outsider = participant_create()
    registration_create(participant=outsider, event=event_create(series=world_create(
        slug="elsewhere").series))
    pending = participant_create()
    registration_create(participant=pending, event=world.event, state="pending",
                        confirmed_at=None)
    for who in (outsider, pending):
        response = client.post(mm_path(who, world, "profile/"), form_data(world))
        assert response.status_code == 400
        assert ("Only participants registered for an event of this series can take part in "
                "its matchmaking.") in text(response)
    assert not MatchmakingProfile.objects.exists()


def test_the_service_refuses_what_the_form_would_not_send(world, alice):
    other = world_create(slug="other")
    foreign_block = block_create(event=event_create(series=world.series), slot_count=4)
    cases = [
        ({"offer_themes": [other.energy]}, {}, "Please choose among the themes of this series."),
        ({}, {foreign_block.pk: 1}, "You can only give your times for the networking of "
                                    "events you are registered for."),
        ({}, {world.block.pk: 0b10000}, "This networking block has no such time slot."),
        ({}, {world.block.pk: -1}, "This networking block has no such time slot."),
        ({"languages": ["klingon"]}, {}, "Please choose the languages from the list."),
        ({"organisation_kind": "pirate"}, {}, "Please choose the kind of your organisation."),
        ({"offer": "x" * 1001}, {}, "Please keep each text to 1000 characters."),
    ]
    for fields, availability, message in cases:
        with pytest.raises(MatchmakingError) as error:
            profile_save(participant=alice, series=world.series,
                         fields=fields_of(world, **fields), availability=availability)
        assert str(error.value) == message
    assert not MatchmakingProfile.objects.exists()


def test_the_service_refuses_a_deleted_participant(world, alice):
    registration_services.participant_delete(participant=alice)
    with pytest.raises(MatchmakingError) as error:
        profile_save(participant=alice, series=world.series, fields=fields_of(world),
                     availability={})
    assert str(error.value) == "The data of this participant has been deleted."


def test_a_tampered_link_and_an_unknown_series_get_clear_pages(client, world, alice):
    path = mm_path(alice, world, "profile/")
    response = client.get(path.replace("/me/", "/me/x"))
    assert response.status_code == 400
    assert "This link cannot be used" in text(response)
    response = client.get(path.replace("/bridges/", "/no-such-series/"))
    assert response.status_code == 404
    assert "There is no such event series." in text(response)


# --- deleting -------------------------------------------------------------------------


def test_deleting_the_profile_asks_to_confirm_then_deletes_it_with_its_availability(
        client, world, alice):
    profile = member(world, alice, availability={world.block: 0b11})
    page = text(client.get(mm_path(alice, world, "profile/delete/")))
    assert "<h1>Delete my matchmaking profile</h1>" in page
    response = client.post(mm_path(alice, world, "profile/delete/"), {})
    assert response.status_code == 400
    assert "Please confirm that you want to delete your profile." in text(response)
    assert MatchmakingProfile.objects.filter(pk=profile.pk).exists()
    response = client.post(mm_path(alice, world, "profile/delete/"), {"confirm": "on"})
    assert response.status_code == 302
    assert not MatchmakingProfile.objects.filter(pk=profile.pk).exists()
    assert not Availability.objects.exists()
    assert "Your matchmaking profile has been deleted." in text(client.get(response["Location"]))


def test_deleting_without_a_profile_or_someone_elses_is_refused(client, world, alice):
    bob_profile = member(world)
    response = client.post(mm_path(alice, world, "profile/delete/"), {"confirm": "on"})
    assert response.status_code == 404
    assert "You have no matchmaking profile in this series." in text(response)
    with pytest.raises(MatchmakingError) as error:
        profile_delete(profile_id=bob_profile.pk, participant_id=alice.pk)
    assert str(error.value) == "This profile does not exist (any more)."
    assert MatchmakingProfile.objects.filter(pk=bob_profile.pk).exists()


def test_deleting_ones_data_deletes_the_profile_and_requests_keep_the_countries(world, alice):
    profile = member(world, alice, country="AT", availability={world.block: 1})
    bob = member(world, country="BG")
    request = request_create(block=world.block, sender=profile, receiver=bob)
    registration_services.participant_delete(participant=alice)
    assert not MatchmakingProfile.objects.filter(participant=alice).exists()
    assert not Availability.objects.exists()
    request.refresh_from_db()
    assert (request.sender, request.sender_country.code, request.receiver_country.code) == (
        None, "AT", "BG")


def test_the_data_export_contains_the_profile(world, alice):
    profile = member(world, alice, offer="Robots", need="Customers", languages=["de", "en"],
                     phone="+43 1", offer_themes=[world.energy], need_themes=[world.mobility],
                     availability={world.block: 0b101}, country="AT")
    exported = registration_services.participant_export(participant=alice)["matchmaking"]
    assert exported == [{
        "series": "bridges",
        "organisation": {"name": profile.organisation_name, "kind": "sme", "country": "AT"},
        "offer": "Robots", "need": "Customers", "offer_themes": ["Energy"],
        "need_themes": ["Mobility"], "languages": ["de", "en"], "phone": "+43 1",
        "availability": [{"event": world.event.slug,
                          "block_start": world.block.starts_at.isoformat(),
                          "slot_minutes": 20, "slots": [0, 2]}],
        "created_at": profile.created_at.isoformat(),
        "updated_at": profile.updated_at.isoformat(),
    }]
    assert participant_profiles_export(participant_create()) == []


# --- the personal page ----------------------------------------------------------------


def personal(client, participant) -> str:
    return text(client.get(f"/en/registration/me/{token_of(participant)}/"))


def test_the_personal_page_invites_to_create_a_profile(client, world, alice):
    page = personal(client, alice)
    assert '<h2 id="matchmaking-heading">Matchmaking</h2>' in page
    assert "Create my matchmaking profile" in page
    assert mm_path(alice, world, "profile/") in page


def test_the_personal_page_links_the_matchmaking_pages_and_counts_requests_waiting(
        client, world, alice):
    profile = member(world, alice)
    for _number in range(2):
        request_create(block=world.block, sender=member(world), receiver=profile)
    request_create(block=world.block, sender=member(world), receiver=profile,
                   state=MeetingRequest.State.DECLINED)
    request_create(block=world.block, sender=profile, receiver=member(world))
    page = personal(client, alice)
    for rest, label in (("people/", "Find people"), ("people/suggested/", "Suggested for you"),
                        ("requests/", "My meeting requests"), ("meetings/", "My meetings"),
                        ("profile/", "Change my matchmaking profile")):
        assert f'<a href="{mm_path(alice, world, rest)}">{label}</a>' in page
    assert "2 wait for your answer" in page


def test_the_personal_page_shows_no_matchmaking_where_it_is_closed_or_not_registered(
        client, world):
    closed = world_create(slug="closed", is_open=False)
    participant = registered(closed)
    assert "matchmaking-heading" not in personal(client, participant)
    assert "matchmaking-heading" not in personal(client, participant_create())


def test_a_block_that_is_over_is_not_offered(client, world, alice):
    past = event_create(series=world.series, start=timezone.now() - timedelta(days=2))
    registration_create(participant=alice, event=past)
    block_create(event=past, slot_count=2)
    page = text(client.get(mm_path(alice, world, "profile/")))
    assert page.count("<legend>Leipzig showcase") == 1


def test_the_personal_pages_matchmaking_costs_the_same_however_many_series_and_profiles(
        client, world, alice):
    path = f"/en/registration/me/{token_of(alice)}/"
    with CaptureQueriesContext(connection) as without:
        client.get(path)
    member(world, alice)
    with CaptureQueriesContext(connection) as one:
        client.get(path)
    for slug in ("second", "third"):
        other = world_create(slug=slug)
        registration_create(participant=alice, event=other.event)
        member(other, alice)
    with CaptureQueriesContext(connection) as three:
        page = text(client.get(path))
    assert len(without) == len(one) == len(three)
    assert page.count("Change my matchmaking profile") == 3
