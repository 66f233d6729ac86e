"""Finding people: only participants with a profile see others, and only those of the same
series; the search by text (in the organisation's name, offer and/or need), theme,
country and kind of organisation; one person's page, with their e-mail address and phone
only once the two have an accepted meeting; the suggestions, ranked with one line of
reasons each; forged ids and tampered links; the queries each list costs."""

import re

import pytest

from events.models import Organisation
from matchmaking.models import MeetingRequest
from tests.matchmaking_factories import request_create
from tests.matchmaking_factories_people import member, mm_path, registered, text, world_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return world_create()


@pytest.fixture
def alice(world):
    """The viewer: an Austrian SME offering sorting robots (Energy), looking for pilot
    customers for its sensors (Mobility)."""
    return member(world, registered(world, name="Alice Adler"), organisation_name="Adler Robotics",
                  country="AT", offer="Sorting robots", need="Pilot customers for sensors",
                  offer_themes=[world.energy], need_themes=[world.mobility])


def names(page: str) -> list[str]:
    """The organisations listed, in order."""
    return re.findall(r'<h3 id="person-\d+"><a href="[^"]+">([^<]+)</a></h3>', page)


# --- who sees whom --------------------------------------------------------------------


def test_without_a_profile_the_pages_explain_how_to_get_one_and_show_nobody(client, world):
    member(world, organisation_name="Bolt Mobility", country="BG")
    bob = member(world, organisation_name="Visible Ltd")
    newcomer = registered(world)
    for rest in ("people/", "people/suggested/", f"people/{bob.pk}/"):
        response = client.get(mm_path(newcomer, world, rest))
        page = text(response)
        assert response.status_code == 403
        assert ("You need a matchmaking profile of your own to see the other participants' "
                "profiles.") in page
        assert mm_path(newcomer, world, "profile/") in page
        assert "Bolt Mobility" not in page and "Visible Ltd" not in page


def test_with_matchmaking_closed_nobody_is_shown(client, world, alice):
    member(world, organisation_name="Bolt Mobility")
    world.series.matchmaking.is_open = False
    world.series.matchmaking.save()
    response = client.get(mm_path(alice.participant, world, "people/"))
    assert response.status_code == 403
    assert "Matchmaking is not open in this series." in text(response)
    assert "Bolt Mobility" not in text(response)


def test_the_list_shows_the_other_profiles_of_the_same_series_only(client, world, alice):
    member(world, organisation_name="Bolt Mobility")
    member(world, organisation_name="Cedar Health")
    elsewhere = world_create(slug="elsewhere")
    member(elsewhere, organisation_name="Other Series Ltd")
    gone = member(world, organisation_name="Gone GmbH")
    gone.participant.anonymised_at = gone.created_at
    gone.participant.save()
    page = text(client.get(mm_path(alice.participant, world, "people/")))
    assert names(page) == ["Bolt Mobility", "Cedar Health"]
    assert "2 profiles" in page


# --- the search -----------------------------------------------------------------------


@pytest.fixture
def crowd(world, alice):
    member(world, organisation_name="Bolt Mobility", country="BG",
           organisation_kind=Organisation.Kind.LARGE_COMPANY, offer="Electric buses",
           need="Battery suppliers", offer_themes=[world.mobility], need_themes=[world.energy])
    member(world, organisation_name="Cedar Health", country="IT", offer="Hospital software",
           need="Electric vehicles for our fleet", need_themes=[world.mobility])
    member(world, organisation_name="Dune Research", country="BG",
           organisation_kind=Organisation.Kind.RESEARCH, offer="Battery research",
           need="Industry partners", offer_themes=[world.energy])


def search(client, world, alice, **query) -> list[str]:
    response = client.get(mm_path(alice.participant, world, "people/"), query)
    assert response.status_code == 200
    return names(text(response))


def test_the_text_is_searched_in_the_name_offer_and_need_as_chosen(client, world, alice, crowd):
    assert search(client, world, alice, text="ELECTRIC") == ["Bolt Mobility", "Cedar Health"]
    assert search(client, world, alice, text="electric", field="offer") == ["Bolt Mobility"]
    assert search(client, world, alice, text="electric", field="need") == ["Cedar Health"]
    assert search(client, world, alice, text="battery", field="need") == ["Bolt Mobility"]
    assert search(client, world, alice, text="dune", field="need") == ["Dune Research"]
    assert search(client, world, alice, text="nothing like it") == []


