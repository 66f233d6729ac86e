"""The pitch session's public pages in Chromium — the line-up, the confirmation, the
application form, the personal page with its application, the vote: on a phone (390 px)
nothing scrolls sideways, and axe-core finds nothing, in German and Bulgarian."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event
from pitches.links import confirm_token
from pitches.models import PitchApplication
from registrations.links import personal_token
from tests.factories import event_create, series_create, theme_create
from tests.pitch_factories import pitch_application_create, pitch_call_create
from tests.test_browser_matrix import _SIDEWAYS_JS, AXE_SCRIPT, describe
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = [
    pytest.mark.browser, pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "postgresql",
                       reason="the pages look the same on every database: SQLite pass only"),
]
State = PitchApplication.State
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("language", ["de", "bg"])
def test_line_up_and_confirmation_fit_a_phone_and_pass_axe(browser, live_server, language):
    now = timezone.now()
    call = pitch_call_create(series=series_create(slug="connect"),
                             opens_at=now - timedelta(days=20), closes_at=now - timedelta(days=1))
    theme = theme_create(series=call.event.series, name_en="Sustainable mobility")
    pitch_application_create(
        call=call, participant=participant_create(), state=State.CONFIRMED,
        organisation_name="Schwarzwälder Präzisionsmesstechnik und Sensorik GmbH & Co. KG",
        theme=theme, website="https://www.praezisionsmesstechnik-schwarzwald.example.de/de/",
        video_url="https://video.example/watch?v=averyveryveryverylongidentifier",
        summary_en="Sensors " * 30, description_en="We measure bridges.\n\n" * 5,
        confirmed_at=now, offer_number=1, offer_expires_at=now + timedelta(days=1))
    offer = pitch_application_create(call=call, participant=participant_create(),
                                      state=State.ACCEPTED, offer_number=1,
                                      offer_expires_at=now + timedelta(days=2))
    with translation.override(language):
        urls = [reverse("pitches:lineup", kwargs={"series": "connect"}),
                reverse("pitches:confirm", kwargs={"token": confirm_token(application=offer)})]
    assert phone_problems(browser, live_server, language, urls) == []


@pytest.mark.parametrize("language", ["de", "bg"])
def test_application_form_personal_page_and_vote_fit_a_phone_and_pass_axe(
        browser, live_server, language):
    now = timezone.now()
    series = series_create(slug="connect", content_languages=["de", "en", "bg"])
    theme_create(series=series, name_en="Sustainable mobility")
    call = pitch_call_create(series=series, voting_opens_at=now - timedelta(minutes=5))
    showcase = event_create(series=series, slug="leipzig", kind=Event.Kind.SHOWCASE)
    applicant = participant_create(
        organisation_name="Schwarzwälder Präzisionsmesstechnik und Sensorik GmbH & Co. KG")
    registration_create(participant=applicant, event=showcase)
    applied = participant_create()
    registration_create(participant=applied, event=showcase)
    pitch_application_create(call=call, participant=applied, state=State.SHORTLISTED)
    pitch_application_create(call=call, participant=participant_create(),
                             state=State.CONFIRMED, confirmed_at=now, offer_number=1,
                             offer_expires_at=now + timedelta(days=1))
    voter = participant_create()
    registration_create(participant=voter, event=call.event)
    with translation.override(language):
        urls = [reverse("pitches:apply", kwargs={
                    "token": personal_token(participant=applicant), "call": call.pk}),
                reverse("registrations:personal", kwargs={
                    "token": personal_token(participant=applied)}),
                reverse("pitches:vote", kwargs={
                    "token": personal_token(participant=voter), "call": call.pk})]

    assert phone_problems(browser, live_server, language, urls) == []


def phone_problems(browser, live_server, language: str, urls: list[str]) -> list[str]:
    """What is wrong with each page at 390 px: sideways scroll, axe-core's violations."""
    context = browser.new_context(locale=language, bypass_csp=True, viewport=PHONE)
    context.add_init_script(path=str(AXE_SCRIPT))
    page = context.new_page()
    problems = []
    for url in urls:
        assert page.goto(live_server.url + url).status == 200, url
        if sideways := page.evaluate(_SIDEWAYS_JS):
            problems.append(f"{url} scrolls sideways: {sideways}")
        problems += [f"{url}: {found}" for found in describe(page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"))]
    context.close()
    return problems
