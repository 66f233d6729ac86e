"""B2B matchmaking clicked through in Chromium (issue 15, point 9): two participants in
different languages — Anna in German at a desk, Borislav in Bulgarian on a phone — create
profiles from their personal pages, find each other through the suggestions, ask for and
accept a meeting, book a slot, and see it in their agendas and calendar files; the
organiser runs "schedule all" for the rest and sees the figures. Then the participant's
matchmaking pages, in German and Bulgarian at phone width: nothing scrolls sideways and
axe-core finds nothing."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from matchmaking.models import MeetingRequest
from registrations.links import personal_token, personal_url
from tests.factories import event_create, series_create, theme_create
from tests.matchmaking_factories import (
    block_create,
    matchmaking_open,
    profile_create,
    request_create,
)
from tests.orga_world import PASSWORD, orga_world
from tests.test_pitch_lineup_browser import phone_problems
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
ACCEPTED = MeetingRequest.State.ACCEPTED


def say(language: str, text: str) -> str:
    """What the interface says for `text` in `language`."""
    with translation.override(language):
        return gettext(text)


@pytest.fixture
def world(settings, live_server):
    settings.SITE_URL = live_server.url
    world = orga_world()
    series, event = world.series, world.leipzig_event
    theme_create(series=series, slug="energy", name_en="Energy", name_de="Energie",
                 name_bg="Енергия")
    series.themes.filter(slug="mobility").update(name_de="Mobilität", name_bg="Мобилност")
    matchmaking_open(series=series)
    block = block_create(event=event, slot_count=6, slot_minutes=20)
    anna = participant_create(email="anna@example.org", name="Anna Adler", language="de",
                              organisation_name="Adler Solar GmbH")
    borislav = participant_create(email="borislav@example.org", name="Борислав Петров",
                                  language="bg", country="BG", organisation_country="BG",
                                  organisation_name="Витоша Мобилити ООД")
    for person in (anna, borislav):
        registration_create(participant=person, event=event)
    # two others whose accepted meeting the organiser's "schedule all" places
    carla, dan = (profile_create(series=series, events=(event,), country=country)
                  for country in ("IT", "ES"))
    request_create(block=block, sender=carla, receiver=dan, state=ACCEPTED)
    world.extra.update(block=block, anna=anna, borislav=borislav)
    return world


def create_profile(page, language: str, *, offer: str, offer_theme: str, need: str,
                   need_theme: str) -> None:
    """From the personal page: the profile form, filled and sent."""
    page.get_by_role("link", name=say(language, "Create my matchmaking profile")).click()
    page.get_by_label(say(language, "What we offer")).fill(offer)
    page.get_by_role("group", name=re.compile(say(language, "Themes we offer in"))
                     ).get_by_label(offer_theme).check()
    page.get_by_label(say(language, "What we look for")).fill(need)
    page.get_by_role("group", name=re.compile(say(language, "Themes we look for"))
                     ).get_by_label(need_theme).check()
    page.get_by_role("button", name=say(language, "Create my profile")).click()
    expect(page.get_by_role("status")).to_contain_text(say(
        language, "Your matchmaking profile has been created. Other participants with a "
                  "profile can now find you."))


def test_two_participants_meet_and_the_organiser_schedules_the_rest(world, browser,
                                                                   live_server):
    anna, borislav = world.extra["anna"], world.extra["borislav"]
    desk = browser.new_context(locale="de-DE").new_page()
    phone = browser.new_context(locale="bg-BG", viewport=PHONE).new_page()

    # Both create their profiles from their personal pages, each in their language
    desk.goto(personal_url(participant=anna))
    create_profile(desk, "de", offer="Solaranlagen für Gemeinden und Betriebe",
                   offer_theme="Energie", need="Partner für Elektromobilität",
                   need_theme="Mobilität")
    phone.goto(personal_url(participant=borislav))
    create_profile(phone, "bg", offer="Споделена електромобилност за градове",
                   offer_theme="Мобилност", need="Соларни системи за нашите станции",
                   need_theme="Енергия")

    # Anna finds Borislav among her suggestions, with why, and asks him for a meeting
    desk.get_by_role("link", name=say("de", "Suggested for you")).click()
    suggestion = desk.get_by_role("article").filter(has_text="Витоша Мобилити ООД")
    expect(suggestion).to_contain_text("Mobilität")
    suggestion.get_by_role("link", name="Витоша Мобилити ООД").click()
    expect(desk.get_by_text("borislav@example.org")).to_have_count(0)  # not before a yes
    desk.get_by_label(say("de", "Message")).fill("Sprechen wir über Ladestationen?")
    desk.get_by_role("button", name=say("de", "Send the request")).click()
    expect(desk.get_by_role("status")).to_contain_text(
        say("de", "Your meeting request has been sent."))

    # Borislav accepts it on his phone, in Bulgarian
    phone.get_by_role("link", name=say("bg", "My meeting requests")).click()
    expect(phone.get_by_text("Sprechen wir über Ladestationen?")).to_be_visible()
    phone.get_by_role("button", name=say("bg", "Accept")).click()

    # Anna books a slot free for both; it is in her agenda and her calendar file
    desk.goto(personal_url(participant=anna))
    desk.get_by_role("link", name=say("de", "My meetings")).click()
    desk.get_by_role("link", name=say("de", "Book a time slot")).click()
    desk.get_by_role("radio").nth(2).check()
    desk.get_by_role("button", name=say("de", "Book this time slot")).click()
    expect(desk.get_by_role("link", name=say("de", "Join the video room"))).to_be_visible()
    expect(desk.get_by_text("borislav@example.org")).to_be_visible()  # after the yes
    with desk.expect_download() as download:
        desk.get_by_role("link", name=say("de", "Download all meetings as a calendar file "
                                              "(.ics)")).click()
    calendar = download.value.path().read_text()
    assert calendar.count("BEGIN:VEVENT") == 1
    assert "DTSTART;TZID=Europe/Berlin:" in calendar

    # Borislav sees the same meeting in his agenda, with the same room
    phone.goto(personal_url(participant=borislav))
    phone.get_by_role("link", name=say("bg", "My meetings")).click()
    expect(phone.get_by_text("anna@example.org")).to_be_visible()
    meeting = MeetingRequest.objects.get(sender__participant=anna)
    assert (meeting.state, meeting.slot, meeting.booked_by) == (ACCEPTED, 2, "participant")
    with phone.expect_download() as download:
        phone.get_by_role("link", name=say("bg", "Download all meetings as a calendar file "
                                               "(.ics)")).click()
    assert download.value.path().read_text().count("BEGIN:VEVENT") == 1

    # The organiser schedules the rest and sees the figures
    orga = browser.new_context(locale="en-GB").new_page()
    orga.goto(f"{live_server.url}/en/orga/login/")
    orga.get_by_label("User name").fill("olga")
    orga.get_by_label("Password").fill(PASSWORD)
    orga.get_by_role("button", name="Log in").click()
    orga.get_by_role("link", name="Connect Europe").click()
    orga.get_by_role("link", name="Matchmaking").first.click()
    orga.get_by_role("link", name="Leipzig showcase").click()
    orga.get_by_role("button", name="Schedule all").click()
    expect(orga.get_by_role("heading", name="Schedule all: the report")).to_be_visible()
    assert MeetingRequest.objects.scheduled().count() == 2
    assert MeetingRequest.objects.filter(booked_by="scheduler").count() == 1
    assert MeetingRequest.objects.get(sender__participant=anna).slot == 2  # not moved
    orga.goto(f"{live_server.url}/en/orga/series/connect/figures/")
    figures = orga.locator("section").filter(has=orga.get_by_role("heading",
                                                                 name="Matchmaking"))
    expect(figures).to_contain_text("Meetings scheduled")


@pytest.mark.sqlite_pass_only
@pytest.mark.parametrize("language", ["de", "bg"])
def test_matchmaking_pages_fit_a_phone_and_pass_axe(browser, live_server, language):
    series = series_create(slug="connect", content_languages=["de", "en", "bg"])
    theme_create(series=series, name_en="Sustainable mobility")
    matchmaking_open(series=series)
    event = event_create(series=series, slug="leipzig")
    block = block_create(event=event, tables=10)
    viewer = profile_create(series=series, events=(event,),
                            organisation_name="Schwarzwälder Präzisionsmesstechnik GmbH",
                            offer="Sensoren " * 40, need="Pilotkunden " * 30)
    asking = profile_create(series=series, events=(event,), country="BG",
                            organisation_name="Витоша Мобилити ООД")
    met = profile_create(series=series, events=(event,), country="IT")
    request_create(block=block, sender=asking, receiver=viewer,
                   message="Нека поговорим за зарядните станции. " * 5)
    meeting = request_create(block=block, sender=viewer, receiver=met, state=ACCEPTED,
                             slot=1, table=1)
    kwargs = {"token": personal_token(participant=viewer.participant), "series": "connect"}
    with translation.override(language):
        urls = [reverse("registrations:personal", kwargs={"token": kwargs["token"]}),
                *(reverse(f"matchmaking:{name}", kwargs=kwargs)
                  for name in ("profile", "people", "suggestions", "requests", "agenda")),
                reverse("matchmaking:person", kwargs=kwargs | {"profile": asking.pk}),
                reverse("matchmaking:meeting_book", kwargs=kwargs | {"request": meeting.pk})]

    assert phone_problems(browser, live_server, language, urls) == []
