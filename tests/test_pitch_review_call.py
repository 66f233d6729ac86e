"""The call for pitches' settings in the workspace (times typed in the pitch session's
zone, the criteria added, reordered and removed), and naming reviewers in the team with
their organisation. The world: tests/orga_world.py."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from events.models import Event
from orga.models import AuditEntry, TeamMember
from pitches.models import PitchCall, PitchCriterion, PitchReview
from tests.factories import event_create
from tests.orga_world import client_as, orga_world
from tests.pitch_factories import pitch_application_create, pitch_call_create
from tests.test_registrations_factories import participant_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = orga_world()
    world.session = event_create(series=world.series, slug="pitches", title_en="SME pitches",
                                 kind=Event.Kind.PITCH_SESSION, time_zone="Europe/Sofia",
                                 start=datetime(2026, 6, 10, 8, 0, tzinfo=UTC))
    return world


@pytest.fixture
def organiser(client, world):
    return client_as(client, world, "organiser")


def call_url(world) -> str:
    return reverse("orga:pitch_call", kwargs={"series": world.series.slug})


def call_data(world, criteria=(), **changes) -> dict:
    data = {"event": world.session.pk, "opens_at": "2026-03-01T09:00",
            "closes_at": "2026-04-30T18:00", "pitch_minutes": "5", "pitch_count": "8",
            "open_to_non_members": "on", "confirm_days": "5",
            "criteria-TOTAL_FORMS": str(len(criteria)), "criteria-INITIAL_FORMS": "0",
            "criteria-MIN_NUM_FORMS": "0", "criteria-MAX_NUM_FORMS": "1000"}
    for index, fields in enumerate(criteria):
        data |= {f"criteria-{index}-{name}": value for name, value in fields.items()}
    return {key: value for key, value in (data | changes).items() if value is not None}


def existing(call, *rows) -> dict:
    """POST data of the call's criteria as they are, with each row's changes."""
    criteria = list(call.criteria.all())
    data = {"criteria-TOTAL_FORMS": str(len(criteria)),
            "criteria-INITIAL_FORMS": str(len(criteria))}
    for index, (criterion, changes) in enumerate(zip(criteria, rows, strict=True)):
        data |= {f"criteria-{index}-id": str(criterion.pk),
                 f"criteria-{index}-name_en": criterion.name_en,
                 f"criteria-{index}-ORDER": str(index + 1)}
        data |= {f"criteria-{index}-{name}": value for name, value in changes.items()}
    return data


def test_call_is_created_with_times_in_the_sessions_zone_and_its_criteria(organiser, world):
    response = organiser.post(call_url(world), call_data(world, criteria=[
        {"name_en": "Innovation", "name_bg": "Иновация", "ORDER": "2"},
        {"name_en": "Team", "ORDER": "1"}]), follow=True)

    call = PitchCall.objects.get()
    assert [str(message) for message in response.context["messages"]] == [
        "The call for pitches is saved."]
    assert (call.event, call.opens_at, call.closes_at) == (
        world.session, datetime(2026, 3, 1, 7, 0, tzinfo=UTC),   # Sofia: UTC+2 in March
        datetime(2026, 4, 30, 15, 0, tzinfo=UTC))                # and UTC+3 in April
    assert [(item.name_en, item.name_bg, item.position) for item in call.criteria.all()] == [
        ("Team", "", 0), ("Innovation", "Иновация", 1)]
    entry = AuditEntry.objects.get(action="pitch_call.create")
    assert (entry.actor, entry.object_id, entry.data) == (
        world.users["organiser"], str(call.pk), {"criteria": 2, "criteria_deleted": 0})
    assert "Sofia time" in response.content.decode()
    assert 'value="2026-03-01T09:00"' in response.content.decode()


def test_call_closing_before_opening_is_refused_and_nothing_saved(organiser, world):
    response = organiser.post(call_url(world), call_data(world, closes_at="2026-02-01T09:00"))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "closes_at": ["Applications must close after they open."]}
    assert not PitchCall.objects.exists()


def test_call_refuses_an_event_that_is_no_pitch_session(organiser, world):
    response = organiser.post(call_url(world), call_data(world, event=world.leipzig_event.pk))

    assert response.context["form"].errors == {
        "event": ["Please choose a pitch session of this series."]}
    assert not PitchCall.objects.exists()


def test_call_refuses_a_criterion_without_a_name_in_the_main_language(organiser, world):
    response = organiser.post(call_url(world), call_data(world, criteria=[
        {"name_bg": "Иновация", "ORDER": "1"}]))

    assert response.context["criteria"].errors == [
        {"name_en": ["Please name the criterion in the series' main language."]}]
    assert not PitchCall.objects.exists()


def test_call_criteria_reordered_and_removed_take_their_scores_with_them(organiser, world):
    call = pitch_call_create(series=world.series, event=world.session,
                             criteria=("Innovation", "Team", "Market"))
    innovation, team, market = call.criteria.all()
    application = pitch_application_create(call=call, participant=participant_create())
    review = PitchReview.objects.create(application=application,
                                        reviewer=world.users["reviewer"], scores={
                                            str(innovation.pk): 4, str(team.pk): 2,
                                            str(market.pk): 5})

    organiser.post(call_url(world), call_data(world) | existing(
        call, {"ORDER": "2"}, {"DELETE": "on"}, {"ORDER": "1"}))

    assert list(call.criteria.values_list("name_en", flat=True)) == ["Market", "Innovation"]
    assert not PitchCriterion.objects.filter(pk=team.pk).exists()
    review.refresh_from_db()
    assert review.scores == {str(innovation.pk): 4, str(market.pk): 5}
    entry = AuditEntry.objects.get(action="pitch_call.update")
    assert entry.data == {"criteria": 2, "criteria_deleted": 1}


def test_call_change_records_what_changed(organiser, world):
    call = pitch_call_create(series=world.series, event=world.session, criteria=())

    organiser.post(call_url(world), call_data(world, pitch_count="10"))

    call.refresh_from_db()
    assert call.pitch_count == 10
    assert AuditEntry.objects.get(action="pitch_call.update").changes["pitch_count"] == [8, 10]


def test_call_page_in_german_names_the_zone(organiser, world):
    pitch_call_create(series=world.series, event=world.session, criteria=("Innovation",),
                      opens_at=datetime(2026, 3, 1, 7, 0, tzinfo=UTC),
                      closes_at=datetime(2026, 4, 30, 15, 0, tzinfo=UTC))

    response = organiser.get(call_url(world).replace("/en/", "/de/", 1))

    body = response.content.decode()
    assert ("Zeiten in der Zeitzone der Pitch-Session: Ortszeit Sofia (OEZ, UTC+2)."
            in body)
    assert 'value="2026-04-30T18:00"' in body


# Reviewers in the team -------------------------------------------------------------------


def team_url(world) -> str:
    return reverse("orga:team", kwargs={"series": world.series.slug})


def test_organiser_adds_a_reviewer_with_their_organisation(organiser, world):
    response = organiser.post(team_url(world), {
        "who": "lea", "role": "reviewer", "organisation_name": "  Adriatic   Drones "},
        follow=True)

    member = TeamMember.objects.get(user=world.users["participant"])
    assert (member.role, member.organisation_name, member.region) == (
        "reviewer", "Adriatic Drones", None)
    assert "Adriatic Drones" in response.content.decode()
    assert AuditEntry.objects.get(action="team.add").data == {
        "user": world.users["participant"].pk, "role": "reviewer", "region": None,
        "organisation": "Adriatic Drones"}


def test_a_reviewer_without_organisation_is_refused(organiser, world):
    response = organiser.post(team_url(world), {"who": "lea", "role": "reviewer"})

    assert response.context["form"].errors == {"organisation_name": [
        "A pitch reviewer needs their organisation: they do not review its applications."]}
    assert not TeamMember.objects.filter(user=world.users["participant"]).exists()


def test_a_reviewer_given_a_region_gets_none_and_a_coordinator_no_organisation(organiser,
                                                                               world):
    organiser.post(team_url(world), {"who": "lea", "role": "reviewer",
                                     "region": world.leipzig_region.pk,
                                     "organisation_name": "Adriatic Drones"})
    rita = TeamMember.objects.get(user=world.users["reviewer"])
    organiser.post(reverse("orga:team_member_edit", kwargs={
        "series": world.series.slug, "member": rita.pk}), {
        "role": "coordinator", "region": world.sofia_region.pk,
        "organisation_name": "Rhein Robotics GmbH"})

    lea = TeamMember.objects.get(user=world.users["participant"])
    rita.refresh_from_db()
    assert (lea.role, lea.region, lea.organisation_name) == ("reviewer", None,
                                                             "Adriatic Drones")
    assert (rita.role, rita.region, rita.organisation_name) == ("coordinator",
                                                                world.sofia_region, "")
