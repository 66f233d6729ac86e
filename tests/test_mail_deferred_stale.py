"""A mail rendered when it is sent tells of a seat or a waiting-list place only while the
registration still holds one: promoted, then cancelled before the worker sent the mail,
the participant gets the 'cancelled' mail and no 'you have a seat' (with its calendar file
and join link) for a seat that is gone."""

import pytest
from django.core import mail as outbox

from events.models import Event
from mail.models import Mail
from mail.services import mails_send_due
from orga.services import events as event_services
from registrations import services
from registrations.models import Registration
from tests.factories import event_create, series_create
from tests.test_registrations_factories import (
    participant_create,
    registration_create,
    series_registration_create,
)

pytestmark = pytest.mark.django_db
State = Registration.State


def test_a_promotion_cancelled_before_its_mail_is_sent_sends_no_promoted_mail():
    leipzig = event_create(series=series_create(), title_en="Leipzig", capacity=1,
                           format=Event.Format.ONLINE, join_url="https://meet.example.org/l")
    alice = registration_create(participant=participant_create(email="alice@example.org"),
                                event=leipzig)
    bob = registration_create(participant=participant_create(email="bob@example.org"),
                              event=leipzig, state=State.WAITLISTED)
    services.registration_cancel(registration=alice)  # bob moves up: 'promoted', deferred
    services.registration_cancel(registration=Registration.objects.get(pk=bob.pk))

    mails_send_due()

    promoted = Mail.objects.get(cause__startswith=f"registration:{bob.pk}:promoted")
    assert promoted.state == Mail.State.WITHDRAWN
    to_bob = [message for message in outbox.outbox if message.to == ["bob@example.org"]]
    assert len(to_bob) == 1  # the 'cancelled' mail
    assert "https://meet.example.org/l" not in to_bob[0].body


def test_a_promoted_mail_whose_seat_is_still_held_is_sent():
    leipzig = event_create(series=series_create(), title_en="Leipzig", capacity=1)
    alice = registration_create(participant=participant_create(email="alice@example.org"),
                                event=leipzig)
    registration_create(participant=participant_create(email="bob@example.org"),
                        event=leipzig, state=State.WAITLISTED)
    services.registration_cancel(registration=alice)

    mails_send_due()

    assert Mail.objects.filter(cause__contains=":promoted:").get().state == Mail.State.SENT
    assert sorted(message.to[0] for message in outbox.outbox) == [
        "alice@example.org", "bob@example.org"]


def test_an_event_added_mail_for_a_registration_cancelled_since_is_withdrawn():
    series = series_create()
    alice = participant_create(email="alice@example.org")
    series_registration_create(participant=alice, series=series)
    sofia = event_services.event_publish(
        event=event_create(series=series, title_en="Sofia", status=Event.Status.DRAFT))
    services.registration_cancel(registration=Registration.objects.get(event=sofia))

    mails_send_due()

    assert Mail.objects.get(cause__endswith=":added").state == Mail.State.WITHDRAWN
    assert [message.to for message in outbox.outbox] == [["alice@example.org"]]  # cancelled


def test_a_promotion_before_the_event_is_cancelled_sends_only_the_event_cancelled_mail():
    leipzig = event_create(series=series_create(), title_en="Leipzig", capacity=1)
    alice = registration_create(participant=participant_create(email="alice@example.org"),
                                event=leipzig)
    registration_create(participant=participant_create(email="bob@example.org"),
                        event=leipzig, state=State.WAITLISTED)
    services.registration_cancel(registration=alice)
    event_services.event_cancel(event=leipzig)

    mails_send_due()

    to_bob = [message.subject for message in outbox.outbox if message.to == ["bob@example.org"]]
    assert len(to_bob) == 1
    assert Mail.objects.get(cause__contains=":promoted:").state == Mail.State.WITHDRAWN
