"""Every page of the organiser workspace, in German and Bulgarian (the account's pages in
all five languages), on a desk and on a tablet, light and dark: axe-core finds no
accessibility violation of any impact (at both widths in German and Bulgarian, in the dark
scheme too on the desk; on the desk in light in the others), the page never scrolls
sideways at 768 or 390 px, and it carries no interface text of another language.

The pages come from the permission matrix (tests/orga_cases_*.py): each GET case whose
expectation is OK for the organiser, and for the Leipzig coordinator, is loaded as that
persona, so that a page an area adds is checked as soon as it has its permission cases.
The account's pages (login, the code step, the second factor's setup and its page once on,
the password reset's) are loaded by the people who meet them.

Each persona's session is made once (Django's test client logs in) and handed to one
browser context per language; the viewport and the colour scheme change on the loaded page
and axe-core (vendored, tests/vendor) runs again. The pages do not depend on the database:
SQLite pass only, as tests/test_browser_matrix.py.
"""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from events.models import Organisation, Speaker, Talk
from registrations.models import Participant
from tests.catalogue_leaks import leaks, page_texts
from tests.orga_cases import OK
from tests.orga_world import World, orga_world, user_create
from tests.test_browser_matrix import _SIDEWAYS_JS, AXE_SCRIPT, AXE_VERSION, describe
from tests.test_orga_permissions import CASES

pytestmark = [
    pytest.mark.browser, pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "postgresql",
                       reason="the pages look the same on every database: SQLite pass only"),
]

LANGUAGES = ["de", "en", "es", "it", "bg"]
DESKTOP = {"width": 1280, "height": 800}
TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 390, "height": 844}
SCHEMES = ["light", "dark"]
# axe-core at both widths (and on the desk in both schemes) in the languages of the longest
# words and of another script; in the others once (desk, light): what it checks (labels,
# contrast, structure) does not change with the words, and the run costs about 0.2 s a
# time. The words' length (sideways scroll) and their language are checked in every
# language.
AXE_EVERYWHERE = ("de", "bg")
# who loads the pages: two personas of the matrix, and the account's visitors
VISITORS = ["organiser", "leipzig", "account"]


@dataclass(frozen=True)
class Shown:
    name: str
    url: str          # with the language's prefix
    session: str      # the session cookie's value ("" for nobody logged in)


def _session(user, *, device: TOTPDevice | None = None) -> str:
    client = Client()
    client.force_login(user)
    if device is not None:  # the code given: a verified session
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client.cookies[settings.SESSION_COOKIE_NAME].value


# (persona, case id) → True: a whole page at its own address, False: no page (a download,
# an htmx fragment); a case that redirects is not kept and asked again. What a case answers
# does not depend on the language: the test of the next language in this process does not
# ask the server for it again (the browser loads it anyway).
_PAGE_KINDS: dict[tuple[str, str], bool] = {}


def _matrix_pages(world: World, persona: str, language: str) -> list[Shown]:
    """The persona's pages of the matrix: the GET cases it may open that answer with a whole
    HTML page (a redirect is followed; downloads and htmx fragments are no pages)."""
    client = Client()
    client.force_login(world.users[persona])
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    shown = []
    with translation.override(language):
        for case in CASES:
            if case.method != "get":
                continue
            kwargs = case.kwargs(world)
            if case.expected(persona, world, kwargs) != OK:
                continue
            url = reverse(f"orga:{case.name}", kwargs=kwargs)
            known = _PAGE_KINDS.get((persona, case.id))
            if known is not None:
                if known:
                    shown.append(Shown(case.id, url, session))
                continue
            response = client.get(url, follow=True)
            page = (response.status_code == 200 and response["Content-Type"].startswith(
                "text/html") and response.content[:15].lower() == b"<!doctype html>")
            if not response.redirect_chain:
                _PAGE_KINDS[persona, case.id] = page
            if page:
                query = response.request.get("QUERY_STRING", "")
                shown.append(Shown(case.id, response.request["PATH_INFO"]
                                   + (f"?{query}" if query else ""), session))
        shown.append(Shown("two-factor setup", reverse("orga:two_factor"), session))
    return shown


