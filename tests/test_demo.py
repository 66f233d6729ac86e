"""The demo series from the seed, as `manage.py load_demo` leaves it."""

from datetime import date, datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from events.demo import demo_load
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
from reports.models import Report

SEED_TODAY = date(2021, 6, 18)  # puts the Leipzig kick-off on 15 June 2021, as in the seed
BERLIN = ZoneInfo("Europe/Berlin")
SPEAKERS_IN_ORDER = [
    "Cristina Garrido", "Sebastian Graetz", "Moritz Oesterlink", "Uwe Fischer",
    "Iñigo Larraondo",
]
MODELS = [Organisation, Series, Theme, Region, Event, Speaker, Talk, TalkSpeaker, Report]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def leipzig_talks() -> list[Talk]:
    return list(
        Talk.objects.filter(event__slug="leipzig")
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
    assert series.content_languages == ["de", "en"]
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
    assert all(event.themes.count() == 4 for event in events)


@pytest.mark.django_db
def test_demo_events_are_half_days_a_week_apart_in_local_time():
    demo_load(today=SEED_TODAY)

    events = list(Event.objects.order_by("start"))

    assert [event.local_start.date() for event in events] == [
        date(2021, 6, 15), date(2021, 6, 22), date(2021, 6, 29), date(2021, 7, 6),
        date(2021, 7, 13),
    ]
    assert {(event.local_start.time(), event.local_end.time()) for event in events} == {
        (time(9, 30), time(12, 30))
    }
    sofia = next(event for event in events if event.slug == "sofia")
    assert sofia.start == datetime(2021, 6, 22, 6, 30, tzinfo=ZoneInfo("UTC"))


@pytest.mark.django_db
def test_demo_leipzig_agenda_is_the_seed_in_order():
    demo_load(today=SEED_TODAY)

    talks = leipzig_talks()

    assert [talk.order for talk in talks] == [1, 2, 3, 4, 5]
    assert [[speaker.name for speaker in talk.ordered_speakers] for talk in talks] == [
        [name] for name in SPEAKERS_IN_ORDER
    ]
    assert [talk.kind for talk in talks] == [Talk.Kind.KEYNOTE] + [Talk.Kind.TALK] * 4
    assert [talk.ordered_speakers[0].organisation.name for talk in talks] == [
        "anteverti", "Stadt Leipzig", "CleverShuttle", "Leipziger Stadtwerke", "IDOM",
    ]
    assert all(talk.themes.exists() for talk in talks)
    starts = [talk.start for talk in talks]
    assert starts == sorted(starts)
    for talk in talks:
        talk.full_clean()  # each lies within the event, as the admin would check


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


@pytest.mark.django_db
def test_demo_leipzig_is_past_and_sofia_is_the_next_event():
    demo_load()

    assert [event.slug for event in Event.objects.published().past()] == ["leipzig"]
    assert Event.objects.published().upcoming().first().slug == "sofia"
    leipzig = Event.objects.get(slug="leipzig")
    assert leipzig.is_past
    assert leipzig.local_start.date() == timezone.localdate() - timedelta(days=3)


@pytest.mark.django_db
def test_demo_report_tells_of_37_participants_every_speaker_and_the_next_event():
    demo_load(today=SEED_TODAY)

    report = Report.objects.published().get()

    assert report.slug == "leipzig-kick-off"
    assert report.event.slug == "leipzig"
    assert report.published_at.astimezone(BERLIN).date() == date(2021, 6, 16)
    assert "37 Teilnehmende" in report.body_de
    assert "37 participants" in report.body_en
    for name in SPEAKERS_IN_ORDER:
        assert name in report.body_de
        assert name in report.body_en
    last_paragraph_de = report.body_de.strip().split("\n\n")[-1]
    last_paragraph_en = report.body_en.strip().split("\n\n")[-1]
    assert "22.06.2021" in last_paragraph_de
    assert "Sofia" in last_paragraph_de
    assert "[melden Sie sich hier an](/de/series/smartct-clusters/)" in last_paragraph_de
    assert "22 June 2021" in last_paragraph_en
    assert "Sofia" in last_paragraph_en
    assert "[register here](/en/series/smartct-clusters/)" in last_paragraph_en


@pytest.mark.django_db
def test_demo_load_twice_changes_nothing():
    demo_load(today=SEED_TODAY)
    first = counts()
    talks_before = [(talk.pk, talk.title_en, talk.start) for talk in leipzig_talks()]

    demo_load(today=SEED_TODAY)

    assert counts() == first
    assert first == {
        "Organisation": 9, "Series": 1, "Theme": 4, "Region": 4, "Event": 5, "Speaker": 5,
        "Talk": 5, "TalkSpeaker": 5, "Report": 1,
    }
    assert [(talk.pk, talk.title_en, talk.start) for talk in leipzig_talks()] == talks_before


@pytest.mark.django_db
def test_demo_load_replaces_a_changed_leipzig_agenda():
    demo_load(today=SEED_TODAY)
    leipzig = Event.objects.get(slug="leipzig")
    extra = Talk.objects.create(event=leipzig, order=6, start=leipzig.start, title_en="Extra")
    keynote = Talk.objects.get(event=leipzig, order=1)
    TalkSpeaker.objects.create(talk=keynote, speaker=Speaker.objects.get(slug="uwe-fischer"),
                               position=2)

    demo_load(today=SEED_TODAY)

    assert not Talk.objects.filter(pk=extra.pk).exists()
    assert [[s.name for s in talk.ordered_speakers] for talk in leipzig_talks()] == [
        [name] for name in SPEAKERS_IN_ORDER
    ]


@pytest.mark.django_db
def test_demo_load_on_a_later_day_moves_the_dates():
    demo_load(today=SEED_TODAY)

    demo_load(today=SEED_TODAY + timedelta(days=10))

    leipzig = Event.objects.get(slug="leipzig")
    assert leipzig.local_start == datetime(2021, 6, 25, 9, 30, tzinfo=BERLIN)
    assert Event.objects.get(slug="sofia").local_start.date() == date(2021, 7, 2)
    keynote = leipzig.talks.get(order=1)
    assert keynote.start.astimezone(BERLIN).date() == date(2021, 6, 25)
    report = Report.objects.get()
    assert report.published_at.astimezone(BERLIN).date() == date(2021, 6, 26)
    assert "02.07.2021" in report.body_de
    assert "22.06.2021" not in report.body_de
    assert Event.objects.count() == 5


@pytest.mark.django_db
def test_demo_texts_read_in_german_and_english():
    demo_load(today=SEED_TODAY)
    theme = Theme.objects.get(slug="public-administration")
    leipzig = Event.objects.get(slug="leipzig")
    talk = leipzig.talks.get(order=1)
    report = Report.objects.get()

    with translation.override("de"):
        german = (theme.name, leipzig.title, talk.title, report.title)
    with translation.override("en"):
        english = (theme.name, leipzig.title, talk.title, report.title)

    assert german[0] == "Öffentliche Verwaltung"
    assert english[0] == "Public administration"
    assert all(de != en for de, en in zip(german, english, strict=True))
    assert Theme.objects.get(slug="ict").name_de == "IKT"


@pytest.mark.django_db
def test_demo_every_visitor_text_has_german_and_english():
    demo_load(today=SEED_TODAY)
    texts = [
        (Series, ["title", "tagline", "description"]),
        (Theme, ["name", "description"]),
        (Region, ["name", "description"]),
        (Event, ["title", "summary"]),
        (Talk, ["title", "abstract"]),
        (Speaker, ["role", "bio"]),
        (Organisation, ["description"]),
        (Report, ["title", "summary", "body"]),
    ]

    missing = [
        (model.__name__, obj.pk, f"{field}_{language}")
        for model, fields in texts
        for obj in model.objects.all()
        for field in fields
        for language in ["de", "en"]
        if not getattr(obj, f"{field}_{language}")
    ]

    assert missing == []


@pytest.mark.django_db
def test_demo_data_passes_model_validation():
    demo_load(today=SEED_TODAY)

    for model in [Organisation, Series, Theme, Region, Event, Speaker, Talk, Report]:
        for obj in model.objects.all():
            obj.full_clean()
    for event in Event.objects.all():
        assert event.end > event.start
        for talk in event.talks.all():
            assert event.start <= talk.start and talk.end <= event.end


@pytest.mark.django_db
def test_load_demo_command_prints_a_summary():
    out = StringIO()

    call_command("load_demo", "--today", "2021-06-18", stdout=out)

    assert out.getvalue().count("\n") == 1
    assert "smartct-clusters" in out.getvalue()
    assert "5 events from 2021-06-15 to 2021-07-13" in out.getvalue()
    assert Event.objects.get(slug="leipzig").local_start.date() == date(2021, 6, 15)


@pytest.mark.django_db
def test_load_demo_command_gives_the_series_a_privacy_notice_so_visitors_can_register(client):
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())

    from registrations.models import ConsentText

    [consent] = ConsentText.objects.filter(series__slug="smartct-clusters")
    assert consent.version == 1
    page = client.get("/de/series/smartct-clusters/register/").content.decode()
    assert "Demo-Text" in page
