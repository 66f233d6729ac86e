"""A Bulgarian, a Spanish and an Italian visitor each go the whole way in their language.

Each opens a link to the series without a language in it, with a browser that asks for
their language; registers for the whole series; reads the confirmation request in the
mail and follows its link; confirms; and on the personal page cancels one event and
changes a setting. Every page on the way, and every mail they get, is checked against the
catalogues of the other four languages (tests/catalogue_leaks.py): no English source
string and no German, Spanish, Italian or Bulgarian translation of an interface string
that is not also their own language's. The series' texts exist in all five languages, as
a series of the four partner countries would have them.
"""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone, translation
from django_countries.fields import Country
from playwright.sync_api import expect

from events.models import Event, Organisation, Talk
from mail.models import Mail
from registrations.models import Participant, Registration
from tests.catalogue_leaks import leaks, page_texts
from tests.factories import (
    event_create,
    organisation_create,
    region_create,
    series_create,
    speaker_create,
    talk_create,
    theme_create,
)
from tests.test_registrations_factories import consent_text_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("tasks_immediate")]

State = Registration.State


def texts(field: str, **by_language: str) -> dict[str, str]:
    """A translatable field's columns: texts(title, en="…", de="…") → title_en, title_de."""
    return {f"{field}_{language}": text for language, text in by_language.items()}


SERIES = texts("title", en="Cluster Bridges", de="Cluster-Brücken",
               es="Puentes entre clústeres", it="Ponti tra cluster",
               bg="Мостове между клъстери") | texts(
    "tagline", en="Partner regions meet, one morning at a time.",
    de="Partnerregionen begegnen sich, einen Vormittag nach dem anderen.",
    es="Las regiones socias se encuentran, una mañana cada vez.",
    it="Le regioni partner si incontrano, una mattina alla volta.",
    bg="Партньорските региони се срещат, по една сутрин.") | texts(
    "description", en="Companies of four partner regions present themselves.",
    de="Unternehmen aus vier Partnerregionen stellen sich vor.",
    es="Empresas de cuatro regiones socias se presentan.",
    it="Aziende di quattro regioni partner si presentano.",
    bg="Фирми от четири партньорски региона се представят.")
REGION = texts("name", en="Sofia, Bulgaria", de="Sofia, Bulgarien", es="Sofía, Bulgaria",
               it="Sofia, Bulgaria", bg="София, България")
THEME = texts("name", en="Smart mobility", de="Intelligente Mobilität",
              es="Movilidad inteligente", it="Mobilità intelligente",
              bg="Интелигентна мобилност")
SUMMARY = texts("summary", en="Start-ups of the region present their projects.",
                de="Start-ups der Region stellen ihre Projekte vor.",
                es="Las empresas emergentes de la región presentan sus proyectos.",
                it="Le start-up della regione presentano i loro progetti.",
                bg="Стартъпи от региона представят своите проекти.")
SOFIA = texts("title", en="Sofia showcase", de="Sofia stellt sich vor", es="Sofía se presenta",
              it="Sofia si presenta", bg="София се представя") | SUMMARY
PLOVDIV = texts("title", en="Plovdiv showcase", de="Plowdiw stellt sich vor",
                es="Plovdiv se presenta", it="Plovdiv si presenta",
                bg="Пловдив се представя") | SUMMARY
KEYNOTE = texts("title", en="Buses that find their passengers",
                de="Busse, die ihre Fahrgäste finden",
                es="Autobuses que encuentran a sus pasajeros",
                it="Autobus che trovano i loro passeggeri",
                bg="Автобуси, които намират пътниците си")
SPEAKER = texts("role", en="Head of mobility", de="Leiterin Mobilität",
                es="Directora de movilidad", it="Responsabile della mobilità",
                bg="Ръководител на отдел „Мобилност“")
PARK = texts("description", en="The science and technology park of Sofia.",
             de="Der Wissenschafts- und Technologiepark Sofias.",
             es="El parque científico y tecnológico de Sofía.",
             it="Il parco scientifico e tecnologico di Sofia.",
             bg="Научно-технологичният парк на София.")
CONSENT = texts("text", en="We keep your data for this series only.",
                de="Wir speichern Ihre Daten nur für diese Reihe.",
                es="Guardamos sus datos solo para esta serie.",
                it="Conserviamo i Suoi dati solo per questa serie.",
                bg="Съхраняваме данните Ви само за тази поредица.")
SPEAKER_NAME, PARK_NAME, ORGANISER = "Elena Dimitrova", "Sofia Tech Park", "Dunav Cluster"

