"""Local forms: dates, times, numbers, time zones and countries as each of the five
languages writes them, on pages, in mails and in the registration form."""

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import formats, translation

from core.countries import country_code
from core.local_forms import when, zone_label
from mail.models import Mail
from registrations import links
from registrations.models import Participant
from registrations.queries import event_registration_refusal
from tests.factories import event_create, region_create, series_create, talk_create
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    registration_create,
)

LANGUAGES = ["de", "en", "es", "it", "bg"]
SOFIA, BERLIN = ZoneInfo("Europe/Sofia"), ZoneInfo("Europe/Berlin")

# Thursday 5 March 2026, 09:30–13:00 in Sofia: winter time (EET, UTC+2).
SOFIA_WINTER = {
    "de": "Donnerstag, 5. März 2026, 09:30–13:00 Ortszeit Sofia (OEZ, UTC+2)",
    "en": "Thursday 5 March 2026, 09:30–13:00 Sofia time (EET, UTC+2)",
    "es": "jueves, 5 de marzo de 2026, 09:30–13:00 hora de Sofía (EET, UTC+2)",
    "it": "giovedì 5 marzo 2026, 09:30–13:00 ora di Sofia (EET, UTC+2)",
    "bg": "четвъртък, 5 март 2026 г., 09:30–13:00 по времето в София (EET, UTC+2)",
}
# Wednesday 1 July 2026, 10:00–12:30 in Berlin: summer time (CEST, UTC+2).
BERLIN_SUMMER = {
    "de": "Mittwoch, 1. Juli 2026, 10:00–12:30 Ortszeit Berlin (MESZ, UTC+2)",
    "en": "Wednesday 1 July 2026, 10:00–12:30 Berlin time (CEST, UTC+2)",
    "es": "miércoles, 1 de julio de 2026, 10:00–12:30 hora de Berlín (CEST, UTC+2)",
    "it": "mercoledì 1 luglio 2026, 10:00–12:30 ora di Berlino (CEST, UTC+2)",
    "bg": "сряда, 1 юли 2026 г., 10:00–12:30 по времето в Берлин (CEST, UTC+2)",
}


def in_language(language: str, read):
    with translation.override(language):
        return read()


# --- the formatting function ---------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_event_time_reads_as_each_language_writes_it_in_winter_and_summer(language):
    with translation.override(language):
        sofia = when(datetime(2026, 3, 5, 9, 30, tzinfo=SOFIA),
                     datetime(2026, 3, 5, 13, tzinfo=SOFIA), "Europe/Sofia")
        berlin = when(datetime(2026, 7, 1, 8, tzinfo=UTC),
                      datetime(2026, 7, 1, 10, 30, tzinfo=UTC), "Europe/Berlin")

    assert str(sofia) == SOFIA_WINTER[language]
    assert str(berlin) == BERLIN_SUMMER[language]
    assert sofia.start_iso == "2026-03-05T09:30:00+02:00"
    assert berlin.end_iso == "2026-07-01T12:30:00+02:00"


def test_an_event_over_two_days_names_both_days():
    start = datetime(2026, 10, 24, 16, tzinfo=UTC)  # 18:00 in Madrid

    text = in_language("es", lambda: str(when(start, start + timedelta(hours=9), "Europe/Madrid")))

    # the clocks go back in the night (nine hours later it is 02:00): named as at the start
    assert text == ("sábado, 24 de octubre de 2026, 18:00–domingo, 25 de octubre de 2026, "
                    "02:00 hora de Madrid (CEST, UTC+2)")


def test_zone_named_with_the_offset_in_force_on_the_day():
    before = datetime(2026, 3, 28, 12, tzinfo=UTC)  # Europe moves its clocks on 29 March
    after = datetime(2026, 3, 30, 12, tzinfo=UTC)

    assert in_language("it", lambda: zone_label("Europe/Rome", before)) == (
        "ora di Roma (CET, UTC+1)")
    assert in_language("it", lambda: zone_label("Europe/Rome", after)) == (
        "ora di Roma (CEST, UTC+2)")
    assert in_language("de", lambda: zone_label("Europe/Madrid", after)) == (
        "Ortszeit Madrid (MESZ, UTC+2)")
    assert in_language("bg", lambda: zone_label("Europe/Sofia", after)) == (
        "по времето в София (EEST, UTC+3)")


def test_zones_without_a_translated_city_or_abbreviation_are_still_named():
    moment = datetime(2026, 1, 15, 12, tzinfo=UTC)

    with translation.override("en"):
        assert zone_label("America/New_York", moment) == "New York time (EST, UTC\u22125)"
        assert zone_label("Asia/Kolkata", moment) == "Kolkata time (IST, UTC+5:30)"
        assert zone_label("Europe/Istanbul", moment) == "Istanbul time (UTC+3)"  # no abbreviation
        assert zone_label("Europe/London", moment) == "London time (GMT, UTC+0)"
        assert zone_label("UTC", moment) == "UTC"


# --- Django's format localisation, corrected -----------------------------------------------


