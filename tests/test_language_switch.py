"""The language switch offers the languages a series publishes (Series.content_languages),
and always the current one; outside a series, all five interface languages. The hreflang
alternates in the page's head follow the same rule."""

import re

import pytest

from registrations import links
from tests.factories import event_create, series_create, speaker_create
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    registration_create,
)

pytestmark = pytest.mark.django_db

ALL = ["de", "en", "es", "it", "bg"]
NAMES = {"de": "Deutsch", "en": "English", "es": "Español", "it": "Italiano",
         "bg": "Български"}


def switch(page: str) -> list[tuple[str, str, str]]:
    """(code, name, address) of each language the switch offers, in order."""
    nav = page.split('class="language-switch"')[1].split("</nav>")[0]
    return re.findall(r'<a href="([^"]+)" lang="(\w+)" hreflang="\w+"[^>]*>([^<]+)</a>', nav)


def offered(page: str) -> list[str]:
    return [code for _url, code, _name in switch(page)]


def alternates(page: str) -> list[str]:
    head = page.split("</head>")[0]
    return re.findall(r'<link rel="alternate" hreflang="(\w+)"', head)


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def two_language_series():
    series = series_create(slug="duo", title_en="Duo", title_de="Duo",
                           content_languages=["de", "en"])
    consent_text_create(series=series)
    event_create(series=series, slug="leipzig")
    return series


@pytest.mark.parametrize("url", ["/{}/series/duo/", "/{}/series/duo/events/leipzig/",
                                 "/{}/series/duo/register/", "/{}/series/duo/events/"])
def test_a_series_page_offers_the_series_languages_and_keeps_the_current_one(
        client, two_language_series, url):
    german = get(client, url.format("de"))
    assert offered(german) == ["de", "en"] == alternates(german)
    assert [name for _url, _code, name in switch(german)] == ["Deutsch", "English"]
    assert [address for address, _code, _name in switch(german)] == [
        url.format("de"), url.format("en")]  # the same page in each

    bulgarian = get(client, url.format("bg"))  # reached anyway: it stays on offer
    assert offered(bulgarian) == ["de", "en", "bg"] == alternates(bulgarian)
    assert re.search(r'lang="bg" hreflang="bg" aria-current="true">Български</a>', bulgarian)


def test_pages_outside_a_series_offer_all_five_languages(client, two_language_series):
    speaker_create(slug="ana")
    alice = participant_create(language="it")
    registration_create(participant=alice, event=two_language_series.events.get())
    token = links.personal_token(participant=alice)

    for url in ("/it/speakers/ana/", f"/it/registration/me/{token}/", "/it/nowhere/"):
        page = client.get(url).content.decode()
        assert offered(page) == ALL == alternates(page), url


@pytest.mark.parametrize("languages", [[], ["xx"], "de", [["de"]], {"de": 1}, 7])
def test_a_series_naming_no_known_language_offers_all_five(client, languages):
    series_create(slug="open", content_languages=languages)
    assert offered(get(client, "/es/series/open/")) == ALL
