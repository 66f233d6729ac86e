"""The invariants the database itself keeps for participants and registrations."""

import pytest
from django.db import IntegrityError, transaction

from registrations.models import Registration
from tests.factories import event_create, series_create
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db


def test_participant_email_is_unique_whatever_its_case():
    participant_create(email="alice@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        participant_create(email="Alice@Example.ORG")


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
