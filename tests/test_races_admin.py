"""The admin's event form against a change made while it is being saved, on PostgreSQL: the
form reads the event when its request starts, and an event cancelled (or given another
capacity) after that read and before the form's save must stay as that change left it —
the form writes back only what the organiser changed in it."""

import threading

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.urls import reverse

from events.models import Event
from orga.services import events as event_services
from registrations.models import Registration
from tests.factories import event_create, series_create
from tests.test_admin_and_models import _FormFields
from tests.test_registrations_factories import (
    participant_create,
    registration_create,
    series_registration_create,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
State = Registration.State


def post_with_change_in_between(client, event: Event, change, **fields):
    """Post the event's change form with `fields` changed; `change` runs in another thread
    (its own transaction, committed) right after the form's request has read the event."""
    url = reverse("admin:events_event_change", args=[event.pk])
    form = _FormFields()
    form.feed(client.get(url).content.decode())
    data = form.data | {name: [str(value)] for name, value in fields.items()}
    me, done = threading.get_ident(), []

    def between(sender, instance, **kwargs):
        if threading.get_ident() != me or done or instance.pk != event.pk:
            return
        done.append(True)

        def run():
            try:
                change()
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        thread.join(timeout=30)

    post_init.connect(between, sender=Event)
    try:
        response = client.post(url, data)
    finally:
        post_init.disconnect(between, sender=Event)
    assert done and response.status_code == 302, response.status_code
    event.refresh_from_db()


def test_an_event_cancelled_while_its_form_is_saved_stays_cancelled(organiser_client):
    series = series_create()
    leipzig = event_create(series=series, title_en="Leipzig")
    alice = participant_create(email="alice@example.org")
    series_registration_create(participant=alice, series=series)
    registration_create(participant=alice, event=leipzig, series_registration=None)

    post_with_change_in_between(
        organiser_client, leipzig,
        lambda: event_services.event_cancel(event=Event.objects.get(pk=leipzig.pk)),
        title_en="Leipzig (main hall)")

    assert leipzig.title_en == "Leipzig (main hall)"
    assert leipzig.status == Event.Status.CANCELLED  # not published again by the form
    assert leipzig.registrations.get().state == State.CANCELLED


def test_a_capacity_raised_while_the_form_is_saved_stays_raised(organiser_client):
    leipzig = event_create(series=series_create(), title_en="Leipzig", capacity=1)
    registration_create(participant=participant_create(email="alice@example.org"),
                        event=leipzig)
    registration_create(participant=participant_create(email="bob@example.org"),
                        event=leipzig, state=State.WAITLISTED)

    post_with_change_in_between(
        organiser_client, leipzig,
        lambda: event_services.event_capacity_set(event=Event.objects.get(pk=leipzig.pk),
                                                  capacity=2),
        title_en="Leipzig (main hall)")

    assert leipzig.title_en == "Leipzig (main hall)"
    assert leipzig.capacity == 2  # bob's seat is within it
    assert leipzig.registrations.holding_seat().count() == 2


def test_a_capacity_the_organiser_changed_in_the_form_is_set_after_a_change_in_between(
        organiser_client):
    leipzig = event_create(series=series_create(), title_en="Leipzig", capacity=1)
    registration_create(participant=participant_create(email="alice@example.org"),
                        event=leipzig)
    waiting = [registration_create(participant=participant_create(), event=leipzig,
                                   state=State.WAITLISTED) for _ in range(3)]

    post_with_change_in_between(
        organiser_client, leipzig,
        lambda: event_services.event_capacity_set(event=Event.objects.get(pk=leipzig.pk),
                                                  capacity=2),
        capacity=4)

    assert leipzig.capacity == 4
    assert leipzig.registrations.holding_seat().count() == 4
    assert all(Registration.objects.get(pk=item.pk).state == State.CONFIRMED
               for item in waiting)


def test_an_event_cancelled_while_the_form_publishes_it_stays_cancelled(organiser_client):
    series = series_create()
    alice = participant_create(email="alice@example.org")
    series_registration_create(participant=alice, series=series)
    sofia = event_create(series=series, title_en="Sofia", status=Event.Status.DRAFT)

    post_with_change_in_between(
        organiser_client, sofia,
        lambda: event_services.event_cancel(event=Event.objects.get(pk=sofia.pk)),
        status=Event.Status.PUBLISHED)

    assert sofia.status == Event.Status.CANCELLED  # a cancelled event is not opened again
    assert not sofia.registrations.exists()


def test_an_event_cancelled_while_the_publish_action_runs_stays_cancelled(organiser_client):
    series = series_create()
    alice = participant_create(email="alice@example.org")
    series_registration_create(participant=alice, series=series)
    sofia = event_create(series=series, title_en="Sofia", status=Event.Status.DRAFT)
    me, done = threading.get_ident(), []

    def between(sender, instance, **kwargs):  # the action has read the selected events
        if threading.get_ident() == me and not done and instance.pk == sofia.pk:
            done.append(True)
            thread = threading.Thread(target=lambda: (
                event_services.event_cancel(event=Event.objects.get(pk=sofia.pk)),
                connection.close()))
            thread.start()
            thread.join(timeout=30)

    post_init.connect(between, sender=Event)
    try:
        organiser_client.post(reverse("admin:events_event_changelist"), {
            "action": "publish", "_selected_action": [str(sofia.pk)], "index": "0"})
    finally:
        post_init.disconnect(between, sender=Event)

    assert done
    sofia.refresh_from_db()
    assert sofia.status == Event.Status.CANCELLED
    assert not sofia.registrations.exists()
