"""The confirmation link of an offered slot (pitches:confirm): the page shows the offer and
confirms it; a tampered link, the link of an earlier offer, a link used once, one after the
deadline or of a withdrawn application says why and changes nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from pitches.links import confirm_token
from pitches.models import PitchApplication
from pitches.services import application_state_change
from registrations.models import Registration
from tests.factories import series_create
from tests.pitch_factories import pitch_application_create, pitch_call_create
from tests.test_registrations_factories import participant_create

pytestmark = pytest.mark.django_db
State = PitchApplication.State


@pytest.fixture
def offer():
    now = timezone.now()
    call = pitch_call_create(series=series_create(), opens_at=now - timedelta(days=20),
                             closes_at=now - timedelta(days=1), pitch_count=2)
    return pitch_application_create(
        call=call, participant=participant_create(name="Ana Petrova"),
        organisation_name="Sofia Sensors OOD", state=State.SHORTLISTED)


def accepted(app: PitchApplication, **fields) -> PitchApplication:
    return application_state_change(application_id=app.pk, to=State.ACCEPTED, **fields)


def confirm_url(app: PitchApplication, language: str = "en") -> str:
    with translation.override(language):
        return reverse("pitches:confirm", kwargs={"token": confirm_token(application=app)})


def test_confirm_page_shows_the_offer_with_its_deadline_in_the_events_zone(client, offer):
    app = accepted(offer, offer_expires_at=timezone.now().replace(
        year=2099, month=3, day=1, hour=11, minute=0, second=0, microsecond=0))

    response = client.get(confirm_url(app))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Sofia Sensors OOD" in page
    assert "1 March 2099, 12:00</time> Berlin time (CET, UTC+1)" in page  # 11:00 UTC
    assert "Confirm our pitch" in page
    assert states(app) == [State.ACCEPTED]


def test_confirming_through_the_link_confirms_the_slot_once(client, offer):
    app = accepted(offer)
    url = confirm_url(app)

    response = client.post(url, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert "Your slot is confirmed." in response.content.decode()
    app.refresh_from_db()
    assert app.state == State.CONFIRMED
    assert Registration.objects.get(participant=app.participant,
                                    event=app.call.event).state == Registration.State.CONFIRMED


def test_a_replayed_link_says_the_slot_is_confirmed_and_changes_nothing(client, offer):
    app = accepted(offer)
    url = confirm_url(app)
    client.post(url)
    confirmed_at = PitchApplication.objects.get(pk=app.pk).confirmed_at

    response = client.post(url)

    assert response.status_code == 200
    assert "There is nothing more to do here." in response.content.decode()
    assert PitchApplication.objects.get(pk=app.pk).confirmed_at == confirmed_at
    assert Registration.objects.filter(participant=app.participant).count() == 1


def test_a_tampered_link_is_refused(client, offer):
    app = accepted(offer)
    token = confirm_token(application=app)
    url = reverse("pitches:confirm", kwargs={"token": token[:-2] + ("AA" if token[-2:] != "AA"
                                                                       else "BB")})

    response = client.post(url)

    assert response.status_code == 400
    assert "This link is not valid." in response.content.decode()
    assert states(app) == [State.ACCEPTED]


def test_the_link_of_an_earlier_offer_is_refused(client, offer):
    first = accepted(offer)
    old_url = confirm_url(first)
    application_state_change(application_id=offer.pk, to=State.DECLINED)
    application_state_change(application_id=offer.pk, to=State.SHORTLISTED)
    accepted(offer)

    response = client.post(old_url)

    assert response.status_code == 400
    assert "This link belongs to an earlier offer." in response.content.decode()
    assert states(offer) == [State.ACCEPTED]


def test_a_link_after_the_deadline_is_refused(client, offer):
    app = accepted(offer)
    PitchApplication.objects.filter(pk=app.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1))

    for response in (client.get(confirm_url(app)), client.post(confirm_url(app))):
        assert response.status_code == 409
        assert "The time to confirm this slot has passed." in response.content.decode()
    assert states(app) == [State.ACCEPTED]


def test_a_link_of_a_lapsed_offer_is_refused(client, offer):
    app = accepted(offer)
    application_state_change(application_id=app.pk, to=State.LAPSED)

    response = client.post(confirm_url(app))

    assert response.status_code == 409
    assert "The time to confirm this slot has passed." in response.content.decode()
    assert states(app) == [State.LAPSED]


def test_a_link_of_a_withdrawn_application_is_refused(client, offer):
    app = accepted(offer)
    application_state_change(application_id=app.pk, to=State.WITHDRAWN)

    response = client.post(confirm_url(app))

    assert response.status_code == 409
    assert "This application has been withdrawn" in response.content.decode()
    assert states(app) == [State.WITHDRAWN]


def test_a_link_of_a_declined_offer_is_refused(client, offer):
    app = accepted(offer)
    application_state_change(application_id=app.pk, to=State.DECLINED)

    response = client.post(confirm_url(app))

    assert response.status_code == 409
    assert "This slot is no longer offered to you." in response.content.decode()
    assert states(app) == [State.DECLINED]


def test_confirming_when_every_slot_is_confirmed_is_refused(client, offer):
    app = accepted(offer)
    app.call.pitch_count = 1
    app.call.save()
    other = pitch_application_create(call=app.call, participant=participant_create(),
                                     state=State.CONFIRMED)

    response = client.post(confirm_url(app))

    assert response.status_code == 409
    assert "All 1 slots are confirmed" in response.content.decode()
    assert states(app, other) == [State.ACCEPTED, State.CONFIRMED]


def test_the_refusal_is_in_the_language_of_the_link(client, offer):
    app = accepted(offer)
    application_state_change(application_id=app.pk, to=State.WITHDRAWN)

    response = client.post(confirm_url(app, "de"))

    assert response.status_code == 409
    assert 'lang="de"' in response.content.decode()
    assert "This application has been withdrawn" not in response.content.decode()


def states(*applications) -> list[str]:
    return [PitchApplication.objects.get(pk=app.pk).state for app in applications]
