"""Importing a video tool's attendance report as an organiser does it: upload, preview
(matched by address, suggested by name, unmatched, organisers and presenters), save with
the choices made, the same file again, a second session, taking an import back, the
threshold; each change in the audit log with ids only."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from attendance.matching import MATCHED, STAFF, SUGGESTED, UNMATCHED
from attendance.models import AttendanceImport, AttendanceRecord, PendingAttendanceImport
from events.models import Event
from orga.models import AuditEntry
from orga.services.series import series_update
from registrations.models import Consent, Participant, Registration
from tests.factories import event_create, speaker_create, talk_create
from tests.orga_world import client_as, orga_world
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db
State = Registration.State


@pytest.fixture
def world():
    world = orga_world()
    event = event_create(series=world.series, region=world.leipzig_region,
                         title_en="Leipzig online", start=timezone.now() - timedelta(days=2))
    people = {
        "anna": participant_create(email="Anna.Adler@example.org", name="Anna Adler"),
        "bernd": participant_create(email="bernd@example.org", name="Bernd Brandt"),
        "carla": participant_create(email="carla@example.org", name="Carla Conti"),
        "dora": participant_create(email="dora.private@example.org", name="Dora Müller"),
        "emil": participant_create(email="emil@example.org", name="Emil Engel"),
    }
    world.extra["event"] = event
    world.extra["registrations"] = {name: registration_create(participant=person, event=event)
                                    for name, person in people.items()}
    speaker = speaker_create(name="Sven Speaker")
    talk_create(event=event, speakers=[speaker])
    return world


REPORT = (
    "email,name,minutes\n"
    "anna.adler@EXAMPLE.org,Anna Adler,30\n"       # 0 matched by address, any case
    "bernd@example.org,Bernd Brandt,10\n"          # 1 matched, below the threshold of 15
    ",Muller Dora,50\n"                            # 2 suggested: word order, accents
    "walk.in@example.org,Wanda Walkin,25\n"        # 3 unmatched: came without registering
    ",Phone Caller,40\n"                           # 4 unmatched, no address: cannot be added
    "olga@example.org,Olga Organiser,120\n"        # 5 staff: the series' organiser
    ",Sven Speaker,60\n"                           # 6 staff: a speaker of the event
)


def url(world, name: str, **kwargs) -> str:
    return reverse(f"orga:{name}", kwargs={"series": world.series.slug,
                                           "event": world.extra["event"].pk, **kwargs})


def upload(client, world, content: str | bytes, file_name: str = "participants.csv"):
    data = content.encode() if isinstance(content, str) else content
    return client.post(url(world, "attendance"),
                       {"report": SimpleUploadedFile(file_name, data, "text/csv")})


def pending_id(response) -> int:
    assert response.status_code == 302, response.content.decode()[:2000]
    return int(response["Location"].rstrip("/").split("/")[-1])


def test_the_preview_sorts_the_rows_and_saving_records_what_the_organiser_chose(client, world):
    client = client_as(client, world, "organiser")
    pending = pending_id(upload(client, world, REPORT))

    page = client.get(url(world, "attendance_preview", pending=pending))
    preview = page.context["preview"]
    assert [(row.index, row.kind) for row in preview.rows] == [
        (0, MATCHED), (1, MATCHED), (2, SUGGESTED), (3, UNMATCHED), (4, UNMATCHED),
        (5, STAFF), (6, STAFF)]
    registrations = world.extra["registrations"]
    assert preview.rows[2].candidate.registration_id == registrations["dora"].pk
    assert [row.attended for row in preview.matched] == [True, False]
    assert preview.rows[3].can_add and not preview.rows[4].can_add
    assert [row.staff_reason for row in preview.staff] == ["team", "speaker"]
    body = page.content.decode()
    assert "No valid e-mail address: cannot be added." in body
    assert "a speaker of the event" in body
    assert Registration.objects.filter(attended__isnull=False).count() == 0  # nothing saved

    response = client.post(url(world, "attendance_save", pending=pending),
                           {"accept": ["2"], "add": ["3"], "consent": "on"}, follow=True)

    assert "Saved: 4 registrations have their minutes from this report." in (
        response.content.decode())
    source = AttendanceImport.objects.get()
    assert (source.format, source.row_count, source.file_name) == ("table", 7, "participants.csv")
    walk_in = Registration.objects.get(participant__email="walk.in@example.org")
    assert walk_in.state == State.CONFIRMED
    assert Consent.objects.filter(participant=walk_in.participant).count() == 1
    minutes = {registration.participant.name: (registration.attended_minutes,
                                               registration.attended)
               for registration in Registration.objects.filter(event=world.extra["event"])}
    assert minutes == {"Anna Adler": (30, True), "Bernd Brandt": (10, False),
                       "Dora Müller": (50, True), "Carla Conti": (0, False),
                       "Emil Engel": (0, False), "Wanda Walkin": (25, True)}
    assert not PendingAttendanceImport.objects.exists()
    entry = AuditEntry.objects.get(action="attendance.import")
    assert entry.object_id == str(source.pk)
    assert entry.data == {"format": "table", "rows": 7, "registrations": 4, "skipped": 0,
                          "added": [walk_in.pk], "consent_text": entry.data["consent_text"]}
    assert "walk.in" not in str(entry.data) and "Wanda" not in str(entry.data)
    totals = response.context["totals"]
    assert (totals.attended, totals.absent, totals.unknown) == (3, 3, 0)


def test_a_suggestion_left_unticked_records_nothing_for_it(client, world):
    client = client_as(client, world, "organiser")
    pending = pending_id(upload(client, world, REPORT))

    client.post(url(world, "attendance_save", pending=pending), {})

    dora = Registration.objects.get(pk=world.extra["registrations"]["dora"].pk)
    assert (dora.attended_minutes, dora.attended) == (0, False)
    assert not Participant.objects.filter(email="walk.in@example.org").exists()


def test_a_row_matched_by_hand_gives_that_registration_its_minutes(client, world):
    client = client_as(client, world, "organiser")
    pending = pending_id(upload(client, world, REPORT))
    emil = world.extra["registrations"]["emil"]

    client.post(url(world, "attendance_save", pending=pending),
                {"match-4": emil.participant.email.upper()})

    emil.refresh_from_db()
    assert (emil.attended_minutes, emil.attended) == (40, True)


def test_the_same_file_again_changes_nothing_and_says_when_it_was_imported(client, world):
    client = client_as(client, world, "organiser")
    client.post(url(world, "attendance_save", pending=pending_id(upload(client, world, REPORT))))

    response = upload(client, world, REPORT, file_name="again.csv")

    assert response.status_code == 400
    assert "This file was already imported on" in response.content.decode()
    assert "(participants.csv)" in response.content.decode()
    assert AttendanceImport.objects.count() == 1
    assert AttendanceRecord.objects.count() == 2
    assert not PendingAttendanceImport.objects.exists()


def test_a_second_session_adds_its_minutes_and_taking_it_back_removes_them(client, world):
    client = client_as(client, world, "organiser")
    client.post(url(world, "attendance_save", pending=pending_id(upload(client, world, REPORT))))
    second = "email,name,minutes\nbernd@example.org,Bernd Brandt,7\n"
    client.post(url(world, "attendance_save",
                    pending=pending_id(upload(client, world, second, "session-2.csv"))))
    bernd = world.extra["registrations"]["bernd"]
    bernd.refresh_from_db()
    assert (bernd.attended_minutes, bernd.attended) == (17, True)

    source = AttendanceImport.objects.get(file_name="session-2.csv")
    page = client.get(url(world, "attendance_import_remove", attendance_import=source.pk))
    assert "Take the import back" in page.content.decode()
    response = client.post(url(world, "attendance_import_remove", attendance_import=source.pk),
                           follow=True)

    assert "The import of “session-2.csv” has been taken back." in response.content.decode()
    bernd.refresh_from_db()
    assert (bernd.attended_minutes, bernd.attended) == (10, False)
    assert AuditEntry.objects.get(action="attendance.remove").object_id == str(source.pk)

    first = AttendanceImport.objects.get()
    client.post(url(world, "attendance_import_remove", attendance_import=first.pk))
    bernd.refresh_from_db()
    assert (bernd.attended_minutes, bernd.attended) == (None, None)  # nothing known any more


def test_the_attendance_page_lists_the_imports(client, world):
    client = client_as(client, world, "leipzig")
    client.post(url(world, "attendance_save", pending=pending_id(upload(client, world, REPORT))))

    body = client.get(url(world, "attendance")).content.decode()

    assert "participants.csv" in body
    assert "Table of e-mail addresses or names and minutes" in body
    assert "lena" in body  # who imported it


def test_an_anonymised_participants_row_never_matches(client, world):
    from registrations.services import participant_delete

    anna = world.extra["registrations"]["anna"]
    participant_delete(participant=anna.participant)
    client = client_as(client, world, "organiser")
    report = "email,name,minutes\nanna.adler@example.org,Anna Adler,30\n"
    pending = pending_id(upload(client, world, report))

    preview = client.get(url(world, "attendance_preview", pending=pending)).context["preview"]

    assert [row.kind for row in preview.rows] == [UNMATCHED]


def test_a_new_threshold_recomputes_who_attended(world):
    registration = world.extra["registrations"]["bernd"]
    Registration.objects.filter(pk=registration.pk).update(attended_minutes=10, attended=False)
    checked = world.extra["registrations"]["carla"]
    Registration.objects.filter(pk=checked.pk).update(attended_minutes=0, attended=True,
                                                      checked_in_at=timezone.now())

    series_update(actor=world.users["organiser"], series=world.series,
                  values={"attendance_threshold_minutes": 10})

    registration.refresh_from_db()
    checked.refresh_from_db()
    assert registration.attended is True
    assert checked.attended is True  # checked in at the door: attended whatever the minutes
    series_update(actor=world.users["organiser"], series=world.series,
                  values={"attendance_threshold_minutes": 11})
    registration.refresh_from_db()
    assert registration.attended is False


def test_a_cancelled_registration_is_not_matched(client, world):
    Registration.objects.filter(pk=world.extra["registrations"]["anna"].pk).update(
        state=State.CANCELLED, cancelled_at=timezone.now(), confirmed_at=None)
    client = client_as(client, world, "organiser")
    pending = pending_id(upload(client, world, REPORT))

    preview = client.get(url(world, "attendance_preview", pending=pending)).context["preview"]

    assert preview.rows[0].kind == UNMATCHED


def test_the_event_format_does_not_matter_for_an_import(client, world):
    Event.objects.filter(pk=world.extra["event"].pk).update(format=Event.Format.HYBRID)
    client = client_as(client, world, "organiser")
    assert upload(client, world, REPORT).status_code == 302
