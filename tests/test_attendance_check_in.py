"""The check-in at the door of an on-site or hybrid event: search by name (htmx as one types,
a plain form without JavaScript), a tick per person, taken back when it was a mistake; the
page of an online event says it is not needed. And the query counts of the attendance
pages."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from attendance.models import AttendanceImport, AttendanceRecord
from events.models import Event
from orga.models import AuditEntry
from registrations.models import Registration
from tests.factories import event_create
from tests.orga_world import client_as, orga_world
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db
State = Registration.State


@pytest.fixture
def world():
    world = orga_world()
    event = event_create(series=world.series, region=world.leipzig_region,
                         title_en="Leipzig on site", format=Event.Format.ON_SITE,
                         start=timezone.now() - timedelta(hours=1))
    world.extra["event"] = event
    world.extra["people"] = {
        name: registration_create(participant=participant_create(name=name), event=event,
                                  **fields)
        for name, fields in [("Zoë Zander", {}), ("Anton Apfel", {}),
                             ("Wanda Waiting", {"state": State.WAITLISTED}),
                             ("Carl Cancelled", {"state": State.CANCELLED,
                                                 "cancelled_at": timezone.now(),
                                                 "confirmed_at": None}),
                             ("Paula Pending", {"state": State.PENDING, "confirmed_at": None})]}
    return world


def url(world, name: str, event=None) -> str:
    return reverse(f"orga:{name}", kwargs={"series": world.series.slug,
                                           "event": (event or world.extra["event"]).pk})


def names(response) -> list[str]:
    return [person.participant.name for person in response.context["people"]]


def test_the_door_lists_the_confirmed_and_waitlisted_by_name(client, world):
    client = client_as(client, world, "leipzig")
    response = client.get(url(world, "check_in"))
    assert names(response) == ["Anton Apfel", "Wanda Waiting", "Zoë Zander"]
    assert "On the waiting list" in response.content.decode()


def test_searching_by_name_narrows_the_list_and_htmx_gets_only_the_list(client, world):
    client = client_as(client, world, "organiser")
    assert names(client.get(url(world, "check_in"), {"q": "zan"})) == ["Zoë Zander"]

    response = client.get(url(world, "check_in"), {"q": "apfel"}, HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert body.lstrip().startswith('<div id="people"')
    assert "Anton Apfel" in body and "Zoë Zander" not in body
    assert "<html" not in body


def test_ticking_checks_in_and_attends_and_unticking_takes_it_back(client, world):
    client = client_as(client, world, "organiser")
    zoe = world.extra["people"]["Zoë Zander"]

    response = client.post(url(world, "check_in_toggle"),
                           {"registration": str(zoe.pk), "checked_in": "1", "q": "zo"})

    assert response.status_code == 302 and response["Location"].endswith("?q=zo")
    zoe.refresh_from_db()
    assert zoe.checked_in_at is not None and zoe.attended is True
    first = zoe.checked_in_at
    client.post(url(world, "check_in_toggle"), {"registration": str(zoe.pk), "checked_in": "1"})
    zoe.refresh_from_db()
    assert zoe.checked_in_at == first  # a second tick keeps the first time

    response = client.post(url(world, "check_in_toggle"),
                           {"registration": str(zoe.pk), "checked_in": "0"},
                           HTTP_HX_REQUEST="true")

    assert f'id="person-{zoe.pk}"' in response.content.decode()
    assert "Check in" in response.content.decode()
    zoe.refresh_from_db()
    assert zoe.checked_in_at is None and zoe.attended is None
    assert list(AuditEntry.objects.filter(action="registration.check_in")
                .values_list("object_id", flat=True)) == [str(zoe.pk), str(zoe.pk)]


def test_unticking_keeps_what_the_minutes_say(client, world):
    anton = world.extra["people"]["Anton Apfel"]
    source = AttendanceImport.objects.create(event=world.extra["event"], sha256="c" * 64,
                                             format="zoom", imported_at=timezone.now())
    AttendanceRecord.objects.create(source=source, registration=anton, minutes=5)
    Registration.objects.filter(pk=anton.pk).update(attended_minutes=5, attended=False)
    client = client_as(client, world, "organiser")

    client.post(url(world, "check_in_toggle"), {"registration": str(anton.pk), "checked_in": "1"})
    anton.refresh_from_db()
    assert anton.attended is True
    client.post(url(world, "check_in_toggle"), {"registration": str(anton.pk), "checked_in": "0"})
    anton.refresh_from_db()
    assert anton.attended is False  # 5 minutes, below the threshold


@pytest.mark.parametrize("name", ["Carl Cancelled", "Paula Pending"])
def test_a_registration_without_a_place_cannot_be_checked_in(client, world, name):
    client = client_as(client, world, "organiser")
    registration = world.extra["people"][name]
    response = client.post(url(world, "check_in_toggle"),
                           {"registration": str(registration.pk), "checked_in": "1"},
                           HTTP_HX_REQUEST="true")
    assert "This registration is not confirmed" in response.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_an_online_events_page_says_it_is_not_needed(client, world):
    client = client_as(client, world, "organiser")
    response = client.get(url(world, "check_in", world.leipzig_event))
    assert "This event is online: there is no door to check people in at." in (
        response.content.decode())
    assert response.context["people"] == []


def test_the_check_in_list_takes_the_same_queries_for_3_and_60_people(client, world):
    client = client_as(client, world, "organiser")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(world, "check_in")).status_code == 200
        return len(queries)

    few = count()
    for _ in range(57):
        registration_create(participant=participant_create(), event=world.extra["event"])
    assert count() == few
    assert few <= 12


def test_the_attendance_page_takes_the_same_queries_for_1_and_5_imports(client, world):
    client = client_as(client, world, "organiser")
    event = world.extra["event"]
    anton = world.extra["people"]["Anton Apfel"]

    def add_import(number: int) -> None:
        source = AttendanceImport.objects.create(
            event=event, sha256=f"{number:064d}", format="zoom", imported_at=timezone.now(),
            imported_by=world.users["organiser"], file_name=f"zoom-{number}.csv")
        AttendanceRecord.objects.create(source=source, registration=anton, minutes=3)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(world, "attendance")).status_code == 200
        return len(queries)

    add_import(1)
    one = count()
    for number in range(2, 6):
        add_import(number)
    assert count() == one
    assert one <= 12
