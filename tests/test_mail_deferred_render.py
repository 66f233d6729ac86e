"""The mails of an event's changes (published into a series, cancelled, seats freed) are
written to the outbox in the change's transaction as what to render, and rendered by the
sender: the same mail as one rendered at once, none lost when nothing ran after the commit,
none to a participant who deleted their data meanwhile."""

import re

import pytest
from django.core import mail as outbox

from events.models import Event
from mail.models import Mail
from mail.services import mail_send, mails_send_due
from orga.services.events import event_publish
from registrations import mails, services
from registrations.models import Registration
from tests.factories import event_create, series_create
from tests.test_registrations_factories import participant_create, series_registration_create

pytestmark = pytest.mark.django_db
PERSONAL_TOKEN = re.compile(r"registration/me/[^/\s\"]+/")


def without_personal_token(text: str) -> str:
    """The text with the personal link's token left out (it is signed with the time)."""
    return PERSONAL_TOKEN.sub("registration/me/…/", text)


def without_time_stamp(calendar: bytes) -> str:
    """The calendar file without DTSTAMP and SEQUENCE, the lines new in every mail's file
    (each calendar message about a registration outranks the one before)."""
    return re.sub(r"(DTSTAMP:[0-9TZ]+|SEQUENCE:[0-9]+)\r\n", "", bytes(calendar).decode())


@pytest.fixture
def series():
    return series_create(title_en="Cluster Bridges")


def test_an_added_event_mail_rendered_when_sent_is_the_mail_rendered_at_once(series):
    bg = participant_create(email="bg@example.org", language="bg")
    series_registration_create(participant=bg, series=series)
    sofia = event_create(series=series, title_en="Sofia", status=Event.Status.DRAFT,
                         format=Event.Format.ONLINE, join_url="https://meet.example.org/sofia")

    event_publish(event=sofia)

    registration = Registration.objects.get(event=sofia)
    deferred = Mail.objects.get(cause=f"registration:{registration.pk}:added")
    assert (deferred.to, deferred.language, deferred.subject, deferred.text) == (
        "bg@example.org", "bg", "", "")  # nothing rendered in the publishing transaction
    mails.mail_registered(participant=bg, registrations=[registration], cause="at-once",
                          template="registration_event_added")
    at_once = Mail.objects.get(cause="at-once")

    assert mail_send(mail_id=deferred.pk) == Mail.State.SENT

    sent = Mail.objects.get(pk=deferred.pk)
    assert sent.render is None
    assert (sent.language, sent.subject) == (at_once.language, at_once.subject)
    assert "Sofia" in sent.subject and "New event" not in sent.subject  # in Bulgarian
    assert without_personal_token(sent.text) == without_personal_token(at_once.text)
    assert without_personal_token(sent.html) == without_personal_token(at_once.html)
    assert "https://meet.example.org/sofia" in sent.text  # a seat at an online event
    ((sent_file, at_once_file),) = zip(sent.attachments.all(), at_once.attachments.all(),
                                       strict=True)
    assert (sent_file.filename, sent_file.content_type) == (
        at_once_file.filename, at_once_file.content_type)
    assert without_time_stamp(sent_file.content) == without_time_stamp(at_once_file.content)
    (message,) = outbox.outbox
    assert message.subject == sent.subject and message.to == ["bg@example.org"]
    assert [part.get_filename() for part in message.attachments] == [
        f"{series.slug}-{sofia.slug}.ics"]
    assert message.attachments[0]["Content-Type"] == (
        'text/calendar; charset="utf-8"; method=REQUEST')


def test_mails_written_but_never_rendered_are_rendered_and_sent_by_the_sweep(series):
    """The process died right after the publish committed: no task rendered or sent the
    mails. The sweep of due mails renders and sends each, once."""
    people = [participant_create(email=f"p{index}@example.org") for index in range(3)]
    for person in people:
        series_registration_create(participant=person, series=series)
    sofia = event_create(series=series, title_en="Sofia", status=Event.Status.DRAFT,
                         capacity=2)

    event_publish(event=sofia)
    assert list(Mail.objects.values_list("subject", flat=True)) == ["", "", ""]

    assert mails_send_due() == 3
    assert mails_send_due() == 0

    assert sorted((message.to[0], message.subject) for message in outbox.outbox) == [
        (f"p{index}@example.org", "New event in your series: Sofia") for index in range(3)]
    waitlisted = Registration.objects.get(event=sofia, state=Registration.State.WAITLISTED)
    (message,) = [message for message in outbox.outbox
                  if message.to == [waitlisted.participant.email]]
    assert "waiting list" in message.body
    assert set(Mail.objects.values_list("state", flat=True)) == {Mail.State.SENT}


def test_a_deferred_mail_to_someone_who_deleted_their_data_never_leaves(series):
    alice = participant_create(email="alice@example.org")
    series_registration_create(participant=alice, series=series)
    event_publish(event=event_create(series=series, status=Event.Status.DRAFT))

    services.participant_delete(participant=alice)
    mails_send_due()

    assert outbox.outbox == []
    assert list(Mail.objects.values_list("to", "subject", "state", "render")) == [
        ("", "", Mail.State.FAILED, None)]


def test_a_deferred_mail_about_a_registration_gone_since_is_withdrawn(series):
    alice = participant_create(email="alice@example.org")
    series_registration_create(participant=alice, series=series)
    sofia = event_publish(event=event_create(series=series, status=Event.Status.DRAFT))
    sofia.delete()  # the organisers deleted the event in the admin, registrations with it

    assert mails_send_due() == 0

    assert outbox.outbox == []
    assert Mail.objects.get().state == Mail.State.WITHDRAWN
