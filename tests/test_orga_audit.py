"""The audit log page of a series: every recorded action, newest first, readable, filtered
by who, event and action, paged (the world: tests/orga_world.py)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from orga.models import AuditEntry
from orga.services.audit import audit_record
from tests.orga_world import client_as, orga_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return orga_world()


@pytest.fixture
def organiser(client, world):
    return client_as(client, world, "organiser")


def audit_url(world, **query) -> str:
    url = reverse("orga:audit", kwargs={"series": world.series.slug})
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items())
                  if query else "")


def entries_shown(response) -> list[tuple[str, str]]:
    return [(row.entry.actor.username if row.entry.actor else "", row.label)
            for row in response.context["rows"]]


def record(world, persona: str, action: str, minutes_ago: int, **fields) -> AuditEntry:
    entry = audit_record(series=world.series, actor=world.users[persona], action=action,
                         **fields)
    AuditEntry.objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago))
    return entry


def test_audit_shows_the_newest_first_with_readable_actions(organiser, world):
    record(world, "organiser", "series.update", 30, obj=world.series,
           changes={"registration_open": (True, False)})
    record(world, "leipzig", "event.publish", 10, obj=world.leipzig_event)
    record(world, "organiser", "something.new", 20)

    response = organiser.get(audit_url(world))

    assert entries_shown(response) == [("lena", "Event published"),
                                       ("olga", "something.new"),
                                       ("olga", "Series settings changed")]
    change = response.context["rows"][2].changes[0]
    assert (change.field, change.before, change.after) == ("registration open", "yes", "no")
    assert "<del>yes</del> → <ins>no</ins>" in response.content.decode()


def test_audit_labels_are_translated(client, world):
    record(world, "organiser", "team.remove", 5, data={"user": world.users["sofia"].pk})
    client_as(client, world, "organiser")

    response = client.get(audit_url(world).replace("/en/", "/de/"))

    row = response.context["rows"][0]
    assert row.label == "Teammitglied entfernt"
    assert row.details == [("Mitglied", "stoyan")]


def test_audit_filters_by_person_event_and_action(organiser, world):
    record(world, "organiser", "series.update", 30, obj=world.series)
    record(world, "leipzig", "event.publish", 20, obj=world.leipzig_event)
    record(world, "sofia", "event.publish", 10, obj=world.sofia_event)

    by_person = organiser.get(audit_url(world, actor=world.users["leipzig"].pk))
    by_event = organiser.get(audit_url(world, event=world.sofia_event.pk))
    by_action = organiser.get(audit_url(world, action="event.publish"))

    assert entries_shown(by_person) == [("lena", "Event published")]
    assert entries_shown(by_event) == [("stoyan", "Event published")]
    assert entries_shown(by_action) == [("stoyan", "Event published"),
                                        ("lena", "Event published")]


def test_audit_filters_by_kind_of_action(organiser, world):
    record(world, "organiser", "team.add", 30)
    record(world, "organiser", "team.remove", 20)
    record(world, "organiser", "teams.unknown", 15)
    record(world, "leipzig", "event.publish", 10, obj=world.leipzig_event)

    response = organiser.get(audit_url(world, action="group:team"))

    assert entries_shown(response) == [("olga", "Team member removed"),
                                       ("olga", "Team member added")]
    assert response.context["form"].fields["action"].choices[-1] == (
        "Other", [("teams.unknown", "teams.unknown")])


def test_audit_filter_choices_come_from_the_series_log(organiser, world):
    record(world, "leipzig", "event.publish", 20, obj=world.leipzig_event)
    audit_record(series=world.other_series, actor=world.users["outsider"],
                 action="series.update", obj=world.other_series)

    form = organiser.get(audit_url(world)).context["form"]

    assert [label for _value, label in form.fields["actor"].choices] == ["Everybody", "lena"]
    assert form.fields["action"].choices == [("", "Every action"), ("Events", [
        ("group:events", "Events: every action"), ("event.publish", "Event published")])]
    assert [label for _value, label in form.fields["event"].choices] == [
        "All events", "Leipzig showcase", "Sofia showcase"]


@pytest.mark.parametrize("query", [{"actor": "999999"}, {"event": "abc"},
                                   {"action": "series.delete"}])
def test_audit_refuses_a_filter_not_in_the_log(organiser, world, query):
    record(world, "organiser", "series.update", 30, obj=world.series)

    response = organiser.get(audit_url(world, **query))

    assert response.status_code == 200
    assert response.context["rows"] == []
    assert list(response.context["form"].errors.values())[0] == [
        "This choice is not in the log of this series: please choose from the list."]


def test_audit_is_paged_fifty_at_a_time(organiser, world):
    for minute in range(60):
        record(world, "organiser", "theme.update", minute)

    first = organiser.get(audit_url(world, action="theme.update"))
    second = organiser.get(audit_url(world, action="theme.update", page=2))

    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 10
    assert 'href="?action=theme.update&amp;page=2"' in first.content.decode()


def test_audit_page_has_one_count_of_queries(organiser, world):
    record(world, "leipzig", "team.change", 1, data={"user": world.users["sofia"].pk})
    with CaptureQueriesContext(connection) as few:
        organiser.get(audit_url(world))
    for minute in range(40):
        record(world, "leipzig", "team.change", minute,
               data={"user": world.users["sofia"].pk}, obj=world.leipzig_event)
        record(world, "sofia", "event.edit", minute, obj=world.sofia_event,
               changes={"capacity": (50, 60)})
    with CaptureQueriesContext(connection) as many:
        response = organiser.get(audit_url(world))

    assert len(response.context["rows"]) == 50
    assert len(many) == len(few)


def test_audit_records_the_set_up_actions_in_order(organiser, world):
    organiser.post(reverse("orga:theme_create", kwargs={"series": world.series.slug}),
                   {"name_en": "Energy"})
    organiser.post(reverse("orga:privacy_notice", kwargs={"series": world.series.slug}),
                   {"text_en": "New notice."})

    response = organiser.get(audit_url(world))

    assert entries_shown(response) == [("olga", "Privacy notice: new version"),
                                       ("olga", "Theme added")]
