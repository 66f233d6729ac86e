"""What search engines and browsers ask the site for by name: /sitemap.xml (the published
pages in every language, with their alternates), /robots.txt (the sitemap; the admin and the
personal addresses kept out) and the icons."""

import io
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from events.models import Event
from tests.factories import (
    event_create,
    organisation_create,
    region_create,
    report_create,
    series_create,
    speaker_create,
    talk_create,
)

pytestmark = pytest.mark.django_db

SITE = "https://events.example.org"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def content():
    """A published series with a published event (a talk, a speaker, a region's coordinator)
    and a published report, beside what must stay out of the sitemap: a draft and a
    cancelled event, a speaker and an organisation seen only there, an unpublished and a
    future report, and a whole unpublished series."""
    coordinator = organisation_create(slug="coordinator")
    series = series_create(slug="smartct", organiser=organisation_create(slug="organiser"))
    region = region_create(series=series, coordinator=coordinator)
    published = event_create(series=series, slug="leipzig", region=region)
    talk_create(event=published, speakers=[speaker_create(
        slug="public-speaker", organisation=organisation_create(slug="speakers-company"))])
    draft = event_create(series=series, slug="draft", status=Event.Status.DRAFT)
    talk_create(event=draft, speakers=[speaker_create(
        slug="draft-speaker", organisation=organisation_create(slug="draft-company"))])
    event_create(series=series, slug="cancelled", status=Event.Status.CANCELLED)
    report_create(series=series, slug="review")
    report_create(series=series, slug="unpublished", is_published=False)
    report_create(series=series, slug="future", published_at=timezone.now() + timedelta(days=1))
    hidden = series_create(slug="hidden", is_published=False,
                           organiser=organisation_create(slug="hidden-organiser"))
    event_create(series=hidden, slug="hidden-event")
    report_create(series=hidden, slug="hidden-report")
    return series


def sitemap(client) -> dict[str, dict[str, str]]:
    """Each <loc> of /sitemap.xml with its alternates ({hreflang: href})."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)  # noqa: S314 — our own answer; raises unless well-formed
    assert root.tag == f"{{{NS['s']}}}urlset"
    return {url.findtext("s:loc", namespaces=NS): {
        link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        if link.get("rel") == "alternate"} for url in root.findall("s:url", NS)}


def test_sitemap_lists_each_published_page_in_every_language_with_its_alternates(
        client, content):
    urls = sitemap(client)

    paths = ["/series/smartct/", "/series/smartct/events/leipzig/",
             "/series/smartct/reports/review/", "/speakers/public-speaker/",
             "/organisations/speakers-company/", "/organisations/coordinator/",
             "/organisations/organiser/"]
    assert sorted(urls) == sorted(f"{SITE}/{code}{path}" for path in paths
                                  for code in LANGUAGES)
    for path in paths:
        for code in LANGUAGES:
            alternates = urls[f"{SITE}/{code}{path}"]
            assert alternates == {**{other: f"{SITE}/{other}{path}" for other in LANGUAGES},
                                  "x-default": f"{SITE}{path}"}
    for path in paths:  # every address the sitemap names is a page that is there
        assert client.get(f"/bg{path}").status_code == 200, path


def test_sitemap_leaves_out_drafts_and_everything_unpublished(client, content):
    listed = "\n".join(sitemap(client))
    for hidden in ("draft", "cancelled", "unpublished", "future", "hidden", "draft-speaker",
                   "draft-company"):
        assert f"/{hidden}/" not in listed, hidden


def test_sitemap_follows_a_change_behind_the_page_cache(client, content):
    assert f"{SITE}/en/series/smartct/events/draft/" not in sitemap(client)
    Event.objects.filter(slug="draft").update(status=Event.Status.PUBLISHED)
    content.save()  # any change of the content renews the page cache's version
    assert f"{SITE}/en/series/smartct/events/draft/" in sitemap(client)


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_off_personal_addresses(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    disallowed = [line.removeprefix("Disallow: ") for line in lines
                  if line.startswith("Disallow: ")]
    assert "/admin/" in disallowed
    assert client.head("/robots.txt").status_code == 200  # crawlers may ask with HEAD
    personal = []
    for code in LANGUAGES:
        with translation.override(code):
            personal += [reverse("registrations:confirm", kwargs={"token": "t0ken"}),
                         reverse("registrations:personal", kwargs={"token": "t0ken"}),
                         reverse("registrations:export", kwargs={"token": "t0ken"}),
                         reverse("registrations:link_request")]
            public = reverse("events:series", kwargs={"series": "smartct"})
            assert not any(public.startswith(prefix) for prefix in disallowed)
    for path in personal:
        assert any(path.startswith(prefix) for prefix in disallowed), path


def test_favicon_ico_and_apple_touch_icon_are_served_as_images(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon["Content-Type"] == "image/x-icon"
    assert "max-age=604800" in icon["Cache-Control"]
    image = Image.open(io.BytesIO(b"".join(icon.streaming_content)))
    assert image.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= image.info["sizes"]

    touch = client.get("/apple-touch-icon.png")
    assert touch["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(b"".join(touch.streaming_content)))
    assert (image.format, image.size, image.mode) == ("PNG", (180, 180), "RGB")


def test_pages_link_the_icons(client, content):
    html = client.get("/en/series/smartct/").content.decode()
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html
    assert 'type="image/svg+xml"' in html
    assert '<link rel="apple-touch-icon" href="/apple-touch-icon.png">' in html