VISITORS = {
    "bg": {"locale": "bg-BG", "email": "ivan.petrov@example.org", "name": "Иван Петров",
           "job_title": "Управител", "country": "BG",
           "organisation_name": "Петров Инженеринг ООД"},
    "es": {"locale": "es-ES", "email": "lucia.fernandez@example.org",
           "name": "Lucía Fernández", "job_title": "Directora", "country": "ES",
           "organisation_name": "Movilidad Vasca S.L."},
    "it": {"locale": "it-IT", "email": "giulia.romano@example.org", "name": "Giulia Romano",
           "job_title": "Responsabile tecnica", "country": "IT",
           "organisation_name": "Romano Mobilità S.r.l."},
}


@pytest.fixture
def series(settings, live_server):
    settings.SITE_URL = live_server.url
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    organiser = organisation_create(slug="dunav", name=ORGANISER, kind=Organisation.Kind.NETWORK,
                                    country="BG", city="Ruse")
    series = series_create(slug="bridges", organiser=organiser, default_language="en",
                           content_languages=["de", "en", "es", "it", "bg"], **SERIES)
    consent_text_create(series=series, **CONSENT)
    theme = theme_create(series=series, slug="mobility", **THEME)
    region = region_create(series=series, slug="sofia", country="BG", **REGION)
    park = organisation_create(slug="sofia-tech-park", name=PARK_NAME, country="BG",
                               city="Sofia", **PARK)
    speaker = speaker_create(slug="elena-dimitrova", name=SPEAKER_NAME, organisation=park,
                             **SPEAKER)
    start = (timezone.now() + timedelta(days=14)).replace(hour=8, minute=0, second=0,
                                                          microsecond=0)
    for slug, title, days in (("sofia", SOFIA, 0), ("plovdiv", PLOVDIV, 7)):
        event = event_create(series=series, slug=slug, region=region,
                             start=start + timedelta(days=days), time_zone="Europe/Sofia",
                             format=Event.Format.ONLINE, capacity=50, **title)
        event.themes.add(theme)
        talk_create(event=event, kind=Talk.Kind.KEYNOTE, speakers=[speaker], **KEYNOTE)
    return series


def say(language: str, message: str) -> str:
    """An interface string as `language` says it."""
    with translation.override(language):
        return translation.gettext(message)


class Reader:
    """Reads every page and mail of one visitor's way for text of other languages."""

    def __init__(self, page, language: str, allowed: tuple[str, ...]):
        self.page, self.language, self.allowed = page, language, allowed
        self.found: dict[str, list[str]] = {}

    def read_page(self, step: str) -> None:
        expect(self.page.locator("html")).to_have_attribute("lang", self.language)
        self.note(f"{step} ({urlsplit(self.page.url).path})", page_texts(
            self.page, language=self.language))

    def read_mail(self, mail: Mail) -> None:
        assert mail.language == self.language, (mail.cause, mail.language)
        self.note(f"mail {mail.cause.split(':')[2]} ({mail.subject})",
                  f"{mail.subject}\n{mail.text}")

    def note(self, where: str, text: str) -> None:
        found = leaks(text, language=self.language, allowed=self.allowed)
        if found:
            self.found[where] = found

    def report(self) -> str:
        return "\n".join(f"{where}: {', '.join(found)}" for where, found in self.found.items())


def choose_country(page, field: str, code: str, language: str) -> None:
    """Choose a country in a list, or type its name as the visitor says it."""
    control = page.locator(f"[name={field}]")
    if control.evaluate("element => element.tagName") == "SELECT":
        control.select_option(code)
    else:
        with translation.override(language):
            control.fill(str(Country(code).name))


def site_links(mail: Mail, site: str) -> list[str]:
    """The links of a mail's text that lead to this site (a join link leads elsewhere)."""
    return [link for link in re.findall(r"https?://[^\s<>\"]+", mail.text)
            if link.startswith(site)]


