"""Bad language input gets a clear answer in the visitor's language, never a server error:
an address under a language the site does not speak, a language cookie or an
Accept-Language header holding garbage. Each case checks the status, the language of the
answer and what it says."""

import pytest
from django.utils.html import escape

from tests.factories import event_create, series_create

pytestmark = pytest.mark.django_db

NOT_FOUND = {"en": "Page not found", "de": "Seite nicht gefunden",
             "es": "Página no encontrada", "it": "Pagina non trovata",
             "bg": "Страницата не е намерена"}
NO_SUCH_LANGUAGE = {  # the start of the message for /xx/…, as each language says it
    "en": "This site has no pages in the language “{}”.",
    "de": "Diese Website hat keine Seiten in der Sprache „{}“.",
    "es": "Este sitio no tiene páginas en el idioma «{}».",
    "it": "Questo sito non ha pagine nella lingua «{}».",
    "bg": "Този сайт няма страници на езика „{}“.",
}
NEXT_EVENT = {"en": "Next event", "de": "Nächste Veranstaltung", "es": "Próximo evento",
              "it": "Prossimo evento", "bg": "Следващо събитие"}


@pytest.fixture(autouse=True)
def bridges():
    series = series_create(slug="bridges", title_en="Cluster Bridges")
    event_create(series=series, slug="sofia")
    return series


def answer(response, *, status: int, language: str) -> str:
    assert response.status_code == status, response.status_code
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    return page


# --- an unknown language prefix ----------------------------------------------------------

@pytest.mark.parametrize(("url", "code"), [
    ("/xx/series/bridges/", "xx"), ("/zz/", "zz"), ("/pt-br/series/bridges/events/sofia/",
                                                     "pt-br"), ("/ast/", "ast")])
@pytest.mark.parametrize("language", ["en", "bg", "es"])
def test_an_unknown_language_prefix_says_so_in_the_visitors_language(client, url, code,
                                                                     language):
    headers = {} if language == "en" else {"HTTP_ACCEPT_LANGUAGE": language}
    page = answer(client.get(url, **headers), status=404, language=language)

    assert escape(NOT_FOUND[language]) in page
    assert escape(NO_SUCH_LANGUAGE[language].format(code)) in page
    # the switch leads to the same page in each language the site speaks
    rest = url.split("/", 2)[2]
    for prefix in ("de", "en", "es", "it", "bg"):
        assert f'<a href="/{prefix}/{rest}" lang="{prefix}"' in page


def test_the_language_cookie_picks_the_language_of_an_unknown_prefix_page(client):
    client.cookies["django_language"] = "it"
    page = answer(client.get("/xx/series/bridges/"), status=404, language="it")
    assert escape(NO_SUCH_LANGUAGE["it"].format("xx")) in page


@pytest.mark.parametrize("url", ["/BG/series/bridges/", "/api/nothing/",
                                 "/abcdefghijklmnopq/", "/%C3%BC%C3%9F/", "/x/"])
def test_other_missing_addresses_get_the_plain_missing_page(client, url):
    language = "bg" if url.startswith("/BG/") else "de"  # Django reads /BG/ as Bulgarian
    page = answer(client.get(url, HTTP_ACCEPT_LANGUAGE="de"), status=404, language=language)
    assert escape(NOT_FOUND[language]) in page
    assert "<p>" + escape(NO_SUCH_LANGUAGE[language].split("“")[0].split("„")[0]) not in page
    if url.startswith("/BG/"):  # a wrongly written prefix: the switch offers the right one
        assert '<a href="/bg/series/bridges/" lang="bg"' in page


# --- a language cookie with garbage ------------------------------------------------------

@pytest.mark.parametrize("cookie", ["xx", "<script>alert(1)</script>", "de" * 3000,
                                    "ÄÖ", "", "de;q=1", "../../etc/passwd"])
def test_a_garbage_language_cookie_is_ignored(client, cookie):
    client.cookies["django_language"] = cookie

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert (response.status_code, response["Location"]) == (302, "/es/")
    page = answer(client.get("/es/series/bridges/"), status=200, language="es")
    assert escape(NEXT_EVENT["es"]) in page
    page = answer(client.get("/nowhere/", HTTP_ACCEPT_LANGUAGE="es"), status=404,
                  language="es")
    assert escape(NOT_FOUND["es"]) in page


def test_a_garbage_cookie_without_a_header_gives_the_default_language(client):
    client.cookies["django_language"] = "\u00ff" * 50
    response = client.get("/")
    assert (response.status_code, response["Location"]) == (302, "/en/")
    page = answer(client.get("/nowhere/"), status=404, language="en")
    assert NOT_FOUND["en"] in page


# --- an Accept-Language header with garbage ----------------------------------------------

@pytest.mark.parametrize(("header", "language"), [
    ("x" * 5000, "en"),                              # very long, one range
    ("bg-" + "a" * 600, "en"),                        # one range cut by the length limit
    (", ".join(["tlh"] * 400) + ", bg", "en"),        # long: what lies beyond is not read
    ("bg;q=abc", "en"),                              # a malformed weight
    ("bg;q=abc, es;q=0.8", "es"),                    # … next to a good entry
    ("de;q=1.5, it;q=0.5", "it"),                    # a weight above 1
    ("bg;level=1;q=0.9, it;q=0.2", "it"),            # a parameter Accept-Language has not
    ("tlh, x-klingon", "en"),                        # unknown tags
    ("tlh, bg;q=0.5", "bg"),                         # … before a known one
    ("bg-ÄÖ, 中文", "en"),                            # not ASCII
    ("中文, bg", "bg"),
    (",,;;==", "en"),                                # punctuation only
    ("*", "en"),
])
def test_a_garbage_accept_language_header_gives_a_language_never_an_error(
        client, header, language):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert (response.status_code, response["Location"]) == (302, f"/{language}/")

    page = answer(client.get(response["Location"], HTTP_ACCEPT_LANGUAGE=header,
                             follow=True), status=200, language=language)
    assert escape(NEXT_EVENT[language]) in page
    page = answer(client.get("/nowhere/", HTTP_ACCEPT_LANGUAGE=header), status=404,
                  language=language)
    assert escape(NOT_FOUND[language]) in page
