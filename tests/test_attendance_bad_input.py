"""Bad input on the attendance pages: each gets a clear message in the organiser's
language, saves nothing, and never a server error."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from attendance.formats import ReportUnreadable, report_read
from attendance.models import AttendanceImport, AttendanceRecord, PendingAttendanceImport
from attendance.services import UPLOAD_MAX_BYTES
from events.models import Event
from registrations.models import Registration
from tests.factories import event_create
from tests.orga_cases_attendance import pending_create
from tests.orga_world import client_as, orga_world
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return orga_world()


@pytest.fixture
def organiser(client, world):
    return client_as(client, world, "organiser")


def url(world, name: str, event=None, **kwargs) -> str:
    return reverse(f"orga:{name}", kwargs={"series": world.series.slug,
                                           "event": (event or world.leipzig_event).pk, **kwargs})


def nothing_saved() -> bool:
    return not AttendanceImport.objects.exists() and not AttendanceRecord.objects.exists()


def upload_page(organiser, world, data: dict):
    response = organiser.post(url(world, "attendance"), data)
    assert response.status_code == 400
    return response.content.decode()


def test_no_file(organiser, world):
    assert "Please choose the report file to upload." in upload_page(organiser, world, {})
    assert not PendingAttendanceImport.objects.exists()


def test_an_empty_file(organiser, world):
    body = upload_page(organiser, world, {"report": SimpleUploadedFile("empty.csv", b"")})
    assert "The file is empty." in body
    assert not PendingAttendanceImport.objects.exists()


def test_a_file_above_the_limit(organiser, world):
    big = SimpleUploadedFile("huge.csv", b"x" * (UPLOAD_MAX_BYTES + 1))
    assert "The file is larger than 10 MB" in upload_page(organiser, world, {"report": big})
    assert not PendingAttendanceImport.objects.exists()


def test_a_file_the_reader_refuses_shows_its_message_in_the_organisers_language(client,
                                                                                 world):
    content = b"just some words\nnothing more\n"
    organiser = client_as(client, world, "organiser")
    with translation.override("de"):
        with pytest.raises(ReportUnreadable) as refusal:
            report_read(content, file_name="notes.csv")
        expected = str(refusal.value.message)
        response = organiser.post(url(world, "attendance"),
                                  {"report": SimpleUploadedFile("notes.csv", content)})
    assert response.status_code == 400
    assert response.request["PATH_INFO"].startswith("/de/")
    assert escape(expected) in response.content.decode()
    assert not PendingAttendanceImport.objects.exists()


def test_a_report_naming_nobody(organiser, world):
    body = upload_page(organiser, world, {"report": SimpleUploadedFile(
        "header.csv", b"email,name,minutes\n")})
    assert "No participant could be read from this report." in body


def _gone(response) -> None:
    assert response.status_code == 302
    assert response["Location"].endswith("/attendance/")


GONE = "This preview is no longer there"


@pytest.mark.parametrize("whose", ["another user's", "another event's", "expired", "unknown"])
def test_a_stale_or_foreign_pending_import_is_no_longer_there(client, world, whose):
    event = world.leipzig_event
    pending = pending_create(event, world.users["organiser"])
    if whose == "another user's":
        pending.uploaded_by = world.users["leipzig"]
    elif whose == "another event's":
        pending.event = event_create(series=world.series, region=world.leipzig_region)
    elif whose == "expired":
        pending.uploaded_at = timezone.now() - timedelta(hours=25)
    pending.save()
    pending_id = pending.pk if whose != "unknown" else pending.pk + 1000
    organiser = client_as(client, world, "organiser")

    for method in ("get", "post"):
        name = "attendance_preview" if method == "get" else "attendance_save"
        response = getattr(organiser, method)(url(world, name, pending=pending_id))
        _gone(response)
        assert GONE in organiser.get(response["Location"]).content.decode()
    assert nothing_saved()


def test_an_expired_pending_import_is_deleted_by_the_next_upload(organiser, world):
    pending = pending_create(world.leipzig_event, world.users["organiser"])
    PendingAttendanceImport.objects.filter(pk=pending.pk).update(
        uploaded_at=timezone.now() - timedelta(hours=25))

    organiser.post(url(world, "attendance"), {"report": SimpleUploadedFile(
        "r.csv", b"email,minutes\na@example.org,3\n")})

    assert not PendingAttendanceImport.objects.filter(pk=pending.pk).exists()
    assert PendingAttendanceImport.objects.count() == 1


@pytest.mark.parametrize("where", ["another event", "another series"])
def test_a_forged_registration_in_a_manual_match_is_refused(organiser, world, where):
    pending = pending_create(world.leipzig_event, world.users["organiser"])
    event = world.sofia_event if where == "another event" else world.other_event
    forged = registration_create(participant=participant_create(), event=event)

    response = organiser.post(url(world, "attendance_save", pending=pending.pk),
                              {"match-2": forged.participant.email})

    assert response.status_code == 400
    assert "This registration is not one of this event&#x27;s" in response.content.decode()
    assert nothing_saved()
    assert PendingAttendanceImport.objects.filter(pk=pending.pk).exists()


def test_a_forged_row_index_is_refused(organiser, world):
    pending = pending_create(world.leipzig_event, world.users["organiser"])
    response = organiser.post(url(world, "attendance_save", pending=pending.pk),
                              {"accept": ["99"], "add": ["x"]})
    assert response.status_code == 400
    assert "This row is not one of the report" in response.content.decode()
    assert nothing_saved()


def test_adding_somebody_needs_the_consent_box(organiser, world):
    pending = pending_create(world.leipzig_event, world.users["organiser"])
    response = organiser.post(url(world, "attendance_save", pending=pending.pk), {"add": ["1"]})
    assert response.status_code == 400
    assert "Please confirm that the people you add agreed" in response.content.decode()
    assert nothing_saved()


def test_a_row_both_matched_and_added_is_refused(organiser, world):
    pending = pending_create(world.leipzig_event, world.users["organiser"])
    other = registration_create(participant=participant_create(), event=world.leipzig_event)
    response = organiser.post(url(world, "attendance_save", pending=pending.pk),
                              {"add": ["1"], "match-1": other.participant.email, "consent": "on"})
    assert response.status_code == 400
    assert "Either match “Guest Person” to a registration or add them, not both." in (
        response.content.decode())
    assert nothing_saved()


def test_saving_twice_saves_once(organiser, world):
    pending = pending_create(world.leipzig_event, world.users["organiser"])
    organiser.post(url(world, "attendance_save", pending=pending.pk))
    response = organiser.post(url(world, "attendance_save", pending=pending.pk), follow=True)
    assert GONE in response.content.decode()
    assert AttendanceImport.objects.count() == 1


def test_a_check_in_for_another_events_registration_is_refused(organiser, world):
    Event.objects.filter(pk=world.leipzig_event.pk).update(format=Event.Format.ON_SITE)
    response = organiser.post(url(world, "check_in_toggle"),
                              {"registration": str(world.sofia_registration.pk),
                               "checked_in": "1"}, follow=True)
    assert "This person is not registered for this event." in response.content.decode()
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 0


@pytest.mark.parametrize("data", [{}, {"registration": "abc", "checked_in": "1"},
                                  {"registration": "99999999999999999999", "checked_in": "1"}])
def test_a_broken_check_in_form_is_refused(organiser, world, data):
    Event.objects.filter(pk=world.leipzig_event.pk).update(format=Event.Format.ON_SITE)
    response = organiser.post(url(world, "check_in_toggle"), data, follow=True)
    assert response.status_code == 200
    assert "This registration is not one of this event" in response.content.decode()


def test_a_check_in_at_an_online_event_is_refused(organiser, world):
    response = organiser.post(url(world, "check_in_toggle"),
                              {"registration": str(world.leipzig_registration.pk),
                               "checked_in": "1"}, follow=True)
    assert "This event is online: nobody is checked in at a door." in response.content.decode()
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 0


def zoom_of_another_day(world) -> bytes:
    """A Zoom report whose meeting began nine days before the Leipzig event."""
    day = (world.leipzig_event.start - timedelta(days=9)).strftime("%m/%d/%Y")
    return "\r\n".join([
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
        f"814 2297 6031,Another meeting,{day} 09:55:03 AM,{day} 11:32:40 AM,olga@example.org,"
        "98,2", "",
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest",
        f"Lea Leipzig,lea.participant@example.org,{day} 10:00:00 AM,{day} 11:00:00 AM,60,No",
        ""]).encode()


def test_a_report_of_another_day_is_saved_only_once_the_organiser_confirms_it(organiser,
                                                                               world):
    response = organiser.post(url(world, "attendance"), {"report": SimpleUploadedFile(
        "participants.csv", zoom_of_another_day(world))})
    pending = PendingAttendanceImport.objects.get()
    assert response.status_code == 302
    preview = organiser.get(response["Location"]).content.decode()
    assert "is it the report of this event?" in preview
    assert "This is the report of this event all the same." in preview

    save = url(world, "attendance_save", pending=pending.pk)
    refused = organiser.post(save, {})
    assert refused.status_code == 400
    assert ("The report&#x27;s meeting began on another day than the event: tick that it is "
            "this event&#x27;s report to save it") in refused.content.decode()
    assert nothing_saved()

    saved = organiser.post(save, {"this_event": "on"})
    assert saved.status_code == 302
    assert world.leipzig_event.registrations.get().attended_minutes == 60
