"""The workspace's registrations as an organiser and a coordinator use them: the lists
(columns, filters, search, sorting, paging, the waiting list's order), adding a participant
by hand, cancelling, the capacity; each change in the audit log with ids only."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event
from mail.models import Mail
from orga.models import AuditEntry
from registrations.models import Consent, Participant, Registration
from tests.factories import event_create
from tests.orga_world import client_as, orga_world
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    registration_create,
)

pytestmark = pytest.mark.django_db
State = Registration.State


@pytest.fixture
def world():
    return orga_world()


def series_list(world, **query) -> str:
    return reverse("orga:registrations", kwargs={"series": world.series.slug})


def event_list(world, event=None) -> str:
    return reverse("orga:event_registrations", kwargs={
        "series": world.series.slug, "event": (event or world.leipzig_event).pk})


def add_url(world, event=None) -> str:
    return reverse("orga:registration_add", kwargs={
        "series": world.series.slug, "event": (event or world.leipzig_event).pk})


def cancel_url(world, registration) -> str:
    return reverse("orga:registration_cancel", kwargs={
        "series": world.series.slug, "registration": registration.pk})


def capacity_url(world, event=None) -> str:
    return reverse("orga:event_capacity", kwargs={
        "series": world.series.slug, "event": (event or world.leipzig_event).pk})


def rows(response) -> list[str]:
    """The e-mail addresses of the list's rows, in their order."""
    return [registration.participant.email for registration in response.context["page"]]


def waiting(event, *names: str) -> list[Registration]:
    """Registrations on the event's waiting list, in the order given."""
    start = timezone.now() - timedelta(hours=1)
    return [registration_create(
        participant=participant_create(name=name, email=f"{name.lower()}@example.org"),
        event=event, state=State.WAITLISTED, confirmed_at=start + timedelta(minutes=index))
        for index, name in enumerate(names)]


def person(**fields) -> dict:
    return {"email": "nina.neu@example.org", "name": "Nina Neu",
            "organisation_name": "Neu Robotics", "organisation_kind": "sme",
            "organisation_country": "Germany", "country": "Germany", "language": "de",
            "job_title": "CTO", "consent": "on", "consent_version": "1",
            "send_mail": "on"} | fields


# The lists


def test_series_list_shows_the_columns_organisers_ask_for(client, world):
    client_as(client, world, "organiser")

    response = client.get(series_list(world))

    body = response.content.decode()
    assert response.status_code == 200
    assert rows(response) == ["ivo.participant@example.org", "lea.participant@example.org"]
    for text in ("Lea Leipzig", "lea.participant@example.org", "Ivo Sofianski", "Bulgaria",
                 "Germany", "Bulgarian", "SME", "Leipzig showcase", "Sofia showcase",
                 "Confirmed"):
        assert text in body, text
    assert [choice[1] for choice in response.context["form"].fields["event"].choices] == [
        "All events", "Leipzig showcase", "Sofia showcase"]


def test_sofia_coordinator_sees_only_the_sofia_registrations(client, world):
    client_as(client, world, "sofia")

    response = client.get(series_list(world))

    body = response.content.decode()
    assert rows(response) == ["ivo.participant@example.org"]
    assert "lea.participant@example.org" not in body
    assert "Lea Leipzig" not in body
    assert [choice[1] for choice in response.context["form"].fields["event"].choices] == [
        "All events", "Sofia showcase"]


def test_sofia_coordinator_cannot_filter_for_the_leipzig_event(client, world):
    client_as(client, world, "sofia")

    response = client.get(series_list(world), {"event": world.leipzig_event.pk})

    assert rows(response) == ["ivo.participant@example.org"]
    assert "There is no such event in this list." in response.content.decode()
    assert "lea.participant@example.org" not in response.content.decode()


