"""Accessibility of the public pages, checked with axe-core in headless Chromium.

axe-core is vendored from the npm registry (tests/vendor/, see its README). The pages send
`script-src 'self'`, which refuses the inline script Playwright injects, so the axe check
runs in a browser context with `bypass_csp=True`; the first test shows the policy at work.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from events.demo import demo_load
from events.models import Series

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_VERSION = "4.14.1"
AXE_SCRIPT = Path(__file__).parent / "vendor" / f"axe-core-{AXE_VERSION}" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}

PUBLIC_PAGES = {
    "series": ("/series/smartct-clusters/", 200),
    "event list": ("/series/smartct-clusters/events/", 200),
    "event detail": ("/series/smartct-clusters/events/leipzig/", 200),
    "speaker": ("/speakers/cristina-garrido/", 200),
    "organisation": ("/organisations/clevershuttle/", 200),
    "report list": ("/series/smartct-clusters/reports/", 200),
    "report detail": ("/series/smartct-clusters/reports/{report}/", 200),
    "not found": ("/series/no-such-series/", 404),
}


@pytest.fixture
def demo(live_server) -> Series:
    return demo_load()


@pytest.fixture
def axe_page(browser):
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE_SCRIPT))
    assert page.evaluate("axe.version") == AXE_VERSION
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return results["violations"]


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"])
        for violation in violations
    )


def test_pages_refuse_injected_inline_scripts(page, live_server, demo):
    page.goto(f"{live_server.url}/en/series/smartct-clusters/")

    with pytest.raises(PlaywrightError, match="Content Security Policy"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    assert page.evaluate("typeof window.axe") == "undefined"


@pytest.mark.parametrize("language", ["en", "de"])
def test_public_pages_have_no_serious_accessibility_violations(axe_page, live_server, demo,
                                                               language):
    report = demo.reports.get()
    blocking = {}

    for name, (path, status) in PUBLIC_PAGES.items():
        url = f"/{language}{path.format(report=report.slug)}"
        response = axe_page.goto(live_server.url + url)
        assert response.status == status, url
        expect(axe_page.locator("html")).to_have_attribute("lang", language)
        # Contrast is only judged fairly with the stylesheet applied.
        assert axe_page.evaluate("document.styleSheets[0].cssRules.length") > 0, url
        violations = [v for v in axe_violations(axe_page) if v["impact"] in BLOCKING_IMPACTS]
        if violations:
            blocking[f"{name} page ({url})"] = describe(violations)

    assert not blocking, "\n".join(f"{page}:\n{found}" for page, found in blocking.items())
