"""The set-up pages in a real browser (Chromium): an organiser reorders themes with htmx
in Bulgarian on a tablet, and no set-up or audit page scrolls sideways on a phone."""

import os

import pytest
from django.test import Client
from playwright.sync_api import expect

from orga.services.audit import audit_record
from tests.factories import theme_create
from tests.orga_world import orga_world

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass_only,
              pytest.mark.django_db(transaction=True)]


def _logged_in(browser, live_server, user, width: int):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="bg-BG")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_themes_move_in_place_with_htmx_in_bulgarian(browser, live_server):
    world = orga_world()
    theme_create(series=world.series, slug="energy", name_en="Energy", name_bg="Енергия",
                 position=1)
    context, page = _logged_in(browser, live_server, world.users["organiser"], 768)
    page.goto(f"{live_server.url}/bg/orga/series/connect/themes/")
    page.evaluate("window.notReloaded = true")

    page.get_by_role("button", name="Преместване на Mobility надолу").click()

    expect(page.locator("#parts tbody tr td a").first).to_have_text("Енергия")
    assert page.evaluate("window.notReloaded") is True  # swapped in place, not a new page
    assert list(world.series.themes.order_by("position").values_list("slug", flat=True)) == [
        "energy", "mobility"]
    context.close()


@pytest.mark.parametrize("width", [360, 768])
def test_no_set_up_page_scrolls_sideways(browser, live_server, width):
    world = orga_world()
    long_text = "Ein sehr langer Beschreibungstext ohne Ende " * 8
    audit_record(series=world.series, actor=world.users["organiser"], action="series.update",
                 obj=world.series, changes={"description_de": (None, long_text),
                                            "content_languages": (["en"], ["en", "de", "bg"])})
    audit_record(series=world.series, actor=world.users["leipzig"], action="event.publish",
                 obj=world.leipzig_event)
    context, page = _logged_in(browser, live_server, world.users["organiser"], width)
    base = f"{live_server.url}/bg/orga/series"
    paths = ["/new/", *(f"/connect{path}" for path in [
             "/settings/", "/themes/", "/regions/", f"/regions/{world.leipzig_region.pk}/",
             f"/regions/{world.leipzig_region.pk}/delete/", "/privacy/", "/team/",
             "/audit/"])]
    too_wide = {}
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, path
        if os.environ.get("ORGA_SCREENSHOTS"):
            name = path.strip("/").replace("/", "-") or "settings"
            page.screenshot(path=f"{os.environ['ORGA_SCREENSHOTS']}/{width}-{name}.png",
                            full_page=True)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            too_wide[path] = scroll
    assert too_wide == {}
    context.close()
