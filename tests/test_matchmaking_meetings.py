"""Meetings: booking an accepted request into a time slot free for both (on site with the
lowest free table), the refusals, cancelling (which frees the slot), reporting a no-show,
the agenda page and its calendar file, the room link, and the reminder sweep."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mail.models import Mail, MailAttachment
from matchmaking.links import room_token
from matchmaking.models import MeetingRequest
from matchmaking.services import MatchmakingError
from matchmaking.services.meetings import meeting_book, meetings_remind_due
from matchmaking.services.requests import requests_cancel_for_profile
from matchmaking.tasks import meetings_remind_due as meetings_remind_due_task
from registrations.models import Participant
from tests.matchmaking_factories import request_create
from tests.matchmaking_factories_requests import mails_sent, person, url, world_create

pytestmark = pytest.mark.django_db
State = MeetingRequest.State


@pytest.fixture
def world():
    return world_create()


@pytest.fixture
def alice(world):
    return person(world, "alice")


@pytest.fixture
def bob(world):
    return person(world, "bob", phone="+49 341 555 0101")


@pytest.fixture
def meeting(world, alice, bob):
    return request_create(block=world.block, sender=alice, receiver=bob, state=State.ACCEPTED)


def book(client, profile, meeting, slot):
    return client.post(url("meeting_book", profile, request=meeting.pk), {"slot": slot})


def test_book_page_lists_only_slots_free_for_both(client, world, alice, meeting):
    carol = person(world, "carol", availability={world.block: 0b1110})
    busy = request_create(block=world.block, sender=alice, receiver=carol,
                          state=State.ACCEPTED, slot=2)
    bob = meeting.receiver
    bob.availabilities.create(block=world.block, slots=0b0111)

    page = client.get(url("meeting_book", alice, request=meeting.pk)).content.decode()

    assert page.count('type="radio"') == 2  # slots 0 and 1: bob's 0–2, alice busy in 2
    assert 'value="0"' in page
    assert 'value="1"' in page
    assert "Berlin time" in page
    assert busy.slot == 2


def test_booking_a_free_common_slot_schedules_the_meeting_and_mails_both(
        client, world, alice, bob, meeting):
    response = book(client, alice, meeting, 3)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table, meeting.booked_by) == (
        3, None, MeetingRequest.BookedBy.PARTICIPANT)
    start = timezone.localtime(world.block.slot_start(3)).strftime("%H:%M")
    sent = mails_sent()
    assert sorted(to for to, _subject in sent) == ["alice@example.org", "bob@example.org"]
    subject = dict(sent)["alice@example.org"]
    assert subject.startswith("Your meeting with Bob GmbH: ")
    assert start in subject
    mail = Mail.objects.get(to="alice@example.org")
    assert "Berlin time" in mail.text
    assert "/matchmaking/room/" in mail.text
    assert "bob@example.org" in mail.text
    calendar = MailAttachment.objects.get(mail=mail).content.decode()
    assert f"UID:meeting-{meeting.pk}@" in calendar
    assert "DTSTART;TZID=Europe/Berlin:" in calendar
    assert "BEGIN:VTIMEZONE" in calendar


def test_booking_on_site_takes_the_lowest_free_table_and_refuses_when_all_are_taken(world):
    world.block.tables = 2
    world.block.save()
    people = [person(world, name) for name in ("a1", "b1", "a2", "b2", "a3", "b3")]
    meetings = [request_create(block=world.block, sender=people[i], receiver=people[i + 1],
                               state=State.ACCEPTED) for i in (0, 2, 4)]
    now = timezone.now()

    first = meeting_book(request_id=meetings[0].pk, profile_id=people[0].pk, slot=5, now=now)
    second = meeting_book(request_id=meetings[1].pk, profile_id=people[2].pk, slot=5, now=now)
    with pytest.raises(MatchmakingError) as error:
        meeting_book(request_id=meetings[2].pk, profile_id=people[4].pk, slot=5, now=now)

    assert (first.table, second.table) == (1, 2)
    assert str(error.value) == "Every table is taken in this time slot."
    meetings[2].refresh_from_db()
    assert meetings[2].slot is None


@pytest.mark.parametrize(("setup", "slot", "message"), [
    ("pending", 1, "This meeting request has not been accepted: there is no meeting to book."),
    ("", 12, "There is no such time slot in this networking block."),
    ("begun", 0, "This time slot has already begun."),
    ("unavailable_me", 1, "You are not available in this time slot."),
    ("unavailable_other", 1, "The other person is not available in this time slot."),
    ("busy_me", 1, "You already have a meeting in this time slot."),
    ("busy_other", 1, "The other person already has a meeting in this time slot."),
])
def test_booking_refused_with_its_reason(world, alice, bob, setup, slot, message):
    state = State.PENDING if setup == "pending" else State.ACCEPTED
    meeting = request_create(block=world.block, sender=alice, receiver=bob, state=state)
    now = timezone.now()
    if setup == "begun":
        now = world.block.starts_at + timedelta(minutes=1)
    if setup.startswith("unavailable"):
        who = alice if setup == "unavailable_me" else bob
        who.availabilities.create(block=world.block, slots=0b1)
    if setup.startswith("busy"):
        who = alice if setup == "busy_me" else bob
        request_create(block=world.block, sender=who, receiver=person(world, "carol"),
                       state=State.ACCEPTED, slot=1)

    with pytest.raises(MatchmakingError) as error:
        meeting_book(request_id=meeting.pk, profile_id=alice.pk, slot=slot, now=now)

    assert str(error.value) == message
    meeting.refresh_from_db()
    assert meeting.slot is None


def test_booking_a_taken_slot_through_the_page_says_so(client, world, alice, meeting):
    request_create(block=world.block, sender=meeting.receiver, receiver=person(world, "carol"),
                   state=State.ACCEPTED, slot=4)

    response = book(client, alice, meeting, 4)

    assert response.status_code == 400
    assert "This time slot is no longer free. Please choose another one." in (
        response.content.decode())


def test_booking_someone_elses_meeting_gets_a_not_found_page(client, world, meeting):
    carol = person(world, "carol")

    response = book(client, carol, meeting, 1)

    assert response.status_code == 404
    assert "This meeting is not yours, or it does not exist (any more)." in (
        response.content.decode())
    meeting.refresh_from_db()
    assert meeting.slot is None


def test_cancel_frees_the_slot_for_another_booking(client, world, alice, bob, meeting):
    meeting_book(request_id=meeting.pk, profile_id=alice.pk, slot=1, now=timezone.now())
    carol = person(world, "carol")
    other = request_create(block=world.block, sender=carol, receiver=bob, state=State.ACCEPTED)
    with pytest.raises(MatchmakingError):
        meeting_book(request_id=other.pk, profile_id=carol.pk, slot=1, now=timezone.now())
    mails_sent()

    response = client.post(url("meeting_cancel", alice, request=meeting.pk), follow=True)

    assert "The meeting has been cancelled" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.state, meeting.slot, meeting.cancelled_by) == (State.CANCELLED, None, alice)
    assert mails_sent()[-1] == ("bob@example.org",
                                "Your meeting with Alice GmbH has been cancelled")
    booked = meeting_book(request_id=other.pk, profile_id=carol.pk, slot=1,
                          now=timezone.now())
    assert booked.slot == 1


def test_scheduled_mail_not_sent_once_the_meeting_is_cancelled(client, alice, meeting):
    meeting_book(request_id=meeting.pk, profile_id=alice.pk, slot=1, now=timezone.now())
    client.post(url("meeting_cancel", alice, request=meeting.pk))

    assert mails_sent() == [("bob@example.org", "Your meeting with Alice GmbH has been cancelled")]


def test_no_show_reported_once_after_the_slot_began(client, world, alice, bob):
    meeting = request_create(block=world.block, sender=alice, receiver=bob,
                             state=State.ACCEPTED, slot=0)
    early = client.post(url("meeting_no_show", alice, request=meeting.pk))
    assert early.status_code == 400
    assert "A no-show can be reported once the meeting has begun." in early.content.decode()
    world.block.starts_at = timezone.now() - timedelta(minutes=5)
    world.block.save()

    response = client.post(url("meeting_no_show", alice, request=meeting.pk), follow=True)
    again = client.post(url("meeting_no_show", bob, request=meeting.pk))

    assert "the no-show has been reported" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.no_show_reported_by == alice
    assert again.status_code == 400
    assert "A no-show has already been reported for this meeting." in again.content.decode()


def test_agenda_shows_time_contact_room_and_actions(client, world, alice, bob):
    scheduled = request_create(block=world.block, sender=alice, receiver=bob,
                               state=State.ACCEPTED, slot=2)
    carol = person(world, "carol")
    request_create(block=world.block, sender=carol, receiver=alice, state=State.ACCEPTED)

    page = client.get(url("agenda", alice)).content.decode()

    assert page.index("Bob GmbH") < page.index("Carol GmbH")
    assert "<strong>Bob GmbH</strong> — Bob (Germany)" in page
    assert "bob@example.org" in page and "+49 341 555 0101" in page
    assert "Berlin time" in page
    assert "Join the video room" in page
    assert "No time slot yet" in page
    assert "Book a time slot" in page
    room_link = re.search(r'href="(/en/matchmaking/room/[^"]+)"', page).group(1)
    assert client.get(room_link).url == f"https://rooms.example.org/{scheduled.room}"
    assert "meetings.ics" in page


def test_agenda_on_site_shows_the_table(client, world, alice, bob):
    world.block.tables = 4
    world.block.save()
    request_create(block=world.block, sender=alice, receiver=bob, state=State.ACCEPTED,
                   slot=2, table=3)

    page = client.get(url("agenda", bob)).content.decode()

    assert "Table 3" in page
    assert "Join the video room" not in page


def test_agenda_queries_bounded(client, world, alice, django_assert_max_num_queries):
    for number in range(6):
        request_create(block=world.block, sender=alice, receiver=person(world, f"p{number}"),
                       state=State.ACCEPTED, slot=number)
    with django_assert_max_num_queries(10):
        response = client.get(url("agenda", alice))
    assert response.content.decode().count("Join the video room") == 6


def test_agenda_calendar_has_one_event_per_scheduled_meeting(client, world, alice, bob):
    scheduled = request_create(block=world.block, sender=alice, receiver=bob,
                               state=State.ACCEPTED, slot=2)
    request_create(block=world.block, sender=person(world, "carol"), receiver=alice,
                   state=State.ACCEPTED)

    response = client.get(url("agenda_calendar", alice))

    calendar = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert calendar.count("BEGIN:VEVENT") == 1
    assert f"UID:meeting-{scheduled.pk}@" in calendar
    start = world.block.slot_start(2).astimezone(ZoneInfo(world.event.time_zone))
    assert f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}" in calendar
    assert "SUMMARY:Meeting with Bob GmbH" in calendar
    assert "TZID:Europe/Berlin" in calendar


def test_room_link_redirects_both_sides_to_the_same_room(client, alice, bob, meeting):
    meeting.slot = 1
    meeting.save()

    for profile in (alice, bob):
        response = client.get(reverse("matchmaking:room", kwargs={
            "token": room_token(request=meeting, profile=profile)}))
        assert response.status_code == 302
        assert response.url == f"https://rooms.example.org/{meeting.room}"


def test_room_link_tampered_gives_a_clear_message(client, alice, meeting):
    token = room_token(request=meeting, profile=alice)
    forged = signing.dumps({"r": meeting.pk, "p": alice.pk, "k": "guessed"},
                           salt="another.salt")

    for bad in (token[:-2] + "xx", forged):
        response = client.get(reverse("matchmaking:room", kwargs={"token": bad}))
        assert response.status_code == 400
        assert "This room link is not valid." in response.content.decode()


def test_room_link_of_a_cancelled_meeting_says_so(client, alice, meeting):
    token = room_token(request=meeting, profile=alice)
    meeting.state = State.CANCELLED
    meeting.save()

    response = client.get(reverse("matchmaking:room", kwargs={"token": token}))

    assert response.status_code == 404
    assert "This meeting has been cancelled or is not scheduled" in response.content.decode()


def test_reminders_sweep_sends_once_shortly_before(world, alice, bob, settings):
    settings.MATCHMAKING_REMINDER_MINUTES = 15
    soon = request_create(block=world.block, sender=alice, receiver=bob,
                          state=State.ACCEPTED, slot=3)
    later = request_create(block=world.block, sender=alice, receiver=person(world, "carol"),
                           state=State.ACCEPTED, slot=6)
    now = world.block.slot_start(3) - timedelta(minutes=10)

    assert meetings_remind_due(now=now) == 1
    assert meetings_remind_due(now=now) == 0

    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.reminded_at == now
    assert later.reminded_at is None
    assert sorted(mails_sent()) == [
        ("alice@example.org", soon_subject := mails_subject("alice@example.org")),
        ("bob@example.org", mails_subject("bob@example.org"))]
    assert soon_subject.startswith("Soon: your meeting with Bob GmbH, ")


def mails_subject(to: str) -> str:
    return Mail.objects.get(to=to, cause__contains=":reminder:").subject


def test_profile_deleted_cancels_its_requests_and_meetings_and_tells_the_others(world, alice,
                                                                               bob):
    scheduled = request_create(block=world.block, sender=alice, receiver=bob,
                               state=State.ACCEPTED, slot=1)
    carol = person(world, "carol")
    pending = request_create(block=world.block, sender=carol, receiver=bob)

    with transaction.atomic():
        assert requests_cancel_for_profile(profile_id=bob.pk, now=timezone.now()) == 2
        bob.delete()

    scheduled.refresh_from_db()
    pending.refresh_from_db()
    assert (scheduled.state, scheduled.slot, pending.state) == (
        State.CANCELLED, None, State.CANCELLED)
    assert sorted(mails_sent()) == [
        ("alice@example.org", "Your meeting has been cancelled"),
        ("carol@example.org", "A meeting request is no longer standing")]


def test_no_mail_to_a_participant_whose_data_was_deleted(world, alice, bob, meeting):
    Participant.objects.filter(pk=bob.participant_id).update(anonymised_at=timezone.now())
    bob.refresh_from_db()

    meeting_book(request_id=meeting.pk, profile_id=alice.pk, slot=2, now=timezone.now())

    assert [to for to, _subject in mails_sent()] == ["alice@example.org"]


def test_reminder_task_is_swept_by_the_worker(settings):
    assert "matchmaking.tasks.meetings_remind_due" in settings.WORKER_SWEEP_TASKS
    assert meetings_remind_due_task.call() == 0
