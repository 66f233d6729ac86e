"""Two applicants confirming the last slot at once, on PostgreSQL: the confirmed slots are
counted under the call's lock, so one gets it and the other is told there is none left —
through the link's page, each in a thread with its own connection."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from orga.services.pitch_lineup import lineup_place
from pitches.links import confirm_token
from pitches.models import PitchApplication
from pitches.services import application_state_change
from pitches.services.slots import offers_sweep, slot_confirm
from tests.factories import series_create
from tests.orga_world import user_create
from tests.pitch_factories import pitch_application_create, pitch_call_create
from tests.test_races_publish import race
from tests.test_registrations_factories import participant_create

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
State = PitchApplication.State


def test_two_applicants_confirming_the_last_slot_at_once_one_gets_it():
    now = timezone.now()
    call = pitch_call_create(series=series_create(), opens_at=now - timedelta(days=20),
                             closes_at=now - timedelta(days=1), pitch_count=2)
    pitch_application_create(call=call, participant=participant_create(),
                             state=State.CONFIRMED, offer_number=1,
                             offer_expires_at=now + timedelta(days=1))
    # two offers for the last slot: the organisers lowered the number of pitches after
    # offering both
    offers = [pitch_application_create(call=call, participant=participant_create(),
                                       state=State.ACCEPTED, offer_number=1,
                                       offer_expires_at=now + timedelta(days=1))
              for _ in range(2)]
    answers = {}

    def confirm(application: PitchApplication):
        url = reverse("pitches:confirm",
                      kwargs={"token": confirm_token(application=application)})
        answers[application.pk] = Client().post(url)

    errors = race([lambda app=app: confirm(app) for app in offers])

    assert errors == []
    assert sorted(answer.status_code for answer in answers.values()) == [302, 409]
    refused = next(answer for answer in answers.values() if answer.status_code == 409)
    assert "All 2 slots are confirmed: there is none left." in refused.content.decode()
    assert sorted(PitchApplication.objects.filter(pk__in=[a.pk for a in offers])
                  .values_list("state", flat=True)) == [State.ACCEPTED, State.CONFIRMED]
    assert call.applications.filter(state=State.CONFIRMED).count() == 2


def test_the_sweep_a_confirmation_a_withdrawal_and_the_line_up_at_once_keep_the_rules():
    """Each takes the locks in one order (event, call, application; the presenter's
    registration in a transaction of its own): no deadlock, no error, and the slots are
    what the rules allow."""
    now = timezone.now()
    call = pitch_call_create(series=series_create(), opens_at=now - timedelta(days=20),
                             closes_at=now - timedelta(days=1), pitch_count=3)
    confirmed = pitch_application_create(call=call, participant=participant_create(),
                                         state=State.CONFIRMED, offer_number=1,
                                         confirmed_at=now,
                                         offer_expires_at=now + timedelta(days=1))
    offer = pitch_application_create(call=call, participant=participant_create(),
                                     state=State.ACCEPTED, offer_number=1,
                                     offer_expires_at=now + timedelta(days=1))
    lapsing = pitch_application_create(call=call, participant=participant_create(),
                                       state=State.ACCEPTED, offer_number=1,
                                       offer_expires_at=now - timedelta(minutes=1))
    waiting = pitch_application_create(call=call, participant=participant_create(),
                                       state=State.SHORTLISTED)
    olga = user_create("olga")

    errors = race([
        lambda: offers_sweep(),
        lambda: slot_confirm(application_id=offer.pk),
        lambda: application_state_change(application_id=confirmed.pk, to=State.WITHDRAWN),
        lambda: lineup_place(call=call, actor=olga),
    ])

    assert errors == []
    assert [PitchApplication.objects.get(pk=app.pk).state
            for app in (confirmed, offer, lapsing)] == [
        State.WITHDRAWN, State.CONFIRMED, State.LAPSED]
    offers_sweep()  # once more, after all: the free slot is offered
    assert PitchApplication.objects.get(pk=waiting.pk).state == State.ACCEPTED
    assert call.applications.holding_slots().count() == 2
