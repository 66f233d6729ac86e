"""The figures of an event and of the series against counts worked out here by hand from a
small world whose answers are known (countries, kinds, themes, languages, states,
attendance, returning participants, survey answers), also after participants deleted their
data; the pages show them, the export holds them (in German), and the number of queries
does not grow with the events or the registrations."""

import csv
import io
import re
from collections import Counter
from datetime import timedelta

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event
from feedback.models import FeedbackAnswer
from mail.models import ComposedMail
from orga.figures.queries import event_figures, events_counted, series_figures
from orga.models import TeamMember
from registrations import services
from registrations.models import Participant, Registration
from tests.factories import event_create, region_create, series_create, talk_create, theme_create
from tests.orga_world import user_create
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db

NOW = timezone.now()
# Each person: country, kind of organisation, language, themes, {event: (state, attended)}.
# Events 1 and 2 are past (their attendance known), 3 is upcoming, 4 a draft.
PEOPLE = {
    "ana": ("DE", "sme", "de", ["mobility"],
            {1: ("confirmed", True), 2: ("confirmed", True), 3: ("confirmed", None)}),
    "bo": ("BG", "research", "bg", ["mobility", "energy"],
           {1: ("confirmed", False), 2: ("confirmed", True)}),
    "cy": ("IT", "sme", "it", [], {1: ("confirmed", True), 2: ("cancelled", None)}),
    "di": ("DE", "large_company", "en", ["energy"],
           {1: ("waitlisted", None), 2: ("confirmed", False), 3: ("confirmed", None)}),
    "ed": ("ES", "sme", "es", ["mobility"], {2: ("confirmed", True), 3: ("waitlisted", None)}),
    "fa": ("DE", "public_administration", "de", [],
           {1: ("pending", None), 3: ("confirmed", None)}),
    "gu": ("FR", "sme", "en", ["energy"],
           {1: ("confirmed", True), 2: ("confirmed", True), 3: ("cancelled", None)}),
}
# Survey answers: (person, event): rating, talk (index of the event's talks), come again,
# next topics, comment
ANSWERS = {
    ("ana", 1): (5, 0, "yes", "AI in logistics", "Great"),
    ("cy", 1): (3, 1, "maybe", "", ""),
    ("gu", 1): (4, 0, "", "", "=cmd|' /C calc'!A0"),
    ("bo", 2): (2, None, "no", "More on =SUM(A1)", ""),
    ("ed", 2): (5, 0, "yes", "", "Thanks"),
}


@pytest.fixture
def world():
    series = series_create(slug="bridges", title_en="Bridges", title_de="Brücken")
    leipzig = region_create(series=series, name_en="Leipzig")
    themes = {slug: theme_create(series=series, slug=slug, name_en=slug.title(),
                                 name_de={"mobility": "Mobilität", "energy": "Energie"}[slug])
              for slug in ("mobility", "energy")}
    events = {
        1: event_create(series=series, title_en="Leipzig", title_de="Leipzig",
                        region=leipzig, start=NOW - timedelta(days=40)),
        2: event_create(series=series, title_en="Sofia", title_de="Sofia",
                        start=NOW - timedelta(days=10)),
        3: event_create(series=series, title_en="Valencia", title_de="Valencia",
                        start=NOW + timedelta(days=10)),
        4: event_create(series=series, title_en="Draft", status=Event.Status.DRAFT,
                        start=NOW + timedelta(days=60)),
    }
    talks = {number: [talk_create(event=events[number], title_en=f"Talk {number}.{index}")
                      for index in range(2)] for number in (1, 2)}
    registrations = {}
    for offset, (key, (country, kind, language, interests, places)) in enumerate(
            PEOPLE.items()):
        person = participant_create(name=f"{key.title()} Surname", email=f"{key}@example.org",
                                    country=country, organisation_kind=kind,
                                    language=language)
        person.themes.set([themes[slug] for slug in interests])
        for number, (state, attended) in places.items():
            requested = events[number].start - timedelta(days=20 - offset)
            registrations[key, number] = registration_create(
                participant=person, event=events[number], state=state, attended=attended,
                requested_at=requested,
                confirmed_at=None if state in ("pending", "cancelled") else requested)
    for (key, number), (rating, talk, again, topics, comment) in ANSWERS.items():
        FeedbackAnswer.objects.create(
            registration=registrations[key, number], rating=rating,
            most_useful_talk=None if talk is None else talks[number][talk], come_again=again,
            next_topics=topics, comment=comment, answered_at=NOW)
    mail = ComposedMail.objects.create(series=series, texts={"en": {}}, states=["confirmed"],
                                       recipient_count=4, key="news",
                                       send_at=events[1].start - timedelta(days=15))
    mail.events.add(events[1])
    organiser = user_create("olga")
    TeamMember.objects.create(series=series, user=organiser, role="organiser")
    return {"series": series, "events": events, "themes": themes, "talks": talks,
            "organiser": organiser}