def test_event_list_shows_counts_capacity_and_actions(client, world):
    waiting(world.leipzig_event, "Wanda")
    client_as(client, world, "leipzig")

    response = client.get(event_list(world))

    body = response.content.decode()
    assert rows(response) == ["wanda@example.org", "lea.participant@example.org"]
    assert [(state, count) for state, _label, count in response.context["counts"]] == [
        ("pending", 0), ("confirmed", 1), ("waitlisted", 1), ("cancelled", 0)]
    assert add_url(world) in body
    assert capacity_url(world) in body
    assert cancel_url(world, world.leipzig_registration) in body


@pytest.mark.parametrize(("query", "expected"), [
    ({"state": "waitlisted"}, ["wanda@example.org"]),
    ({"country": "BG"}, ["ivo.participant@example.org"]),
    ({"organisation_kind": "research"}, ["rita@example.org"]),
    ({"attended": "yes"}, ["lea.participant@example.org"]),
    ({"attended": "no"}, ["ivo.participant@example.org"]),
    ({"attended": "unknown"}, ["rita@example.org", "wanda@example.org"]),
    ({"search": "SOFIANSKI"}, ["ivo.participant@example.org"]),
    ({"search": "rita@EXAMPLE"}, ["rita@example.org"]),
    ({"search": "institut leip"}, ["rita@example.org"]),
    ({"search": "nobody-like-this"}, []),
    ({"state": "confirmed", "country": "DE"}, ["lea.participant@example.org"]),
])
def test_series_list_filters_and_search(client, world, query, expected):
    Registration.objects.filter(pk=world.leipzig_registration.pk).update(attended=True)
    Registration.objects.filter(pk=world.sofia_registration.pk).update(attended=False)
    waiting(world.sofia_event, "Wanda")
    rita = participant_create(name="Rita Research", email="rita@example.org",
                              organisation_name="Institut Leipzig",
                              organisation_kind="research", country="IT")
    registration_create(participant=rita, event=world.leipzig_event)
    client_as(client, world, "organiser")

    response = client.get(series_list(world), query | {"sort": "email"})

    assert rows(response) == expected


def test_series_list_filters_by_theme_of_interest_and_event(client, world):
    world.leipzig_participant.themes.add(world.extra["theme"])
    client_as(client, world, "organiser")

    by_theme = client.get(series_list(world), {"theme": world.extra["theme"].pk})
    by_event = client.get(series_list(world), {"event": world.sofia_event.pk})

    assert rows(by_theme) == ["lea.participant@example.org"]
    assert rows(by_event) == ["ivo.participant@example.org"]


@pytest.mark.parametrize(("sort", "expected"), [
    ("name", ["Ivo Sofianski", "Lea Leipzig", "zoe zander"]),
    ("-name", ["zoe zander", "Lea Leipzig", "Ivo Sofianski"]),
    ("country", ["Ivo Sofianski", "Lea Leipzig", "zoe zander"]),
    ("-registered", ["zoe zander", "Ivo Sofianski", "Lea Leipzig"]),
])
def test_series_list_sorts_by_its_columns(client, world, sort, expected):
    Registration.objects.filter(pk=world.leipzig_registration.pk).update(
        requested_at=timezone.now() - timedelta(days=2))
    Registration.objects.filter(pk=world.sofia_registration.pk).update(
        requested_at=timezone.now() - timedelta(days=1))
    registration_create(participant=participant_create(name="zoe zander", country="FR"),
                        event=world.leipzig_event)
    client_as(client, world, "organiser")

    response = client.get(series_list(world), {"sort": sort})

    assert [item.participant.name for item in response.context["page"]] == expected


