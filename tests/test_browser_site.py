"""The public site in a real browser: a visitor's way from the series to a calendar file.

Headless Chromium (Debian's, through Playwright) against pytest-django's live server, with
the demo series of the seed loaded as `make run` loads it.
"""

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright.sync_api import expect

from events.demo import demo_load
from events.models import Series

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIES_PATH = "/series/smartct-clusters/"
LEIPZIG_PATH = "/series/smartct-clusters/events/leipzig/"
BERLIN = ZoneInfo("Europe/Berlin")
LEIPZIG_SPEAKERS = [  # the moderator's welcome, then the seed's speakers (a break after two)
    "Katrin Vogel", "Cristina Garrido", "Sebastian Graetz", "Moritz Oesterlink", "Uwe Fischer",
    "Iñigo Larraondo",
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(live_server) -> Series:
    return demo_load()


def test_visitor_goes_from_series_to_leipzig_agenda_in_german_and_downloads_calendar(
    page, live_server, demo
):
    sofia = demo.events.get(slug="sofia")
    leipzig = demo.events.get(slug="leipzig")
    talks = list(leipzig.talks.order_by("order"))

    # The series page puts the next event first, in the first screenful.
    page.goto(f"{live_server.url}/en{SERIES_PATH}")
    expect(page.locator("main h2").first).to_have_text("Next event")
    next_event = page.get_by_role("region", name="Next event")
    expect(next_event.get_by_role("heading", name=sofia.title_en)).to_be_visible()
    expect(next_event).to_be_in_viewport()

    # Leipzig lies in the past; its card leads to the event page.
    past = page.get_by_role("region", name="Past events")
    past.get_by_role("link", name=leipzig.title_en, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/en{LEIPZIG_PATH}")
    expect(page.get_by_role("heading", level=1)).to_have_text(leipzig.title_en)

    # The agenda: a welcome, then the seed's speakers in order, keynote first, a break,
    # times in Berlin time.
    agenda = page.get_by_role("region", name="Agenda")
    items = agenda.locator(".agenda > li")
    expect(items).to_have_count(len(talks))
    expect(items.locator(".speakers li div > a:first-child")).to_have_text(LEIPZIG_SPEAKERS)
    expect(items.locator(".agenda-kind")).to_have_text(
        ["Welcome", "Keynote", "Break"] + ["Talk"] * 4)
    expect(items.locator(".agenda-time")).to_have_text([
        f"{talk.start.astimezone(BERLIN):%H:%M}–{talk.end.astimezone(BERLIN):%H:%M}"
        for talk in talks
    ])
    shown_starts = [datetime.fromisoformat(value) for value in
                    items.locator(".agenda-time time:first-child").evaluate_all(
                        "times => times.map(time => time.dateTime)")]
    assert shown_starts == [talk.start for talk in talks]
    assert shown_starts == sorted(shown_starts)
    expect(agenda).to_contain_text(re.compile(r"All times: Berlin time \(CES?T, UTC\+[12]\)\."))
    expect(page.locator(".facts .zone")).to_have_text(
        re.compile(r"^Berlin time \(CES?T, UTC\+[12]\)$"))

    # The language switch in the header leads to the same page in German.
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Deutsch").click()
    expect(page).to_have_url(f"{live_server.url}/de{LEIPZIG_PATH}")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", level=1)).to_have_text(leipzig.title_de)
    expect(page.get_by_role("heading", name="Programm", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=talks[1].title_de, exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"Alle Zeiten: Ortszeit Berlin \(MES?Z, UTC\+[12]\)\."))
           ).to_be_visible()

    # "Add to calendar" downloads one event in Berlin time, with its time zone described.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="In den Kalender eintragen (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == "smartct-clusters-leipzig.ics"
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert vevent.decoded("DTSTART") == leipzig.start
    assert str(vevent.decoded("DTSTART").tzinfo) == "Europe/Berlin"
    assert vevent.decoded("DTEND") == leipzig.end
    assert str(vevent["SUMMARY"]) == f"{demo.title_de}: {leipzig.title_de}"
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


OVERFLOW_SCRIPT = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
        .filter(element => element.getBoundingClientRect().right > width + 0.5)
        .map(element => element.tagName.toLowerCase()
             + (element.className ? '.' + [...element.classList].join('.') : ''));
    return {scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth,
            wide: wide.slice(0, 5)};
}"""


def test_pages_on_a_phone_have_no_horizontal_scroll(browser, live_server, demo):
    report = demo.reports.get()
    paths = [SERIES_PATH, "/series/smartct-clusters/events/", LEIPZIG_PATH,
             "/speakers/inigo-larraondo/", "/organisations/clevershuttle/",
             f"/series/smartct-clusters/reports/{report.slug}/"]
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  device_scale_factor=3, locale="de-DE")
    page = context.new_page()
    overflowing = {}
    try:
        for language in ("en", "de"):
            for path in paths:
                response = page.goto(f"{live_server.url}/{language}{path}")
                assert response.status == 200, path
                measured = page.evaluate(OVERFLOW_SCRIPT)
                # A mobile browser zooms out to fit overflowing content, which would widen
                # innerWidth: the page must stay at the phone's own 390 CSS pixels.
                if not (measured["scrollWidth"] <= measured["innerWidth"] == PHONE["width"]):
                    overflowing[f"/{language}{path}"] = measured
    finally:
        context.close()

    assert overflowing == {}