# --- what the figures must be, worked out from PEOPLE and ANSWERS --------------------------

def expected_event(number: int) -> dict:
    places = {key: person[4][number] for key, person in PEOPLE.items() if number in person[4]}
    confirmed = [key for key, (state, _) in places.items() if state == "confirmed"]
    past = number in (1, 2)
    attended = sum(1 for key in confirmed if places[key][1]) if past else None
    earlier = {key for key in confirmed
               if any(PEOPLE[key][4].get(before, ("",))[0] == "confirmed"
                      for before in range(1, number))}
    return {
        "confirmed": len(confirmed),
        "waitlisted": sum(1 for state, _ in places.values() if state == "waitlisted"),
        "cancelled": sum(1 for state, _ in places.values() if state == "cancelled"),
        "attended": attended,
        "no_shows": None if attended is None else len(confirmed) - attended,
        "countries": Counter(PEOPLE[key][0] for key in confirmed),
        "kinds": Counter(PEOPLE[key][1] for key in confirmed),
        "languages": Counter(PEOPLE[key][2] for key in confirmed),
        "themes": Counter(slug for key in confirmed for slug in PEOPLE[key][3]),
        "returning": len(earlier),
        "sme": sum(1 for key in confirmed if PEOPLE[key][1] == "sme"),
        "registrations": sum(1 for state, _ in places.values() if state != "pending"),
    }


def expected_persons() -> dict:
    confirmed_events = {key: [number for number, (state, _) in person[4].items()
                              if state == "confirmed"] for key, person in PEOPLE.items()}
    attended_events = {key: [number for number, (state, came) in person[4].items()
                             if state == "confirmed" and came] for key, person in PEOPLE.items()}
    persons = [key for key, numbers in confirmed_events.items() if numbers]
    return {
        "persons": len(persons),
        "countries": Counter(PEOPLE[key][0] for key in persons),
        "themes": Counter(slug for key in persons for slug in PEOPLE[key][3]),
        "returning_registered": sum(1 for key in persons if len(confirmed_events[key]) >= 2),
        "returning_attended": sum(1 for key in persons if len(attended_events[key]) >= 2),
    }


def expected_survey(number: int) -> dict:
    answers = [answer for (key, event), answer in ANSWERS.items() if event == number]
    return {"answers": len(answers),
            "ratings": Counter(answer[0] for answer in answers),
            "mean": sum(answer[0] for answer in answers) / len(answers),
            "come_again": Counter(answer[2] for answer in answers if answer[2]),
            "next_topics": sorted((a[3] for a in answers if a[3]), key=str.casefold),
            "comments": sorted((a[4] for a in answers if a[4]), key=str.casefold)}


def figures_by_code(figures, world) -> dict:
    slugs = {theme.pk: theme.slug for theme in world["themes"].values()}
    return {
        "confirmed": figures.confirmed, "waitlisted": figures.waitlisted,
        "cancelled": figures.cancelled, "attended": figures.attended,
        "no_shows": figures.no_shows, "countries": Counter(figures.countries),
        "kinds": Counter(figures.kinds), "languages": Counter(figures.languages),
        "themes": Counter({slugs[pk]: count for pk, count in figures.themes.items()}),
        "returning": figures.returning, "sme": figures.sme,
        "registrations": sum(figures.days.values()),
    }


# --- the counts ----------------------------------------------------------------------------

@pytest.mark.parametrize("number", [1, 2, 3])
def test_an_events_figures_are_the_counts_worked_out_by_hand(world, number):
    figures, _themes, _talks = event_figures(series=world["series"],
                                             event=world["events"][number])

    assert figures_by_code(figures, world) == expected_event(number)
    expected = expected_event(number)
    if expected["attended"] is not None:
        assert figures.attendance_rate == expected["attended"] / expected["confirmed"]
    assert figures.sme_share == expected["sme"] / expected["confirmed"]


