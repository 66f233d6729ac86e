"""Permission cases of the attendance pages: the import of a video tool's report (the page
and its upload, the preview, saving, taking an import back) and the check-in at the door
(tests/test_orga_permissions.py runs them).

They are there for who runs the event (orga.import_attendance, orga.check_in): the
organiser and the event's region's coordinator. A pending import is its uploader's: for
anybody else it is "no longer there" (a message and back to the attendance page, nothing
shown of it). Objects of another series under this series' address are there for nobody."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from attendance.models import AttendanceImport, PendingAttendanceImport
from events.models import Event
from tests.factories import event_create
from tests.orga_cases import Case, leipzig_event, leipzig_runners, nobody_in, other_series_event
from tests.test_registrations_factories import participant_create, registration_create

REPORT = b"email,name,minutes\nlea.participant@example.org,Lea Leipzig,42\n"


def pending_create(event, user) -> PendingAttendanceImport:
    return PendingAttendanceImport.objects.create(
        event=event, uploaded_by=user, uploaded_at=timezone.now(), sha256="a" * 64,
        file_name="zoom_86012345.csv", format="table",
        rows=[{"name": "Lea Leipzig", "email": "LEA.participant@example.org", "minutes": 42,
               "role": "", "joins": 2},
              {"name": "Guest Person", "email": "guest@example.org", "minutes": 20, "role": "",
               "joins": 1},
              {"name": "+49 341 5550123", "email": "", "minutes": 30, "role": "", "joins": 1},
              {"name": "Olga Host", "email": "olga@example.org", "minutes": 90,
               "role": "organiser", "joins": 1}])


def _pending(world) -> dict:
    """A pending import of the organiser's, with a row suggested by name too."""
    registration_create(participant=participant_create(name="Maria Muster"),
                        event=world.leipzig_event)
    pending = pending_create(world.leipzig_event, world.users["organiser"])
    pending.rows.append({"name": "MUSTER, Maria", "email": "", "minutes": 12, "role": "",
                         "joins": 1})
    pending.save()
    return leipzig_event(world) | {"pending": pending.pk}


def _other_series_pending(world) -> dict:
    pending = pending_create(world.other_event, world.users["outsider"])
    return other_series_event(world) | {"pending": pending.pk}


def _import(event) -> AttendanceImport:
    return AttendanceImport.objects.create(event=event, sha256="b" * 64, file_name="zoom.csv",
                                           format="zoom", row_count=3,
                                           imported_at=timezone.now())


def _leipzig_import(world) -> dict:
    return leipzig_event(world) | {"attendance_import": _import(world.leipzig_event).pk}


def _other_series_import(world) -> dict:
    return other_series_event(world) | {"attendance_import": _import(world.other_event).pk}


def _on_site_event(world) -> dict:
    """An on-site event of the Leipzig region with a confirmed and a checked-in person."""
    event = event_create(series=world.series, region=world.leipzig_region, slug="on-site",
                         title_en="Leipzig on site", format=Event.Format.ON_SITE,
                         start=timezone.now())
    registration_create(participant=world.leipzig_participant, event=event)
    registration_create(participant=participant_create(name="Maria Muster"), event=event,
                        checked_in_at=timezone.now(), attended=True)
    return {"series": world.series.slug, "event": event.pk}


def _upload(world) -> dict:
    return {"report": SimpleUploadedFile("zoom_86012345.csv", REPORT, "text/csv")}


def _tick(world) -> dict:
    return {"registration": str(world.leipzig_registration.pk), "checked_in": "1"}


CASES = [
    Case("attendance", leipzig_event, leipzig_runners()),
    Case("attendance", other_series_event, nobody_in(), label="other series"),
    Case("attendance", leipzig_event, leipzig_runners(), method="post", data=_upload),
    Case("attendance", other_series_event, nobody_in(), method="post", data=_upload,
         label="other series"),
    Case("attendance_preview", _pending, leipzig_runners()),
    Case("attendance_preview", _other_series_pending, nobody_in(), label="other series"),
    Case("attendance_save", _pending, leipzig_runners(), method="post"),
    Case("attendance_save", _other_series_pending, nobody_in(), method="post",
         label="other series"),
    Case("attendance_import_remove", _leipzig_import, leipzig_runners()),
    Case("attendance_import_remove", _leipzig_import, leipzig_runners(), method="post"),
    Case("attendance_import_remove", _other_series_import, nobody_in(), label="other series"),
    Case("attendance_import_remove", _other_series_import, nobody_in(), method="post",
         label="other series"),
    Case("check_in", leipzig_event, leipzig_runners()),
    Case("check_in", _on_site_event, leipzig_runners(), label="on site"),
    Case("check_in", other_series_event, nobody_in(), label="other series"),
    Case("check_in_toggle", leipzig_event, leipzig_runners(), method="post", data=_tick),
    Case("check_in_toggle", other_series_event, nobody_in(), method="post", data=_tick,
         label="other series"),
]
