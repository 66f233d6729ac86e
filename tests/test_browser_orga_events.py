"""An event's pages in the workspace, in Bulgarian, on a phone, a tablet and a desk, light
and dark: axe-core finds no violation, no page scrolls sideways. (SQLite pass only: the
pages look the same on every database.)"""

import os

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from events.models import Event
from tests.factories import event_create
from tests.orga_world import orga_world
from tests.test_browser_matrix import _SIDEWAYS_JS, AXE_SCRIPT, axe_violations, describe

pytestmark = [
    pytest.mark.browser, pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "postgresql",
                       reason="the pages look the same on every database: SQLite pass only"),
]

WIDTHS = [375, 768, 1280]
SCREENSHOTS = os.environ.get("ORGA_SCREENSHOTS")  # a folder to keep screenshots in


def test_event_pages_are_accessible_in_bulgarian_at_every_width(browser, live_server):
    world = orga_world()
    draft = event_create(series=world.series, region=world.sofia_region, slug="draft",
                         status=Event.Status.DRAFT, title_bg="Чернова на събитие")
    client = Client()
    client.force_login(world.users["organiser"])
    context = browser.new_context(locale="bg-BG", bypass_csp=True)
    context.add_init_script(path=str(AXE_SCRIPT))
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    page = context.new_page()
    base = f"{live_server.url}/bg/orga/series/{world.series.slug}/events"
    leipzig = world.leipzig_event.pk
    paths = {"detail": f"{leipzig}/", "edit": f"{leipzig}/edit/", "new": "new/",
             "duplicate": f"{leipzig}/duplicate/", "publish": f"{draft.pk}/publish/",
             "unpublish": f"{leipzig}/unpublish/", "cancel": f"{leipzig}/cancel/"}
    problems = []
    for name, path in paths.items():
        page.set_viewport_size({"width": 1280, "height": 800})
        response = page.goto(f"{base}/{path}")
        assert response.status == 200, name
        assert page.locator("html").get_attribute("lang") == "bg"
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            if sideways := page.evaluate(_SIDEWAYS_JS):
                problems.append(f"{name} at {width} px scrolls sideways: {sideways}")
            if SCREENSHOTS:
                page.screenshot(path=f"{SCREENSHOTS}/{name}-{width}.png", full_page=True)
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)
                problems += [f"{name} at {width} px, {scheme}: {found}"
                             for found in describe(axe_violations(page))]
            page.emulate_media(color_scheme="light")
    context.close()

    assert problems == []