@pytest.mark.parametrize("number", [1, 2])
def test_an_events_survey_is_counted_and_its_free_texts_carry_no_name(world, number):
    figures, _themes, talks = event_figures(series=world["series"],
                                            event=world["events"][number])
    survey, expected = figures.survey, expected_survey(number)

    assert survey.answers == expected["answers"]
    assert {rating: count for rating, count in survey.ratings.items() if count} == (
        expected["ratings"])
    assert survey.mean_rating == pytest.approx(expected["mean"])
    assert {value: count for value, count in survey.come_again.items() if count} == (
        expected["come_again"])
    assert [item.text for item in survey.next_topics] == expected["next_topics"]
    assert [item.text for item in survey.comments] == expected["comments"]
    named = Counter(world["talks"][number][talk].pk for (key, event), (_r, talk, *_rest)
                    in ANSWERS.items() if event == number and talk is not None)
    assert dict(survey.talks) == dict(named) and set(talks) == set(named)


def test_the_series_counts_its_events_and_each_person_once(world):
    figures = series_figures(series=world["series"],
                             events=events_counted(series=world["series"]))
    persons, expected = figures.persons, expected_persons()

    assert [event.pk for event in figures.events] == [world["events"][n].pk for n in (1, 2, 3)]
    assert persons.confirmed == expected["persons"]
    assert Counter(persons.countries) == expected["countries"]
    assert persons.country_count == len(expected["countries"])
    slugs = {theme.pk: theme.slug for theme in world["themes"].values()}
    assert Counter({slugs[pk]: n for pk, n in persons.themes.items()}) == expected["themes"]
    assert figures.returning_registered == expected["returning_registered"]
    assert figures.returning_attended == expected["returning_attended"]
    assert figures.totals.confirmed == sum(expected_event(n)["confirmed"] for n in (1, 2, 3))
    assert figures.totals.attended == sum(expected_event(n)["attended"] for n in (1, 2))
    assert figures.totals.survey.answers == len(ANSWERS)
    assert figures.totals.mail_days == {
        timezone.localdate(world["events"][1].start - timedelta(days=15)): 1}


def test_the_days_of_registrations_and_the_mail_are_marked(world):
    event = world["events"][1]
    figures, _themes, _talks = event_figures(series=world["series"], event=event)

    expected = Counter(timezone.localdate(event.start - timedelta(days=20 - offset))
                       for offset, person in enumerate(PEOPLE.values())
                       if 1 in person[4] and person[4][1][0] != "pending")
    assert figures.days == expected
    assert figures.mail_days == {timezone.localdate(event.start - timedelta(days=15)): 1}


# --- deleted data --------------------------------------------------------------------------

def test_every_figure_stays_when_participants_delete_their_data(world, client):
    """bo, cy and gu (registrations of past events only) delete their data: the series'
    export, which holds every figure of every dashboard, does not change by one value.
    Only what they wrote in their own words (the survey's free texts) is gone."""
    client.force_login(world["organiser"])

    def every_figure() -> list[list[str]]:
        response = client.get(reverse("orga:figures_export", kwargs={
            "series": "bridges", "file_format": "csv"}))
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content)
                                           .decode("utf-8-sig"))))
        return [row for row in rows if row[1] != "Made on"]

    free_text_blocks = ("What the series should cover next", "Comments")

    def free_texts(rows: list[list[str]]) -> list[str]:
        return [row[-1] for row in rows if row[1] in free_text_blocks and row[3] == "Answer"]

    def figures_only(rows: list[list[str]]) -> list[list[str]]:
        return [row for row in rows if row[1] not in free_text_blocks]

    def event_page(number: int) -> str:
        html = client.get(reverse("orga:event_figures", kwargs={
            "series": "bridges", "event": world["events"][number].pk})).content.decode()
        return re.sub(r'<section class="figure" aria-labelledby="(next-topics|comments)">'
                      r'.*?</section>', "", html[html.index("<h1>"):html.index("</main>")],
                      flags=re.S)

    before, pages = every_figure(), [event_page(number) for number in (1, 2, 3)]
    assert sorted(free_texts(before)) == sorted(
        ["AI in logistics", "Great", "'=cmd|' /C calc'!A0", "More on =SUM(A1)", "Thanks"])
    for key in ("bo", "cy", "gu"):
        services.participant_delete(participant=Participant.objects.get(
            email=f"{key}@example.org"))

    assert Participant.objects.filter(anonymised_at__isnull=False).count() == 3
    after = every_figure()
    assert figures_only(after) == figures_only(before)
    assert sorted(free_texts(after)) == ["AI in logistics", "Great", "Thanks"]
    assert [event_page(number) for number in (1, 2, 3)] == pages