def test_bad_filters_are_named_and_the_rest_applies(client, world):
    client_as(client, world, "organiser")

    response = client.get(series_list(world), {
        "state": "lost", "theme": "x", "sort": "password", "country": "ZZ",
        "organisation_kind": "sme", "page": "-3", "event": "99999999999999999999"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "There is no such state." in body
    assert "There is no such theme in this series." in body
    assert "The list cannot be sorted this way." in body
    assert "We do not know a country called “ZZ”." in body
    assert "There is no such event in this list." in body
    assert rows(response) == ["ivo.participant@example.org", "lea.participant@example.org"]


def test_list_pages_through_the_rows(client, world):
    people = Participant.objects.bulk_create(
        Participant(email=f"many{index:03d}@example.org", name=f"Many {index:03d}",
                    organisation_name="Many", organisation_kind="sme",
                    organisation_country="DE", country="DE", link_key=f"{index:032d}",
                    confirmed_at=timezone.now())
        for index in range(60))
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(participant=item, event=world.sofia_event, state=State.CONFIRMED,
                     requested_at=now, confirmed_at=now) for item in people)
    client_as(client, world, "organiser")

    first = client.get(event_list(world, world.sofia_event), {"sort": "name"})
    second = client.get(event_list(world, world.sofia_event), {"sort": "name", "page": "2"})

    assert len(first.context["page"]) == 50
    assert rows(first)[0] == "ivo.participant@example.org"
    assert rows(second) == [f"many{index:03d}@example.org" for index in range(49, 60)]
    assert "page=2" in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()


def test_the_waiting_list_shows_its_order(client, world):
    Event.objects.filter(pk=world.leipzig_event.pk).update(capacity=1)
    waiting(world.leipzig_event, "Second", "Third", "Fourth")
    Registration.objects.filter(participant__name="Second").update(
        confirmed_at=timezone.now() - timedelta(hours=3))  # the earliest: first in line
    client_as(client, world, "organiser")

    response = client.get(event_list(world), {"state": "waitlisted", "sort": "position"})

    assert [(item.participant.name, item.waitlist_position)
            for item in response.context["page"]] == [
        ("Second", 1), ("Third", 2), ("Fourth", 3)]
    assert "?state=waitlisted&amp;sort=position" in client.get(event_list(world)).content.decode()


def test_the_list_answers_htmx_with_its_results_only(client, world):
    client_as(client, world, "organiser")

    response = client.get(series_list(world), {"search": "Ivo"}, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results"')
    assert "Ivo Sofianski" in body
    assert "<html" not in body
    assert 'hx-swap-oob="true"' in body


def rows_add(count: int, event: Event) -> None:
    """`count` more registrations at the event, in every state but cancelled, from three
    countries."""
    now = timezone.now()
    first = Participant.objects.count()
    people = Participant.objects.bulk_create(
        Participant(email=f"q{first + index}@example.org", name=f"Q {first + index}",
                    organisation_name="Q", organisation_kind="sme", organisation_country="DE",
                    country=("DE", "BG", "IT")[index % 3], link_key=f"{first + index:032d}",
                    confirmed_at=now) for index in range(count))
    Registration.objects.bulk_create(
        Registration(participant=item, event=event, requested_at=now, confirmed_at=now,
                     state=(State.CONFIRMED, State.WAITLISTED, State.PENDING)[index % 3])
        for index, item in enumerate(people))


def count_queries(client, url: str, rows: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(response.context["page"]) == rows
    return len(queries)


@pytest.mark.parametrize("which", ["series", "event"])
def test_query_count_does_not_grow_with_the_rows(client, world, which):
    client_as(client, world, "organiser")
    url = series_list(world) if which == "series" else event_list(world)
    rows_add(2, world.leipzig_event)
    few = count_queries(client, url, rows=3 if which == "event" else 4)

    rows_add(27, world.leipzig_event)

    assert count_queries(client, url, rows=30 if which == "event" else 31) == few


# Adding a participant by hand


def test_organiser_adds_a_new_participant_with_the_mail(client, world):
    client_as(client, world, "organiser")

    response = client.post(add_url(world), person())

    assert response.status_code == 302
    assert response["Location"] == event_list(world)
    nina = Participant.objects.get(email="nina.neu@example.org")
    registration = nina.registrations.get()
    assert (nina.name, nina.organisation_name, str(nina.country), nina.language) == (
        "Nina Neu", "Neu Robotics", "DE", "de")
    assert nina.confirmed_at is not None
    assert (registration.event, registration.state) == (world.leipzig_event, State.CONFIRMED)
    assert list(Consent.objects.filter(participant=nina).values_list(
        "text__version", flat=True)) == [1]
    assert list(Mail.objects.filter(to="nina.neu@example.org").values_list("cause", flat=True)
                ) == [f"registration:{registration.pk}:organiser-added:"
                      f"{int(registration.confirmed_at.timestamp() * 1_000_000)}"]
    entry = AuditEntry.objects.get(action="registration.add")
    assert (entry.actor, entry.event, entry.object_id) == (
        world.users["organiser"], world.leipzig_event, str(registration.pk))
    assert entry.data == {"participant": nina.pk, "participant_created": True,
                          "state": "confirmed",
                          "consent_text": Consent.objects.get(participant=nina).text_id,
                          "mail": True}
    assert "Nina" not in str(entry.data) and "nina" not in str(entry.changes)


def test_adding_without_the_mail_sends_none(client, world):
    client_as(client, world, "leipzig")

    client.post(add_url(world), person(send_mail=""))

    assert Participant.objects.get(email="nina.neu@example.org").registrations.get().state == (
        State.CONFIRMED)
    assert not Mail.objects.filter(to="nina.neu@example.org").exists()
    assert AuditEntry.objects.get(action="registration.add").data["mail"] is False


def test_adding_a_known_address_reuses_the_participant(client, world):
    client_as(client, world, "organiser")
    before = Participant.objects.count()

    client.post(add_url(world, world.sofia_event), {
        "email": "LEA.Participant@Example.org", "language": "en", "consent": "on",
        "consent_version": "1"})

    lea = world.leipzig_participant
    lea.refresh_from_db()
    assert Participant.objects.count() == before
    assert (lea.name, lea.email) == ("Lea Leipzig", "lea.participant@example.org")
    assert lea.registrations.get(event=world.sofia_event).state == State.CONFIRMED


def test_adding_to_a_full_event_puts_on_the_waiting_list(client, world):
    Event.objects.filter(pk=world.leipzig_event.pk).update(capacity=1)
    waiting(world.leipzig_event, "Wanda")
    client_as(client, world, "organiser")

    response = client.post(add_url(world), person(), follow=True)

    registration = Registration.objects.get(participant__email="nina.neu@example.org")
    assert registration.state == State.WAITLISTED
    assert "nina.neu@example.org is registered: On the waiting list." in (
        response.content.decode())
    listed = client.get(event_list(world), {"state": "waitlisted", "sort": "position"})
    assert [(item.participant.name, item.waitlist_position)
            for item in listed.context["page"]] == [("Wanda", 1), ("Nina Neu", 2)]


def test_adding_someone_registered_already_changes_nothing(client, world):
    client_as(client, world, "organiser")

    response = client.post(add_url(world), person(email="lea.participant@example.org"))

    assert response.status_code == 200
    assert ("lea.participant@example.org is already registered for “Leipzig showcase” "
            "(Confirmed).") in response.content.decode()
    assert not AuditEntry.objects.exists()
    assert not Mail.objects.exists()


def test_adding_a_cancelled_registration_again_reopens_it(client, world):
    Registration.objects.filter(pk=world.leipzig_registration.pk).update(
        state=State.CANCELLED, cancelled_at=timezone.now())
    client_as(client, world, "organiser")

    client.post(add_url(world), person(email="lea.participant@example.org", send_mail=""))

    world.leipzig_registration.refresh_from_db()
    assert (world.leipzig_registration.state, world.leipzig_registration.cancelled_at) == (
        State.CONFIRMED, None)


@pytest.mark.parametrize(("fields", "message"), [
    ({"name": "", "country": ""}, "Please fill this in for a new participant."),
    ({"consent": ""}, "A participant can only be registered with their consent to the "
                      "privacy notice."),
    ({"consent_version": "7"}, "The privacy notice has changed."),
    ({"email": "not an address"}, "Enter a valid email address."),
    ({"email": "deleted-7@participants.invalid"}, "This e-mail address cannot be registered."),
    ({"country": "Atlantis"}, "We do not know a country called “Atlantis”."),
    ({"themes": ["999999"]}, "There is no such theme in this series."),
    ({"organisation_kind": "pirates"}, "Select a valid choice."),
])
def test_adding_with_bad_input_is_refused(client, world, fields, message):
    client_as(client, world, "organiser")

    response = client.post(add_url(world), person(**fields))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Participant.objects.filter(email="nina.neu@example.org").exists()
    assert not AuditEntry.objects.exists()


def test_adding_to_a_cancelled_or_past_event_is_refused(client, world):
    past = event_create(series=world.series, region=world.leipzig_region,
                        start=timezone.now() - timedelta(days=2), title_en="Past one")
    Event.objects.filter(pk=world.sofia_event.pk).update(status=Event.Status.CANCELLED)
    client_as(client, world, "organiser")

    to_past = client.post(add_url(world, past), person())
    to_cancelled = client.post(add_url(world, world.sofia_event), person())

    assert "“Past one” is over." in to_past.content.decode()
    assert "“Sofia showcase” has been cancelled." in to_cancelled.content.decode()
    assert not Participant.objects.filter(email="nina.neu@example.org").exists()


def test_adding_needs_a_privacy_notice(client, world):
    world.series.consent_texts.all().delete()
    client_as(client, world, "organiser")

    page = client.get(add_url(world))
    response = client.post(add_url(world), person())

    assert "This series has no privacy notice yet" in page.content.decode()
    assert "This series has no privacy notice yet" in response.content.decode()
    assert not Participant.objects.filter(email="nina.neu@example.org").exists()


def test_adding_records_the_current_notice(client, world):
    consent_text_create(series=world.series, version=2)
    client_as(client, world, "organiser")

    old = client.post(add_url(world), person(consent_version="1"))
    new = client.post(add_url(world), person(consent_version="2"))

    assert "The privacy notice has changed." in old.content.decode()
    assert new.status_code == 302
    assert list(Consent.objects.filter(participant__email="nina.neu@example.org")
                .values_list("text__version", flat=True)) == [2]


# Cancelling


def test_cancel_asks_first_and_names_the_consequence(client, world):
    client_as(client, world, "organiser")

    response = client.get(cancel_url(world, world.leipzig_registration))

    body = response.content.decode()
    assert "Their seat goes to the first on the waiting list" in body
    assert "Lea Leipzig" in body
    world.leipzig_registration.refresh_from_db()
    assert world.leipzig_registration.state == State.CONFIRMED


def test_cancelling_gives_the_seat_to_the_waiting_list(client, world):
    Event.objects.filter(pk=world.leipzig_event.pk).update(capacity=1)
    [wanda] = waiting(world.leipzig_event, "Wanda")
    client_as(client, world, "leipzig")
    back = event_list(world) + "?state=confirmed"

    response = client.post(cancel_url(world, world.leipzig_registration), {"next": back})

    assert response["Location"] == back
    world.leipzig_registration.refresh_from_db()
    wanda.refresh_from_db()
    assert (world.leipzig_registration.state, wanda.state) == (State.CANCELLED,
                                                               State.CONFIRMED)
    assert sorted(Mail.objects.values_list("to", flat=True)) == [
        "lea.participant@example.org", "wanda@example.org"]
    entry = AuditEntry.objects.get(action="registration.cancel")
    assert (entry.actor, entry.object_id, entry.changes, entry.data) == (
        world.users["leipzig"], str(world.leipzig_registration.pk),
        {"state": ["confirmed", "cancelled"]},
        {"participant": world.leipzig_participant.pk, "promoted": [wanda.pk]})


def test_cancelling_twice_says_so_and_changes_nothing(client, world):
    client_as(client, world, "organiser")
    client.post(cancel_url(world, world.leipzig_registration))

    response = client.post(cancel_url(world, world.leipzig_registration), follow=True)

    assert "This registration has already been cancelled." in response.content.decode()
    assert AuditEntry.objects.filter(action="registration.cancel").count() == 1


def test_a_past_events_registration_offers_no_cancellation(client, world):
    past = event_create(series=world.series, region=world.leipzig_region, title_en="Past one",
                        start=timezone.now() - timedelta(days=2))
    kept = registration_create(participant=world.sofia_participant, event=past)
    client_as(client, world, "organiser")

    listed = client.get(event_list(world, past))
    page = client.get(cancel_url(world, kept))
    refused = client.post(cancel_url(world, kept), follow=True)

    assert cancel_url(world, kept) not in listed.content.decode()
    assert "“Past one” is over: its registrations stay as they are." in page.content.decode()
    assert "Cancel the registration" not in page.content.decode()
    assert "“Past one” is over." in refused.content.decode()
    kept.refresh_from_db()
    assert kept.state == State.CONFIRMED


def test_ids_beyond_any_row_are_not_found(client, world):
    client_as(client, world, "organiser")
    huge = 10**20

    cancel = client.post(reverse("orga:registration_cancel", kwargs={
        "series": world.series.slug, "registration": huge}))
    listed = client.get(reverse("orga:event_registrations", kwargs={
        "series": world.series.slug, "event": huge}))

    assert (cancel.status_code, listed.status_code) == (404, 404)


def test_cancel_goes_back_only_within_the_site(client, world):
    client_as(client, world, "organiser")

    response = client.post(cancel_url(world, world.leipzig_registration),
                           {"next": "https://evil.example.com/"})

    assert response["Location"] == event_list(world)


# Capacity


def test_raising_the_capacity_moves_the_waiting_list_up(client, world):
    Event.objects.filter(pk=world.leipzig_event.pk).update(capacity=1)
    first, second = waiting(world.leipzig_event, "First", "Second")
    client_as(client, world, "organiser")

    response = client.post(capacity_url(world), {"capacity": "2"}, follow=True)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (State.CONFIRMED, State.WAITLISTED)
    assert Event.objects.get(pk=world.leipzig_event.pk).capacity == 2
    assert "The capacity is 2 now; 1 moved up from the waiting list." in (
        response.content.decode())
    entry = AuditEntry.objects.get(action="event.capacity")
    assert (entry.event, entry.changes, entry.data) == (
        world.leipzig_event, {"capacity": [1, 2]}, {"promoted": 1})
    assert list(Mail.objects.values_list("to", flat=True)) == ["first@example.org"]


def test_a_capacity_below_the_confirmed_count_changes_nothing(client, world):
    registration_create(participant=participant_create(), event=world.leipzig_event)
    client_as(client, world, "organiser")

    response = client.post(capacity_url(world), {"capacity": "1"}, follow=True)

    assert ("The capacity cannot be lower than the 2 confirmed registrations: cancel "
            "registrations first.") in response.content.decode()
    assert Event.objects.get(pk=world.leipzig_event.pk).capacity == 50
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(("value", "message"), [
    ("", "This field is required."), ("many", "Enter a whole number."),
    ("-3", "Ensure this value is greater than or equal to 0."),
])
def test_a_bad_capacity_is_named_and_changes_nothing(client, world, value, message):
    client_as(client, world, "organiser")

    response = client.post(capacity_url(world), {"capacity": value}, follow=True)

    assert message in response.content.decode()
    assert Event.objects.get(pk=world.leipzig_event.pk).capacity == 50


def test_the_capacity_is_refused_in_german_for_a_german_organiser(client, world):
    registration_create(participant=participant_create(), event=world.leipzig_event)
    client_as(client, world, "organiser")
    with translation.override("de"):
        url = capacity_url(world)

    response = client.post(url, {"capacity": "0"}, follow=True)

    assert "Die Kapazität kann nicht unter den 2 bestätigten Anmeldungen liegen" in (
        response.content.decode())


# Races on PostgreSQL: the workspace's writes against each other, through the same locks as
# every registration


def _at_once(*actions) -> list:
    """Run each action in its own thread and connection, started together; their results
    (or the exception each raised)."""
    import threading

    from django.db import connection as thread_connection

    barrier, results = threading.Barrier(len(actions)), [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(timeout=10)
            results[index] = action()
        except Exception as error:  # noqa: BLE001 — handed back to the test
            results[index] = error
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(index, action))
               for index, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _person_data(email: str):
    from registrations.services import ParticipantData

    return ParticipantData(email=email, name=email.split("@")[0], organisation_name="Org",
                           organisation_kind="sme", organisation_country="DE", country="DE",
                           language="en")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_organisers_adding_for_the_last_seat_give_it_once():
    from orga.services.registrations import registration_add
    from registrations.integrity import integrity_check
    from registrations.queries import consent_text_current

    world = orga_world()
    Event.objects.filter(pk=world.leipzig_event.pk).update(capacity=2)
    event = Event.objects.select_related("series").get(pk=world.leipzig_event.pk)
    consent = consent_text_current(series=world.series)

    results = _at_once(*[
        (lambda email=email: registration_add(
            actor=world.users["organiser"], event=event, data=_person_data(email),
            consent=consent, send_mail=True))
        for email in ("one@example.org", "two@example.org", "three@example.org")])

    assert not [result for result in results if isinstance(result, Exception)], results
    assert sorted(result.state for result in results) == [
        State.CONFIRMED, State.WAITLISTED, State.WAITLISTED]
    assert event.registrations.holding_seat().count() == 2
    assert [finding for finding in integrity_check() if finding.severity == "error"] == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_cancellation_and_a_capacity_raised_at_once_promote_in_order():
    from orga.services.registrations import event_capacity_update, registration_cancel
    from registrations.integrity import integrity_check

    world = orga_world()
    Event.objects.filter(pk=world.leipzig_event.pk).update(capacity=1)
    waiting(world.leipzig_event, "First", "Second", "Third")
    event = Event.objects.select_related("series").get(pk=world.leipzig_event.pk)
    registration = Registration.objects.select_related("participant", "event__series").get(
        pk=world.leipzig_registration.pk)

    results = _at_once(
        lambda: registration_cancel(actor=world.users["leipzig"], registration=registration),
        lambda: event_capacity_update(actor=world.users["organiser"], event=event,
                                      capacity=2))

    assert not [result for result in results if isinstance(result, Exception)], results
    states = dict(Registration.objects.filter(event=event).values_list(
        "participant__name", "state"))
    assert states == {"Lea Leipzig": State.CANCELLED, "First": State.CONFIRMED,
                      "Second": State.CONFIRMED, "Third": State.WAITLISTED}
    assert sorted(AuditEntry.objects.values_list("action", flat=True)) == [
        "event.capacity", "registration.cancel"]
    assert [finding for finding in integrity_check() if finding.severity == "error"] == []


# In a browser: htmx filters the list in place; the export takes the filters along


@pytest.mark.browser
@pytest.mark.sqlite_pass_only
@pytest.mark.django_db(transaction=True)
def test_filtering_in_the_browser_and_exporting_what_it_shows(page, live_server):
    import openpyxl
    from playwright.sync_api import expect

    from tests.orga_world import PASSWORD

    world = orga_world()
    waiting(world.sofia_event, "Wanda")
    page.goto(live_server.url + "/en/orga/login/")
    page.fill("input[name=username]", "olga")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.goto(live_server.url + series_list(world))
    expect(page.locator("#results tbody tr")).to_have_count(3)

    page.select_option("#id_state", "waitlisted")

    expect(page.locator("#results tbody tr")).to_have_count(1)
    assert "state=waitlisted" in page.url
    with page.expect_download() as download:
        page.click("#results a:has-text('Excel (XLSX)')")
    assert download.value.suggested_filename == (
        f"connect-registrations-{timezone.localdate().isoformat()}.xlsx")
    with open(download.value.path(), "rb") as file:
        sheet = openpyxl.load_workbook(file).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["Name", "Wanda"]