def _account_pages(world: World, language: str) -> list[Shown]:
    """The pages of logging in and of a forgotten password, the code step (a session that
    gave the password) and the second factor's page once it is on (a verified session)."""
    vera = user_create("vera")
    device = TOTPDevice.objects.create(user=vera, name="TOTP", confirmed=True)
    uid = urlsafe_base64_encode(force_bytes(vera.pk))
    with translation.override(language):
        return [
            Shown("login", reverse("orga:login"), ""),
            Shown("password reset", reverse("orga:password_reset"), ""),
            Shown("password reset sent", reverse("orga:password_reset_done"), ""),
            Shown("new password", reverse("orga:password_reset_confirm", kwargs={
                "uidb64": uid, "token": default_token_generator.make_token(vera)}), ""),
            Shown("expired reset link", reverse("orga:password_reset_confirm", kwargs={
                "uidb64": uid, "token": "a-0123456789abcdef0123"}), ""),
            Shown("new password set", reverse("orga:password_reset_complete"), ""),
            Shown("code step", reverse("orga:login_verify"), _session(vera)),
            Shown("two-factor on", reverse("orga:two_factor"), _session(vera, device=device)),
        ]


def _content_names(world: World) -> tuple[str, ...]:
    """What the world's people and organisers wrote (titles, names; the speakers' and their
    organisations' names, "Organisation 3" of tests/factories.py, the participants'
    organisations, "Company 3"): not interface text."""
    names = [world.series.title, world.other_series.title, world.leipzig_event.title,
             world.sofia_event.title, world.other_event.title, world.leipzig_region.name,
             world.sofia_region.name, world.extra["theme"].name,
             world.leipzig_participant.name, world.sofia_participant.name,
             *Talk.objects.values_list("title_en", flat=True),
             *Speaker.objects.values_list("name", flat=True),
             *Organisation.objects.values_list("name", flat=True),
             *Participant.objects.values_list("organisation_name", flat=True)]
    return tuple(sorted({name for name in names if name}, key=len, reverse=True))


def axe_violations(page) -> list[dict]:
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


# the languages in which the organiser loads every page of the workspace: the longest words
# and the other script. A string left untranslated (English) or of a wrong catalogue shows
# on their pages as text of another language, and an untranslated entry of the Spanish or
# Italian catalogue fails tests/test_catalogues.py; so English, Spanish and Italian added a
# minute and a half of browser time each for nothing these two do not find (the account's
# pages still run in all five, the public site's in tests/test_browser_matrix.py too).
ORGANISER_LANGUAGES = ("de", "bg")


def _visits() -> list[tuple[str, str]]:
    """(language, visitor): the organiser in ORGANISER_LANGUAGES, the account's visitors in
    every language; the coordinator, whose pages are the organiser's with less on them, in
    Bulgarian (the other script, and words as long as German's)."""
    wanted = {"organiser": ORGANISER_LANGUAGES, "leipzig": ("bg",), "account": LANGUAGES}
    return [(language, visitor) for visitor in VISITORS for language in LANGUAGES
            if language in wanted[visitor]]


@pytest.mark.parametrize(("language", "visitor"), _visits())
def test_every_workspace_page_is_accessible_in_every_language(browser, live_server, language,
                                                               visitor):
    world = orga_world()
    shown_pages = (_account_pages(world, language) if visitor == "account"
                   else _matrix_pages(world, visitor, language))
    allowed = _content_names(world)
    context = browser.new_context(locale=language, bypass_csp=True, viewport=DESKTOP)
    context.add_init_script(path=str(AXE_SCRIPT))
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    for shown in shown_pages:
        context.clear_cookies()
        if shown.session:
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": shown.session,
                                  "url": live_server.url}])
        page.set_viewport_size(DESKTOP)
        page.emulate_media(color_scheme="light")
        response = page.goto(live_server.url + shown.url)
        where = f"{shown.name} ({shown.url})"
        assert response.status == 200, (where, response.status, page.url)
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert page.evaluate("axe.version") == AXE_VERSION
        for found in leaks(page_texts(page, language=language), language=language,
                           allowed=allowed):
            problems.append(f"{where}: text of another language: {found}")
        for viewport in (DESKTOP, TABLET, PHONE):
            page.set_viewport_size(viewport)
            if viewport is not DESKTOP:
                sideways = page.evaluate(_SIDEWAYS_JS)
                if sideways:
                    problems.append(f"{where} at {viewport['width']} px scrolls sideways "
                                    f"(scrollWidth {sideways['scrollWidth']}): "
                                    + ", ".join(sideways["culprits"]))
            if viewport is PHONE or (viewport is TABLET and language not in AXE_EVERYWHERE):
                continue
            for scheme in (SCHEMES if language in AXE_EVERYWHERE and viewport is DESKTOP
                           else ["light"]):  # the colours do not change with the width
                page.emulate_media(color_scheme=scheme)
                for found in describe(axe_violations(page)):
                    problems.append(f"{where} at {viewport['width']} px, {scheme}: {found}")
            page.emulate_media(color_scheme="light")
    context.close()

    assert not problems, (f"{len(problems)} problems for {visitor} in {language}:\n"
                          + "\n".join(problems))
