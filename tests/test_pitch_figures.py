"""The pitch session's figures: applications by the furthest step they reached
(shortlisted, accepted, confirmed), by country and by theme, and the votes per pitch — on
the pitch session's dashboard, the series' dashboard and in the funder's export; they stay
when participants delete their data."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from orga.figures import present
from orga.figures.queries import event_figures, events_counted, series_figures
from pitches.models import PitchApplication, PitchVote
from registrations import services
from registrations.models import Participant
from tests.factories import event_create, theme_create
from tests.orga_world import client_as, orga_world
from tests.pitch_factories import pitch_application_create, pitch_call_create
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db
State = PitchApplication.State
NOW = timezone.now()

# company: (state, offered a slot?, confirmed at some time?, country, theme)
APPLICATIONS = {
    "Alpha GmbH": (State.CONFIRMED, True, True, "DE", "mobility"),
    "Beta SRL": (State.CONFIRMED, True, True, "IT", "energy"),
    "Gamma OOD": (State.WITHDRAWN, True, True, "BG", "mobility"),   # confirmed, then left
    "Delta SL": (State.LAPSED, True, False, "ES", "mobility"),
    "Epsilon AG": (State.SHORTLISTED, False, False, "DE", None),
    "Zeta GmbH": (State.DECLINED, False, False, "DE", "energy"),
    "Eta SpA": (State.WITHDRAWN, False, False, "IT", None),
    "Theta GmbH": (State.SUBMITTED, False, False, "AT", "energy"),
}
VOTES = {"Alpha GmbH": 3, "Beta SRL": 1, "Gamma OOD": 0}


def build(world):
    """The series' pitch session with the applications above and five votes."""
    series = world.series
    themes = {"mobility": world.extra["theme"],
              "energy": theme_create(series=series, slug="energy", name_en="Energy")}
    call = pitch_call_create(series=series)
    call.event.status = "published"
    call.event.save()
    applications = {}
    for name, (state, offered, confirmed, country, theme) in APPLICATIONS.items():
        applications[name] = pitch_application_create(
            call=call, participant=participant_create(), organisation_name=name, state=state,
            offer_number=1 if offered else 0,
            offer_expires_at=NOW + timedelta(days=1) if offered else None,
            confirmed_at=NOW if confirmed else None, country=country,
            theme=themes[theme] if theme else None)
    voters = []
    for name, count in VOTES.items():
        for _number in range(count):
            registration = registration_create(participant=participant_create(),
                                               event=call.event)
            PitchVote.objects.create(call=call, registration=registration,
                                     application=applications[name])
            voters.append(registration.participant)
    return call, voters


@pytest.fixture
def world():
    return orga_world()


@pytest.fixture
def session(world):
    return build(world)


def test_the_pitch_sessions_figures_count_the_furthest_step_reached(world, session):
    call, _voters = session

    figures, _themes, _talks = event_figures(series=world.series, event=call.event)
    pitch = figures.pitch

    assert (pitch.applications, pitch.shortlisted, pitch.accepted, pitch.confirmed,
            pitch.votes) == (8, 5, 4, 3, 4)
    assert dict(pitch.countries) == {"DE": 3, "IT": 2, "BG": 1, "ES": 1, "AT": 1}
    assert sorted(pitch.pitches.values()) == [("Alpha GmbH", 3), ("Beta SRL", 1),
                                              ("Gamma OOD", 0)]


def test_other_events_have_no_pitch_figures(world, session):
    figures, _themes, _talks = event_figures(series=world.series, event=world.leipzig_event)

    assert figures.pitch is None
    assert present.event_dashboard(event=world.leipzig_event, figures=figures, themes={},
                                   talks={}).pitch_facts == []


def test_the_dashboard_shows_the_pitch_figures_with_their_tables(world, session, client):
    call, _voters = session
    client_as(client, world, "organiser")

    with translation.override("en"):
        page = client.get(reverse("orga:event_figures", kwargs={
            "series": world.series.slug, "event": call.event.pk})).content.decode()
        series_page = client.get(reverse("orga:figures", kwargs={
            "series": world.series.slug})).content.decode()

    for html in (page, series_page):
        assert "<dt>Pitch applications</dt><dd>8</dd>" in html
        assert "<dt>Applications shortlisted</dt><dd>5</dd>" in html
        assert "<dt>Applications accepted</dt><dd>4</dd>" in html
        assert "<dt>Confirmed pitches</dt><dd>3</dd>" in html
        assert "<dt>Votes</dt><dd>4</dd>" in html
        assert ('<th scope="row">Alpha GmbH</th><td class="number">3</td>'
                '<td class="number">75.0 %</td>') in html
        assert ('<th scope="row">No theme</th><td class="number">2</td>'
                '<td class="number">25.0 %</td>') in html
        assert 'id="figure-pitch-themes"' in html and 'id="figure-pitch-votes"' in html


