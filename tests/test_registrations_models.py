"""The invariants the database itself keeps for participants and registrations."""

import pytest
from django.db import IntegrityError, transaction

from registrations.models import Participant, Registration
from tests.factories import event_create, series_create
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db


def test_participant_email_is_unique_whatever_its_case():
    participant_create(email="alice@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        participant_create(email="Alice@Example.ORG")


def test_a_participant_is_found_by_address_in_any_case():
    alice = participant_create(email="Alice@Example.org")
    participant_create(email="bob@example.org")

    assert list(Participant.objects.with_email("aLICE@example.ORG")) == [alice]


@pytest.mark.postgres
def test_finding_a_participant_by_address_uses_the_unique_index():
    participant_create(email="alice@example.org")

    assert "participant_email_unique_ci" in Participant.objects.with_email(
        "ALICE@example.org").explain()


def test_registration_is_unique_per_participant_and_event():
    event = event_create(series=series_create())
    alice = participant_create(email="alice@example.org")
    registration_create(participant=alice, event=event)

    with pytest.raises(IntegrityError), transaction.atomic():
        registration_create(participant=alice, event=event,
                            state=Registration.State.PENDING, confirmed_at=None)


def test_seat_or_waitlist_place_needs_its_confirmation_time():
    event = event_create(series=series_create())
    bob = participant_create(email="bob@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        registration_create(participant=bob, event=event, confirmed_at=None)