def test_the_theme_is_searched_among_offer_and_need_themes_as_chosen(client, world, alice,
                                                                     crowd):
    mobility = str(world.mobility.pk)
    assert search(client, world, alice, theme=mobility) == ["Bolt Mobility", "Cedar Health"]
    assert search(client, world, alice, theme=mobility, field="offer") == ["Bolt Mobility"]
    assert search(client, world, alice, theme=mobility, field="need") == ["Cedar Health"]


def test_country_and_kind_filter_and_combine(client, world, alice, crowd):
    assert search(client, world, alice, country="BG") == ["Bolt Mobility", "Dune Research"]
    assert search(client, world, alice, kind="research") == ["Dune Research"]
    assert search(client, world, alice, country="BG", kind="large_company",
                  text="bus") == ["Bolt Mobility"]


def test_the_country_filter_offers_the_countries_present_by_name(client, world, alice, crowd):
    page = text(client.get(mm_path(alice.participant, world, "people/")))
    assert re.findall(r'<option value="([A-Z]{2})">([^<]+)</option>', page) == [
        ("BG", "Bulgaria"), ("IT", "Italy")]


def test_a_forged_filter_is_told_and_finds_nothing_it_should_not(client, world, alice, crowd):
    response = client.get(mm_path(alice.participant, world, "people/"),
                          {"theme": "999999", "country": "XX", "kind": "pirate"})
    page = text(response)
    assert response.status_code == 200
    assert "Select a valid choice. 999999 is not one of the available choices." in page
    assert "No profile matches" not in page


def test_no_match_says_so(client, world, alice, crowd):
    page = text(client.get(mm_path(alice.participant, world, "people/"), {"text": "zeppelin"}))
    assert "No profile matches your search." in page
    assert "0 profiles" in page


# --- one person -----------------------------------------------------------------------


@pytest.fixture
def bob(world):
    return member(world, registered(world, name="Bob Botev", email="bob@bolt.example"),
                  organisation_name="Bolt Mobility", country="BG",
                  organisation_kind=Organisation.Kind.LARGE_COMPANY, offer="Electric buses",
                  need="Battery suppliers", offer_themes=[world.mobility],
                  need_themes=[world.energy], languages=["bg", "en"], phone="+359 2 123")


def test_the_person_page_shows_the_profile_without_contact_details(client, world, alice, bob):
    page = text(client.get(mm_path(alice.participant, world, f"people/{bob.pk}/")))
    assert "<h1>Bolt Mobility</h1>" in page
    for shown in ("Bob Botev", "Large company", "Bulgaria", "Electric buses",
                  "Battery suppliers", "Mobility", "Energy", "Bulgarian, English"):
        assert shown in page
    assert "bob@bolt.example" not in page and "+359 2 123" not in page
    assert ("The e-mail address and phone number are shown once you have agreed on a "
            "meeting.") in page


def test_contact_details_show_only_once_a_meeting_is_accepted(client, world, alice, bob):
    path = mm_path(alice.participant, world, f"people/{bob.pk}/")
    request = request_create(block=world.block, sender=bob, receiver=alice)
    assert "bob@bolt.example" not in text(client.get(path))
    request.state = MeetingRequest.State.DECLINED
    request.save()
    assert "bob@bolt.example" not in text(client.get(path))
    request_create(block=world.block, sender=alice, receiver=bob,
                   state=MeetingRequest.State.ACCEPTED)
    page = text(client.get(path))
    assert '<a href="mailto:bob@bolt.example">bob@bolt.example</a>' in page
    assert '<a href="tel:+359 2 123">+359 2 123</a>' in page
    # and the other way round
    page = text(client.get(mm_path(bob.participant, world, f"people/{alice.pk}/")))
    assert alice.participant.email in page


def test_a_forged_or_foreign_person_id_gets_a_clear_page(client, world, alice, bob):
    elsewhere = world_create(slug="elsewhere")
    foreign = member(elsewhere, organisation_name="Other Series Ltd")
    for profile_id in (999999, foreign.pk, alice.pk):
        response = client.get(mm_path(alice.participant, world, f"people/{profile_id}/"))
        assert response.status_code == 404
        assert "There is no such profile in this series, or it has been deleted." in text(
            response)
        assert "Other Series Ltd" not in text(response)