def _csv(client, world) -> list[list[str]]:
    response = client.get(reverse("orga:figures_export", kwargs={
        "series": world.series.slug, "file_format": "csv"}))
    return [row for row in csv.reader(io.StringIO(b"".join(response.streaming_content)
                                                  .decode("utf-8-sig")))
            if row[1] != "Made on"]


def test_the_export_holds_the_pitch_figures_and_their_definitions(world, session, client):
    client_as(client, world, "organiser")
    with translation.override("en"):
        rows = _csv(client, world)

    sheets = {row[0] for row in rows}
    pitch_sheet = next(name for name in sheets if "SME pitch session" in name)
    for sheet in ("Series", pitch_sheet):
        assert [sheet, "Pitch session", "Pitch applications", "Value", "8"] in rows
        assert [sheet, "Pitch session", "Applications shortlisted", "Value", "5"] in rows
        assert [sheet, "Pitch session", "Applications accepted", "Value", "4"] in rows
        assert [sheet, "Pitch session", "Confirmed pitches", "Value", "3"] in rows
        assert [sheet, "Pitch session", "Votes", "Value", "4"] in rows
        assert [sheet, "Pitch applications by country", "Germany", "Applications", "3"] in rows
        assert [sheet, "Pitch applications by theme", "Energy", "Applications", "3"] in rows
        assert [sheet, "Votes per pitch", "Alpha GmbH", "Votes", "3"] in rows
        assert [sheet, "Votes per pitch", "Gamma OOD", "Votes", "0"] in rows
        assert [row[2] for row in rows if row[0] == sheet and row[1] == "Definitions"
                and row[2] in ("Applications shortlisted", "Applications accepted",
                               "Confirmed pitches", "Votes")] == [
            "Applications shortlisted", "Applications accepted", "Confirmed pitches", "Votes"]
    assert not [row for row in rows if row[0] == "01 Leipzig" and row[1] == "Pitch session"]


def test_the_xlsx_has_the_pitch_blocks(world, session, client):
    import openpyxl

    client_as(client, world, "organiser")
    with translation.override("de"):
        response = client.get(reverse("orga:figures_export", kwargs={
            "series": world.series.slug, "file_format": "xlsx"}))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [[cell for cell in row] for row in workbook.worksheets[0].iter_rows(
        values_only=True)]

    assert ["Pitch-Bewerbungen", 8] in [row[:2] for row in values]
    assert ["Alpha GmbH", 3] in [row[:2] for row in values]


PITCH_FIGURES = ("Pitch session", "Pitch applications by country", "Pitch applications by theme",
                 "Votes per pitch")


def test_the_pitch_figures_stay_when_participants_delete_their_data(world, session, client):
    """The session is to come: the participants' registrations are cancelled (so the
    participants' figures change), but their applications and votes count as before."""
    call, voters = session
    client_as(client, world, "organiser")
    with translation.override("en"):
        before = _csv(client, world)

    for participant in [*voters, *Participant.objects.filter(
            pitch_applications__call=call)]:
        services.participant_delete(participant=participant)
    with translation.override("en"):
        after = _csv(client, world)

    def pitch_rows(rows):
        return [row for row in rows if row[1] in PITCH_FIGURES]

    assert pitch_rows(after) == pitch_rows(before)
    assert len(pitch_rows(before)) == 2 * (5 + 2 * (5 + 3 + 3))  # counts and shares
    assert series_figures(series=world.series,
                          events=events_counted(series=world.series)).totals.pitch.votes == 4


def test_the_series_adds_up_its_pitch_sessions(world, session):
    second = pitch_call_create(series=world.series, event=event_create(
        series=world.series, slug="second-pitches", kind="pitch_session",
        start=NOW + timedelta(days=40)))
    pitch_application_create(call=second, participant=participant_create(), country="FR")

    totals = series_figures(series=world.series,
                            events=events_counted(series=world.series)).totals.pitch

    assert (totals.applications, totals.shortlisted, totals.accepted, totals.confirmed,
            totals.votes) == (9, 5, 4, 3, 4)
    assert totals.countries["FR"] == 1
