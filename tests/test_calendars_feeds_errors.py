"""Calendar files, the news feed, reports, and the answers to bad addresses."""

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.models import Event
from tests.factories import event_create, report_create, series_create

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_event_calendar_file_has_the_event_in_its_own_time_zone(client, settings):
    settings.SITE_URL = "https://events.example.org"
    series = series_create(title_en="SmartCT")
    event = event_create(series=series, slug="sofia", title_en="Sofia", time_zone="Europe/Sofia",
                         start=datetime(2031, 6, 22, 7, 30, tzinfo=UTC),
                         end=datetime(2031, 6, 22, 10, 30, tzinfo=UTC))

    response = client.get(f"/en/series/{series.slug}/events/sofia/calendar.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8; method=PUBLISH"
    assert 'filename="' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    assert vevent["SUMMARY"] == "SmartCT: Sofia"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Sofia"
    assert vevent.decoded("DTSTART") == event.start
    assert vevent.decoded("DTEND") == event.end
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Sofia"]
    assert "meet.example.org" not in response.content.decode()  # the join URL stays secret
    assert vevent["UID"] == f"event-{event.pk}@events.example.org"  # the site's (SITE_URL)


def test_series_calendar_feed_has_every_public_event_and_each_zone(client):
    series = series_create()
    event_create(series=series, time_zone="Europe/Berlin")
    event_create(series=series, time_zone="Europe/Madrid")
    event_create(series=series, status=Event.Status.CANCELLED)
    event_create(series=series, status=Event.Status.DRAFT)

    calendar = Calendar.from_ical(client.get(f"/en/series/{series.slug}/calendar.ics").content)

    statuses = sorted(str(vevent["STATUS"]) for vevent in calendar.walk("VEVENT"))
    assert statuses == ["CANCELLED", "CONFIRMED", "CONFIRMED"]
    assert sorted(tz["TZID"] for tz in calendar.walk("VTIMEZONE")) == [
        "Europe/Berlin", "Europe/Madrid"
    ]


def test_calendar_files_are_stamped_now_and_follow_every_change(client):
    series = series_create(title_en="SmartCT")
    event = event_create(series=series, slug="sofia", title_en="Sofia", time_zone="UTC",
                         venue_en="Sofia Tech Park", format=Event.Format.HYBRID)
    url = f"/en/series/{series.slug}/events/sofia/calendar.ics"
    before = timezone.now().replace(microsecond=0)

    first = Calendar.from_ical(client.get(url).content)
    event.title_en, event.venue_en = "Sofia, moved", "Online"
    event.save()
    second = Calendar.from_ical(client.get(url).content)

    [vevent] = first.walk("VEVENT")
    assert before <= vevent.decoded("DTSTAMP") <= timezone.now()
    assert vevent.decoded("DTSTART").tzinfo is not None and not first.walk("VTIMEZONE")
    assert (vevent["SUMMARY"], vevent["LOCATION"]) == ("SmartCT: Sofia", "Sofia Tech Park")
    [moved] = second.walk("VEVENT")
    assert (moved["SUMMARY"], moved["LOCATION"]) == ("SmartCT: Sofia, moved", "Online")
    assert second["X-WR-CALNAME"] == "Sofia, moved" and second["METHOD"] == "PUBLISH"


def test_report_detail_renders_markdown_and_drops_scripts(client):
    series = series_create()
    report = report_create(series=series, body_en=(
        "37 participants came.\n\n**Bold** and [a link](https://example.org)"
        "<script>alert(1)</script><a href=\"javascript:alert(1)\">x</a>"
    ))

    page = client.get(report.get_absolute_url()).content.decode()

    assert "<strong>Bold</strong>" in page and "37 participants came." in page
    assert 'href="https://example.org"' in page
    assert "<script>alert" not in page and "javascript:" not in page


def test_unpublished_and_future_reports_are_hidden(client):
    series = series_create()
    draft = report_create(series=series, title_en="Draft", is_published=False)
    future = report_create(series=series, title_en="Tomorrow",
                           published_at=timezone.now() + timedelta(days=1))

    listing = client.get(f"/en/series/{series.slug}/reports/").content.decode()

    assert "Draft" not in listing and "Tomorrow" not in listing
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404


def test_atom_feed_lists_published_reports(client):
    series = series_create(title_en="SmartCT")
    report_create(series=series, title_en="Leipzig kick-off", body_en="**37** participants")
    report_create(series=series, title_en="Hidden", is_published=False)

    response = client.get(f"/en/series/{series.slug}/reports/feed.atom")

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 (our own feed)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Leipzig kick-off"]
    assert feed.find(f"{ATOM}title").text == "SmartCT: reports"


@pytest.mark.parametrize("path", [
    "/en/series/nope/",
    "/en/series/nope/events/",
    "/en/series/nope/calendar.ics",
    "/en/speakers/nobody/",
    "/en/organisations/nobody/",
    "/en/series/nope/reports/feed.atom",
    "/en/series/%ZZ/",
    "/en/series/a/b/c/d/e/f/",
    "/fr/series/nope/",
    "/xx-yy/",
    "/en/series/../../etc/passwd",
])
def test_bad_addresses_get_a_not_found_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_unknown_event_of_a_real_series_is_not_found(client):
    series = series_create()
    response = client.get(f"/en/series/{series.slug}/events/nope/")
    assert response.status_code == 404


def test_not_found_page_speaks_german_on_german_addresses(client):
    response = client.get("/de/series/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_server_error_page_is_translated(client, settings):
    from django.template import loader
    from django.utils import translation

    with translation.override("de"):
        assert "Etwas ist schiefgegangen" in loader.render_to_string("500.html")
