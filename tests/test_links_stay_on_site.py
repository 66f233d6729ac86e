"""Every link the site generates stays on the site, whatever path or query a visitor
(or an attacker's crafted link) asked for: `GET //evil.example/` must not answer a page
whose language switch and hreflang alternates lead to evil.example.

Paths are given to the application as a server passes them (PATH_INFO, already
unquoted): gunicorn turns `GET /%2F%2Fevil.example/` into `///evil.example/`."""

from html.parser import HTMLParser

import pytest
from django.conf import settings

from tests import factories
from tests.test_registrations_factories import consent_text_create

pytestmark = pytest.mark.django_db

HOSTILE_PATHS = [
    "//evil.example/",
    "//evil.example",
    "///evil.example/",
    "/\\evil.example/",
    "/\\/evil.example/",
    "//evil.example/en/",
    "//en/registration/link/",
    "/en//evil.example/",
    "/de///evil.example/",
    "/en/registration/link//evil.example",
    "/media//evil.example/x",
    "/admin//evil.example/",
    "/\t/evil.example/",
]
HOSTILE_QUERY = "next=//evil.example/&u=\\\\evil.example"
LINK_ATTRIBUTES = {"href", "src", "action", "formaction"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [value or "" for name, value in attrs if name in LINK_ATTRIBUTES]


def links_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def stays_on_site(url: str) -> bool:
    """A link a browser resolves to this site: a fragment, a query, a path of our own
    (one slash, then neither slash nor backslash) or an address under SITE_URL."""
    url = "".join(char for char in url if char not in "\t\n\r").strip(
        "".join(map(chr, range(33))))  # what a browser drops before resolving
    if url.startswith(("#", "?")) or url == "/" or url.startswith(settings.SITE_URL + "/"):
        return True
    return len(url) > 1 and url[0] == "/" and url[1] not in "/\\"


def get(client, path: str, query: str = HOSTILE_QUERY):
    return client.get("/", PATH_INFO=path, QUERY_STRING=query)


def test_the_check_refuses_what_leads_elsewhere():
    assert not any(map(stays_on_site, [
        "//evil.example/", "///evil.example/", "/\\evil.example/", "\\\\evil.example/",
        "https://evil.example/", " //evil.example/", "/\t/evil.example/",
        "javascript:alert(1)"]))
    assert all(map(stays_on_site, [
        "/", "/en/", "#main", "?page=2", "/de//evil.example/", "/%5Cevil.example/",
        f"{settings.SITE_URL}/en/"]))


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_links_of_an_answer_to_a_hostile_path_stay_on_the_site(client, path):
    response = get(client, path)

    if response.status_code in (301, 302):
        assert stays_on_site(response["Location"]), response["Location"]
        return
    assert response.status_code == 404
    links = links_in(response.content.decode())
    assert "#main" in links  # the page was rendered with its links
    assert [link for link in links if not stays_on_site(link)] == []


def test_a_page_missing_outside_the_language_prefix_offers_each_language_start_page(client):
    html = get(client, "//evil.example/").content.decode()

    for code in ("de", "en", "es", "it", "bg"):
        assert (f'<link rel="alternate" hreflang="{code}" '
                f'href="{settings.SITE_URL}/{code}/">') in html
    assert "evil.example" not in html


def test_a_page_missing_under_a_language_links_the_same_path_in_the_others(client):
    response = client.get("/en/no-such-page/?x=1")

    assert response.status_code == 404
    links = links_in(response.content.decode())
    for code in ("de", "en", "es", "it", "bg"):
        assert f"/{code}/no-such-page/?x=1" in links


@pytest.fixture
def site_pages():
    series = factories.series_create()
    consent_text_create(series=series, text_en="We keep your data.")
    event = factories.event_create(series=series)
    factories.talk_create(event=event, speakers=[factories.speaker_create()])
    report = factories.report_create(series=series)
    return [
        "/en/", f"/de/series/{series.slug}/", f"/en/series/{series.slug}/events/",
        event.get_absolute_url(), f"/en/series/{series.slug}/register/",
        f"/de/series/{series.slug}/reports/{report.slug}/", "/en/registration/link/",
        "/de/registration/link/sent/",
    ]


def test_links_of_the_pages_stay_on_the_site_whatever_the_query(client, site_pages):
    for path in site_pages:
        response = get(client, path)

        if path == "/en/":  # the start page leads to the series
            assert response.status_code == 302 and stays_on_site(response["Location"])
            continue
        assert response.status_code == 200, path
        links = links_in(response.content.decode())
        assert [link for link in links if not stays_on_site(link)] == [], path
