"""The first draft of an event's report (orga.drafting): the article of the seed, written
from the data in every content language, with each language's grammar."""

import re
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event, Talk
from orga.drafting import report_draft
from registrations.models import Registration
from reports.markup import render_markdown
from tests.factories import (
    event_create,
    organisation_create,
    region_create,
    series_create,
    speaker_create,
    talk_create,
)
from tests.test_registrations_factories import participant_create, registration_create

SEED_TODAY = date(2021, 6, 18)  # puts the Leipzig kick-off on 15 June 2021, as in the seed
LANGUAGES = ["de", "en", "es", "it", "bg"]
BERLIN = ZoneInfo("Europe/Berlin")
MAX_QUERIES = 8
# Twenty-one countries for the participants of the grammar cases.
COUNTRIES = ["DE", "BG", "ES", "IT", "FR", "AT", "PL", "CZ", "NL", "BE", "PT", "RO", "GR",
             "HU", "SK", "SI", "HR", "DK", "SE", "FI", "IE"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> dict:
    """The demo loaded once for the module, drafted, and rolled back: the drafts, the
    countries of Leipzig's attendees (counted here, apart from the code under test) and the
    queries the drafting took."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", "--today", SEED_TODAY.isoformat(), stdout=StringIO())
        leipzig = Event.objects.get(slug="leipzig")
        with CaptureQueriesContext(connection) as queries:
            drafts = report_draft(event=leipzig)
        countries = {registration.participant.country.code for registration in
                     Registration.objects.filter(event=leipzig, attended=True)
                     .select_related("participant")}
        transaction.set_rollback(True)
    return {"drafts": drafts, "countries": len(countries), "queries": len(queries)}


def sofia_url(language: str) -> str:
    return f"{settings.SITE_URL}/{language}/series/smartct-clusters/events/sofia/"


def paragraph_with(body: str, text: str) -> str:
    found = [block for block in body.split("\n\n") if text in block]
    assert found, text
    return found[0]


def test_demo_german_draft_states_the_facts_of_the_seed_article(demo):
    draft, countries = demo["drafts"]["de"], demo["countries"]

    assert draft.title == ("Leipzig: 37 Teilnehmende bei der ersten Veranstaltung von SmartCT "
                           "Clusters")
    assert draft.summary.startswith("Die erste Veranstaltung von SmartCT Clusters fand am "
                                    "15. Juni 2021 online statt")
    opening = draft.body.split("\n\n")[0]
    assert opening.startswith("Am 15. Juni 2021 fand die erste Veranstaltung der Reihe "
                              "**SmartCT Clusters** online statt: eine regionale Vorstellung, "
                              "bei der sich die Region Leipzig (Deutschland) präsentierte.")
    assert f"**37 Teilnehmende** aus {countries} Ländern." in opening
    assert "Netzwerk Energie und Umwelt e.V." in opening
    assert ("aus den Partnerländern Deutschland, Bulgarien, Spanien und Italien zu den "
            "Themenfeldern der Reihe vor: Öffentliche Verwaltung, Mobilität, Energie und "
            "Nachhaltigkeit sowie IKT.") in draft.body
    keynote = paragraph_with(draft.body, "die Keynote")
    assert ("**Cristina Garrido** (Smart-City-Expertin, Smart City Expo Barcelona; anteverti) "
            "die Keynote: „Die Auswirkungen der COVID-19-Pandemie auf europäische Städte“"
            ) in keynote
    assert "Gestaltung öffentlicher Räume" in keynote  # from the abstract
    for speaker, organisation, topic in [
        ("Sebastian Graetz", "Stadt Leipzig", "„Leipzigs digitale Transformation“"),
        ("Moritz Oesterlink", "CleverShuttle", "„Emissionsfreier Nahverkehr mit Ride-Pooling“"),
        ("Uwe Fischer", "Bereichsleiter Informationsmanagement, Leipziger Stadtwerke",
         "„Die digitalen Entwicklungen der Leipziger Stadtwerke“"),
        ("Iñigo Larraondo", "ITS Business Director, IDOM",
         "„Intelligente Verkehrssysteme: der Mobile ITS Service Guide“"),
    ]:
        block = paragraph_with(draft.body, f"**{speaker}**")
        assert organisation in block and topic in block, speaker
    assert "Anschließend folgten die Vorträge aus der Region Leipzig." in draft.body
    assert "Als dritter und letzter Beitrag aus der Region Leipzig" in draft.body
    assert paragraph_with(draft.body, "Iñigo").startswith(
        "Den Abschluss der Veranstaltung bildete **Iñigo Larraondo**")
    assert draft.body.strip().split("\n\n")[-1] == (
        "Die nächste Veranstaltung findet am 22. Juni 2021 statt und stellt die Region Sofia "
        "(Bulgarien) vor. Wenn Sie sich diesem internationalen Austausch anschließen möchten, "
        f"[melden Sie sich hier an]({sofia_url('de')}).")


def test_demo_english_draft_states_the_facts_of_the_seed_article(demo):
    draft, countries = demo["drafts"]["en"], demo["countries"]

    assert draft.title == "Leipzig: 37 participants at the first event of SmartCT Clusters"
    assert draft.summary == (
        "The first event of SmartCT Clusters, held online on 15 June 2021, presented the "
        "Leipzig region with a keynote by Cristina Garrido and four talks.")
    opening = draft.body.split("\n\n")[0]
    assert opening == (
        "On 15 June 2021 the first event of the series **SmartCT Clusters** took place online: "
        "a regional showcase presenting the Leipzig region (Germany). The organiser, Netzwerk "
        f"Energie und Umwelt e.V., welcomed **37 participants** from {countries} countries.")
    assert ("regional actors from the partner countries Germany, Bulgaria, Spain and Italy "
            "present themselves on its themes: public administration, mobility, energy and "
            "sustainability, and ICT.") in draft.body
    assert ("the keynote was given by **Cristina Garrido** (Smart city expert, Smart City Expo "
            "Barcelona; anteverti) on “The impact of the COVID-19 pandemic on European cities”."
            ) in draft.body
    for speaker, organisation, topic in [
        ("Sebastian Graetz", "Stadt Leipzig", "“Leipzig's digital transformation”"),
        ("Moritz Oesterlink", "CleverShuttle",
         "“Emission-free local transport with ride pooling”"),
        ("Uwe Fischer", "Head of Information Management, Leipziger Stadtwerke",
         "“The digital developments of Leipziger Stadtwerke”"),
        ("Iñigo Larraondo", "ITS Business Director, IDOM",
         "“Intelligent transport systems: the Mobile ITS Service Guide”"),
    ]:
        block = paragraph_with(draft.body, f"**{speaker}**")
        assert organisation in block and topic in block, speaker
    # In agenda order, the welcome mentioned and the break left out.
    order = [draft.body.index(name) for name in (
        "Katrin Vogel", "Cristina Garrido", "Sebastian Graetz", "Moritz Oesterlink",
        "Uwe Fischer", "Iñigo Larraondo")]
    assert order == sorted(order)
    assert "break" not in draft.body.lower()
    assert draft.body.strip().split("\n\n")[-1] == (
        "The next event takes place on 22 June 2021 and presents the Sofia region (Bulgaria). "
        "If you would like to join this international exchange, "
        f"[register here]({sofia_url('en')}).")


def test_demo_spanish_italian_and_bulgarian_drafts_state_their_facts(demo):
    drafts, countries = demo["drafts"], demo["countries"]
    expected = {
        "es": ["Leipzig: 37 participantes en el primer encuentro de SmartCT Clusters",
               "El 15 de junio de 2021 se celebró en línea el primer encuentro de la serie",
               "una presentación regional dedicada a la región de Leipzig (Alemania)",
               f"**37 participantes** procedentes de {countries} países",
               "Alemania, Bulgaria, España e Italia",
               "**Cristina Garrido** (experta en ciudades inteligentes",
               "**Sebastian Graetz** (unidad Ciudad Digital, Stadt Leipzig) con «La "
               "transformación digital de Leipzig»",
               "La tercera y última charla de la región de Leipzig",
               "Cerró el encuentro **Iñigo Larraondo** (director de negocio ITS, IDOM)",
               "El próximo encuentro tendrá lugar el 22 de junio de 2021 y estará dedicado a la "
               "región de Sofía (Bulgaria).",
               f"[inscríbase aquí]({sofia_url('es')})"],
        "it": ["Lipsia: 37 partecipanti al primo incontro di SmartCT Clusters",
               "Il 15 giugno 2021 si è svolto online il primo incontro della serie",
               "una vetrina regionale dedicata alla regione di Lipsia (Germania)",
               f"**37 partecipanti** provenienti da {countries} paesi",
               "Germania, Bulgaria, Spagna e Italia",
               "il keynote è stato tenuto da **Cristina Garrido**",
               "**Moritz Oesterlink** (regione di Lipsia, CleverShuttle) ha parlato di "
               "«Trasporto locale a emissioni zero con il ride pooling»",
               "Il terzo e ultimo intervento della regione di Lipsia",
               "Ha chiuso l'incontro **Iñigo Larraondo** (direttore commerciale ITS, IDOM)",
               "Il prossimo incontro si terrà il 22 giugno 2021 e sarà dedicato alla regione "
               "di Sofia (Bulgaria).",
               f"[si iscriva qui]({sofia_url('it')})"],
        "bg": ["Лайпциг: 37 участници в първото събитие на SmartCT Clusters",
               "На 15 юни 2021 г. първото събитие от поредицата **SmartCT Clusters** се "
               "проведе онлайн: регионално представяне на регион Лайпциг (Германия).",
               f"**37 участници** от {countries} държави",
               "Германия, България, Испания и Италия",
               "основния доклад изнесе **Cristina Garrido**",
               "четири доклада",
               "**Uwe Fischer** (ръководител „Управление на информацията“, Leipziger "
               "Stadtwerke)",
               "Третият и последен доклад от регион Лайпциг",
               "Събитието завърши с **Iñigo Larraondo** (бизнес директор ITS, IDOM)",
               "Следващото събитие ще се проведе на 22 юни 2021 г. и ще представи регион "
               "София (България).",
               f"[регистрирайте се тук]({sofia_url('bg')})"],
    }
    for language, facts in expected.items():
        draft = drafts[language]
        text = "\n".join([draft.title, draft.summary, draft.body])
        for fact in facts:
            assert fact in text, (language, fact)


def test_demo_drafts_of_the_five_languages_differ_and_keep_to_their_language(demo):
    drafts = demo["drafts"]

    assert list(drafts) == LANGUAGES
    assert len({draft.body for draft in drafts.values()}) == 5
    assert len({draft.title for draft in drafts.values()}) == 5
    assert len({draft.summary for draft in drafts.values()}) == 5
    own_words = {"de": ["Veranstaltung", "Teilnehmende", "melden Sie sich hier an"],
                 "en": [" event ", " participants", "register here", " the ", " and "],
                 "es": ["encuentro", "participantes", "inscríbase aquí"],
                 "it": ["incontro", "partecipanti", "si iscriva qui"],
                 "bg": ["събитие", "участници", "регистрирайте се тук"]}
    for language, draft in drafts.items():
        prose = re.sub(r"\]\([^)]*\)", "]", draft.body)  # without the link's address
        for other, words in own_words.items():
            for word in words:
                assert (word in prose) == (other == language), (language, word)
        assert f"({settings.SITE_URL}/{language}/series/" in draft.body


def test_demo_draft_renders_as_paragraphs_and_one_link_in_few_queries(demo):
    assert demo["queries"] <= MAX_QUERIES
    for language, draft in demo["drafts"].items():
        html = render_markdown(draft.body)
        assert html.count("<p>") == draft.body.count("\n\n") + 1, language
        assert html.count("<a ") == 1, language
        assert f'href="{sofia_url(language)}"' in html, language
        assert "<strong>Cristina Garrido</strong>" in html, language
        assert "\\" not in html and "**" not in html, language


# --- Grammar and the cases the demo does not show ----------------------------------------


def world(*, languages=LANGUAGES, **event_fields):
    """A series in five languages with one past online showcase of a region in Germany."""
    series = series_create(content_languages=languages, default_language="en",
                           title_en="Smart Regions", title_de="Smart Regions",
                           organiser=organisation_create(name="Cluster Network"))
    region = region_create(series=series, name_en="Saxony", name_de="Sachsen",
                           name_es="Sajonia", name_it="Sassonia", name_bg="Саксония",
                           country="DE")
    fields = {"region": region, "start": datetime(2026, 3, 3, 9, 30, tzinfo=BERLIN)}
    return series, event_create(series=series, **(fields | event_fields))


def attend(event: Event, people: int, countries: int, **fields) -> None:
    for number in range(people):
        participant = participant_create(country=COUNTRIES[number % countries])
        registration_create(participant=participant, event=event,
                            **({"attended": True} | fields))


GRAMMAR = {
    # participants, countries: what each language writes
    (1, 1): {"de": ["Begrüßt wurde **1 teilnehmende Person** aus 1 Land.",
                    "Sachsen: 1 teilnehmende Person bei der ersten Veranstaltung"],
             "en": ["welcomed **1 participant** from 1 country.", "Saxony: 1 participant at"],
             "es": ["a **1 participante** procedente de 1 país.", "Sajonia: 1 participante en"],
             "it": ["accolto **1 partecipante** proveniente da 1 paese.",
                    "Sassonia: 1 partecipante al primo"],
             "bg": ["посрещна **1 участник** от 1 държава.", "Саксония: 1 участник в първото"]},
    (2, 2): {"de": ["Begrüßt wurden **2 Teilnehmende** aus 2 Ländern."],
             "en": ["welcomed **2 participants** from 2 countries."],
             "es": ["a **2 participantes** procedentes de 2 países."],
             "it": ["accolto **2 partecipanti** provenienti da 2 paesi."],
             "bg": ["посрещна **2 участници** от 2 държави."]},
    (5, 5): {"de": ["**5 Teilnehmende** aus 5 Ländern."],
             "en": ["**5 participants** from 5 countries."],
             "es": ["**5 participantes** procedentes de 5 países."],
             "it": ["**5 partecipanti** provenienti da 5 paesi."],
             "bg": ["**5 участници** от 5 държави."]},
    (21, 21): {"de": ["**21 Teilnehmende** aus 21 Ländern."],
               "en": ["**21 participants** from 21 countries."],
               "es": ["**21 participantes** procedentes de 21 países."],
               "it": ["**21 partecipanti** provenienti da 21 paesi."],
               "bg": ["**21 участници** от 21 държави."]},
    (5, 1): {"de": ["**5 Teilnehmende** aus 1 Land."],
             "en": ["**5 participants** from 1 country."],
             "es": ["**5 participantes** procedentes de 1 país."],
             "it": ["**5 partecipanti** provenienti da 1 paese."],
             "bg": ["**5 участници** от 1 държава."]},
}


@pytest.mark.django_db
@pytest.mark.parametrize(("people", "countries"), list(GRAMMAR))
def test_draft_counts_participants_and_countries_with_each_languages_plural(people, countries):
    _series, event = world()
    attend(event, people, countries)
    registration_create(participant=participant_create(country="JP"), event=event,
                        attended=False)  # registered, did not come: not counted

    drafts = report_draft(event=event)

    for language, phrases in GRAMMAR[(people, countries)].items():
        text = f"{drafts[language].title}\n{drafts[language].body}"
        for phrase in phrases:
            assert phrase in text, (language, phrase)


@pytest.mark.django_db
def test_draft_counts_anonymised_participants_and_their_countries():
    _series, event = world()
    attend(event, 2, 2)
    gone = participant_create(country="PL", anonymised_at=timezone.now(), name="",
                              email="deleted-1@invalid")
    registration_create(participant=gone, event=event, attended=True)

    draft = report_draft(event=event)["en"]

    assert "welcomed **3 participants** from 3 countries." in draft.body


ORDINALS = {"de": ["die erste Veranstaltung", "die zweite Veranstaltung", "die dritte "
                   "Veranstaltung", "die vierte Veranstaltung", "die fünfte Veranstaltung"],
            "en": ["the first event", "the second event", "the third event", "the fourth event",
                   "the fifth event"],
            "es": ["el primer encuentro", "el segundo encuentro", "el tercer encuentro",
                   "el cuarto encuentro", "el quinto encuentro"],
            "it": ["il primo incontro", "il secondo incontro", "il terzo incontro",
                   "il quarto incontro", "il quinto incontro"],
            "bg": ["първото събитие", "второто събитие", "третото събитие",
                   "четвъртото събитие", "петото събитие"]}


@pytest.mark.django_db
def test_draft_names_the_events_place_in_the_series_with_the_ordinals_gender():
    series, first = world()
    events = [first] + [
        event_create(series=series, start=first.start + timedelta(days=7 * week))
        for week in range(1, 5)]
    event_create(series=series, start=first.start + timedelta(days=3),
                 status=Event.Status.CANCELLED)  # not counted
    event_create(series=series, start=first.start + timedelta(days=4),
                 status=Event.Status.DRAFT)  # not counted

    for place, event in enumerate(events):
        drafts = report_draft(event=event)
        for language, words in ORDINALS.items():
            assert words[place] in drafts[language].body, (language, place + 1)


@pytest.mark.django_db
def test_draft_of_an_event_without_talks_has_no_programme_paragraphs():
    _series, event = world()
    attend(event, 2, 1)

    drafts = report_draft(event=event)

    assert drafts["en"].summary == ("The first event of Smart Regions, held online on 3 March "
                                    "2026, presented the Saxony region.")
    assert drafts["de"].summary == ("Die erste Veranstaltung von Smart Regions fand am 3. März "
                                    "2026 online statt und stellte die Region Sachsen vor.")
    for language, draft in drafts.items():
        assert len(draft.body.strip().split("\n\n")) == 3, language  # facts, series, close
        assert "keynote" not in draft.body.lower(), language
        assert "**" in draft.body  # the participants, in bold


@pytest.mark.django_db
def test_draft_without_a_next_event_closes_without_it():
    _series, event = world()

    drafts = report_draft(event=event)

    closes = {language: draft.body.strip().split("\n\n")[-1] for language, draft in drafts.items()}
    assert closes == {
        "de": "Der Veranstalter dankt allen Referentinnen und Referenten sowie allen "
              "Teilnehmenden.",
        "en": "The organiser thanks all speakers and participants.",
        "es": "La entidad organizadora, Cluster Network, agradece su participación a todos "
              "los ponentes y participantes.",
        "it": "L'organizzatore, Cluster Network, ringrazia tutti i relatori e tutti i "
              "partecipanti.",
        "bg": "Организаторът, Cluster Network, благодари на всички лектори и участници."}
    assert all("](" not in draft.body for draft in drafts.values())


@pytest.mark.django_db
def test_draft_names_the_next_published_event_of_any_kind():
    series, event = world()
    event_create(series=series, start=event.start + timedelta(days=2),
                 status=Event.Status.DRAFT)  # not published: not announced
    pitch = event_create(series=series, slug="pitches", kind=Event.Kind.PITCH_SESSION,
                         start=datetime(2026, 3, 10, 23, 30, tzinfo=ZoneInfo("UTC")),
                         time_zone="Europe/Sofia")

    drafts = report_draft(event=event)

    assert ("Die nächste Veranstaltung, die Pitch-Session, findet am 11. März 2026 statt."
            in drafts["de"].body)  # the date in the next event's own zone
    assert "The next event, the pitch session, takes place on 11 March 2026." in drafts["en"].body
    assert "El próximo encuentro, la sesión de pitch, tendrá lugar el 11 de marzo de 2026." in (
        drafts["es"].body)
    assert "Il prossimo incontro, la sessione di pitch, si terrà l'11 marzo 2026." in (
        drafts["it"].body)
    assert "Следващото събитие, питч сесията, ще се проведе на 11 март 2026 г." in (
        drafts["bg"].body)
    assert f"({settings.SITE_URL}/it/series/{series.slug}/events/{pitch.slug}/)" in (
        drafts["it"].body)


@pytest.mark.django_db
def test_draft_before_the_attendance_is_known_counts_the_registered_and_leaves_a_placeholder():
    _series, event = world()
    attend(event, 3, 2, attended=None)
    registration_create(participant=participant_create(), event=event,
                        state=Registration.State.CANCELLED, attended=None)

    drafts = report_draft(event=event)

    assert drafts["en"].title == "Saxony: the first event of Smart Regions"
    for language, placeholder, registered in [
        ("de", "**\\[Zahl der Teilnehmenden:", "Angemeldet hatten sich 3 Personen aus 2 Ländern."),
        ("en", "**\\[number of participants:", "3 participants from 2 countries had registered."),
        ("es", "**\\[número de participantes:", "Se habían inscrito 3 personas de 2 países."),
        ("it", "**\\[numero di partecipanti:", "Si erano iscritte 3 persone da 2 paesi."),
        ("bg", "**\\[брой участници:", "Регистрирани бяха 3 души от 2 държави."),
    ]:
        body = drafts[language].body
        assert placeholder in body and registered in body, language
        assert "[" in render_markdown(body) and "<a" not in render_markdown(body), language


@pytest.mark.django_db
def test_draft_with_one_registered_person_agrees_in_number():
    _series, event = world()
    attend(event, 1, 1, attended=None)

    drafts = report_draft(event=event)

    assert "Angemeldet hatte sich 1 Person aus 1 Land." in drafts["de"].body
    assert "Se había inscrito 1 persona de 1 país." in drafts["es"].body
    assert "Si era iscritta 1 persona da 1 paese." in drafts["it"].body
    assert "Регистриран беше 1 човек от 1 държава." in drafts["bg"].body


@pytest.mark.django_db
def test_draft_escapes_markdown_in_names_and_titles():
    _series, event = world()
    organisation = organisation_create(name="Data_Works [Lab]")
    person = speaker_create(name="Ann *Star* Doe", organisation=organisation, role_en="",
                            role_de="")
    talk_create(event=event, kind=Talk.Kind.KEYNOTE, speakers=[person],
                title_en="Links [here](https://evil.example) and <b>tags</b> & `code`",
                title_de="Links [hier](https://evil.example)")

    drafts = report_draft(event=event)

    html = render_markdown(drafts["en"].body)
    assert "<strong>Ann *Star* Doe</strong> (Data_Works [Lab])" in html
    assert ("“Links [here](https://evil.example) and &lt;b&gt;tags&lt;/b&gt; &amp; `code`”"
            in html)
    assert "evil.example\"" not in html and "<b>" not in html and "<em>" not in html
    assert "<code>" not in html
    assert "„Links [hier](https://evil.example)“" in render_markdown(drafts["de"].body)


def speakers_world(event: Event, count: int, *, kind=Talk.Kind.TALK, country="DE") -> list:
    talks = []
    for number in range(count):
        person = speaker_create(name=f"Person {number + 1}",
                                organisation=organisation_create(country=country,
                                                                 name=f"Org {number + 1}"))
        talks.append(talk_create(event=event, kind=kind, speakers=[person]))
    return talks


@pytest.mark.django_db
def test_draft_of_a_pitch_session_tells_of_the_pitches():
    series, _showcase = world()
    pitch = event_create(series=series, kind=Event.Kind.PITCH_SESSION, slug="pitch",
                         start=datetime(2026, 3, 17, 9, 30, tzinfo=BERLIN))
    speakers_world(pitch, 3, kind=Talk.Kind.PITCH)

    drafts = report_draft(event=pitch)

    assert drafts["en"].title == "Pitch session: the second event of Smart Regions"
    assert "three pitches" in drafts["en"].summary
    assert "drei Pitches" in drafts["de"].summary
    assert "tre pitch" in drafts["it"].summary
    assert "tres presentaciones de empresas" in drafts["es"].summary
    assert "три представяния на предприятия" in drafts["bg"].summary
    assert "The companies pitched. First, **Person 1** (Engineer, Org 1) pitched" in (
        drafts["en"].body)
    assert "The event closed with **Person 3**" in drafts["en"].body


@pytest.mark.django_db
def test_draft_joins_several_speakers_and_agrees_the_verb():
    _series, event = world()
    first, second = speaker_create(name="Ana"), speaker_create(name="Ivan")
    talk_create(event=event, kind=Talk.Kind.KEYNOTE, speakers=[first, second],
                title_en="Together", title_de="Gemeinsam")
    talk_create(event=event, speakers=[speaker_create(name="Eva")])
    talk_create(event=event, speakers=[first, second])
    talk_create(event=event, speakers=[speaker_create(name="Iris")])

    drafts = report_draft(event=event)

    assert "Die Keynote hielten **Ana**" in drafts["de"].body
    assert "Danach sprachen **Ana**" in drafts["de"].body
    assert "**Ana** (ingeniera" not in drafts["es"].body  # no Spanish role: the English one
    assert " e **Ivan**" in drafts["es"].body  # 'y' becomes 'e' before an i- sound
    assert "hablaron de" in drafts["es"].body
    assert "hanno parlato di" in drafts["it"].body
    assert "изнесоха **Ana**" in drafts["bg"].body
    assert "говориха за" in drafts["bg"].body


@pytest.mark.django_db
def test_draft_of_thirty_talks_takes_no_more_queries_than_the_demo(
        django_assert_max_num_queries):
    _series, event = world()
    speakers_world(event, 30)
    attend(event, 5, 3)

    with CaptureQueriesContext(connection) as queries:
        drafts = report_draft(event=event)

    assert len(queries) <= MAX_QUERIES
    assert all(f"**Person {number}**" in drafts["bg"].body for number in range(1, 31))
    assert "30 talks" in drafts["en"].summary
    assert "30 доклада" in drafts["bg"].summary


@pytest.mark.django_db
def test_draft_of_an_event_on_site_names_its_venue():
    _series, event = world(format=Event.Format.HYBRID, venue_en="Congress Hall",
                           venue_de="Kongresshalle")

    drafts = report_draft(event=event)

    assert "took place at Congress Hall and online" in drafts["en"].body
    assert "vor Ort (Kongresshalle) und online statt" in drafts["de"].body
    assert "de forma presencial (Congress Hall) y en línea" in drafts["es"].body


@pytest.mark.django_db
def test_draft_is_written_in_the_series_content_languages_only():
    _series, event = world(languages=["de", "en"])

    assert list(report_draft(event=event)) == ["de", "en"]


@pytest.mark.django_db
def test_draft_mentions_the_welcome_and_a_single_partner_country():
    _series, event = world()
    talk_create(event=event, kind=Talk.Kind.WELCOME, speakers=[speaker_create(name="Wanda")])
    talk_create(event=event, kind=Talk.Kind.BREAK, title_en="Coffee break")
    speakers_world(event, 2)

    drafts = report_draft(event=event)

    assert ("The event opened with a welcome by **Wanda** (Engineer, Organisation"
            in drafts["en"].body)
    assert "Coffee break" not in drafts["en"].body
    assert "regional actors from the partner country Germany present" in drafts["en"].body
    assert "regionale Akteure aus dem Partnerland Deutschland vor" in drafts["de"].body
    assert "actores regionales del país socio Alemania" in drafts["es"].body
    assert "attori regionali del paese partner Germania" in drafts["it"].body
    assert "участници от партньорската държава Германия" in drafts["bg"].body
    assert "Първия доклад изнесе **Person 1**" in drafts["bg"].body


def test_languages_small_words_follow_the_next_sound_and_number():
    from orga.drafting import bg, es, it

    assert es.join(["España", "Italia"]) == "España e Italia"
    assert es.join(["agua", "hielo"]) == "agua y hielo"  # 'hie' is not an i- sound
    assert es.join(["Francia", "Hidalgo"]) == "Francia e Hidalgo"
    assert it.join(["Lazio", "Emilia-Romagna"]) == "Lazio ed Emilia-Romagna"
    assert it.the_ordinal(8, "incontro", preposition="a") == "all'ottavo incontro"
    assert it.the_ordinal(11, "incontro") == "l'undicesimo incontro"
    assert it.the_ordinal(21, "incontro", preposition="di") == "del 21º incontro"
    assert it.on_day(date(2026, 6, 8)) == "l'8 giugno 2026"
    assert it.on_day(date(2026, 6, 1)) == "il 1º giugno 2026"
    assert [bg.ordinal_neuter(n) for n in (5, 11, 21, 22, 23, 27, 30)] == [
        "петото", "11-ото", "21-вото", "22-рото", "23-тото", "27-мото", "30-ото"]
    assert es.ordinal(3) == "tercer" and es.ordinal_feminine(3) == "tercera"