# --- the pages -----------------------------------------------------------------------------

def test_the_event_dashboard_shows_its_figures_with_their_tables_and_definitions(world, client):
    client.force_login(world["organiser"])
    response = client.get(reverse("orga:event_figures", kwargs={
        "series": "bridges", "event": world["events"][1].pk}))
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Figures: Leipzig</h1>" in html
    expected = expected_event(1)
    facts = {"Participants": expected["confirmed"], "Attended": expected["attended"],
             "No-shows": expected["no_shows"], "Countries": len(expected["countries"])}
    for label, value in facts.items():
        assert f"<dt>{label}</dt><dd>{value}</dd>" in html
    assert "<dt>Attendance rate</dt><dd>75.0 %</dd>" in html  # 3 of 4
    assert html.count('<svg class="chart') == 8  # the day, four breakdowns, three of the survey
    assert html.count('aria-hidden="true" focusable="false"') == 8
    assert '<th scope="row">Germany</th><td class="number">1</td>' in html
    assert "=cmd|&#x27; /C calc&#x27;!A0" in html  # the free texts, escaped
    main = html.split("<main")[1]
    assert "Surname" not in main and "@example.org" not in main
    assert "Pending registrations (address never confirmed) never count." in html
    assert 'style="' not in html and "<script>" not in html


def test_the_series_dashboard_puts_the_events_side_by_side(world, client):
    client.force_login(world["organiser"])
    html = client.get(reverse("orga:figures", kwargs={"series": "bridges"})).content.decode()

    table = html[html.index('<table class="table table--dense figure-events">'):]
    table = table[:table.index("</table>")]
    assert table.count("<tr>") == 4  # the header and three events; no draft
    leipzig = table[table.index(">Leipzig<"):]
    leipzig = leipzig[:leipzig.index("</tr>")]
    expected = expected_event(1)
    cells = [expected["confirmed"], expected["waitlisted"], expected["cancelled"],
             expected["attended"], expected["no_shows"], "75.0 %"]
    for cell in cells:
        assert f'<td class="number">{cell}</td>' in leipzig
    assert "Draft" not in table
    persons = expected_persons()
    assert f"<dt>Registered for two or more events</dt><dd>{persons['returning_registered']}" \
           in html
    assert 'href="/en/orga/series/bridges/figures/export.xlsx"' in html
    themes = html[html.index('id="figure-themes"'):]
    themes = themes[:themes.index("</section>")]
    for slug, count in expected_persons()["themes"].items():
        assert (f'<th scope="row">{slug.title()}</th><td class="number">{count}</td>'
                in themes)


def test_the_coordinator_sees_their_regions_dashboard_only(world, client):
    lena = user_create("lena")
    TeamMember.objects.create(series=world["series"], user=lena, role="coordinator",
                              region=world["events"][1].region)
    client.force_login(lena)

    own = client.get(reverse("orga:event_figures", kwargs={
        "series": "bridges", "event": world["events"][1].pk}))
    other = client.get(reverse("orga:event_figures", kwargs={
        "series": "bridges", "event": world["events"][2].pk}))
    series_page = client.get(reverse("orga:figures", kwargs={"series": "bridges"}))

    assert own.status_code == 200 and "Figures of the series" not in own.content.decode()
    assert other.status_code == 404 and series_page.status_code == 403


# --- the export ----------------------------------------------------------------------------

