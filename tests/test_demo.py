"""The demo series from the seed, as `manage.py load_demo` leaves it."""

import re
from datetime import date, datetime, time, timedelta
from io import StringIO
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from events.demo import demo_load
from events.demo.data import FICTIONAL_ORGANISATION, FICTIONAL_PERSON, LANGUAGES
from events.demo.load import first_event_day
from events.models import (
    Event,
    Organisation,
    Region,
    Series,
    Speaker,
    Talk,
    TalkSpeaker,
    Theme,
)
from matchmaking.models import (
    MatchmakingProfile,
    MatchmakingSettings,
    MeetingRequest,
    NetworkingBlock,
)
from pitches.models import PitchApplication, PitchCall, PitchCriterion
from registrations import integrity
from registrations.models import Consent, ConsentText, Participant, Registration
from reports.models import Report

SEED_TODAY = date(2021, 6, 18)  # puts the Leipzig kick-off on 15 June 2021, as in the seed
BERLIN = ZoneInfo("Europe/Berlin")
SPEAKERS_IN_ORDER = [
    "Cristina Garrido", "Sebastian Graetz", "Moritz Oesterlink", "Uwe Fischer",
    "Iñigo Larraondo",
]
# Named in the seed: every other person and organisation of the demo is invented.
REAL_SPEAKERS = {"cristina-garrido", "sebastian-graetz", "moritz-oesterlink", "uwe-fischer",
                 "inigo-larraondo"}
REAL_ORGANISATIONS = {"neu-ev", "stadt-leipzig", "clevershuttle", "leipziger-stadtwerke",
                      "anteverti", "idom"}
MODELS = [Organisation, Series, Theme, Region, Event, Speaker, Talk, TalkSpeaker, Report,
          ConsentText, Participant, Consent, Registration, Talk.themes.through,
          Event.themes.through, Participant.themes.through, PitchCall, PitchCriterion,
          PitchApplication, MatchmakingSettings, NetworkingBlock, MatchmakingProfile,
          MatchmakingProfile.offer_themes.through, MatchmakingProfile.need_themes.through,
          MeetingRequest]
TEXTS = [
    (Series, ["title", "tagline", "description"]),
    (Theme, ["name", "description"]),
    (Region, ["name", "description"]),
    (Event, ["title", "summary"]),
    (Talk, ["title", "abstract"]),
    (Speaker, ["role", "bio"]),
    (Organisation, ["description"]),
    (Report, ["title", "summary", "body"]),
    (ConsentText, ["text"]),
]
CYRILLIC = re.compile("[а-яА-Я]")


def load_demo(today: date = SEED_TODAY) -> None:
    call_command("load_demo", "--today", today.isoformat(), stdout=StringIO())


