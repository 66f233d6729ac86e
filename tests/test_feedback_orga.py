"""The survey's page in the workspace, as an organiser and a coordinator use it: the
attendees, invited and answered counts, the survey as attendees see it, the confirm step,
sending the invitations (once per attendee, also after a second attendance import), the
refusals, the audit entry with ids only, and a query count that does not grow."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from feedback.models import FeedbackAnswer, FeedbackInvitation
from mail.models import Mail
from orga.models import AuditEntry
from registrations import services as registration_services
from registrations.models import Participant, Registration
from tests.factories import speaker_create, talk_create
from tests.orga_world import client_as, orga_world
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """The workspace's world, its Leipzig event held two days ago with one talk with a
    speaker; its registration (Lea) attended."""
    world = orga_world()
    event = world.leipzig_event
    event.start = timezone.now() - timedelta(days=2, hours=3)
    event.end = event.start + timedelta(hours=3)
    event.save()
    event.talks.update(start=event.start)
    talk_create(event=event, speakers=[speaker_create()], title_en="Hydrogen logistics",
                start=event.start + timedelta(minutes=30))
    Registration.objects.filter(pk=world.leipzig_registration.pk).update(attended=True)
    return world


def send_url(world, event=None) -> str:
    return reverse("orga:feedback_send", kwargs={
        "series": world.series.slug, "event": (event or world.leipzig_event).pk})


def attendee(event, **fields) -> Registration:
    return registration_create(participant=participant_create(**fields), event=event,
                               attended=True)


def invited_emails() -> list[str]:
    return sorted(Mail.objects.filter(cause__startswith="feedback:").values_list("to",
                                                                                flat=True))


def test_the_page_shows_the_counts_and_the_survey_as_attendees_see_it(client, world):
    client_as(client, world, "organiser")
    answered = attendee(world.leipzig_event)
    FeedbackInvitation.objects.create(registration=answered, sent_at=timezone.now())
    FeedbackAnswer.objects.create(registration=answered, rating=5,
                                  answered_at=timezone.now())
    registration_create(participant=participant_create(), event=world.leipzig_event,
                        attended=False)

    response = client.get(send_url(world))

    page = response.content.decode()
    counts = response.context["counts"]
    assert (counts.attendees, counts.invited, counts.answered, counts.to_invite) == (2, 1, 1, 1)
    assert "Invite 1 attendee to the survey…" in page
    assert "Overall, how would you rate the event?" in page
    assert "Hydrogen logistics" in page and "Welcome to Leipzig" not in page  # no speakers
    assert "disabled" in page  # a preview, nothing to send from it


def test_the_organiser_confirms_and_each_attendee_not_yet_invited_gets_one_mail(client,
                                                                               world):
    client_as(client, world, "organiser")
    second = attendee(world.leipzig_event, email="second@example.org", language="bg")
    absent = registration_create(participant=participant_create(), event=world.leipzig_event)

    confirm = client.get(send_url(world) + "?confirm=1").content.decode()
    assert "Send the survey to 2 attendees now?" in confirm
    assert not Mail.objects.exists()  # the confirm step sends nothing

    response = client.post(send_url(world), {"confirm": "1"}, follow=True)

    assert "2 attendees invited to the survey." in response.content.decode()
    assert invited_emails() == ["lea.participant@example.org", "second@example.org"]
    assert Mail.objects.get(to="second@example.org").language == "bg"
    assert not FeedbackInvitation.objects.filter(registration=absent).exists()
    entry = AuditEntry.objects.get(action="mail.feedback_invitation")
    assert (entry.actor, entry.event, entry.data) == (
        world.users["organiser"], world.leipzig_event,
        {"invited": 2, "registrations": sorted([world.leipzig_registration.pk, second.pk])})
    assert "@" not in str(entry.data) and "Lea" not in str(entry.data)


def test_pressing_again_after_a_second_import_mails_only_the_new_attendees(client, world):
    client_as(client, world, "leipzig")  # the coordinator of the region
    client.post(send_url(world), {"confirm": "1"})
    late = registration_create(participant=participant_create(email="late@example.org"),
                               event=world.leipzig_event)
    Registration.objects.filter(pk=late.pk).update(attended=True)  # the second import

    response = client.post(send_url(world), {"confirm": "1"}, follow=True)

    assert "1 attendee invited to the survey." in response.content.decode()
    assert invited_emails() == ["late@example.org", "lea.participant@example.org"]
    response = client.post(send_url(world), {"confirm": "1"}, follow=True)
    assert "Nobody to invite: every attendee has been invited." in response.content.decode()
    assert Mail.objects.count() == 2 and FeedbackInvitation.objects.count() == 2


def test_no_invitation_to_cancelled_registrations_or_deleted_participants(client, world):
    client_as(client, world, "organiser")
    cancelled = attendee(world.leipzig_event)
    Registration.objects.filter(pk=cancelled.pk).update(state=Registration.State.CANCELLED,
                                                       cancelled_at=timezone.now())
    gone = attendee(world.leipzig_event)
    registration_services.participant_delete(participant=gone.participant)
    Registration.objects.filter(pk=gone.pk).update(attended=True)  # it stays recorded

    counts = client.get(send_url(world)).context["counts"]
    client.post(send_url(world), {"confirm": "1"})

    assert (counts.attendees, counts.to_invite) == (2, 1)  # the deleted one did attend
    assert invited_emails() == ["lea.participant@example.org"]


def test_a_post_without_the_confirmation_sends_nothing(client, world):
    client_as(client, world, "organiser")

    response = client.post(send_url(world), {}, follow=True)

    assert "Please confirm the sending on the page first." in response.content.decode()
    assert not Mail.objects.exists() and not FeedbackInvitation.objects.exists()


@pytest.mark.parametrize(("shift", "message"), [
    (timedelta(days=3), "This event is not over yet: its survey opens when it has ended."),
    (-timedelta(days=30), "The survey of this event closed on "),
])
def test_no_invitations_before_the_event_is_over_or_after_its_survey_closed(client, world,
                                                                            shift, message):
    client_as(client, world, "organiser")
    event = world.leipzig_event
    event.start, event.end = event.start + shift, event.end + shift
    event.save()

    page = client.get(send_url(world)).content.decode()
    response = client.post(send_url(world), {"confirm": "1"}, follow=True)

    assert message in page and "to the survey…" not in page
    assert message in response.content.decode()
    assert not Mail.objects.exists() and not FeedbackInvitation.objects.exists()


def test_no_attendance_recorded_yet_says_what_to_do(client, world):
    client_as(client, world, "organiser")
    Registration.objects.update(attended=None)

    page = client.get(send_url(world)).content.decode()

    assert "No attendance is recorded for this event yet" in page


def test_the_page_in_german(client, world):
    client_as(client, world, "organiser")

    with translation.override("de"):
        page = client.get(send_url(world)).content.decode()

    assert "Feedback-Umfrage" in page and "Wie bewerten Sie die Veranstaltung insgesamt?" in page


def _attendees_add(event, count: int) -> None:
    now = timezone.now()
    first = Participant.objects.count()
    people = Participant.objects.bulk_create(
        Participant(email=f"q{first + index}@example.org", name=f"Q {first + index}",
                    organisation_name="Q", organisation_kind="sme", organisation_country="DE",
                    country="DE", link_key=f"{first + index:032d}", confirmed_at=now)
        for index in range(count))
    Registration.objects.bulk_create(
        Registration(participant=item, event=event, requested_at=now, confirmed_at=now,
                     state="confirmed", attended=index % 2 == 0)
        for index, item in enumerate(people))


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_attendees_or_talks(client, world):
    client_as(client, world, "organiser")
    few = _queries(client, send_url(world))

    _attendees_add(world.leipzig_event, 40)
    for _number in range(5):
        talk_create(event=world.leipzig_event, speakers=[speaker_create()],
                    start=world.leipzig_event.start + timedelta(minutes=60))
    client.post(send_url(world), {"confirm": "1"})

    assert _queries(client, send_url(world)) == few
    assert few <= 12, few


def test_an_attendee_without_an_address_that_receives_mail_is_left_out(client, world):
    client_as(client, world, "organiser")
    attendee(world.leipzig_event, email="walk-in-7@guests.invalid")  # came unregistered

    counts = client.get(send_url(world)).context["counts"]
    client.post(send_url(world), {"confirm": "1"})

    assert (counts.attendees, counts.to_invite) == (2, 1)
    assert invited_emails() == ["lea.participant@example.org"]
