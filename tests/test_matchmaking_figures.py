"""The matchmaking's figures: profiles, requests sent, accepted and declined, meetings
scheduled and held, cross-border meetings by pair of countries — on the dashboards of the
events with networking blocks and of the series, and in the funder's export (CSV, XLSX);
the pairs stay when a profile is deleted; the queries do not grow with the blocks."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from matchmaking.models import MeetingRequest
from orga.figures import present
from orga.figures.queries import event_figures, events_counted, series_figures
from tests.factories import event_create
from tests.matchmaking_factories import block_create, profile_create, request_create
from tests.orga_world import client_as, orga_world
from tests.test_registrations_factories import participant_create

pytestmark = pytest.mark.django_db
State = MeetingRequest.State
NOW = timezone.now()


@pytest.fixture
def world():
    return orga_world()


@pytest.fixture
def matchmaking(world):
    """A matchmaking day two days ago (its block's slots have ended) and a block in the
    Leipzig showcase to come; five people: Anna (DE), Boris (BG), Clara (BG), Dan (IT) at
    the day, Anna and Eva (DE) at Leipzig."""
    series = world.series
    day = event_create(series=series, slug="matchmaking-day", title_en="Matchmaking day",
                       start=NOW - timedelta(days=2))
    past = block_create(event=day, starts_at=day.start, slot_count=4, tables=5)
    coming = block_create(event=world.leipzig_event, slot_count=4)

    def person(name, country, events):
        return profile_create(series=series, events=events, country=country,
                              participant=participant_create(name=name, country=country))

    anna = person("Anna", "DE", (day, world.leipzig_event))
    boris, clara = person("Boris", "BG", (day,)), person("Clara", "BG", (day,))
    dan, eva = person("Dan", "IT", (day,)), person("Eva", "DE", (world.leipzig_event,))
    accepted = {"state": State.ACCEPTED}
    request_create(block=past, sender=anna, receiver=boris, slot=0, table=1, **accepted)
    request_create(block=past, sender=anna, receiver=clara, slot=1, table=1,
                   no_show_reported_at=NOW - timedelta(days=2), **accepted)
    request_create(block=past, sender=dan, receiver=anna, **accepted)
    request_create(block=past, sender=boris, receiver=clara, state=State.DECLINED)
    request_create(block=past, sender=dan, receiver=boris)
    request_create(block=past, sender=clara, receiver=dan, state=State.CANCELLED,
                   answered_at=NOW - timedelta(days=5), cancelled_at=NOW - timedelta(days=3))
    request_create(block=coming, sender=eva, receiver=anna, slot=2, **accepted)
    request_create(block=coming, sender=eva, receiver=boris, state=State.WITHDRAWN)
    return {"day": day, "clara": clara}


def _counts(figures) -> tuple:
    return (figures.profiles, figures.requests, figures.accepted, figures.declined,
            figures.scheduled, figures.held, figures.cross_border)


def test_the_events_figures_count_requests_and_meetings(world, matchmaking):
    day, _themes, _talks = event_figures(series=world.series, event=matchmaking["day"])
    leipzig, _themes, _talks = event_figures(series=world.series, event=world.leipzig_event)

    assert _counts(day.matchmaking) == (4, 6, 4, 1, 2, 1, 3)
    assert dict(day.matchmaking.pairs) == {("BG", "DE"): 2, ("DE", "IT"): 1}
    assert _counts(leipzig.matchmaking) == (2, 2, 1, 0, 1, 0, 0)


def test_the_series_adds_up_its_blocks_and_counts_each_profile_once(world, matchmaking):
    totals = series_figures(series=world.series,
                            events=events_counted(series=world.series)).totals.matchmaking

    assert _counts(totals) == (5, 8, 5, 1, 3, 1, 3)


def test_events_without_blocks_have_no_matchmaking_figures(world, matchmaking):
    figures, _themes, _talks = event_figures(series=world.series, event=world.sofia_event)

    assert figures.matchmaking is None
    assert present.event_dashboard(event=world.sofia_event, figures=figures, themes={},
                                   talks={}).matchmaking_facts == []


def test_the_dashboards_show_the_matchmaking_figures(world, matchmaking, client):
    client_as(client, world, "organiser")
    with translation.override("en"):
        event_page = client.get(reverse("orga:event_figures", kwargs={
            "series": world.series.slug, "event": matchmaking["day"].pk})).content.decode()
        series_page = client.get(reverse("orga:figures", kwargs={
            "series": world.series.slug})).content.decode()

    for html, profiles, requests, accepted, scheduled in (
            (event_page, 4, 6, 4, 2), (series_page, 5, 8, 5, 3)):
        assert f"<dt>Matchmaking profiles</dt><dd>{profiles}</dd>" in html
        assert f"<dt>Meeting requests sent</dt><dd>{requests}</dd>" in html
        assert f"<dt>Requests accepted</dt><dd>{accepted}</dd>" in html
        assert "<dt>Requests declined</dt><dd>1</dd>" in html
        assert f"<dt>Meetings scheduled</dt><dd>{scheduled}</dd>" in html
        assert "<dt>Meetings held</dt><dd>1</dd>" in html
        assert "<dt>Cross-border meetings</dt><dd>3</dd>" in html
        assert ('<th scope="row">Bulgaria – Germany</th><td class="number">2</td>'
                '<td class="number">66.7 %</td>') in html
        assert ('<th scope="row">Germany – Italy</th><td class="number">1</td>'
                '<td class="number">33.3 %</td>') in html
        assert ("<dt>Cross-border meetings</dt><dd>Accepted meetings, not cancelled, between "
                "people of two different countries") in html  # the definition


def _csv(client, world) -> list[list[str]]:
    response = client.get(reverse("orga:figures_export", kwargs={
        "series": world.series.slug, "file_format": "csv"}))
    return [row for row in csv.reader(io.StringIO(b"".join(response.streaming_content)
                                                  .decode("utf-8-sig")))
            if row[1] != "Made on"]


def test_the_export_holds_the_matchmaking_figures(world, matchmaking, client):
    client_as(client, world, "organiser")
    with translation.override("en"):
        rows = _csv(client, world)

    day_sheet = next(row[0] for row in rows if "Matchmaking day" in row[0])
    for sheet, profiles, requests in (("Series", 5, 8), (day_sheet, 4, 6)):
        assert [sheet, "Matchmaking", "Matchmaking profiles", "Value", str(profiles)] in rows
        assert [sheet, "Matchmaking", "Meeting requests sent", "Value", str(requests)] in rows
        assert [sheet, "Matchmaking", "Meetings held", "Value", "1"] in rows
        assert [sheet, "Matchmaking", "Cross-border meetings", "Value", "3"] in rows
        assert [sheet, "Cross-border meetings by pair of countries", "Bulgaria – Germany",
                "Meetings", "2"] in rows
        assert [sheet, "Cross-border meetings by pair of countries", "Germany – Italy",
                "Meetings", "1"] in rows
        assert [sheet, "Definitions", "Cross-border meetings"] == next(
            row[:3] for row in rows if row[0] == sheet and row[2] == "Cross-border meetings"
            and row[1] == "Definitions")
    sofia_sheet = next(row[0] for row in rows if "Sofia" in row[0])
    assert not [row for row in rows if row[0] == sofia_sheet and row[1] == "Matchmaking"]


def test_the_xlsx_has_the_matchmaking_blocks(world, matchmaking, client):
    import openpyxl

    client_as(client, world, "organiser")
    with translation.override("en"):
        response = client.get(reverse("orga:figures_export", kwargs={
            "series": world.series.slug, "file_format": "xlsx"}))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]

    assert ["Meetings held", 1] in [row[:2] for row in values]
    assert ["Bulgaria – Germany", 2] in [row[:2] for row in values]


def test_the_pairs_stay_when_a_profile_is_deleted(world, matchmaking):
    matchmaking["clara"].delete()

    day, _themes, _talks = event_figures(series=world.series, event=matchmaking["day"])

    assert dict(day.matchmaking.pairs) == {("BG", "DE"): 2, ("DE", "IT"): 1}
    assert day.matchmaking.profiles == 3


def _queries(client, name: str, **kwargs) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(f"orga:{name}", kwargs=kwargs))
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


def test_the_queries_do_not_grow_with_the_blocks_and_requests(world, matchmaking, client):
    client_as(client, world, "organiser")
    pages = [("figures", {"series": world.series.slug}),
             ("event_figures", {"series": world.series.slug, "event": matchmaking["day"].pk}),
             ("figures_export", {"series": world.series.slug, "file_format": "csv"})]
    before = [_queries(client, name, **kwargs) for name, kwargs in pages]

    for number in range(3):
        event = event_create(series=world.series, start=NOW - timedelta(days=10 + number))
        block = block_create(event=event, starts_at=event.start, slot_count=3)
        people = [profile_create(series=world.series, events=(event,), country=country)
                  for country in ("AT", "FR", "ES")]
        request_create(block=block, sender=people[0], receiver=people[1], state=State.ACCEPTED,
                       slot=0)
        request_create(block=block, sender=people[1], receiver=people[2], state=State.ACCEPTED)
    after = [_queries(client, name, **kwargs) for name, kwargs in pages]

    assert after == before