def _export(world, file_format: str, language: str = "de") -> bytes:
    client = Client()
    client.force_login(world["organiser"])
    with translation.override(language):
        url = reverse("orga:figures_export", kwargs={"series": "bridges",
                                                     "file_format": file_format})
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_xlsx_has_a_sheet_for_the_series_and_each_event_in_german(world):
    workbook = openpyxl.load_workbook(io.BytesIO(_export(world, "xlsx")))

    assert workbook.sheetnames == ["Reihe", "01 Leipzig", "02 Sofia", "03 Valencia"]
    series_rows = list(workbook["Reihe"].iter_rows(values_only=True))
    assert series_rows[0][0] == "Brücken"
    head = series_rows[:[row[0] for row in series_rows].index("Kennzahlen")]
    labels = {row[0]: row[1] for row in head if row and row[0]}
    first, last = (timezone.localtime(world["events"][1].start),
                   timezone.localtime(world["events"][3].end))
    assert labels["Zeitraum"] == (f"{first.day}. {_german_month(first)} {first.year} – "
                                  f"{last.day}. {_german_month(last)} {last.year}")
    assert labels["Definitionen"] is None
    assert labels["Teilnehmende"].startswith("Bestätigte Anmeldungen")
    leipzig = list(workbook["01 Leipzig"].iter_rows(values_only=True))
    assert leipzig[1] == ("Zeitraum", f"{first.day}. {_german_month(first)} {first.year}",
                          None, None)
    assert leipzig[2][0] == "Gezählte Anmeldungen" and leipzig[2][1].startswith("vom ")
    expected = expected_event(1)
    key_figures = leipzig[[row[0] for row in leipzig].index("Kennzahlen") + 2:]
    assert key_figures[:4] == [("Teilnehmende", expected["confirmed"], None, None),
                               ("Auf der Warteliste", expected["waitlisted"], None, None),
                               ("Abgesagt", expected["cancelled"], None, None),
                               ("Teilgenommen", expected["attended"], None, None)]
    assert ("=cmd|' /C calc'!A0",) + (None,) * 3 in leipzig  # a text, never a formula
    cell = next(cell for row in workbook["01 Leipzig"].iter_rows() for cell in row
                if cell.value == "=cmd|' /C calc'!A0")
    assert cell.data_type == "s"


def _german_month(moment) -> str:
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
              "September", "Oktober", "November", "Dezember"]
    return months[timezone.localtime(moment).month - 1]


def test_the_csv_holds_the_same_figures_in_long_format_neutralised(world):
    content = _export(world, "csv")
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))

    assert rows[0] == ["Tabelle", "Kennzahl", "Schlüssel", "Größe", "Wert"]
    assert {row[0] for row in rows[1:]} == {"Reihe", "01 Leipzig", "02 Sofia", "03 Valencia"}
    expected = expected_event(2)
    assert ["02 Sofia", "Kennzahlen", "Teilnehmende", "Wert", str(expected["confirmed"])] in rows
    assert ["02 Sofia", "Nach Land", "Bulgarien", "Teilnehmende", "1"] in rows
    assert ["01 Leipzig", "Kommentare", "", "Antwort", "'=cmd|' /C calc'!A0"] in rows
    assert ["02 Sofia", "Was die Reihe als Nächstes behandeln sollte", "", "Antwort",
            "More on =SUM(A1)"] in rows
    assert not [row for row in rows if any(value.startswith(("=", "+", "-", "@"))
                                          for value in row)]


# --- speed ---------------------------------------------------------------------------------

def _queries(client, name: str, **kwargs) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(f"orga:{name}", kwargs=kwargs))
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


def test_the_queries_do_not_grow_with_the_events_or_the_registrations(world, client):
    client.force_login(world["organiser"])
    pages = [("figures", {"series": "bridges"}),
             ("event_figures", {"series": "bridges", "event": world["events"][1].pk}),
             ("figures_export", {"series": "bridges", "file_format": "xlsx"}),
             ("figures_export", {"series": "bridges", "file_format": "csv"})]
    before = [_queries(client, name, **kwargs) for name, kwargs in pages]
    for index in range(4):
        event = event_create(series=world["series"], start=NOW - timedelta(days=5 + index))
        talk = talk_create(event=event)
        for person in range(5):
            registration = registration_create(
                participant=participant_create(country=["PL", "PT", "SE"][person % 3]),
                event=event, attended=person % 2 == 0)
            FeedbackAnswer.objects.create(registration=registration, rating=4,
                                          most_useful_talk=talk, answered_at=NOW,
                                          come_again="yes", comment=f"Nice {person}")
        Registration.objects.filter(event=event).first().participant.themes.add(
            world["themes"]["energy"])

    after = [_queries(client, name, **kwargs) for name, kwargs in pages]

    assert after == before
    assert before[0] <= 30 and before[1] <= 30
