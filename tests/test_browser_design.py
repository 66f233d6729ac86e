"""Phones and keyboards (issue 11, point 5), in a real browser: no page scrolls sideways on a
320 px phone, and a Bulgarian visitor registers and confirms with the keyboard alone,
seeing where the focus is at every step.

The demo series, as `make run` loads it; Headless Chromium against the live server.
"""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from events.models import Series
from mail.models import Mail
from registrations import links
from registrations.models import Participant
from tests.test_registrations_factories import participant_create, registration_create

# what the browser checks here (the policy, the layout, the page's weight, local times) does
# not depend on the database: SQLite pass only
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.sqlite_pass_only]

SERIES = "/series/smartct-clusters"
VISITOR = "bilyana.keyboard@example.org"


def demo_load() -> Series:
    """The demo series with its privacy notice, as `make run` loads it."""
    call_command("load_demo", stdout=io.StringIO())
    return Series.objects.get(slug="smartct-clusters")


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 320, "height": 700}, locale="bg-BG")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_no_public_or_participant_page_scrolls_sideways_on_a_320px_phone(
    phone_page, live_server
):
    series = demo_load()
    participant = participant_create(
        name="Анастасия Константинова-Петрова", language="bg",
        organisation_name="Софийски технологичен клъстер за градска мобилност ООД")
    for event in series.events.filter(status="published"):
        registration_create(participant=participant, event=event)
    token = links.personal_token(participant=participant)
    report = series.reports.first()
    paths = [f"{SERIES}/", f"{SERIES}/events/", f"{SERIES}/events/leipzig/",
             f"{SERIES}/events/sofia/", f"{SERIES}/register/", f"{SERIES}/participants/",
             f"{SERIES}/reports/", f"{SERIES}/reports/{report.slug}/", "/registration/link/",
             f"/registration/me/{token}/", f"/registration/me/{token}/delete/",
             "/speakers/cristina-garrido/"]
    too_wide = {}
    for path in paths:
        for language in ("bg", "de"):
            response = phone_page.goto(f"{live_server.url}/{language}{path}")
            assert response.status == 200, path
            width = phone_page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                too_wide[f"/{language}{path}"] = width
    assert too_wide == {}


def _focus_is_visible(page) -> bool:
    return page.evaluate("""() => {
        const style = getComputedStyle(document.activeElement);
        return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    }""")


def _tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until `selector` has the focus, checking that every stop shows it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            continue  # the browser's own stop before the page's first link
        assert _focus_is_visible(page), page.evaluate("document.activeElement.outerHTML")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_visitor_registers_and_confirms_with_the_keyboard_alone(browser, live_server, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = live_server.url
    demo_load()
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="bg-BG")
    page = context.new_page()
    page.set_default_timeout(10_000)

    # From the event page: the Register button is reached by Tab and pressed with Enter.
    page.goto(f"{live_server.url}/bg{SERIES}/events/sofia/")
    _tab_to(page, ".key-facts a.button")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/bg/series/smartct-clusters/register/\?event=sofia$"))

    # The form, field by field: type into the text fields (the countries too), choose the
    # organisation's kind with the arrow keys.
    _tab_to(page, "input[name=email]")
    page.keyboard.type(VISITOR)
    _tab_to(page, "input[name=name]")
    page.keyboard.type("Биляна Клавиатурова")
    _tab_to(page, "[name=country]")
    page.keyboard.type("България")
    _tab_to(page, "input[name=organisation_name]")
    page.keyboard.type("Клавиатура ООД")
    _tab_to(page, "[name=organisation_kind]")
    page.keyboard.press("ArrowDown")
    _tab_to(page, "[name=organisation_country]")
    page.keyboard.type("Германия")
    _tab_to(page, "input[name=consent]")
    page.keyboard.press("Space")
    _tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/bg/series/smartct-clusters/register/sent/$"))

    # The worker writes the mail; its link opens a page whose button Enter presses.
    call_command("db_worker", queue_name="registrations", batch=True, reload=False,
                 startup_delay=False, verbosity=0)
    mail = Mail.objects.get(to=VISITOR, cause__contains=":confirm-request:")
    confirm = re.search(r"https?://\S+/registration/confirm/\S+/", mail.text)[0]
    page.goto(live_server.url + urlsplit(confirm).path)
    _tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/bg/registration/me/[^/]+/$"))
    assert Participant.objects.get(email=VISITOR).confirmed_at is not None
    expect(page.locator("table.registrations tbody tr")).to_have_count(1)
    context.close()