@pytest.mark.parametrize("language, day, moment, number", [
    ("de", "5. März 2026", "5. März 2026, 09:30", "1.234.567,5"),
    ("en", "5 March 2026", "5 March 2026, 09:30", "1,234,567.5"),
    ("es", "5 de marzo de 2026", "5 de marzo de 2026 a las 09:30", "1\xa0234\xa0567,5"),
    ("it", "5 marzo 2026", "5 marzo 2026, 09:30", "1.234.567,5"),
    ("bg", "5 март 2026 г.", "5 март 2026 г., 09:30", "1\xa0234\xa0567,5"),
])
def test_dates_and_numbers_follow_each_locale(language, day, moment, number):
    with translation.override(language):
        assert formats.date_format(date(2026, 3, 5), "DATE_FORMAT") == day
        assert formats.date_format(datetime(2026, 3, 5, 9, 30), "DATETIME_FORMAT") == moment
        assert formats.time_format(datetime(2026, 3, 5, 21, 5), "TIME_FORMAT") == "21:05"
        assert formats.number_format(1234567.5, 1, force_grouping=True) == number


@pytest.mark.parametrize("language, lower", [
    ("de", False), ("en", False), ("es", True), ("it", True), ("bg", True)])
def test_month_and_weekday_names_in_lower_case_where_the_language_writes_them_so(language, lower):
    with translation.override(language):
        names = ([formats.date_format(date(2026, month, 1), "F") for month in range(1, 13)]
                 + [formats.date_format(date(2026, 3, day), "l") for day in range(2, 9)])

    assert len(set(names)) == 19
    assert all(name == (name.lower() if lower else name.capitalize()) for name in names), names


# --- pages ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language, country", [
    ("de", "Bulgarien"), ("en", "Bulgaria"), ("es", "Bulgaria"), ("it", "Bulgaria"),
    ("bg", "България")])
def test_event_page_shows_local_date_zone_and_country(client, language, country):
    series = series_create(slug="bridges")
    region = region_create(series=series, name_en="Sofia", country="BG")
    event = event_create(series=series, slug="sofia", region=region, time_zone="Europe/Sofia",
                         start=datetime(2026, 3, 5, 7, 30, tzinfo=UTC),
                         end=datetime(2026, 3, 5, 11, tzinfo=UTC))
    talk_create(event=event, title_en="Opening", start=event.start, duration=timedelta(hours=1))

    page = client.get(f"/{language}/series/bridges/events/sofia/").content.decode()

    day_and_start, zone = SOFIA_WINTER[language].split("–13:00 ")
    assert f'<time datetime="2026-03-05T09:30:00+02:00">{day_and_start}</time>' in page
    assert f'<time datetime="2026-03-05T13:00:00+02:00">13:00</time> ' \
           f'<span class="zone">{zone}</span>' in page
    assert f"{region.name_en} ({country})" in page
    assert f"{zone}." in page  # "All times: …" under the agenda
    # the visitor's local time waits, hidden, for events/local-time.js
    assert re.search(r'<span class="local-time" data-local-time hidden>', page)
    assert '<script src="/static/events/local-time.js" defer></script>' in page


@pytest.mark.django_db
def test_personal_page_and_refusal_name_date_and_zone_in_the_visitors_language(client):
    series = series_create(slug="bridges")
    event = event_create(series=series, time_zone="Europe/Sofia",
                         start=datetime(2032, 3, 4, 9, 30, tzinfo=SOFIA),
                         end=datetime(2032, 3, 4, 13, tzinfo=SOFIA),
                         registration_opens=datetime(2032, 2, 2, 9, tzinfo=SOFIA))
    participant = participant_create(language="bg")
    registration_create(participant=participant, event=event)

    token = links.personal_token(participant=participant)
    page = client.get(f"/bg/registration/me/{token}/").content.decode()
    with translation.override("bg"):
        refusal = event_registration_refusal(event=event, now=datetime(2032, 1, 1, tzinfo=UTC))

    assert ('>четвъртък, 4 март 2032 г., 09:30</time>–<time datetime="2032-03-04T13:00:00+02:00">'
            '13:00</time> <span class="zone">по времето в София (EET, UTC+2)</span>') in page
    assert refusal.endswith(" се открива на 2 февруари 2032 г., 09:00 по времето в София "
                            "(EET, UTC+2).")


# --- the country field ---------------------------------------------------------------------


@pytest.mark.parametrize("typed, code", [
    ("Germany", "DE"), ("Deutschland", "DE"), ("Alemania", "DE"), ("Germania", "DE"),
    ("Германия", "DE"), ("  германия ", "DE"), ("ALEMANIA", "DE"), ("de", "DE"), ("DEU", "DE"),
    ("276", "DE"), ("Österreich", "AT"), ("osterreich", "AT"), ("cote d’ivoire", "CI"),
    ("Costa d'Avorio", "CI"), ("Кот д'Ивоар", "CI"), ("Nordmazedonien", "MK"),
    ("Regno Unito", "GB"), ("España", "ES"), ("espana", "ES"), ("Испания", "ES"),
    ("Macedonia del Nord", "MK"), ("Esuatini", "SZ"),  # their names today (settings)
])
def test_a_country_is_found_by_its_name_in_any_of_the_five_languages_or_its_code(typed, code):
    assert country_code(typed, language="en") == code


