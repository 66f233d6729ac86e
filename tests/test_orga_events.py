"""An event in the organiser workspace: its page, creating and editing it (times typed in
its own zone, texts with their languages side by side), duplicating it as the start of the
next one, publishing, unpublishing and cancelling it with the consequence shown first —
each recorded in the audit log, bad input answered with a message and changing nothing."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event, Talk
from mail.models import Mail
from orga.models import AuditEntry
from orga.services import events as services
from registrations.models import Registration
from tests.factories import event_create, speaker_create, talk_create, theme_create
from tests.orga_world import client_as, orga_world
from tests.test_registrations_factories import (
    participant_create,
    registration_create,
    series_registration_create,
)

pytestmark = pytest.mark.django_db
State = Registration.State


@pytest.fixture
def world():
    world = orga_world()
    for event in (world.leipzig_event, world.sofia_event):  # whole minutes, as a form has them
        event.start = event.start.replace(second=0, microsecond=0)
        event.end = event.start + timedelta(hours=3)
        event.save()
    return world


def url(name: str, world, event: Event | None = None) -> str:
    kwargs = {"series": world.series.slug}
    if event is not None:
        kwargs["event"] = event.pk
    return reverse(f"orga:{name}", kwargs=kwargs)


def form_data(world, **changes) -> dict:
    """The event form as an organiser fills it for a new event in Sofia."""
    data = {"kind": "showcase", "region": world.sofia_region.pk,
            "title_en": "Sofia deep tech", "title_de": "Sofia Deep Tech", "title_bg": "",
            "summary_en": "Robots and sensors.", "summary_de": "", "summary_bg": "",
            "venue_en": "", "venue_de": "", "venue_bg": "",
            "time_zone": "Europe/Sofia", "start": "2030-03-12T10:00",
            "end": "2030-03-12T13:30", "format": "online",
            "join_url": "https://meet.example.org/sofia", "capacity": "80",
            "registration_opens": "", "registration_closes": "2030-03-11T18:00", "slug": ""}
    return data | changes


def audit_actions(world) -> list[str]:
    return list(AuditEntry.objects.filter(series=world.series).order_by("pk")
                .values_list("action", flat=True))


# --- the event's page ---------------------------------------------------------------------


def test_event_page_shows_key_facts_seats_counts_and_actions(client, world):
    registration_create(participant=participant_create(), event=world.leipzig_event,
                        state=State.WAITLISTED)
    client_as(client, world, "leipzig")

    response = client.get(url("event_detail", world, world.leipzig_event))

    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Leipzig showcase</h1>" in body
    assert "Berlin time (CE" in body  # the zone named
    assert "49 seats left" in body  # 50 seats, 1 confirmed
    assert "<strong>1</strong> Confirmed" in body
    assert "<strong>1</strong> Waiting list" in body
    for action in ("event_edit", "event_duplicate", "event_unpublish", "event_cancel"):
        assert url(action, world, world.leipzig_event) in body
    assert url("event_publish", world, world.leipzig_event) not in body  # published already
    assert "Mobility" in body


def test_event_page_reads_a_fixed_number_of_queries(client, world):
    """The page with its agenda section reads as much for one talk as for seven."""
    client_as(client, world, "organiser")
    page = url("event_detail", world, world.leipzig_event)
    client.get(page)  # sessions, caches warm

    with CaptureQueriesContext(connection) as one_talk:
        client.get(page)
    for _ in range(6):
        talk_create(event=world.leipzig_event, speakers=[speaker_create(), speaker_create()])
    with CaptureQueriesContext(connection) as seven_talks:
        response = client.get(page)

    assert response.status_code == 200
    assert len(seven_talks) == len(one_talk) <= 20


# --- creating -----------------------------------------------------------------------------


def test_organiser_creates_a_draft_with_times_in_the_events_own_zone(client, world):
    client_as(client, world, "organiser")
    theme = world.extra["theme"]

    response = client.post(url("event_create", world),
                           form_data(world, themes=[theme.pk]))

    event = Event.objects.get(series=world.series, slug="sofia-deep-tech")
    assert response.status_code == 302
    assert response["Location"] == url("event_detail", world, event)
    assert event.status == Event.Status.DRAFT
    assert (event.title_en, event.title_de, event.region) == (
        "Sofia deep tech", "Sofia Deep Tech", world.sofia_region)
    assert event.start == datetime(2030, 3, 12, 8, 0, tzinfo=UTC)  # 10:00 in Sofia (EET)
    assert event.end == datetime(2030, 3, 12, 11, 30, tzinfo=UTC)
    assert event.registration_closes == datetime(2030, 3, 11, 16, 0, tzinfo=UTC)
    assert list(event.themes.all()) == [theme]
    assert event.registrations.count() == 0
    entry = AuditEntry.objects.get(action="event.create")
    assert (entry.series, entry.event, entry.actor) == (
        world.series, event, world.users["organiser"])


def test_edit_form_shows_the_stored_times_in_the_events_zone(client, world):
    sofia = world.sofia_event
    client_as(client, world, "organiser")

    body = client.get(url("event_edit", world, sofia)).content.decode()

    local = sofia.local_start.strftime("%Y-%m-%dT%H:%M")
    assert f'value="{local}"' in body
    assert 'lang="bg"' in body and 'lang="de"' in body  # the languages side by side
    assert "In the time zone of the event: Sofia." in body


def test_the_slug_is_made_unique_from_the_title(client, world):
    event_create(series=world.series, slug="sofia-deep-tech")
    client_as(client, world, "organiser")

    client.post(url("event_create", world), form_data(world))

    assert Event.objects.filter(series=world.series, slug="sofia-deep-tech-2").exists()


def test_a_title_in_cyrillic_only_gives_the_slug_of_another_language_or_event(client, world):
    world.series.default_language = "bg"  # the title required is the Bulgarian one
    world.series.save()
    client_as(client, world, "organiser")

    client.post(url("event_create", world),
                form_data(world, title_en="", title_de="Sofia Deep Tech", title_bg="Дълбоки"))
    client.post(url("event_create", world),
                form_data(world, title_en="", title_de="", title_bg="Дълбоки технологии"))

    assert set(Event.objects.filter(series=world.series, status=Event.Status.DRAFT)
               .values_list("slug", flat=True)) == {"sofia-deep-tech", "event"}


def test_a_coordinator_creates_only_in_their_own_region(client, world):
    client_as(client, world, "leipzig")

    page = client.get(url("event_create", world)).content.decode()
    refused = client.post(url("event_create", world), form_data(world))  # Sofia's region
    created = client.post(url("event_create", world),
                          form_data(world, region=world.leipzig_region.pk))

    assert "Leipzig" in page and f'value="{world.sofia_region.pk}"' not in page
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    assert created.status_code == 302
    assert Event.objects.get(slug="sofia-deep-tech").region == world.leipzig_region


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"end": "2030-03-12T09:00"}, "end", "The event must end after it starts."),
    ({"registration_closes": "2030-03-01T10:00", "registration_opens": "2030-03-02T10:00"},
     "registration_closes", "Registration must close after it opens."),
    ({"title_en": ""}, "title_en", "This field is required."),
    ({"start": "2030-13-40T10:00"}, "start", "Enter a valid date/time."),
    ({"time_zone": "Mars/Olympus"}, "time_zone", "Select a valid choice."),
    ({"capacity": "-1"}, "capacity", "Ensure this value is greater than or equal to 0."),
    ({"slug": "leipzig"}, "slug", "Another event of this series has this address already."),
    ({"slug": "not a slug!"}, "slug", "Enter a valid “slug”"),
    ({"join_url": "javascript:alert(1)"}, "join_url", "Enter a valid URL."),
])
def test_bad_input_is_answered_and_changes_nothing(client, world, changes, field, message):
    client_as(client, world, "organiser")
    events_before = Event.objects.count()

    response = client.post(url("event_create", world), form_data(world, **changes))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Event.objects.count() == events_before
    assert audit_actions(world) == []


def test_another_series_theme_or_region_is_refused(client, world):
    foreign_theme = theme_create(series=world.other_series)
    client_as(client, world, "organiser")

    response = client.post(url("event_create", world), form_data(world, themes=[foreign_theme.pk]))

    assert response.status_code == 200
    assert "themes" in response.context["form"].errors
    assert not Event.objects.filter(slug="sofia-deep-tech").exists()


def test_validation_messages_are_in_the_organisers_language(client, world):
    client_as(client, world, "organiser")

    with translation.override("de"):
        response = client.post(url("event_create", world),
                               form_data(world, end="2030-03-12T09:00"))

    assert response.request["PATH_INFO"].startswith("/de/orga/")
    assert ('<ul class="errorlist" id="id_end_error"><li>Die Veranstaltung muss nach ihrem '
            "Beginn enden.</li></ul>") in response.content.decode()


def test_a_time_skipped_by_the_clock_change_is_refused(client, world):
    client_as(client, world, "organiser")

    response = client.post(url("event_create", world),
                           form_data(world, start="2030-03-31T03:30", end="2030-03-31T06:00"))

    assert response.context["form"].errors["start"] == [
        "This time is skipped or repeated in Sofia when the clocks change."]


# --- editing ------------------------------------------------------------------------------


def test_editing_records_the_changed_fields_before_and_after(client, world):
    leipzig = world.leipzig_event
    client_as(client, world, "leipzig")
    data = _edit_data(world, title_en="Leipzig (main hall)", summary_de="Neu.")

    response = client.post(url("event_edit", world, leipzig), data)

    leipzig.refresh_from_db()
    assert response.status_code == 302
    assert leipzig.title_en == "Leipzig (main hall)"
    entry = AuditEntry.objects.get(action="event.edit")
    assert entry.changes == {"title_en": ["Leipzig showcase", "Leipzig (main hall)"],
                             "summary_de": ["", "Neu."]}
    assert entry.actor == world.users["leipzig"]


def test_a_capacity_below_the_seats_taken_is_refused(client, world):
    leipzig = world.leipzig_event
    for _ in range(2):
        registration_create(participant=participant_create(), event=leipzig)
    client_as(client, world, "organiser")

    response = client.post(url("event_edit", world, leipzig), _edit_data(world, capacity="2"))

    leipzig.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["capacity"] == [
        "3 seats are taken already: the capacity cannot be lower."]
    assert leipzig.capacity == 50
    assert audit_actions(world) == []


def test_raising_the_capacity_gives_the_seats_to_the_waiting_list(client, world):
    leipzig = world.leipzig_event
    leipzig.capacity = 1
    leipzig.save()
    waiting = registration_create(participant=participant_create(email="wanda@example.org"),
                                  event=leipzig, state=State.WAITLISTED)
    client_as(client, world, "organiser")

    client.post(url("event_edit", world, leipzig), _edit_data(world, capacity="2"))

    waiting.refresh_from_db()
    assert waiting.state == State.CONFIRMED
    assert Mail.objects.filter(to="wanda@example.org", cause__contains="promoted").count() == 1
    assert AuditEntry.objects.get(action="event.edit").changes == {"capacity": [1, 2]}


def _edit_data(world, **changes) -> dict:
    leipzig = world.leipzig_event
    start = leipzig.local_start.replace(tzinfo=None)
    return {"kind": "showcase", "region": world.leipzig_region.pk,
            "title_en": leipzig.title_en, "title_de": leipzig.title_de or "",
            "title_bg": "", "summary_en": "", "summary_de": "", "summary_bg": "",
            "venue_en": "", "venue_de": "", "venue_bg": "", "time_zone": "Europe/Berlin",
            "start": start.strftime("%Y-%m-%dT%H:%M"),
            "end": (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "format": "online", "join_url": leipzig.join_url, "capacity": "50",
            "slug": "leipzig", "themes": [world.extra["theme"].pk]} | changes


# --- duplicating --------------------------------------------------------------------------


def test_duplicating_copies_the_event_a_week_later_as_a_draft_without_registrations(
        client, world):
    leipzig = world.leipzig_event
    leipzig.registration_closes = leipzig.start - timedelta(days=1)
    leipzig.save()
    talk = leipzig.talks.get()
    talk.themes.add(world.extra["theme"])
    first, second = speaker_create(name="Anna"), speaker_create(name="Boris")
    talk_create(event=leipzig, speakers=[second, first], title_en="Panel")
    client_as(client, world, "organiser")

    page = client.get(url("event_duplicate", world, leipzig)).content.decode()
    response = client.post(url("event_duplicate", world, leipzig), {
        "start_date": (leipzig.local_start.date() + timedelta(days=7)).isoformat()})

    copy = Event.objects.exclude(pk=leipzig.pk).get(series=world.series,
                                                    region=world.leipzig_region)
    assert f'value="{(leipzig.local_start.date() + timedelta(days=7)).isoformat()}"' in page
    assert response["Location"] == url("event_detail", world, copy)
    assert copy.status == Event.Status.DRAFT
    assert copy.local_start.replace(tzinfo=None) == (
        leipzig.local_start.replace(tzinfo=None) + timedelta(days=7))  # same wall clock
    assert copy.end - copy.start == leipzig.end - leipzig.start
    assert copy.registration_closes.astimezone(copy.tzinfo).replace(tzinfo=None) == (
        leipzig.registration_closes.astimezone(copy.tzinfo).replace(tzinfo=None)
        + timedelta(days=7))
    assert (copy.title_en, copy.capacity, copy.join_url) == (
        leipzig.title_en, leipzig.capacity, leipzig.join_url)
    assert list(copy.themes.all()) == [world.extra["theme"]]
    assert [(t.title_en, t.start - copy.start) for t in copy.talks.order_by("order")] == [
        (t.title_en, t.start - leipzig.start) for t in leipzig.talks.order_by("order")]
    panel = copy.talks.get(title_en="Panel")
    assert panel.ordered_speakers == [second, first]
    assert list(copy.talks.get(order=1).themes.all()) == [world.extra["theme"]]
    assert copy.registrations.count() == 0
    assert copy.slug == f"leipzig-{copy.local_start.date().isoformat()}"
    entry = AuditEntry.objects.get(action="event.duplicate")
    assert (entry.event, entry.data["source_event"], entry.data["talks"]) == (copy, leipzig.pk, 2)


def test_duplicating_keeps_the_time_of_day_across_a_change_of_summer_time(world):
    winter = event_create(series=world.series, slug="winter", time_zone="Europe/Berlin",
                          start=datetime(2030, 3, 26, 9, 0, tzinfo=UTC))  # 10:00 CET
    talk_create(event=winter, start=winter.start + timedelta(minutes=30))

    copy = services.event_duplicate(event=winter, actor=world.users["organiser"],
                                    start_date=datetime(2030, 4, 2).date())

    assert copy.start == datetime(2030, 4, 2, 8, 0, tzinfo=UTC)  # 10:00 CEST
    assert copy.talks.get().start == datetime(2030, 4, 2, 8, 30, tzinfo=UTC)


def test_duplicating_onto_a_past_day_is_refused(client, world):
    client_as(client, world, "organiser")

    response = client.post(url("event_duplicate", world, world.leipzig_event),
                           {"start_date": "2020-01-07"})

    assert response.context["form"].errors["start_date"] == [
        "Please choose a day that has not passed."]
    assert Event.objects.filter(series=world.series).count() == 2


# --- publishing, unpublishing, cancelling ------------------------------------------------


def test_publish_page_shows_who_will_be_registered_then_publishing_registers_them(
        client, world):
    draft = event_create(series=world.series, region=world.leipzig_region, capacity=2,
                         status=Event.Status.DRAFT, slug="draft")
    people = [participant_create(email=f"series{index}@example.org") for index in range(3)]
    for person in people:
        series_registration_create(participant=person, series=world.series)
    series_registration_create(participant=participant_create(), series=world.series,
                               confirmed_at=None)
    client_as(client, world, "leipzig")

    page = client.get(url("event_publish", world, draft)).content.decode()
    response = client.post(url("event_publish", world, draft))

    assert "2 people get a seat and are told by mail;" in page
    assert "1 person lands on the waiting list and is told by mail;" in page
    assert "1 person who has not confirmed their address yet gets a place once they" in page
    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.status == Event.Status.PUBLISHED
    assert sorted(draft.registrations.values_list("state", flat=True)) == [
        State.CONFIRMED, State.CONFIRMED, State.PENDING, State.WAITLISTED]
    entry = AuditEntry.objects.get(action="event.publish")
    assert entry.changes == {"status": ["draft", "published"]}
    assert entry.data == {"confirmed": 2, "waitlisted": 1, "pending": 1}
    assert entry.actor == world.users["leipzig"]


def test_a_cancelled_event_cannot_be_published(client, world):
    leipzig = world.leipzig_event
    services.event_cancel(event=leipzig)
    client_as(client, world, "organiser")

    page = client.get(url("event_publish", world, leipzig)).content.decode()
    response = client.post(url("event_publish", world, leipzig), follow=True)

    leipzig.refresh_from_db()
    assert "A cancelled event cannot be opened again." in page
    assert leipzig.status == Event.Status.CANCELLED
    assert "The event was cancelled meanwhile: it stays cancelled." in response.content.decode()


def test_unpublishing_is_refused_while_the_event_holds_registrations(client, world):
    leipzig = world.leipzig_event
    registration_create(participant=participant_create(), event=leipzig,
                        state=State.WAITLISTED)
    client_as(client, world, "organiser")

    page = client.get(url("event_unpublish", world, leipzig)).content.decode()
    response = client.post(url("event_unpublish", world, leipzig), follow=True)

    leipzig.refresh_from_db()
    message = ("This event holds 1 confirmed registration, 1 place on the waiting list: taken "
               "back to draft, it would vanish for people who are registered for it. Cancel "
               "the event instead (they are told by mail), or cancel their registrations first.")
    assert message in page
    assert message in response.content.decode()
    assert leipzig.status == Event.Status.PUBLISHED
    assert audit_actions(world) == []


def test_an_event_nobody_holds_goes_back_to_draft(client, world):
    empty = event_create(series=world.series, region=world.sofia_region, slug="empty")
    client_as(client, world, "sofia")

    page = client.get(url("event_unpublish", world, empty)).content.decode()
    client.post(url("event_unpublish", world, empty))

    empty.refresh_from_db()
    assert "It holds no registrations, so nobody is affected." in page
    assert empty.status == Event.Status.DRAFT
    assert AuditEntry.objects.get(action="event.unpublish").changes == {
        "status": ["published", "draft"]}


def test_cancel_page_says_who_is_cancelled_and_told_then_cancelling_does_it(client, world):
    leipzig = world.leipzig_event
    for index in range(2):
        registration_create(participant=participant_create(email=f"w{index}@example.org"),
                            event=leipzig, state=State.WAITLISTED)
    registration_create(participant=participant_create(email="p@example.org"), event=leipzig,
                        state=State.PENDING, confirmed_at=None)
    client_as(client, world, "organiser")

    page = client.get(url("event_cancel", world, leipzig)).content.decode()
    client.post(url("event_cancel", world, leipzig))

    assert "1 confirmed registration will be cancelled and told by mail;" in page
    assert "2 places on the waiting list will be cancelled and told by mail;" in page
    assert "1 registration not yet confirmed will be cancelled without a mail." in page
    leipzig.refresh_from_db()
    assert leipzig.status == Event.Status.CANCELLED
    assert not leipzig.registrations.active().exists()
    told = set(Mail.objects.filter(cause__endswith="event-cancelled").values_list("to", flat=True))
    assert told == {"lea.participant@example.org", "w0@example.org", "w1@example.org"}
    entry = AuditEntry.objects.get(action="event.cancel")
    assert entry.data == {"cancelled": 4, "confirmed": 1, "waitlisted": 2, "pending": 1}


def test_the_sofia_events_registrations_are_untouched_by_cancelling_leipzig(client, world):
    client_as(client, world, "organiser")

    client.post(url("event_cancel", world, world.leipzig_event))

    world.sofia_registration.refresh_from_db()
    assert world.sofia_registration.state == State.CONFIRMED


def test_a_forged_id_changes_nothing(client, world):
    client_as(client, world, "organiser")

    response = client.post(url("event_cancel", world, world.other_event))

    world.other_event.refresh_from_db()
    assert response.status_code == 404
    assert world.other_event.status == Event.Status.PUBLISHED


def test_mutations_need_csrf(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["organiser"])

    response = client.post(url("event_cancel", world, world.leipzig_event))

    world.leipzig_event.refresh_from_db()
    assert response.status_code == 403
    assert world.leipzig_event.status == Event.Status.PUBLISHED


# --- the admin runs the same lifecycle ---------------------------------------------------


def test_the_admins_publish_action_is_recorded_with_its_actor(organiser_client, world):
    draft = event_create(series=world.series, status=Event.Status.DRAFT, slug="draft")

    organiser_client.post(reverse("admin:events_event_changelist"),
                          {"action": "publish", "_selected_action": [draft.pk]})

    draft.refresh_from_db()
    assert draft.status == Event.Status.PUBLISHED
    entry = AuditEntry.objects.get(action="event.publish")
    assert entry.actor.username == "alice"


def test_the_talk_model_is_untouched_by_a_duplicate(world):
    before = list(Talk.objects.values_list("pk", "event_id", "start"))

    services.event_duplicate(event=world.leipzig_event, actor=None,
                             start_date=(timezone.now() + timedelta(days=40)).date())

    assert list(Talk.objects.filter(pk__in=[pk for pk, *_ in before])
                .values_list("pk", "event_id", "start")) == before


def test_the_admin_refuses_a_draft_of_an_event_that_holds_registrations(organiser_client,
                                                                       world):
    from tests.test_admin_and_models import _FormFields

    leipzig = world.leipzig_event
    change = reverse("admin:events_event_change", args=[leipzig.pk])
    form = _FormFields()
    form.feed(organiser_client.get(change).content.decode())

    response = organiser_client.post(change, form.data | {"status": ["draft"]})

    leipzig.refresh_from_db()
    assert response.status_code == 200
    assert "This event holds 1 confirmed registration: taken back to draft" in (
        response.content.decode().replace("&quot;", '"'))
    assert leipzig.status == Event.Status.PUBLISHED


def test_the_admins_draft_of_an_event_nobody_holds_goes_through_the_workspaces_rule(world):
    empty = event_create(series=world.series, slug="empty")

    services.event_lifecycle_change(event=empty, status=Event.Status.DRAFT, capacity=None,
                                    actor=world.users["organiser"])

    empty.refresh_from_db()
    assert empty.status == Event.Status.DRAFT
    assert AuditEntry.objects.get(action="event.unpublish").event == empty
