"""Meeting requests through the personal pages: sending one (with a message, for a
networking block), accepting, declining and withdrawing it, and the mails each side gets
in their language. Every refusal says why in the user's language and changes nothing;
forged ids get a page saying so, never a server error."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from mail.models import Mail
from matchmaking.models import MatchmakingSettings, MeetingRequest
from matchmaking.services import MatchmakingError
from matchmaking.services.requests import request_send, request_state_change
from registrations import links
from tests.factories import event_create, series_create
from tests.matchmaking_factories import block_create, profile_create, request_create
from tests.matchmaking_factories_requests import mails_sent, person, url, world_create
from tests.test_registrations_factories import participant_create

pytestmark = pytest.mark.django_db
State = MeetingRequest.State


@pytest.fixture
def world():
    return world_create()


@pytest.fixture
def alice(world):
    return person(world, "alice", country="DE", offer="Battery recycling")


@pytest.fixture
def bob(world):
    return person(world, "bob", country="BG", phone="+359 2 123 4567")


def send(client, sender, receiver, world, **data):
    return client.post(url("request_send", sender, profile=receiver.pk),
                       {"block": world.block.pk, "message": "Shall we talk batteries?",
                        "priority": 2} | data)


def test_request_sent_through_the_page_reaches_the_receiver_with_message_and_link(
        client, world, alice, bob):
    response = send(client, alice, bob, world)

    assert response.status_code == 302
    assert response.url.endswith("/matchmaking/bridges/requests/")
    request = MeetingRequest.objects.get()
    assert (request.sender, request.receiver, request.state, request.priority) == (
        alice, bob, State.PENDING, 2)
    assert (request.sender_country, request.receiver_country) == ("DE", "BG")
    assert mails_sent() == [("bob@example.org", "Alice GmbH would like to meet you")]
    mail = Mail.objects.get(to="bob@example.org")
    assert "Shall we talk batteries?" in mail.text
    assert "Battery recycling" in mail.text
    assert "Alice GmbH (Germany)" in mail.text
    assert "Alice GmbH — Alice" not in mail.text  # the name with an accepted meeting only
    assert "/matchmaking/bridges/requests/" in mail.text
    assert "alice@example.org" not in mail.text  # no contact before an accepted meeting
    page = client.get(url("requests", alice)).content.decode()
    assert "Your meeting request has been sent." in page
    assert "Bob GmbH" in page


def test_request_accepted_tells_the_sender_in_german_with_contact(client, world, alice):
    bob = person(world, "bob", phone="+359 2 123 4567")
    alice.participant.language = "de"
    alice.participant.save()
    request = request_create(block=world.block, sender=alice, receiver=bob)

    response = client.post(url("request_answer", bob, request=request.pk),
                           {"answer": "accept"})

    assert response.status_code == 302
    assert response.url.endswith("/matchmaking/bridges/meetings/")
    request.refresh_from_db()
    assert request.state == State.ACCEPTED
    assert request.answered_at is not None
    assert mails_sent() == [("alice@example.org", "Bob GmbH hat Ihre Terminanfrage angenommen")]
    mail = Mail.objects.get(to="alice@example.org")
    assert mail.language == "de"
    assert "bob@example.org" in mail.text
    assert "+359 2 123 4567" in mail.text
    assert "/de/" in mail.text


def test_request_declined_tells_the_sender_without_contact(client, world, alice, bob):
    request = request_create(block=world.block, sender=alice, receiver=bob)

    response = client.post(url("request_answer", bob, request=request.pk),
                           {"answer": "decline"}, follow=True)

    assert "You have declined the meeting request." in response.content.decode()
    request.refresh_from_db()
    assert request.state == State.DECLINED
    assert mails_sent() == [("alice@example.org", "Bob GmbH declined your meeting request")]
    assert "bob@example.org" not in Mail.objects.get(to="alice@example.org").text


def test_request_withdrawn_by_the_sender_mails_nobody(client, world, alice, bob):
    request = request_create(block=world.block, sender=alice, receiver=bob)

    response = client.post(url("request_withdraw", alice, request=request.pk), follow=True)

    assert "Your meeting request has been withdrawn." in response.content.decode()
    request.refresh_from_db()
    assert request.state == State.WITHDRAWN
    assert mails_sent() == []


def test_request_received_mail_not_sent_once_withdrawn(world, alice, bob):
    now = timezone.now()
    request = request_send(sender_id=alice.pk, receiver_id=bob.pk, block_id=world.block.pk,
                           message="", now=now)
    request_state_change(request_id=request.pk, actor_profile_id=alice.pk,
                         to=State.WITHDRAWN, now=now)

    assert mails_sent() == []


def test_requests_page_lists_received_first_then_sent_then_answered(client, world, alice, bob):
    carol, dave = person(world, "carol"), person(world, "dave")
    request_create(block=world.block, sender=alice, receiver=carol)
    request_create(block=world.block, sender=bob, receiver=alice, message="Hello from Bob")
    request_create(block=world.block, sender=dave, receiver=alice, state=State.DECLINED)

    page = client.get(url("requests", alice)).content.decode()

    assert page.index("Bob GmbH") < page.index("Carol GmbH") < page.index("Dave GmbH")
    assert "Hello from Bob" in page
    assert "<strong>Bob GmbH</strong> (Bulgaria)" in page  # no name, no contact yet
    assert "bob@example.org" not in page
    assert "Declined" in page


def test_requests_page_queries_bounded(client, world, alice, django_assert_max_num_queries):
    for number in range(6):
        other = person(world, f"p{number}")
        request_create(block=world.block, sender=other, receiver=alice)
    with django_assert_max_num_queries(12):
        response = client.get(url("requests", alice))
    assert response.content.decode().count('value="accept"') == 6


# refusals (issue 15, point 10): the message, nothing changed, no server error

def refused(response, message: str) -> None:
    assert response.status_code == 400
    assert message in response.content.decode()
    assert MeetingRequest.objects.count() == 0
    assert mails_sent() == []


def test_request_to_oneself_refused(client, world, alice):
    refused(send(client, alice, alice, world), "You cannot ask yourself for a meeting.")


def test_request_to_someone_without_a_profile_gets_a_not_found_page(client, world, alice):
    other_series = series_create()
    stranger = profile_create(series=other_series)

    for profile_id in (stranger.pk, 999999):
        response = send(client, alice, stranger, world) if profile_id == stranger.pk else \
            client.post(url("request_send", alice, profile=profile_id), {})
        assert response.status_code == 404
        assert ("This person has no matchmaking profile in this series (any more)."
                in response.content.decode())
    assert MeetingRequest.objects.count() == 0


def test_request_after_the_block_refused(client, world, alice, bob):
    world.block.starts_at = timezone.now() - timedelta(hours=5)
    world.block.save()

    response = send(client, alice, bob, world)

    # the form no longer offers the block; the service says why if it is asked anyway
    assert response.status_code == 400
    assert ("You and this person share no networking block that is not over yet."
            in response.content.decode())
    assert MeetingRequest.objects.count() == 0
    with pytest.raises(MatchmakingError, match="This networking block is over"):
        request_send(sender_id=alice.pk, receiver_id=bob.pk, block_id=world.block.pk,
                     message="", now=timezone.now())


def test_request_beyond_the_limit_refused(client, world, alice, bob):
    for name in ("carol", "dave", "erin"):
        request_create(block=world.block, sender=alice, receiver=person(world, name))

    response = send(client, alice, bob, world)

    assert response.status_code == 400
    assert ("You already have 3 unanswered meeting requests, the most this series allows. "
            "Wait for an answer or withdraw one." in response.content.decode())
    assert MeetingRequest.objects.filter(receiver=bob).count() == 0


def test_request_twice_for_the_pair_refused_in_either_direction(client, world, alice, bob):
    request_create(block=world.block, sender=bob, receiver=alice)

    response = send(client, alice, bob, world)

    assert response.status_code == 400
    assert ("There is already a meeting request between you and this person."
            in response.content.decode())
    assert MeetingRequest.objects.count() == 1


def test_request_again_after_a_decline_allowed(world, alice, bob):
    request_create(block=world.block, sender=alice, receiver=bob, state=State.DECLINED)

    request_send(sender_id=alice.pk, receiver_id=bob.pk, block_id=world.block.pk,
                 message="Second try", now=timezone.now())

    assert MeetingRequest.objects.filter(state=State.PENDING).count() == 1


def test_request_when_the_receiver_is_not_registered_for_the_block_refused(world, alice):
    unregistered = profile_create(series=world.series, participant=participant_create())

    with pytest.raises(MatchmakingError) as error:
        request_send(sender_id=alice.pk, receiver_id=unregistered.pk,
                     block_id=world.block.pk, message="", now=timezone.now())

    assert str(error.value) == ("This person is not registered for the event of this "
                                "networking block.")
    assert MeetingRequest.objects.count() == 0


def test_request_for_a_block_of_another_series_refused(world, alice, bob):
    other = block_create(event=event_create(series=series_create()))

    with pytest.raises(MatchmakingError, match="There is no such networking block"):
        request_send(sender_id=alice.pk, receiver_id=bob.pk, block_id=other.pk, message="",
                     now=timezone.now())


def test_request_when_matchmaking_closed_refused_in_german(client, world, alice, bob):
    MatchmakingSettings.objects.filter(series=world.series).update(is_open=False)
    with translation.override("de"):
        address = url("request_send", alice, profile=bob.pk)

    response = client.post(address, {"block": world.block.pk, "message": "", "priority": 1})

    assert response.status_code == 400
    assert "Das Matchmaking dieser Reihe ist nicht geöffnet." in response.content.decode()
    assert MeetingRequest.objects.count() == 0


def test_request_without_own_profile_gets_a_page_saying_a_profile_is_needed(client, world,
                                                                            bob):
    participant = participant_create()
    address = reverse("matchmaking:requests", kwargs={
        "token": links.personal_token(participant=participant), "series": world.series.slug})

    response = client.get(address)

    assert response.status_code == 403
    assert "A matchmaking profile is needed" in response.content.decode()


def test_answer_by_the_sender_refused(client, world, alice, bob):
    request = request_create(block=world.block, sender=alice, receiver=bob)

    response = client.post(url("request_answer", alice, request=request.pk),
                           {"answer": "accept"})

    assert response.status_code == 400
    assert "Only the person asked can answer this meeting request." in response.content.decode()
    request.refresh_from_db()
    assert request.state == State.PENDING


def test_answer_twice_refused(client, world, alice, bob):
    request = request_create(block=world.block, sender=alice, receiver=bob,
                             state=State.DECLINED)

    response = client.post(url("request_answer", bob, request=request.pk),
                           {"answer": "accept"})

    assert response.status_code == 400
    assert ("This meeting request is “Declined” and cannot become “Accepted”."
            in response.content.decode())


def test_forged_request_id_gets_a_not_found_page(client, world, alice, bob):
    carol, dave = person(world, "carol"), person(world, "dave")
    theirs = request_create(block=world.block, sender=carol, receiver=dave)

    for address in (url("request_answer", bob, request=theirs.pk),
                    url("request_withdraw", bob, request=theirs.pk),
                    url("request_answer", bob, request=987654)):
        response = client.post(address, {"answer": "accept"})
        assert response.status_code == 404
        assert ("This meeting request is not yours, or it does not exist."
                in response.content.decode())
    theirs.refresh_from_db()
    assert theirs.state == State.PENDING


def test_tampered_personal_link_gets_a_clear_message(client, world, alice):
    address = url("requests", alice).replace("/registration/me/", "/registration/me/x")

    response = client.get(address)

    assert response.status_code == 400
    assert "This link is not valid." in response.content.decode()


def test_answer_by_get_not_allowed(client, world, alice, bob):
    request = request_create(block=world.block, sender=alice, receiver=bob)

    assert client.get(url("request_answer", bob, request=request.pk)).status_code == 405


def test_request_panel_offers_the_form_then_the_answer(world, alice, bob):
    panel = Template("{% load matchmaking_requests %}"
                     "{% meeting_request_panel viewer=viewer person=person %}")

    def render(viewer, other) -> str:
        return panel.render(Context({"token": "t", "series": world.series,
                                     "viewer": viewer, "person": other}))

    assert "Send the request" in render(alice, bob)
    request_create(block=world.block, sender=alice, receiver=bob)
    assert "Withdraw the request" in render(alice, bob)
    assert 'value="accept"' in render(bob, alice)
    assert render(alice, alice).strip() == ""
