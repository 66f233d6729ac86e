"""The visitor's own time, next to the event's, when their clock reads differently
(events/static/events/local-time.js): in a real browser, in two time zones."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.factories import event_create, series_create

# what the browser checks here (the policy, the layout, the page's weight, local times) does
# not depend on the database: SQLite pass only
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.sqlite_pass_only]

BERLIN = ZoneInfo("Europe/Berlin")


def test_visitor_abroad_sees_their_local_time_and_a_visitor_in_the_events_zone_does_not(
        browser, live_server):
    series = series_create(slug="bridges")
    event_create(series=series, slug="leipzig", time_zone="Europe/Berlin",
                 start=datetime(2032, 3, 4, 10, tzinfo=BERLIN),
                 end=datetime(2032, 3, 4, 13, tzinfo=BERLIN))
    url = f"{live_server.url}/de/series/bridges/events/leipzig/"

    new_york = browser.new_context(locale="de-DE", timezone_id="America/New_York")
    page = new_york.new_page()
    page.goto(url)
    local = page.locator(".facts .local-time")
    expect(local).to_be_visible()
    # in German, as the page: 10:00–13:00 in Leipzig is 04:00–07:00 in New York
    expect(local).to_have_text(re.compile(
        r"^\s*— in Ihrer Zeitzone: Donnerstag, 4\. März, 04:00\s*–\s*07:00( Uhr)? \(.+\)$"))
    expect(page.locator(".facts .zone")).to_have_text("Ortszeit Berlin (MEZ, UTC+1)")
    new_york.close()

    berlin = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    page = berlin.new_page()
    page.goto(url)
    expect(page.locator(".facts .zone")).to_have_text("Ortszeit Berlin (MEZ, UTC+1)")
    expect(page.locator(".facts .local-time")).to_be_hidden()  # nothing said twice
    assert page.evaluate("document.querySelector('.facts .local-time').hidden") is True
    berlin.close()
