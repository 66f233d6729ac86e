"""The interface speaks the five languages of the partner countries: every page under
/de/ /en/ /es/ /it/ /bg/, a language switch naming each language in itself, a browser's
Accept-Language honoured, and a participant's mail links in their own language."""

import re

import pytest
from django.conf import settings
from django.utils.html import escape

from core.i18n import url_language
from mail.models import Mail
from registrations import links
from tests.factories import event_create, report_create, series_create
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    registration_create,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_immediate")]

LANGUAGES = ["de", "en", "es", "it", "bg"]
SELF_NAMES = {"de": "Deutsch", "en": "English", "es": "Español", "it": "Italiano",
              "bg": "Български"}
# a characteristic string of each page, as each language says it
SERIES_PAGE = {"de": "Nächste Veranstaltung", "en": "Next event", "es": "Próximo evento",
               "it": "Prossimo evento", "bg": "Следващо събитие"}
EVENT_PAGE = {"de": "Für diese Veranstaltung anmelden", "en": "Register for this event",
              "es": "Inscribirse en este evento", "it": "Iscriversi a questo evento",
              "bg": "Регистрирайте се за това събитие"}
REGISTER_PAGE = {"de": "Wofür Sie sich anmelden", "en": "What you register for",
                 "es": "En qué se inscribe", "it": "A cosa si iscrive",
                 "bg": "За какво се регистрирате"}
PERSONAL_PAGE = {"de": "Ihre Anmeldungen", "en": "Your registrations",
                 "es": "Sus inscripciones", "it": "Le Sue iscrizioni",
                 "bg": "Вашите регистрации"}


@pytest.fixture
def series():
    series = series_create(title_en="Cluster Bridges", slug="bridges")
    consent_text_create(series=series, text_en="We keep your data for the series.")
    return series


@pytest.fixture
def sofia(series):
    return event_create(series=series, slug="sofia", title_en="Sofia")


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def switch_of(page: str) -> str:
    return page.split('class="language-switch"')[1].split("</nav>")[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_serves_the_public_pages_in_that_language(client, series, sofia,
                                                               language):
    pages = {f"/{language}/series/bridges/": SERIES_PAGE,
             f"/{language}/series/bridges/events/sofia/": EVENT_PAGE,
             f"/{language}/series/bridges/register/": REGISTER_PAGE}

    for url, strings in pages.items():
        page = html(client.get(url))
        assert f'<html lang="{language}">' in page, url
        assert escape(strings[language]) in page, url
        others = {strings[other] for other in LANGUAGES if other != language}
        assert not any(escape(other) in page for other in others), url


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_serves_the_personal_page_in_that_language(client, sofia, language):
    alice = participant_create(language=language)
    registration_create(participant=alice, event=sofia)
    token = links.personal_token(participant=alice)

    page = html(client.get(f"/{language}/registration/me/{token}/"))

    assert f'<html lang="{language}">' in page
    assert escape(PERSONAL_PAGE[language]) in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_switch_names_each_language_in_itself_and_keeps_the_page(client, sofia,
                                                                     language):
    switch = switch_of(html(client.get(f"/{language}/series/bridges/events/sofia/")))

    for code, name in SELF_NAMES.items():
        assert (f'<a href="/{code}/series/bridges/events/sofia/" lang="{code}" '
                f'hreflang="{code}"') in switch
        assert f">{name}</a>" in switch
    assert switch.count("<a ") == 5
    assert f'hreflang="{language}" aria-current="true"' in switch


def test_every_page_lists_the_five_languages_as_alternates(client, sofia):
    page = html(client.get("/bg/series/bridges/events/sofia/"))

    for code in LANGUAGES:
        assert (f'<link rel="alternate" hreflang="{code}" '
                f'href="{settings.SITE_URL}/{code}/series/bridges/events/sofia/">') in page


def test_the_switch_keeps_the_query_of_the_page(client, series):
    switch = switch_of(html(client.get("/it/series/bridges/register/?event=sofia")))

    assert 'href="/bg/series/bridges/register/?event=sofia"' in switch


@pytest.mark.parametrize("language", ["bg", "es", "it"])
def test_a_browser_asking_for_a_partner_language_lands_in_it(client, language):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=f"{language},en;q=0.5")

    assert response.status_code == 302 and response["Location"] == f"/{language}/"


