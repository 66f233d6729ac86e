"""Deleted stays deleted in the admin: a participant's change form opened before they
deleted their data, and saved after, writes nothing back (neither the address and name it
still shows nor an empty 'anonymised' time), and 'anonymised' is never typed in by hand."""

import pytest
from django.urls import reverse

from registrations import services
from registrations.models import Participant
from tests.test_admin_and_models import _FormFields
from tests.test_registrations_factories import participant_create

pytestmark = pytest.mark.django_db


def test_a_participant_form_opened_before_the_deletion_writes_nothing_back(organiser_client):
    alice = participant_create(email="alice@example.org", name="Alice Smith")
    url = reverse("admin:registrations_participant_change", args=[alice.pk])
    form = _FormFields()
    form.feed(organiser_client.get(url).content.decode())
    services.participant_delete(participant=alice)

    organiser_client.post(url, form.data | {"name": ["Alice Smyth"]})

    alice = Participant.objects.get(pk=alice.pk)
    assert alice.anonymised_at is not None
    assert (alice.email, alice.name) == (f"deleted-{alice.pk}@anonymised.invalid", "")


def test_the_admin_form_does_not_set_or_clear_the_time_of_anonymisation(organiser_client):
    alice = participant_create(email="alice@example.org", name="Alice Smith")
    url = reverse("admin:registrations_participant_change", args=[alice.pk])
    form = _FormFields()
    form.feed(organiser_client.get(url).content.decode())

    response = organiser_client.post(url, form.data | {
        "name": ["Alice Smyth"], "anonymised_at_0": ["2030-01-01"],
        "anonymised_at_1": ["10:00"]})

    assert response.status_code == 302
    alice = Participant.objects.get(pk=alice.pk)
    assert (alice.name, alice.anonymised_at) == ("Alice Smyth", None)
