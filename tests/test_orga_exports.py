"""Exports of the registration lists: exactly the filtered rows, CSV streamed and XLSX
opened back with openpyxl, headers in the organiser's language, file names with the slugs
and the date, and no cell a spreadsheet would run as a formula."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation

from orga import exports
from registrations.models import Registration
from tests.orga_world import client_as, orga_world
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db
ATTACKS = ["=HYPERLINK(\"https://evil.example.com\",\"x\")", "+1+cmd|' /C calc'!A0",
           "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1"]


@pytest.fixture
def world():
    return orga_world()


def export_url(world, file_format: str, *, event=None, language: str = "en") -> str:
    with translation.override(language):
        if event is None:
            return reverse("orga:registrations_export", kwargs={
                "series": world.series.slug, "file_format": file_format})
        return reverse("orga:event_registrations_export", kwargs={
            "series": world.series.slug, "event": event.pk, "file_format": file_format})


def csv_rows(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def xlsx_rows(response) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [[cell.value for cell in row] for row in workbook.active.iter_rows()]


def test_csv_holds_the_filtered_rows_with_their_columns(client, world):
    today = timezone.localdate().isoformat()
    Registration.objects.filter(pk=world.leipzig_registration.pk).update(
        attended=True, attended_minutes=95,
        requested_at=timezone.make_aware(timezone.datetime(2030, 3, 1, 9, 30)),
        confirmed_at=timezone.make_aware(timezone.datetime(2030, 3, 1, 9, 45)))
    client_as(client, world, "organiser")

    response = client.get(export_url(world, "csv"), {"country": "DE"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="connect-registrations-{today}.csv"')
    assert csv_rows(response) == [
        ["Name", "E-mail address", "Organisation", "Kind of organisation", "Country",
         "Language", "Event", "State", "Position on the waiting list",
         "Registered at (Europe/Berlin)", "Confirmed at (Europe/Berlin)", "Attended",
         "Minutes attended"],
        ["Lea Leipzig", "lea.participant@example.org", world.leipzig_participant
         .organisation_name, "SME", "Germany", "English", "Leipzig showcase", "Confirmed",
         "", "2030-03-01 09:30", "2030-03-01 09:45", "yes", "95"],
    ]


def test_csv_of_an_event_names_the_event_and_the_waiting_positions(client, world):
    start = timezone.now() - timedelta(hours=2)
    for index, name in enumerate(["Wanda", "Willi"]):
        registration_create(participant=participant_create(name=name), event=world.sofia_event,
                            state=Registration.State.WAITLISTED,
                            confirmed_at=start + timedelta(minutes=index))
    client_as(client, world, "sofia")

    response = client.get(export_url(world, "csv", event=world.sofia_event),
                          {"state": "waitlisted", "sort": "position"})

    rows = csv_rows(response)
    assert response["Content-Disposition"] == (
        f'attachment; filename="connect-sofia-registrations-{timezone.localdate()}.csv"')
    assert "Event" not in rows[0]
    assert [(row[0], row[7]) for row in rows[1:]] == [("Wanda", "1"), ("Willi", "2")]


def test_csv_headers_and_labels_in_the_organisers_language(client, world):
    client_as(client, world, "organiser")

    rows = csv_rows(client.get(export_url(world, "csv", language="de"), {"sort": "name"}))

    assert rows[0][:5] == ["Name", "E-Mail-Adresse", "Organisation", "Art der Organisation",
                           "Land"]
    assert rows[1][3:8] == ["KMU", "Bulgarien", "Bulgarisch", world.sofia_event.title_de,
                            "Bestätigt"]


@pytest.mark.parametrize("attack", ATTACKS)
def test_csv_neutralises_formulas(client, world, attack):
    registration_create(participant=participant_create(
        name=attack, organisation_name=attack, email="mallory@example.org"),
        event=world.leipzig_event)
    client_as(client, world, "organiser")

    rows = csv_rows(client.get(export_url(world, "csv"), {"search": "mallory"}))

    assert rows[1][0] == "'" + attack
    assert rows[1][2] == "'" + attack


def test_xlsx_holds_the_filtered_rows_as_text_never_formulas(client, world):
    registration_create(participant=participant_create(
        name=ATTACKS[0], organisation_name="@SUM(1+1)", email="mallory@example.org",
        country="BG"), event=world.sofia_event)
    client_as(client, world, "organiser")

    response = client.get(export_url(world, "xlsx"), {"country": "BG", "sort": "name"})

    assert response["Content-Disposition"] == (
        f'attachment; filename="connect-registrations-{timezone.localdate()}.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    assert sheet.title == "Connect Europe"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0:3] == ["Name", "E-mail address", "Organisation"]
    assert [row[0] for row in rows[1:]] == [ATTACKS[0], "Ivo Sofianski"]
    assert sheet["A2"].data_type == "s"
    assert sheet["C2"].data_type == "s" and sheet["C2"].value == "@SUM(1+1)"
    assert isinstance(sheet["J2"].value, timezone.datetime)


def test_xlsx_drops_characters_a_workbook_cannot_hold(client, world):
    registration_create(participant=participant_create(name="Bell\x07 Bart"),
                        event=world.leipzig_event)
    client_as(client, world, "organiser")

    rows = xlsx_rows(client.get(export_url(world, "xlsx"), {"search": "Bart"}))

    assert rows[1][0] == "Bell Bart"


def test_sofia_coordinator_exports_no_leipzig_participant(client, world):
    client_as(client, world, "sofia")

    as_csv = b"".join(client.get(export_url(world, "csv")).streaming_content).decode()
    as_xlsx = xlsx_rows(client.get(export_url(world, "xlsx")))

    assert "ivo.participant@example.org" in as_csv
    assert "lea.participant@example.org" not in as_csv
    assert [row[1] for row in as_xlsx] == ["E-mail address", "ivo.participant@example.org"]


def test_an_export_with_a_bad_filter_holds_what_the_list_shows(client, world):
    client_as(client, world, "organiser")

    rows = csv_rows(client.get(export_url(world, "csv"), {"state": "lost", "country": "BG"}))

    assert [row[1] for row in rows[1:]] == ["ivo.participant@example.org"]


def test_csv_is_written_in_pieces(world):
    """The streamed file comes in pieces of a few lines: nothing waits for the whole list."""
    from orga.queries_registrations import RegistrationFilters, registrations_listed

    for _ in range(3):
        registration_create(participant=participant_create(), event=world.leipzig_event)
    labels = exports.labels_now(events=[world.leipzig_event], with_event=False)
    queryset = registrations_listed(world.users["organiser"], series=world.series,
                                    event=world.leipzig_event, filters=RegistrationFilters())

    pieces = list(exports.csv_stream(queryset, labels, with_event=False, lines_per_write=2))

    assert [piece.count("\n") for piece in pieces] == [1, 2, 2]


def test_csv_safe_leaves_ordinary_text():
    assert [exports.csv_safe(text) for text in ("Anna", "3D-Druck", "", "a=b", "=1")] == [
        "Anna", "3D-Druck", "", "a=b", "'=1"]
