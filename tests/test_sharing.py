"""A link to an event, a series or a report, shared on LinkedIn (or found by a search engine):
its Open Graph and Twitter card tags, its canonical address and language alternates, and
the PNG share image those tags point to."""

import io
from datetime import datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from PIL import Image, ImageDraw

from events import sharing
from events.models import Event
from tests.factories import event_create, region_create, report_create, series_create

pytestmark = pytest.mark.django_db

SITE = "https://events.example.org"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
BERLIN = ZoneInfo("Europe/Berlin")


class Head(HTMLParser):
    """The <meta> and <link> tags of a page: meta by property or name (a list each, since
    og:locale:alternate repeats), links as (rel, hreflang, href)."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[tuple[str, str | None, str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs["content"])
        elif tag == "link":
            self.links.append((attrs.get("rel"), attrs.get("hreflang"), attrs.get("href")))

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, f"{key}: {values}"
        return values[0]

    def link(self, rel: str, hreflang: str | None = None) -> str:
        hrefs = [href for r, lang, href in self.links if r == rel and lang == hreflang]
        assert len(hrefs) == 1, f"{rel} {hreflang}: {hrefs}"
        return hrefs[0]


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def leipzig():
    series = series_create(slug="smartct", title_en="SmartCT Clusters",
                           title_de="SmartCT-Cluster", tagline_en="Smart cities, four regions")
    region = region_create(series=series, slug="leipzig", name_en="Leipzig region",
                           name_de="Region Leipzig", country="DE")
    return event_create(
        series=series, slug="leipzig", region=region, format=Event.Format.ONLINE,
        title_en="Smart mobility in Leipzig", title_de="Smarte Mobilität in Leipzig",
        summary_en="Keynotes and projects from Saxony.",
        summary_de="Keynotes und Projekte aus Sachsen.",
        start=datetime(2030, 3, 14, 9, 30, tzinfo=BERLIN),
        end=datetime(2030, 3, 14, 12, 30, tzinfo=BERLIN))


def head_of(client, path: str, **headers) -> Head:
    response = client.get(path, **headers)
    assert response.status_code == 200, path
    return Head(response.content.decode().split("</head>")[0])


@pytest.mark.parametrize("language, title, date, place", [
    ("en", "Smart mobility in Leipzig", "14 March 2030", "Online · Leipzig region (Germany)"),
    ("de", "Smarte Mobilität in Leipzig", "14. März 2030", "Online · Region Leipzig (Deutschland)"),
])
def test_event_page_tells_link_previews_title_date_place_and_image_in_its_language(
        client, leipzig, language, title, date, place):
    path = f"/{language}/series/smartct/events/leipzig/"
    head = head_of(client, path)

    assert head.one("og:type") == "website"
    assert head.one("og:title") == title
    assert head.one("og:site_name") in ("SmartCT Clusters", "SmartCT-Cluster")
    description = head.one("og:description")
    assert date in description and "09:30" in description and place in description
    assert head.one("og:url") == head.link("canonical") == SITE + path
    image = head.one("og:image")
    assert image.startswith(f"{SITE}{path}share.png?v=")
    assert (head.one("og:image:type"), head.one("og:image:width"),
            head.one("og:image:height")) == ("image/png", "1200", "627")
    assert title in head.one("og:image:alt") and date in head.one("og:image:alt")
    assert head.one("twitter:card") == "summary_large_image"
    assert head.one("twitter:image:alt") == head.one("og:image:alt")
    locales = {"de": "de_DE", "en": "en_GB", "es": "es_ES", "it": "it_IT", "bg": "bg_BG"}
    assert head.one("og:locale") == locales[language]
    assert sorted(head.meta["og:locale:alternate"]) == sorted(
        locale for code, locale in locales.items() if code != language)
    for code in LANGUAGES:
        assert head.link("alternate", code) == f"{SITE}/{code}/series/smartct/events/leipzig/"
    assert head.link("alternate", "x-default") == f"{SITE}/series/smartct/events/leipzig/"


def test_x_default_address_leads_each_browser_to_its_language(client, leipzig):
    response = client.get("/series/smartct/events/leipzig/", HTTP_ACCEPT_LANGUAGE="bg")
    assert (response.status_code, response["Location"]) == (
        302, "/bg/series/smartct/events/leipzig/")


def test_share_image_is_a_linkedin_sized_png_with_cache_headers(client, leipzig):
    image_url = head_of(client, "/de/series/smartct/events/leipzig/").one("og:image")
    response = client.get(image_url.removeprefix(SITE))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=604800"
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size) == ("PNG", (1200, 627))
    assert image.convert("RGB").getpixel((600, 300)) == (0x0B, 0x55, 0x63)  # the brand colour
    assert len(response.content) < 150_000


def test_share_image_and_tags_are_right_behind_the_page_cache(
        client, leipzig, django_assert_num_queries):
    path = "/en/series/smartct/events/leipzig/"
    first = head_of(client, path, HTTP_HOST="localhost")  # a Host the tags must not take
    image_path = first.one("og:image").removeprefix(SITE)
    first_image = client.get(image_path).content
    with django_assert_num_queries(0):  # both kept by the page cache
        assert head_of(client, path).one("og:image") == first.one("og:image")
        assert client.get(image_path).content == first_image
        # a made-up version is the same image, not drawn again
        assert client.get(image_path.split("?")[0] + "?v=made-up").content == first_image
    assert first.one("og:url").startswith(SITE)

    leipzig.title_en = "Smart mobility and energy in Leipzig"
    leipzig.save()
    changed = head_of(client, path)
    assert changed.one("og:title") == "Smart mobility and energy in Leipzig"
    assert changed.one("og:image") != first.one("og:image")  # LinkedIn fetches it anew
    assert client.get(changed.one("og:image").removeprefix(SITE)).content != first_image


def test_share_image_draws_bulgarian_greek_and_latin_letters_not_empty_boxes():
    font = sharing._font("Bold", 40)

    def drawn(letter: str) -> bytes:
        image = Image.new("L", (80, 80))
        ImageDraw.Draw(image).text((10, 10), letter, font=font, fill=255)
        return image.tobytes()

    missing = drawn("\ue000")  # a private-use code point: the font's empty box
    for letter in "БВГДЖЗИЙЛПФЦЧШЩЪЬЮЯбвгджзийлптфцчшщъьюяΣΩλĞŞŁŒßñçàèìòùáéíóúÄÖÜ€–…·":
        assert drawn(letter) != missing, letter


def test_share_image_of_a_long_bulgarian_title_stays_inside_the_picture(client, leipzig):
    leipzig.title_bg = "Интелигентна мобилност, енергийна ефективност и цифрови услуги " * 3
    leipzig.save()
    response = client.get("/bg/series/smartct/events/leipzig/share.png")
    image = Image.open(io.BytesIO(response.content)).convert("RGB")
    assert image.size == (1200, 627)
    # a margin of the series' colour is left on the right, whatever the title's length
    right_margin = image.crop((1150, 0, 1200, 627))
    assert right_margin.getcolors() == [(50 * 627, (0x0B, 0x55, 0x63))]


def test_series_page_has_share_tags_with_its_image(client, leipzig):
    head = head_of(client, "/en/series/smartct/")
    assert head.one("og:title") == "SmartCT Clusters"
    assert "Smart cities, four regions" in head.one("og:description")
    assert head.one("og:url") == f"{SITE}/en/series/smartct/"
    image = client.get(head.one("og:image").removeprefix(SITE))
    assert image["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(image.content)).size == (1200, 627)


def test_report_page_is_shared_as_an_article_with_its_date(client, leipzig):
    report = report_create(series=leipzig.series, slug="review", event=leipzig,
                           title_en="What Leipzig showed", title_de="Was Leipzig zeigte",
                           summary_en="Thirty-seven participants from six countries.",
                           published_at=datetime(2026, 3, 20, 10, 0, tzinfo=BERLIN))
    head = head_of(client, "/de/series/smartct/reports/review/")

    assert head.one("og:type") == "article"
    assert head.one("og:title") == "Was Leipzig zeigte"
    assert "20. März 2026" in head.one("og:description")
    assert datetime.fromisoformat(head.one("article:published_time")) == report.published_at
    address = f"{SITE}/de/series/smartct/reports/review/"
    assert head.one("og:url") == head.link("canonical") == address
    image = client.get(head.one("og:image").removeprefix(SITE))
    assert Image.open(io.BytesIO(image.content)).size == (1200, 627)


def test_drafts_and_unpublished_reports_have_no_share_image(client, leipzig):
    draft = event_create(series=leipzig.series, slug="draft", status=Event.Status.DRAFT)
    hidden = report_create(series=leipzig.series, slug="hidden", is_published=False)
    for path in (f"/en/series/smartct/events/{draft.slug}/share.png",
                 f"/en/series/smartct/reports/{hidden.slug}/share.png",
                 "/en/series/no-such-series/share.png"):
        assert client.get(path).status_code == 404, path


def test_every_page_names_its_canonical_address_without_the_query(client, leipzig):
    head = head_of(client, "/it/series/smartct/events/?theme=mobility")
    assert head.link("canonical") == f"{SITE}/it/series/smartct/events/"
    assert urlsplit(head.link("alternate", "bg")).path == "/bg/series/smartct/events/"
