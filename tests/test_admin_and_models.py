"""The organiser's admin for every model, and the database's invariants."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse

from events.models import Event
from tests.factories import (
    event_create,
    organisation_create,
    region_create,
    report_create,
    series_create,
    speaker_create,
    talk_create,
    theme_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client):
    user = get_user_model().objects.create_superuser("alice", "alice@example.org", "pw-alice-1")
    client.force_login(user)
    return client


def test_admin_lists_and_edits_every_model(organiser_client):
    series = series_create()
    event = event_create(series=series, region=region_create(series=series))
    talk = talk_create(event=event, speakers=[speaker_create()])
    objects = [series, event, talk, theme_create(series=series), report_create(series=series),
               organisation_create(), speaker_create(), event.region]

    for obj in objects:
        meta = obj._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        assert organiser_client.get(changelist + "?q=x").status_code == 200, changelist
        response = organiser_client.get(change)
        assert response.status_code == 200, change
        assert str(obj) in response.content.decode()


def test_admin_edits_talks_inline_in_their_event(organiser_client):
    event = event_create(series=series_create())
    talk_create(event=event, title_en="Opening keynote")

    page = organiser_client.get(reverse("admin:events_event_change", args=[event.pk]))

    assert 'name="talks-0-title_en"' in page.content.decode()
    assert "Opening keynote" in page.content.decode()


def test_admin_publish_action_publishes_drafts(organiser_client):
    event = event_create(series=series_create(), status=Event.Status.DRAFT)

    organiser_client.post(reverse("admin:events_event_changelist"),
                          {"action": "publish", "_selected_action": [event.pk]})

    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_admin_needs_a_staff_login(client):
    response = client.get(reverse("admin:events_event_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_event_must_end_after_it_starts():
    event = event_create(series=series_create())
    event.end = event.start - timedelta(minutes=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_talk_order_is_unique_per_event():
    event = event_create(series=series_create())
    talk_create(event=event, order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        talk_create(event=event, order=1)
    talk_create(event=event_create(series=event.series), order=1)  # another event: fine


def test_talk_needs_a_positive_duration():
    event = event_create(series=series_create())
    with pytest.raises(IntegrityError), transaction.atomic():
        talk_create(event=event, duration=timedelta(0))


def test_event_slug_is_unique_per_series():
    series = series_create()
    event_create(series=series, slug="leipzig")
    with pytest.raises(IntegrityError), transaction.atomic():
        event_create(series=series, slug="leipzig")
    event_create(series=series_create(), slug="leipzig")
