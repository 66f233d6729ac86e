"""'Delete my data' leaves nothing that names the person: not the admin's history, not the
public list, not the shared cache."""

import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from events.models import Event
from registrations import services
from registrations.models import Participant, Registration
from tests.factories import event_create, series_create, theme_create
from tests.test_admin_and_models import admin_change
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db

IDENTIFYING = ("alice", "adler", "ada-alias")


def history() -> list[tuple[str, str, str]]:
    return [(entry.content_type.model, entry.object_repr, entry.change_message)
            for entry in LogEntry.objects.select_related("content_type").order_by("pk")]


def names_anybody(text: str) -> bool:
    return any(word in text.lower() for word in IDENTIFYING)


def test_deleting_a_participant_cleans_the_admin_history(organiser_client):
    leipzig = event_create(series=series_create(), title_en="Leipzig", capacity=5)
    alice = participant_create(email="alice@example.org", name="Alice Adler")
    registration = registration_create(participant=alice, event=leipzig)
    admin_change(organiser_client, alice, job_title="CTO")
    admin_change(organiser_client, alice, name="Ada-Alias Adler")  # an earlier name, too
    admin_change(organiser_client, registration, attended="true")
    admin_change(organiser_client, leipzig, capacity=6)  # somebody else's history
    LogEntry.objects.create(  # a note of another object that names her
        user=get_user_model().objects.get(),
        content_type=ContentType.objects.get_for_model(Event), object_id=str(leipzig.pk),
        object_repr="Leipzig", action_flag=CHANGE,
        change_message=json.dumps([{"changed": {"fields": ["Capacity"],
                                                "name": "for Alice Adler (ALICE@example.org)"}}]))
    before = history()
    assert sum(names_anybody(f"{repr_}{message}") for _type, repr_, message in before) >= 4

    organiser_client.post(reverse("admin:registrations_participant_changelist"), {
        "action": "delete_personal_data", "_selected_action": [alice.pk], "post": "yes"})

    after = history()
    assert not any(names_anybody(f"{repr_}{message}") for _type, repr_, message in after)
    assert len(after) == len(before)  # who changed what, and when, stays
    assert [entry[0] for entry in after] == [entry[0] for entry in before]
    assert after[0][1:] == (f"#{alice.pk}", before[0][2])
    assert after[2][1] == f"#{alice.pk} – Leipzig (cancelled)"  # the object as it reads now
    assert after[3] == before[3]  # the event's own entry is untouched
    assert json.loads(after[4][2]) == [{"changed": {
        "fields": ["Capacity"], "name": f"for #{alice.pk} (#{alice.pk})"}}]
    page = organiser_client.get(reverse("admin:registrations_participant_history",
                                        args=[alice.pk])).content.decode()
    assert "Adler" not in page and "CTO" not in page.replace("Job title", "")
    assert "Adler" not in organiser_client.get(reverse("admin:index")).content.decode()


def test_deleting_cleans_the_history_through_the_service_too(organiser_client):
    bob = participant_create(email="bob.alice@example.org", name="Bob Adler")
    admin_change(organiser_client, bob, job_title="Head of R&D")

    services.participant_delete(participant=bob)

    [(model, label, message)] = history()
    assert (model, label) == ("participant", f"#{bob.pk}")
    assert not names_anybody(label + message)


def test_the_public_list_forgets_a_deleted_participant_at_once(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    series = series_create(slug="bridges")
    alice = participant_create(name="Alice Adler", listed_publicly=True)
    registration_create(participant=alice, event=event_create(series=series))
    url = "/en/series/bridges/participants/"
    assert "Alice Adler" in client.get(url).content.decode()

    services.participant_delete(participant=alice)

    page = client.get(url).content.decode()
    assert "Alice Adler" not in page and "Nobody is listed yet." in page
    assert Registration.objects.filter(participant=alice).count() == 1  # counts stay
    assert Participant.objects.get(pk=alice.pk).name == ""


def test_deleting_keeps_what_the_figures_count_and_nothing_that_names():
    """Organisation kind, countries, language and themes of interest stay (none names a
    person on its own; the figures count them); name, address, organisation go."""
    series = series_create()
    mobility = theme_create(series=series)
    alice = participant_create(name="Alice Adler", organisation_kind="research", country="BG",
                               organisation_country="IT", language="bg")
    alice.themes.add(mobility)

    services.participant_delete(participant=alice)

    alice.refresh_from_db()
    assert (alice.name, alice.organisation_name) == ("", "")
    assert (alice.organisation_kind, alice.country.code, alice.organisation_country.code,
            alice.language) == ("research", "BG", "IT", "bg")
    assert list(alice.themes.all()) == [mobility]
