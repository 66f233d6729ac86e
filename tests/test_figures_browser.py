"""The dashboards printed: on A4 (the width between the print margins) there is no
navigation and no button, and every chart and table fits the page's width."""

import os

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.orga_cases_figures import _event, counted_world
from tests.orga_world import orga_world

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass_only,
              pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("FIGURES_SHOTS", "")  # a folder for screenshots, when looking
A4_INSIDE_MARGINS = {"width": 688, "height": 1000}  # 210 mm − 2 × 14 mm at 96 px per inch

TOO_WIDE_JS = """
() => [...document.querySelectorAll('svg, table, .figure-facts')]
  .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
  .map((element) => element.tagName + ' ' + element.getAttribute('class'))
"""


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_dashboards_print_on_a4_without_navigation(browser, live_server, language):
    world = orga_world()
    client = Client()
    client.force_login(world.users["organiser"])
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    with translation.override(language):
        urls = [reverse("orga:figures", kwargs=counted_world(world)),
                reverse("orga:event_figures", kwargs=_event(world))]
    context = browser.new_context(viewport=A4_INSIDE_MARGINS)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session,
                          "url": live_server.url}])
    page = context.new_page()
    page.emulate_media(media="print")
    for url in urls:
        page.goto(live_server.url + url)

        assert page.locator(".orga-nav").is_hidden()
        assert page.locator(".figures .button-row").first.is_hidden()
        assert page.locator("svg.chart").count() >= 8
        assert page.evaluate(TOO_WIDE_JS) == [], url
        assert page.evaluate("document.documentElement.scrollWidth") <= 688, url
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/print-{language}-{len(url)}.png", full_page=True)
            page.emulate_media(media="screen", color_scheme="dark")
            page.set_viewport_size({"width": 1280, "height": 900})
            page.screenshot(path=f"{SHOTS}/dark-{language}-{len(url)}.png", full_page=True)
            page.emulate_media(media="print", color_scheme="light")
            page.set_viewport_size(A4_INSIDE_MARGINS)
    context.close()
