"""The public line-up and the confirmation page in Chromium: on a phone (390 px) nothing
scrolls sideways, and axe-core finds nothing, in German and Bulgarian."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from pitches.links import confirm_token
from pitches.models import PitchApplication
from tests.factories import series_create, theme_create
from tests.pitch_factories import pitch_application_create, pitch_call_create
from tests.test_browser_matrix import _SIDEWAYS_JS, AXE_SCRIPT, describe
from tests.test_registrations_factories import participant_create

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
    context = browser.new_context(locale=language, bypass_csp=True, viewport=PHONE)
    context.add_init_script(path=str(AXE_SCRIPT))
    page = context.new_page()
    problems = []
    for url in urls:
        assert page.goto(live_server.url + url).status == 200
        if sideways := page.evaluate(_SIDEWAYS_JS):
            problems.append(f"{url} scrolls sideways: {sideways}")
        problems += [f"{url}: {found}" for found in describe(page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"))]
    context.close()

    assert problems == []