def snapshot() -> dict[str, list[dict]]:
    """Every row the demo touches, every column."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def agenda(slug: str) -> list[Talk]:
    return list(
        Talk.objects.filter(event__slug=slug)
        .prefetch_related("talk_speakers__speaker__organisation", "themes")
        .order_by("order")
    )


@pytest.mark.django_db
def test_demo_load_creates_the_series_with_themes_regions_and_events():
    series = demo_load(today=SEED_TODAY)

    assert Series.objects.published().get() == series
    assert series.slug == "smartct-clusters"
    assert series.registration_open is True
    assert series.default_language == "de"
    assert series.content_languages == ["de", "en", "es", "it", "bg"]
    assert series.organiser.name == "Netzwerk Energie und Umwelt e.V."
    assert series.organiser.kind == Organisation.Kind.NETWORK
    assert series.organiser.is_network_member is True
    assert [theme.slug for theme in series.themes.all()] == [
        "public-administration", "mobility", "energy-sustainability", "ict",
    ]
    assert [(region.slug, region.country.code) for region in series.regions.all()] == [
        ("leipzig", "DE"), ("sofia", "BG"), ("basque-country", "ES"), ("emilia-romagna", "IT"),
    ]
    events = list(series.events.published().order_by("start"))
    assert [(event.slug, event.kind, event.time_zone) for event in events] == [
        ("leipzig", Event.Kind.SHOWCASE, "Europe/Berlin"),
        ("sofia", Event.Kind.SHOWCASE, "Europe/Sofia"),
        ("basque-country", Event.Kind.SHOWCASE, "Europe/Madrid"),
        ("emilia-romagna", Event.Kind.SHOWCASE, "Europe/Rome"),
        ("sme-pitch-session", Event.Kind.PITCH_SESSION, "Europe/Berlin"),
    ]
    assert all(event.format == Event.Format.ONLINE and event.capacity == 100 for event in events)
    assert all(event.join_url.startswith("https://meet.example.org/") for event in events)


@pytest.mark.django_db
def test_demo_events_are_half_days_a_week_apart_on_tuesdays_as_in_the_seed():
    demo_load(today=SEED_TODAY)

    events = list(Event.objects.order_by("start"))

    assert [event.local_start.date() for event in events] == [
        date(2021, 6, 15), date(2021, 6, 22), date(2021, 6, 29), date(2021, 7, 6),
        date(2021, 7, 13),
    ]
    assert {event.local_start.strftime("%A") for event in events} == {"Tuesday"}
    assert {(event.local_start.time(), event.local_end.time()) for event in events} == {
        (time(9, 30), time(12, 30))
    }
    sofia = next(event for event in events if event.slug == "sofia")
    assert sofia.start == datetime(2021, 6, 22, 6, 30, tzinfo=ZoneInfo("UTC"))


def test_demo_events_fall_on_weekdays_a_week_apart_whatever_the_day_it_is_loaded():
    for today in (date(2026, 11, 23) + timedelta(days=n) for n in range(14)):
        first = first_event_day(today)
        days = [first + timedelta(weeks=week) for week in range(5)]

        assert {day.weekday() for day in days} == {first.weekday()}, today
        assert first.weekday() < 5, today  # Monday to Friday
        assert timedelta(days=2) <= today - first <= timedelta(days=6), today  # report is out
        assert days[1] > today, today  # Sofia is always still to come
        # On a Tuesday whenever the window holds one (it does not on Tuesdays, Wednesdays),
        # else on the weekday nearest to it.
        assert first.weekday() == {1: 2, 2: 0}.get(today.weekday(), 1), today


@pytest.mark.django_db
def test_demo_leipzig_is_past_and_sofia_is_the_next_event():
    demo_load()

    assert [event.slug for event in Event.objects.published().past()] == ["leipzig"]
    assert Event.objects.published().upcoming().first().slug == "sofia"
    leipzig = Event.objects.get(slug="leipzig")
    assert leipzig.is_past
    assert leipzig.local_start.date() == first_event_day(timezone.localdate())
    assert Report.objects.published().get().event == leipzig


@pytest.mark.django_db
def test_demo_leipzig_agenda_is_the_seed_in_order_after_a_welcome():
    demo_load(today=SEED_TODAY)

    talks = agenda("leipzig")

    assert [talk.kind for talk in talks] == [
        Talk.Kind.WELCOME, Talk.Kind.KEYNOTE, Talk.Kind.BREAK] + [Talk.Kind.TALK] * 4
    speaking = [talk for talk in talks if talk.kind not in (Talk.Kind.WELCOME, Talk.Kind.BREAK)]
    assert [[speaker.name for speaker in talk.ordered_speakers] for talk in speaking] == [
        [name] for name in SPEAKERS_IN_ORDER
    ]
    assert [talk.ordered_speakers[0].organisation.name for talk in speaking] == [
        "anteverti", "Stadt Leipzig", "CleverShuttle", "Leipziger Stadtwerke", "IDOM",
    ]
    assert talks[0].ordered_speakers[0].organisation.slug == "neu-ev"
    assert all(talk.themes.exists() for talk in speaking)


@pytest.mark.django_db
def test_demo_every_event_has_a_plausible_agenda_with_speakers():
    demo_load(today=SEED_TODAY)

    for event in Event.objects.order_by("start").prefetch_related("themes"):
        talks = agenda(event.slug)
        kinds = [talk.kind for talk in talks]
        assert kinds[0] == Talk.Kind.WELCOME, event.slug
        assert Talk.Kind.BREAK in kinds, event.slug
        assert Talk.Kind.KEYNOTE in kinds or kinds.count(Talk.Kind.PITCH) >= 4, event.slug
        assert Talk.Kind.PANEL in kinds or event.slug == "leipzig"  # the seed's ended on a talk
        for talk in talks:  # speakers on every item but the breaks
            assert bool(talk.ordered_speakers) == (talk.kind != Talk.Kind.BREAK), talk.title_en
        # The items follow each other without overlap and fill the event's half day.
        assert (talks[0].start, talks[-1].end) == (event.start, event.end), event.slug
        for before, after in zip(talks, talks[1:], strict=False):
            assert before.end <= after.start, after.title_en
        # The event's themes are those of its talks.
        assert set(event.themes.all()) == {theme for talk in talks
                                           for theme in talk.themes.all()}, event.slug


@pytest.mark.django_db
def test_demo_speakers_come_from_the_events_region():
    demo_load(today=SEED_TODAY)

    for event in Event.objects.filter(region__isnull=False).exclude(slug="leipzig"):
        countries = {speaker.organisation.country.code for talk in agenda(event.slug)
                     for speaker in talk.ordered_speakers}
        assert countries == {event.region.country.code}, event.slug
    pitches = [talk for talk in agenda("sme-pitch-session") if talk.kind == Talk.Kind.PITCH]
    assert {talk.ordered_speakers[0].organisation.kind for talk in pitches} == {
        Organisation.Kind.SME}
    assert {talk.ordered_speakers[0].organisation.country.code for talk in pitches} == {
        "DE", "BG", "ES", "IT"}


@pytest.mark.django_db
def test_demo_marks_every_invented_person_and_organisation_as_demo_data():
    demo_load(today=SEED_TODAY)

    invented_speakers = Speaker.objects.exclude(slug__in=REAL_SPEAKERS)
    invented_organisations = Organisation.objects.exclude(slug__in=REAL_ORGANISATIONS)

    assert invented_speakers.count() == 22
    assert invented_organisations.count() == 21
    for speaker in invented_speakers:
        for language in LANGUAGES:
            assert getattr(speaker, f"bio_{language}").endswith(FICTIONAL_PERSON[language])
    for organisation in invented_organisations:
        assert organisation.name.endswith(" (Demo)")
        assert urlsplit(organisation.website).hostname.endswith(".example.org")
        for language in LANGUAGES:
            assert getattr(organisation, f"description_{language}").endswith(
                FICTIONAL_ORGANISATION[language])
    for speaker in Speaker.objects.filter(slug__in=REAL_SPEAKERS):
        assert "demo" not in speaker.bio_en.lower()


@pytest.mark.django_db
def test_demo_speaker_page_says_a_person_is_invented(client):
    load_demo()

    page = client.get("/bg/speakers/desislava-petrova/").content.decode()

    assert "Измислено лице: демонстрационни данни." in page
    assert "Sofia Smart Region Cluster (Demo)" in page


@pytest.mark.django_db
def test_demo_themes_differ_between_events_so_the_filter_means_something(client):
    load_demo()
    events = list(Event.objects.order_by("start").prefetch_related("themes"))

    picked = {theme.slug: frozenset(theme.events.values_list("slug", flat=True))
              for theme in Theme.objects.all()}
    page = client.get("/en/series/smartct-clusters/events/?theme=mobility").content.decode()

    # Every theme picks some events but not all, and no two themes pick the same.
    assert all(0 < len(slugs) < len(events) for slugs in picked.values()), picked
    assert len(set(picked.values())) == len(picked), picked
    # The showcases differ; the kick-off and the pitch session span every theme.
    showcases = [frozenset(event.themes.all()) for event in events if event.region_id]
    assert len(set(showcases)) == 4
    assert "Basque Country (Spain)" in page and "Leipzig region (Germany)" in page
    assert "Emilia-Romagna (Italy)" not in page


@pytest.mark.django_db
def test_demo_organisations_have_kind_country_and_membership():
    demo_load(today=SEED_TODAY)

    organisations = {org.slug: org for org in Organisation.objects.all()}

    assert {
        slug: (organisations[slug].kind, organisations[slug].country.code,
               organisations[slug].city, organisations[slug].is_network_member)
        for slug in ["stadt-leipzig", "leipziger-stadtwerke", "idom", "anteverti",
                     "clevershuttle"]
    } == {
        "stadt-leipzig": (Organisation.Kind.PUBLIC_ADMINISTRATION, "DE", "Leipzig", False),
        "leipziger-stadtwerke": (Organisation.Kind.LARGE_COMPANY, "DE", "Leipzig", False),
        "idom": (Organisation.Kind.LARGE_COMPANY, "ES", "Bilbao", False),
        "anteverti": (Organisation.Kind.SME, "ES", "Barcelona", False),
        "clevershuttle": (Organisation.Kind.SME, "DE", "Leipzig", True),
    }
    coordinators = [region.coordinator for region in Region.objects.order_by("position")]
    assert coordinators[0].name == "Netzwerk Energie und Umwelt e.V."
    assert {coordinator.kind for coordinator in coordinators} == {Organisation.Kind.NETWORK}
    assert [coordinator.country.code for coordinator in coordinators] == ["DE", "BG", "ES", "IT"]
    assert {org.kind for org in organisations.values()} == set(Organisation.Kind) - {
        Organisation.Kind.OTHER}


@pytest.mark.django_db
def test_demo_leipzig_has_its_37_participants_registered_and_attended():
    load_demo()
    leipzig = Event.objects.get(slug="leipzig")

    registrations = list(leipzig.registrations.select_related("participant"))
    people = [registration.participant for registration in registrations]

    assert len(registrations) == 37
    assert {(r.state, r.attended) for r in registrations} == {
        (Registration.State.CONFIRMED, True)}
    assert all(r.requested_at < r.confirmed_at < leipzig.start for r in registrations)
    assert len({person.country.code for person in people}) >= 3
    assert {"DE", "BG", "ES", "IT"} <= {person.country.code for person in people}
    assert all(person.email.endswith("@example.org") for person in people)
    assert all(person.confirmed_at and person.consents.count() == 1 for person in people)
    assert {person.language for person in people} == set(LANGUAGES)
    assert "37" in Report.objects.get(event=leipzig).title_en  # as its report says
    # Nobody holds a place at the coming showcases: they start with every seat free; ten of
    # Leipzig's participants come to the closing pitch session for its matchmaking.
    assert not Registration.objects.exclude(event=leipzig).exclude(
        event__slug="sme-pitch-session").exists()
    assert Registration.objects.filter(event__slug="sme-pitch-session",
                                       state=Registration.State.CONFIRMED).count() == 10
    assert integrity.integrity_check() == []


@pytest.mark.django_db
def test_demo_participant_list_shows_those_who_chose_to_be_listed(client):
    load_demo()

    page = client.get("/bg/series/smartct-clusters/participants/").content.decode()

    assert "Елена Маркова" in page and "Priya Raman" in page
    assert "Julia Wagner" not in page  # not listed publicly


@pytest.mark.django_db
def test_demo_report_tells_of_37_participants_every_speaker_and_the_next_event():
    demo_load(today=SEED_TODAY)

    report = Report.objects.published().get()

    assert report.slug == "leipzig-kick-off"
    assert report.event.slug == "leipzig"
    assert report.published_at.astimezone(BERLIN).date() == date(2021, 6, 16)
    for language, participants in [("de", "37 Teilnehmende"), ("en", "37 participants"),
                                   ("es", "37 participantes"), ("it", "37 partecipanti"),
                                   ("bg", "37 участници")]:
        body = getattr(report, f"body_{language}")
        assert participants in body, language
        for name in SPEAKERS_IN_ORDER:
            assert name in body, (language, name)
    last_paragraphs = {language: getattr(report, f"body_{language}").strip().split("\n\n")[-1]
                       for language in LANGUAGES}
    assert {language: ("Sofia" in text or "Sofía" in text or "София" in text)
            for language, text in last_paragraphs.items()} == dict.fromkeys(LANGUAGES, True)
    assert "22.06.2021" in last_paragraphs["de"]
    assert "[melden Sie sich hier an](/de/series/smartct-clusters/)" in last_paragraphs["de"]
    assert "22 June 2021" in last_paragraphs["en"]
    assert "[register here](/en/series/smartct-clusters/)" in last_paragraphs["en"]
    assert "22 de junio de 2021" in last_paragraphs["es"]
    assert "[inscríbase aquí](/es/series/smartct-clusters/)" in last_paragraphs["es"]
    assert "22 giugno 2021" in last_paragraphs["it"]
    assert "[si iscriva qui](/it/series/smartct-clusters/)" in last_paragraphs["it"]
    assert "22 юни 2021 г." in last_paragraphs["bg"]
    assert "[регистрирайте се тук](/bg/series/smartct-clusters/)" in last_paragraphs["bg"]


@pytest.mark.django_db
def test_demo_load_twice_changes_nothing_and_writes_nothing(django_assert_max_num_queries):
    with django_assert_max_num_queries(220):  # links, participants, profiles in a few statements
        load_demo()
    first = snapshot()

    with CaptureQueriesContext(connection) as queries:
        load_demo()

    assert snapshot() == first
    assert len(queries) < 70
    assert [query["sql"] for query in queries  # reads only: every row is already right
            if not query["sql"].lstrip().startswith(("SELECT", "SAVEPOINT", "RELEASE"))] == []
    assert {name: len(rows) for name, rows in first.items()} == {
        "Organisation": 27, "Series": 1, "Theme": 4, "Region": 4, "Event": 5, "Speaker": 27,
        "Talk": 38, "TalkSpeaker": 48, "Report": 1, "ConsentText": 1, "Participant": 37,
        "Consent": 37, "Registration": 47, "Talk_themes": 49, "Event_themes": 15,
        "Participant_themes": 54, "PitchCall": 1, "PitchCriterion": 3, "PitchApplication": 2,
        "MatchmakingSettings": 1, "NetworkingBlock": 1, "MatchmakingProfile": 10,
        "MatchmakingProfile_offer_themes": 13, "MatchmakingProfile_need_themes": 16,
        "MeetingRequest": 7,
    }


@pytest.mark.django_db
def test_demo_load_replaces_a_changed_agenda():
    demo_load(today=SEED_TODAY)
    leipzig = Event.objects.get(slug="leipzig")
    extra = Talk.objects.create(event=leipzig, order=8, start=leipzig.start, title_en="Extra")
    keynote = Talk.objects.get(event=leipzig, kind=Talk.Kind.KEYNOTE)
    TalkSpeaker.objects.create(talk=keynote, speaker=Speaker.objects.get(slug="uwe-fischer"),
                               position=2)
    Talk.objects.filter(event=leipzig, order=4).update(title_en="Changed")

    demo_load(today=SEED_TODAY)

    assert not Talk.objects.filter(pk=extra.pk).exists()
    assert [s.name for s in Talk.objects.get(pk=keynote.pk).ordered_speakers] == [
        "Cristina Garrido"]
    assert Talk.objects.get(event=leipzig, order=4).title_en == "Leipzig's digital transformation"


@pytest.mark.django_db
def test_demo_load_on_a_later_day_moves_the_dates():
    load_demo()

    load_demo(SEED_TODAY + timedelta(days=10))

    leipzig = Event.objects.get(slug="leipzig")
    assert leipzig.local_start == datetime(2021, 6, 22, 9, 30, tzinfo=BERLIN)
    assert Event.objects.get(slug="sofia").local_start.date() == date(2021, 6, 29)
    keynote = leipzig.talks.get(kind=Talk.Kind.KEYNOTE)
    assert keynote.start.astimezone(BERLIN).date() == date(2021, 6, 22)
    report = Report.objects.get()
    assert report.published_at.astimezone(BERLIN).date() == date(2021, 6, 23)
    assert "29.06.2021" in report.body_de
    assert "22.06.2021" not in report.body_de
    assert Event.objects.count() == 5
    assert all(r.requested_at < r.confirmed_at < leipzig.start
               for r in leipzig.registrations.all())
    assert leipzig.registrations.count() == 37


@pytest.mark.django_db
def test_demo_texts_read_in_each_language():
    demo_load(today=SEED_TODAY)
    theme = Theme.objects.get(slug="public-administration")
    leipzig = Event.objects.get(slug="leipzig")
    keynote = leipzig.talks.get(kind=Talk.Kind.KEYNOTE)

    shown = {}
    for language in LANGUAGES:
        with translation.override(language):
            shown[language] = (theme.name, leipzig.title, keynote.title)

    assert [names[0] for names in shown.values()] == [
        "Öffentliche Verwaltung", "Public administration", "Administración pública",
        "Pubblica amministrazione", "Публична администрация"]
    assert len({names[1] for names in shown.values()}) == 5
    assert len({names[2] for names in shown.values()}) == 5


@pytest.mark.django_db
def test_demo_every_visitor_text_exists_in_all_five_languages():
    load_demo()

    missing = [
        (model.__name__, obj.pk, f"{field}_{language}")
        for model, fields in TEXTS
        for obj in model.objects.all()
        for field in fields
        if not (model is Talk and field == "abstract" and obj.kind == Talk.Kind.BREAK)
        for language in LANGUAGES
        if not getattr(obj, f"{field}_{language}")
    ]
    not_cyrillic = [
        (model.__name__, obj.pk, field)
        for model, fields in TEXTS
        for obj in model.objects.all()
        for field in fields
        if getattr(obj, f"{field}_bg") and not CYRILLIC.search(getattr(obj, f"{field}_bg"))
    ]

    assert missing == []
    assert not_cyrillic == [("Series", Series.objects.get().pk, "title")]  # a name


@pytest.mark.django_db
def test_demo_data_passes_model_validation():
    load_demo()

    for model in [Organisation, Series, Theme, Region, Event, Speaker, Talk, Report,
                  Participant, Registration]:
        for obj in model.objects.all():
            obj.full_clean()


@pytest.mark.django_db
def test_load_demo_command_prints_a_summary():
    out = StringIO()

    call_command("load_demo", "--today", "2021-06-18", stdout=out)

    assert out.getvalue() == ("Demo series “SmartCT Clusters” (smartct-clusters): 5 events "
                              "from 2021-06-15 to 2021-07-13, 37 participants at the first.\n")


@pytest.mark.django_db
def test_load_demo_command_gives_the_series_a_privacy_notice_so_visitors_can_register(client):
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())

    [consent] = ConsentText.objects.filter(series__slug="smartct-clusters")
    assert consent.version == 1
    for language, mark in [("de", "Demo-Text"), ("es", "Texto de demostración"),
                           ("it", "Testo dimostrativo"), ("bg", "Демонстрационен текст")]:
        page = client.get(f"/{language}/series/smartct-clusters/register/").content.decode()
        assert mark in page, language


@pytest.mark.django_db
def test_demo_call_for_pitches_is_open_while_the_showcases_run_with_two_smes_applied():
    load_demo()
    call = PitchCall.objects.select_related("event").get()
    loaded_on = datetime.combine(SEED_TODAY, time(12), tzinfo=BERLIN)

    assert call.event.kind == Event.Kind.PITCH_SESSION
    assert call.opens_at < loaded_on < call.closes_at < call.event.start
    assert call.is_open(now=loaded_on)
    assert [(criterion.name_en, criterion.name_bg) for criterion in call.criteria.all()] == [
        ("Innovation", "Иновативност"), ("Fit with the series' themes",
                                         "Съответствие с темите на поредицата"),
        ("International potential", "Международен потенциал")]
    assert sorted(PitchApplication.objects.values_list(
        "organisation_name", "state", "theme__slug", "participant__organisation_kind")) == [
        ("Becker Verkehrsplanung", "submitted", "mobility", "sme"),
        ("Solarwerk Mitteldeutschland", "submitted", "energy-sustainability", "sme")]
