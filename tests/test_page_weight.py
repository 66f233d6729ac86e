"""A first visit to an event page stays light: at most 150 KB in at most 8 requests.

Headless Chromium with an empty cache (a new browser context) loads the Leipzig event page of
the demo from pytest-django's live server and adds up what it transferred: the HTML, the
stylesheets, the fonts, the images of the page's own design (speakers' photos and
organisations' logos, uploaded media, aside), whatever it asked for until the network was
idle. The live server sends everything uncompressed, so this is an upper bound of what a
deployed site (whitenoise's compressed static files) transfers; bench/page_weight prints
the figures as deployed.
"""

import pytest

from events.demo import demo_load

# what the browser checks here (the policy, the layout, the page's weight, local times) does
# not depend on the database: SQLite pass only
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.sqlite_pass_only]

BUDGET_BYTES = 150_000
BUDGET_REQUESTS = 8
LEIPZIG = "/series/smartct-clusters/events/leipzig/"


def first_visit(browser, url: str, *, site: str, media_url: str) -> list[tuple[str, int]]:
    """(address, bytes transferred: headers and body as sent) of every request of the page
    but uploaded media, loaded with an empty cache until its fonts are in and the network
    is idle."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    finished, failed = [], []
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("requestfailed", lambda request: failed.append(request))
    try:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200
        page.evaluate("document.fonts.ready.then(() => document.fonts.size)")
        page.wait_for_load_state("networkidle")
        loaded = []
        for request in finished:
            assert request.url.startswith(site), f"a request off the site: {request.url}"
            if request.url.startswith(site + media_url):
                continue
            sizes = request.sizes()
            loaded.append((request.url.removeprefix(site),
                           sizes["responseHeadersSize"] + sizes["responseBodySize"]))
        assert not failed, [request.url for request in failed]
        return loaded
    finally:
        context.close()


def test_first_visit_to_an_event_page_stays_within_150_kb_in_8_requests(
        browser, live_server, settings):
    demo_load()
    for language in ("en", "bg"):  # Bulgarian needs the Cyrillic glyphs too
        loaded = first_visit(browser, f"{live_server.url}/{language}{LEIPZIG}",
                             site=live_server.url, media_url=settings.MEDIA_URL)

        listing = "\n".join(f"{size:>8}  {url}" for url, size in loaded)
        total = sum(size for _url, size in loaded)
        assert f"/{language}{LEIPZIG}" in [url for url, _size in loaded]  # the HTML counts
        assert any(url.endswith(".css") for url, _size in loaded)
        assert len(loaded) <= BUDGET_REQUESTS, f"{language}: {len(loaded)} requests:\n{listing}"
        assert total <= BUDGET_BYTES, f"{language}: {total} bytes:\n{listing}"
