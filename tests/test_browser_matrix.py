"""Every public and participant page, in every language, on a desk and on a phone, light
and dark: axe-core finds no accessibility violation of any impact, and no page scrolls
sideways from 320 px upwards.

Each page is loaded once per language; the viewport and the colour scheme then change on
the loaded page (media queries apply at once), and axe-core (vendored in tests/vendor/)
runs again. The pages send `script-src 'self'`, which refuses the script Playwright
injects, so the matrix's browser context bypasses the policy; the first test shows the
policy at work.

The demo series is loaded as `make run` loads it; a pending and a confirmed participant of
it open the confirmation and the personal pages. The matrix does not depend on the
database, so it runs in the SQLite pass of the suite only (see `pytestmark`).
"""

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from events.models import Event, Series, Speaker
from registrations import links, services
from registrations.models import ConsentText
from tests.test_registrations_factories import participant_data

pytestmark = [
    pytest.mark.browser, pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "postgresql",
                       reason="the pages look the same on every database: SQLite pass only"),
]

AXE_VERSION = "4.14.1"
AXE_SCRIPT = Path(__file__).parent / "vendor" / f"axe-core-{AXE_VERSION}" / "axe.min.js"
LANGUAGES = ["de", "en", "es", "it", "bg"]
DESKTOP = {"width": 1280, "height": 800}
PHONE_HEIGHT = 740
AXE_WIDTHS = [DESKTOP["width"], 375]
SCROLL_WIDTHS = [320, 375, 390]
SCHEMES = ["light", "dark"]
TOKEN = re.compile(r"/(confirm|me)/[^/]+/")  # kept out of the report


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    status: int = 200


@pytest.fixture
def pages(live_server, settings) -> list[Page]:
    """The pages, by path below the language prefix, with what they show filled in."""
    settings.SITE_URL = live_server.url
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 20  # for the 400 page
    call_command("load_demo", stdout=io.StringIO())
    series = Series.objects.get()
    event = (series.events.filter(status=Event.Status.PUBLISHED, talks__speakers__isnull=False)
             .order_by("start").first())
    speaker = Speaker.objects.filter(talks__event=event).order_by("talk_links__position").first()
    organisation = speaker.organisation
    report = series.reports.order_by("-published_at").first()
    consent = ConsentText.objects.filter(series=series).latest()
    upcoming = list(series.events.upcoming())
    pending = services.registration_request(
        series=series, consent=consent, events=upcoming,
        data=participant_data(email="petra.pending@example.org", name="Petra Pending"))
    confirmed = services.registration_request(
        series=series, consent=consent, events=upcoming,
        data=participant_data(email="carla.confirmed@example.org", name="Carla Confirmed"))
    services.registration_confirm(participant_id=confirmed.pk, nonce=confirmed.confirm_nonce)
    personal = links.personal_token(participant=confirmed)
    many_fields = "&".join(f"x{number}=1" for number in range(30))
    return [
        Page("series", f"/series/{series.slug}/"),
        Page("event list", f"/series/{series.slug}/events/"),
        Page("event detail", f"/series/{series.slug}/events/{event.slug}/"),
        Page("speaker", f"/speakers/{speaker.slug}/"),
        Page("organisation", f"/organisations/{organisation.slug}/"),
        Page("report list", f"/series/{series.slug}/reports/"),
        Page("report detail", f"/series/{series.slug}/reports/{report.slug}/"),
        Page("participant list", f"/series/{series.slug}/participants/"),
        Page("register", f"/series/{series.slug}/register/"),
        Page("register sent", f"/series/{series.slug}/register/sent/"),
        Page("link request", "/registration/link/"),
        Page("link sent", "/registration/link/sent/"),
        Page("confirm", f"/registration/confirm/{links.confirm_token(participant=pending)}/"),
        Page("personal page", f"/registration/me/{personal}/"),
        Page("delete", f"/registration/me/{personal}/delete/"),
        Page("broken link", f"/registration/me/{personal[:-4]}xxxx/", 400),
        Page("not found (404)", f"/series/{series.slug}/no-such-page/", 404),
        Page("bad request (400)", f"/series/{series.slug}/events/?{many_fields}", 400),
    ]


