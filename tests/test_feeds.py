"""The Atom feed of a series' reports: IRI ids (RFC 4287, 4.2.6), an author, and every report
page names it for feed readers and browsers."""

import re
from xml.etree import ElementTree

import pytest

from tests.factories import organisation_create, report_create, series_create

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
IRI = re.compile(r"^[a-z][a-z0-9+.-]*:\S+$")  # a scheme, then no blanks


@pytest.fixture
def series(settings):
    settings.SITE_URL = "https://events.example.org"
    return series_create(slug="bridges", title_en="Cluster Bridges", organiser=organisation_create(
        name="Cluster Network", website="https://network.example.org/"))


def test_feed_and_entries_have_iri_ids_and_an_author(client, series):
    report = report_create(series=series, title_en="Leipzig kick-off")

    feed = ElementTree.fromstring(  # noqa: S314 (our own feed)
        client.get("/en/series/bridges/reports/feed.atom").content)

    assert feed.find(f"{ATOM}id").text == "https://events.example.org/en/series/bridges/reports/feed.atom"
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Cluster Network"
    assert feed.find(f"{ATOM}author/{ATOM}uri").text == "https://network.example.org/"
    (entry,) = feed.iter(f"{ATOM}entry")
    entry_id = entry.find(f"{ATOM}id").text
    assert IRI.match(entry_id)
    assert entry_id == f"tag:events.example.org,{report.published_at:%Y-%m-%d}:report-{report.pk}"
    # The same report has the same id in every language's feed.
    german = ElementTree.fromstring(  # noqa: S314
        client.get("/de/series/bridges/reports/feed.atom").content)
    assert next(german.iter(f"{ATOM}entry")).find(f"{ATOM}id").text == entry_id


@pytest.mark.parametrize("language", ["en", "bg"])
def test_report_pages_link_their_feed_in_the_head(client, series, language):
    report = report_create(series=series, slug="kick-off")
    feed_link = (re.escape('<link rel="alternate" type="application/atom+xml" title="')
                 + '[^"]+' + re.escape(f'" href="/{language}/series/bridges/reports/feed.atom">'))

    for path in (f"/{language}/series/bridges/reports/",
                 f"/{language}/series/bridges/reports/{report.slug}/"):
        html = client.get(path).content.decode()
        head = html.split("</head>")[0]
        assert re.search(feed_link, head), path
