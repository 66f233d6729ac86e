"""The survey's races on PostgreSQL: one attendee submitting twice at once (exactly one
answer), two organisers sending the invitations at once (each attendee one mail), sending
while attendees delete their data (no mail keeps a deleted address), answering while
deleting (no words of theirs are kept)."""

import contextlib
from datetime import timedelta

import pytest
from django.utils import timezone

from feedback import services
from feedback.models import FeedbackAnswer, FeedbackInvitation
from mail.models import Mail
from orga.services.feedback import event_feedback_invite
from registrations import services as registration_services
from registrations.models import Participant, Registration
from tests.factories import event_create, series_create
from tests.test_races_publish import race
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def event():
    start = timezone.now() - timedelta(days=1, hours=3)
    return event_create(series=series_create(), start=start)


def attendees(event, count: int) -> list[Registration]:
    return [registration_create(participant=participant_create(), event=event, attended=True)
            for _number in range(count)]


def test_two_submissions_of_one_attendee_at_once_make_exactly_one_answer(event):
    registration = attendees(event, 1)[0]

    def submit(rating: int):
        return lambda: services.feedback_answer_save(
            participant_id=registration.participant_id, event_id=event.pk,
            data=services.AnswerData(rating=rating, comment=f"rating {rating}"))

    errors = race([submit(rating) for rating in (1, 2, 3, 4)])

    assert errors == []
    answer = FeedbackAnswer.objects.get()
    assert answer.comment == f"rating {answer.rating}"
    assert answer.changed_at is not None  # three of them changed it


def test_sending_the_invitations_twice_at_once_mails_each_attendee_once(event):
    invited = attendees(event, 30)
    counts = []

    errors = race([lambda: counts.append(event_feedback_invite(event=event, actor=None))
                   for _number in range(3)])

    assert errors == []
    assert sum(counts) == 30
    assert FeedbackInvitation.objects.count() == 30
    assert sorted(Mail.objects.values_list("to", flat=True)) == sorted(
        registration.participant.email for registration in invited)


def test_sending_while_attendees_delete_their_data_keeps_no_deleted_address(event):
    registrations = attendees(event, 20)
    leaving = [registration.participant for registration in registrations[::4]]
    addresses = {participant.email for participant in leaving}

    errors = race([lambda: event_feedback_invite(event=event, actor=None),
                   *(lambda person=person: registration_services.participant_delete(
                       participant=person) for person in leaving)])

    assert errors == []
    assert Participant.objects.filter(anonymised_at__isnull=False).count() == len(leaving)
    mails = list(Mail.objects.values_list("to", "state"))
    assert not [to for to, _state in mails if to in addresses]
    assert all(state == Mail.State.FAILED for to, state in mails if to == "")
    assert len([to for to, _state in mails if to]) == 20 - len(leaving)


def test_answering_while_deleting_ones_data_keeps_no_words_of_theirs(event):
    registrations = attendees(event, 6)

    def answer(registration):
        def run():
            with contextlib.suppress(services.FeedbackError):  # deleted first: refused
                services.feedback_answer_save(
                    participant_id=registration.participant_id, event_id=event.pk,
                    data=services.AnswerData(rating=4, comment="my own words"))
        return run

    errors = race([action for registration in registrations for action in (
        answer(registration),
        lambda registration=registration: registration_services.participant_delete(
            participant=registration.participant))])

    assert errors == []
    assert not FeedbackAnswer.objects.exclude(comment="").exists()