def test_the_not_found_page_speaks_the_readers_language(client, world, alice):
    response = client.get(mm_path(alice.participant, world, "people/999999/", language="de"))
    assert response.status_code == 404
    assert 'lang="de"' in text(response)


def test_a_tampered_link_gets_the_link_error_page(client, world, alice, bob):
    path = mm_path(alice.participant, world, f"people/{bob.pk}/")
    response = client.get(path.replace("/me/", "/me/tampered"))
    assert response.status_code == 400
    assert "This link cannot be used" in text(response)
    assert "Bolt Mobility" not in text(response)


def test_an_unknown_series_gets_a_clear_page(client, world, alice):
    response = client.get(mm_path(alice.participant, world, "people/").replace(
        "/bridges/", "/atlantis/"))
    assert response.status_code == 404
    assert "There is no such event series." in text(response)


# --- suggestions ----------------------------------------------------------------------


def test_suggestions_are_ranked_by_complementarity_with_one_line_each(client, world, alice):
    bob = member(world, organisation_name="Bolt Mobility", country="BG", offer="Buses",
                 need="Batteries", offer_themes=[world.mobility], need_themes=[world.energy])
    member(world, organisation_name="Cedar Smart Cities", country="IT",
           offer="Sensors for smart cities", need="Investors")
    member(world, organisation_name="Danube Transit", country="AT", offer="Trams",
           need="Investors", offer_themes=[world.mobility])
    eve = member(world, organisation_name="Eve Énergie", country="FR", offer="Wind",
                 need="Investors")
    member(world, organisation_name="Franc Solar", country="FR", offer="Panels",
           need="Inverters", need_themes=[world.energy])
    member(world, organisation_name="Gina Logistics", country="DE", offer="Freight",
           need="Drivers")
    member(world, organisation_name="Hans Consulting", country="AT", offer="Advice",
           need="Clients")
    request_create(block=world.block, sender=eve, receiver=alice)  # France is known now
    page = text(client.get(mm_path(alice.participant, world, "people/suggested/")))
    assert names(page) == ["Bolt Mobility", "Cedar Smart Cities", "Danube Transit",
                           "Franc Solar", "Gina Logistics"]
    lines = re.findall(r'</p>\n  <p>([^<]+)</p>', page)
    assert lines == [
        "Offers Mobility, which you look for · looks for Energy, which you offer · from "
        "Bulgaria, a country you have no contact in yet",
        "What they offer mentions “sensors”, which you look for · from Italy, a country you "
        "have no contact in yet",
        "Offers Mobility, which you look for",
        "Looks for Energy, which you offer",
        "From Germany, a country you have no contact in yet",
    ]
    assert bob.pk  # listed by its own link
    assert mm_path(alice.participant, world, f"people/{bob.pk}/") in page


def test_no_suggestions_say_how_to_get_some(client, world, alice):
    page = text(client.get(mm_path(alice.participant, world, "people/suggested/")))
    assert "No suggestions yet." in page


# --- queries --------------------------------------------------------------------------


def test_the_people_page_costs_a_fixed_number_of_queries_and_pages_by_30(
        client, world, alice, django_assert_max_num_queries):
    for number in range(31):
        member(world, organisation_name=f"Company {number:02d}",
               offer_themes=[world.energy], need_themes=[world.mobility, world.health])
    path = mm_path(alice.participant, world, "people/")
    with django_assert_max_num_queries(11):
        page = text(client.get(path))
    assert len(names(page)) == 30
    assert "31 profiles" in page
    assert "Page 1 of 2" in page
    page = text(client.get(path, {"page": "2"}))
    assert names(page) == ["Company 30"]


def test_the_suggestions_page_costs_a_fixed_number_of_queries(
        client, world, alice, django_assert_max_num_queries):
    for number in range(25):
        member(world, organisation_name=f"Company {number:02d}", country="BG",
               offer_themes=[world.mobility], need_themes=[world.energy])
    with django_assert_max_num_queries(14):
        page = text(client.get(mm_path(alice.participant, world, "people/suggested/")))
    assert len(names(page)) == 20
