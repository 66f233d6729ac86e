"""An attendee answers the survey in Bulgarian on a phone: from their personal page to
the survey, a missing rating refused with its message, the answer sent and shown again
to change. axe-core finds no violation on each page (at the phone's width light and dark,
at the desk's light) and no page scrolls sideways; the refusal page likewise."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from registrations import links
from tests.factories import event_create, series_create, speaker_create, talk_create
from tests.test_browser_matrix import _SIDEWAYS_JS, AXE_SCRIPT, axe_violations, describe
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass_only,
              pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def bg_page(browser):
    context = browser.new_context(locale="bg-BG", bypass_csp=True, viewport=PHONE)
    context.add_init_script(path=str(AXE_SCRIPT))
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def problems_on(page, where: str) -> list[str]:
    """axe's violations at the phone's and the desk's width, light and dark, and any
    sideways scroll at 320 and 390 px; the page is left at the phone's width."""
    found = []
    for width in (320, 390):
        page.set_viewport_size({"width": width, "height": PHONE["height"]})
        if page.evaluate(_SIDEWAYS_JS):
            found.append(f"{where} scrolls sideways at {width} px")
    for viewport in (PHONE, DESKTOP):  # the desk in light only: the phone is the point
        page.set_viewport_size(viewport)
        for scheme in ("light", "dark") if viewport is PHONE else ("light",):
            page.emulate_media(color_scheme=scheme)
            found += [f"{where} at {viewport['width']} px, {scheme}: {item}"
                      for item in describe(axe_violations(page))]
    page.emulate_media(color_scheme="light")
    page.set_viewport_size(PHONE)
    return found


def test_an_attendee_answers_the_survey_in_bulgarian_on_a_phone(bg_page, live_server):
    series = series_create(title_bg="Мостове", title_en="Bridges")
    start = timezone.now() - timedelta(days=1, hours=3)
    event = event_create(series=series, start=start, title_bg="Витрина София")
    talk_create(event=event, speakers=[speaker_create()], title_en="Hydrogen",
                title_bg="Водород")
    talk_create(event=event, speakers=[speaker_create()], title_en="Batteries only in English")
    participant = participant_create(name="Боряна", language="bg")
    registration_create(participant=participant, event=event, attended=True)
    token = links.personal_token(participant=participant)
    page, problems = bg_page, []

    page.goto(f"{live_server.url}/bg/registration/me/{token}/")
    page.get_by_role("link", name="Попълване на анкетата").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Витрина София")
    problems += problems_on(page, "survey")

    page.get_by_label("Водород").check()
    page.get_by_label("Може би").check()
    page.get_by_label("Искате ли да споделите още нещо с организаторите?").fill("Чудесно.")
    page.get_by_role("button", name="Изпрати отговора ми").click()  # no rating
    expect(page.get_by_role("alert").first).to_contain_text("Моля, коригирайте")
    expect(page.locator(".errorlist")).to_have_text("Моля, оценете събитието от 1 до 5.")
    expect(page.get_by_label("Водород")).to_be_checked()  # nothing else lost
    problems += problems_on(page, "survey with an error")

    page.get_by_label("4 – добре").check()
    page.get_by_role("button", name="Изпрати отговора ми").click()
    expect(page.get_by_role("status")).to_contain_text("Благодарим Ви за обратната връзка.")
    expect(page.get_by_label("4 – добре")).to_be_checked()
    expect(page.get_by_role("button", name="Промени отговора ми")).to_be_visible()
    problems += problems_on(page, "survey answered")

    page.goto(f"{live_server.url}/bg/feedback/{event.pk + 1}/{token}/")
    expect(page.get_by_role("alert")).to_contain_text("Не сте били регистрирани")
    problems += problems_on(page, "refusal")

    assert not problems, "\n".join(problems)