def test_a_browser_asking_for_bulgarian_of_bulgaria_lands_on_bg(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="bg-BG,bg;q=0.9,en;q=0.5")

    assert response["Location"] == "/bg/"


def test_the_page_cache_keeps_each_language_apart(client, sofia):
    for language in LANGUAGES:  # each page filled in the cache once
        html(client.get(f"/{language}/series/bridges/"))

    for language in LANGUAGES:  # and served from it in its own language
        page = html(client.get(f"/{language}/series/bridges/"))
        assert escape(SERIES_PAGE[language]) in page
        assert f'<html lang="{language}">' in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_mail_links_go_to_the_participants_own_language(language):
    assert url_language(language) == language


def test_a_bulgarian_participants_mail_links_go_to_the_bulgarian_pages(client, series, sofia):
    data = {"email": "ivana@example.org", "name": "Ivana Petrova",
            "organisation_name": "Petrova Robotics", "organisation_kind": "sme",
            "organisation_country": "BG", "job_title": "CEO", "country": "BG",
            "language": "bg", "scope": "series", "consent": "on", "consent_version": "1",
            "website": ""}
    client.post("/en/series/bridges/register/", data)  # on the English page

    (mail,) = Mail.objects.all()
    linked = re.findall(r"https?://[^/\s]+/(\w\w)/(registration/\w+|series)/",
                        mail.text + mail.html)
    assert mail.language == "bg"
    assert ("bg", "registration/confirm") in linked
    assert {language for language, _page in linked} == {"bg"}


@pytest.mark.parametrize("language, heading", [("bg", "Администрация на сайта"),
                                               ("es", "Sitio administrativo"),
                                               ("it", "Amministrazione sito")])
def test_the_admin_speaks_a_partner_organisers_language(organiser_client, language, heading):
    organiser_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language

    index = html(organiser_client.get("/admin/"))
    events = html(organiser_client.get("/admin/events/event/"))
    series_form = html(organiser_client.get("/admin/events/series/add/"))

    assert f'<html lang="{language}"' in index and escape(heading) in index
    assert f'<html lang="{language}"' in events and f'<html lang="{language}"' in series_form


@pytest.mark.parametrize("language", ["es", "it", "bg"])
def test_feeds_and_calendars_under_a_partner_language_link_its_pages(client, series, sofia,
                                                                     language):
    report_create(series=series, event=sofia, slug="how-sofia-went")

    feed = client.get(f"/{language}/series/bridges/reports/feed.atom").content.decode()
    calendar = client.get(f"/{language}/series/bridges/calendar.ics").content.decode()

    assert f"/{language}/series/bridges/reports/how-sofia-went/" in feed
    assert f"/{language}/series/bridges/events/sofia/" in calendar.replace("\r\n ", "")
    assert "/en/" not in feed + calendar.replace("\r\n ", "")


PAGE_NOT_FOUND = {"de": "Seite nicht gefunden", "en": "Page not found",
                  "es": "Página no encontrada", "it": "Pagina non trovata",
                  "bg": "Страницата не е намерена"}
INVALID_EMAIL = {"de": "Bitte gültige E-Mail-Adresse eingeben.",
                 "en": "Enter a valid email address.",
                 "es": "Introduzca una dirección de correo electrónico válida.",
                 "it": "Inserisci un indirizzo email valido.",
                 "bg": "Въведете валиден имейл адрес."}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_missing_page_speaks_the_language_of_its_address(client, language):
    response = client.get(f"/{language}/no-such-page/")

    assert response.status_code == 404
    page = response.content.decode()
    assert f'<html lang="{language}">' in page and escape(PAGE_NOT_FOUND[language]) in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_error_speaks_the_language_of_the_page(client, series, sofia, language):
    data = {"email": "not-an-address", "name": "Ivana Petrova",
            "organisation_name": "Petrova Robotics", "organisation_kind": "sme",
            "organisation_country": "BG", "job_title": "CEO", "country": "BG",
            "language": "bg", "scope": "series", "consent": "on", "consent_version": "1",
            "website": ""}

    response = client.post(f"/{language}/series/bridges/register/", data)

    assert response.status_code == 400
    assert escape(INVALID_EMAIL[language]) in response.content.decode()
    assert not Mail.objects.exists()