@pytest.fixture(scope="module")
def axe_context(browser):
    """One context for the whole matrix, axe-core loaded into every page it opens (an
    init script: injecting it into each loaded page cost half a second a page)."""
    context = browser.new_context(locale="en-GB", bypass_csp=True, viewport=DESKTOP)
    context.add_init_script(path=str(AXE_SCRIPT))
    yield context
    context.close()


def axe_violations(page) -> list[dict]:
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def describe(violations: list[dict]) -> list[str]:
    return [f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            for violation in violations]


# What sticks out on the right (for the report of a failure): the outermost element that
# does, and the innermost one inside it that does, by how many pixels.
_SIDEWAYS_JS = """
() => {
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth <= width) return null;
  const out = (element) => element.getBoundingClientRect().right > width + 0.5;
  const name = (element) => element.tagName.toLowerCase()
    + (element.id ? '#' + element.id : '')
    + [...element.classList].map((c) => '.' + c).join('')
    + (element.name ? `[name=${element.name}]` : '');
  const culprits = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (!out(element) || out(element.parentElement)) continue;
    let inner = element;
    for (;;) {
      const next = [...inner.children].find(out);
      if (!next) break;
      inner = next;
    }
    const by = Math.round(element.getBoundingClientRect().right - width);
    culprits.push(name(element) + (inner === element ? '' : ' > … ' + name(inner))
                  + ` by ${by}px`);
  }
  return {scrollWidth: document.documentElement.scrollWidth,
          culprits: [...new Set(culprits)].slice(0, 4)};
}
"""


def test_pages_refuse_injected_inline_scripts(page, live_server):
    call_command("load_demo", stdout=io.StringIO())
    page.goto(f"{live_server.url}/en/series/{Series.objects.get().slug}/")

    with pytest.raises(PlaywrightError, match="Content Security Policy"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    assert page.evaluate("typeof window.axe") == "undefined"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_accessible_and_never_scrolls_sideways(axe_context, live_server, pages,
                                                             language):
    page = axe_context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    for shown in pages:
        url = f"/{language}{shown.path}"
        where = "{} ({})".format(shown.name, TOKEN.sub(r"/\1/<token>/", url))
        page.set_viewport_size(DESKTOP)
        page.emulate_media(color_scheme="light")
        response = page.goto(live_server.url + url)
        assert response.status == shown.status, url
        expect(page.locator("html")).to_have_attribute("lang", language)
        # Contrast is only judged fairly with the stylesheet applied.
        assert page.evaluate("document.styleSheets[0].cssRules.length") > 0, url
        assert page.evaluate("axe.version") == AXE_VERSION

        for width in sorted({*SCROLL_WIDTHS, *AXE_WIDTHS}):
            page.set_viewport_size({"width": width, "height": (
                DESKTOP["height"] if width == DESKTOP["width"] else PHONE_HEIGHT)})
            if width in SCROLL_WIDTHS:
                sideways = page.evaluate(_SIDEWAYS_JS)
                if sideways:
                    problems.append(
                        f"{where} at {width} px scrolls sideways "
                        f"(scrollWidth {sideways['scrollWidth']}): "
                        + ", ".join(sideways["culprits"]))
            if width not in AXE_WIDTHS:
                continue
            for scheme in SCHEMES:
                page.emulate_media(color_scheme=scheme)
                for found in describe(axe_violations(page)):
                    problems.append(f"{where} at {width} px, {scheme}: {found}")
            page.emulate_media(color_scheme="light")
    page.close()

    assert not problems, f"{len(problems)} problems in {language}:\n" + "\n".join(problems)