@pytest.mark.parametrize("language", list(VISITORS))
def test_visitor_registers_confirms_and_manages_registrations_in_own_language(
    browser, live_server, series, language
):
    visitor = VISITORS[language]
    context = browser.new_context(locale=visitor["locale"])
    page = context.new_page()
    page.set_default_timeout(10_000)
    reader = Reader(page, language, allowed=(
        visitor["name"], visitor["organisation_name"], SPEAKER_NAME, PARK_NAME, ORGANISER))
    sofia, plovdiv = series.events.get(slug="sofia"), series.events.get(slug="plovdiv")
    base = f"{live_server.url}/{language}"

    # A shared link without a language opens the series in the browser's language.
    page.goto(f"{live_server.url}/series/bridges/")
    expect(page).to_have_url(f"{base}/series/bridges/")
    expect(page.get_by_role("heading", level=1)).to_have_text(SERIES[f"title_{language}"])
    reader.read_page("series page")

    # The next event's page, and back to register for the whole series.
    next_event = page.get_by_role("region", name=say(language, "Next event"))
    next_event.get_by_role("link", name=SOFIA[f"title_{language}"]).click()
    expect(page).to_have_url(f"{base}/series/bridges/events/sofia/")
    expect(page.get_by_role("heading", level=1)).to_have_text(SOFIA[f"title_{language}"])
    reader.read_page("event page")
    page.go_back()
    page.get_by_role("link", name=say(language, "Register for the series")).click()

    # The form, in the visitor's language; the series as a whole.
    expect(page).to_have_url(f"{base}/series/bridges/register/")
    reader.read_page("register page")
    page.locator("input[name=scope][value=series]").check()
    page.locator("input[name=email]").fill(visitor["email"])
    page.locator("input[name=name]").fill(visitor["name"])
    page.locator("input[name=job_title]").fill(visitor["job_title"])
    choose_country(page, "country", visitor["country"], language)
    page.locator("input[name=organisation_name]").fill(visitor["organisation_name"])
    page.locator("select[name=organisation_kind]").select_option("sme")
    choose_country(page, "organisation_country", visitor["country"], language)
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name=say(language, "Register"), exact=True).click()
    expect(page).to_have_url(f"{base}/series/bridges/register/sent/")
    reader.read_page("register sent page")

    # The mail asks for confirmation in the visitor's language, with a link in it.
    participant = Participant.objects.get(email=visitor["email"])
    assert participant.language == language
    request = Mail.objects.get(to=visitor["email"], cause__contains=":confirm-request:")
    reader.read_mail(request)
    links = site_links(request, live_server.url)
    confirm_links = [link for link in links if "/registration/confirm/" in link]
    assert len(confirm_links) == 1, request.text
    assert all(link.startswith(f"{base}/") for link in links), request.text

    # The link shows the confirmation page; the click opens the personal page.
    page.goto(confirm_links[0])
    expect(page.get_by_role("heading", level=1)).to_have_text(
        say(language, "Confirm your registration"))
    reader.read_page("confirm page")
    page.get_by_role("button", name=say(language, "Confirm my registration")).click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(base)}/registration/me/[^/]+/$"))
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text(
        say(language, "Thank you: your e-mail address is confirmed."))
    rows = page.locator("table.registrations tbody tr")
    expect(rows).to_have_count(2)
    reader.read_page("personal page")
    assert set(participant.registrations.values_list("state", flat=True)) == {State.CONFIRMED}

    # Cancelling one event: the page says so, in the visitor's language.
    page.get_by_role("button", name=re.compile(
        re.escape(say(language, "Cancel")) + r"\s+" + re.escape(PLOVDIV[f"title_{language}"])
    )).click()
    expect(page.get_by_text(say(language, "Your registration has been cancelled."))).to_be_visible()
    reader.read_page("personal page after cancelling")
    states = dict(participant.registrations.values_list("event__slug", "state"))
    assert states == {sofia.slug: State.CONFIRMED, plovdiv.slug: State.CANCELLED}

    # Changing a setting: to be listed publicly.
    page.locator("input[name=listed_publicly]").check()
    page.get_by_role("button", name=say(language, "Save"), exact=True).click()
    expect(page.get_by_text(say(language, "Your settings have been saved."))).to_be_visible()
    reader.read_page("personal page after saving settings")
    participant.refresh_from_db()
    assert participant.listed_publicly and participant.language == language

    # Every mail of the way (registered, cancelled) speaks the visitor's language too.
    mails = Mail.objects.filter(to=visitor["email"]).order_by("pk")
    assert mails.count() >= 3, [mail.cause for mail in mails]
    for mail in mails:
        reader.read_mail(mail)
        assert all(link.startswith(f"{base}/")
                   for link in site_links(mail, live_server.url)), mail.text
    context.close()

    assert not reader.found, (
        f"interface text of other languages on the {language} visitor's way:\n"
        + reader.report())


def test_the_check_finds_interface_text_of_other_languages_and_nothing_else(page):
    page.set_content(
        '<html lang="bg"><head><title>Следващо събитие</title></head><body>'
        '<h1>Мостове между клъстери</h1>'
        '<p>Register for the series</p>'                       # English source string
        '<button aria-label="Meine Veranstaltungen">×</button>'  # German, in an attribute
        '<p><span>Organizzato da</span> Dunav Cluster</p>'       # Italian, in a run
        '<nav><a lang="de" href="/de/">Deutsch</a><a lang="en" href="/en/">English</a></nav>'
        '<p lang="en">Buses that find their passengers: Register for the series</p>'
        '<p>http://127.0.0.1/bg/registration/confirm/x/ ivan.petrov@example.org</p>'
        '<p>Регистрирайте се за поредицата</p></body></html>')

    found = leaks(page_texts(page, language="bg"), language="bg", allowed=("Dunav Cluster",))

    assert found == ["'Meine Veranstaltungen' [de]", "'Organizzato da' [it]",
                     "'Register for the series' [en]"]