@pytest.mark.parametrize("typed", ["Atlantis", "", "   ", "XX", "Germany!" * 20, "Deutsch", "²",
                                   "٣"])
def test_an_unknown_country_is_not_guessed(typed):
    assert country_code(typed, language="de") is None


@pytest.fixture
def series_with_notice():
    series = series_create(slug="bridges", title_en="Cluster Bridges")
    consent_text_create(series=series)
    return series


def registration_data(**fields) -> dict:
    return {"email": "ana@example.org", "name": "Ana", "organisation_name": "Robots Ltd",
            "organisation_kind": "sme", "job_title": "", "language": "en", "scope": "series",
            "consent": "on", "consent_version": "1", "website": ""} | fields


@pytest.mark.django_db
@pytest.mark.usefixtures("tasks_immediate")
@pytest.mark.parametrize("language, country, organisation_country, codes", [
    ("bg", "германия", "Италия", ("DE", "IT")),
    ("es", "Alemania", "bulgaria", ("DE", "BG")),
    ("it", "Spagna", "Germania", ("ES", "DE")),
    ("bg", "Spain", "BG", ("ES", "BG")),  # another language's name, a code
])
def test_registration_with_countries_typed_by_name(client, series_with_notice, language, country,
                                                  organisation_country, codes):
    response = client.post(f"/{language}/series/bridges/register/", registration_data(
        language=language, country=country, organisation_country=organisation_country))

    assert response.status_code == 302
    participant = Participant.objects.get()
    assert (participant.country.code, participant.organisation_country.code) == codes


@pytest.mark.django_db
@pytest.mark.parametrize("language, message", [
    ("bg", "Не познаваме държава с името „Атлантида“. Моля, въведете името ѝ и я изберете "
           "от списъка."),
    ("es", "No conocemos ningún país llamado «Atlantida». Escriba su nombre y elíjalo de la "
           "lista."),
    ("it", "Non conosciamo un paese chiamato «Atlantida». Scriva il nome e lo scelga "
           "dall’elenco."),
])
def test_an_unknown_country_gets_a_clear_message_in_the_visitors_language(
        client, series_with_notice, language, message):
    typed = "Атлантида" if language == "bg" else "Atlantida"
    response = client.post(f"/{language}/series/bridges/register/", registration_data(
        country=typed, organisation_country="DE"))

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert f'<input type="text" name="country" value="{typed}"' in page  # kept as typed
    assert not Participant.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language, first, names", [
    ("bg", "Австралия", ["Австрия", "България", "Германия", "Испания", "Италия", "Япония"]),
    ("es", "Afganistán", ["Alemania", "Austria", "Bulgaria", "España", "Italia", "Japón"]),
    ("it", "Afghanistan", ["Austria", "Bulgaria", "Germania", "Giappone", "Italia", "Spagna"]),
    ("de", "Afghanistan", ["Bulgarien", "Deutschland", "Italien", "Japan", "Österreich",
                           "Spanien"]),
])
def test_register_page_offers_country_names_in_its_language_in_alphabetical_order(
        client, series_with_notice, language, first, names):
    page = client.get(f"/{language}/series/bridges/register/").content.decode()

    field = re.search(r'<input type="text" name="country"[^>]*>', page).group(0)
    assert 'list="id_country-list"' in field and 'autocomplete="country-name"' in field
    options = re.search(r'<datalist id="id_country-list">(.*?)</datalist>', page).group(1)
    offered = re.findall(r'<option value="([^"]*)">', options)
    assert len(offered) == 249 and offered[0] == first
    assert [name for name in offered if name in names] == names
    assert 'list="id_organisation_country-list"' in page


# --- mails ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("tasks_immediate")
@pytest.mark.parametrize("language, text", [
    ("it", "giovedì 4 marzo 2032, 09:30–13:00 ora di Sofia (EET, UTC+2)"),
    ("bg", "четвъртък, 4 март 2032 г., 09:30–13:00 по времето в София (EET, UTC+2)"),
])
def test_mail_names_date_and_zone_in_the_readers_language(client, series_with_notice, language,
                                                         text):
    event = event_create(series=series_with_notice, time_zone="Europe/Sofia",
                         start=datetime(2032, 3, 4, 9, 30, tzinfo=SOFIA),
                         end=datetime(2032, 3, 4, 13, tzinfo=SOFIA))

    client.post(f"/{language}/series/bridges/register/", registration_data(
        language=language, country="DE", organisation_country="DE", scope="events",
        events=[str(event.pk)]))

    mail = Mail.objects.get(cause__contains=":confirm-request:")
    assert mail.language == language
    assert text in mail.text and text in mail.html
