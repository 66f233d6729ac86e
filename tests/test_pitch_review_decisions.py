"""The organisers' decisions on pitch applications: the list sorted by average score with
the spread, each decision through the one state-change function with the applicant's
mail in their language and an audit entry, and a decision the rules refuse changing
nothing. The world: tests/orga_world.py."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mail.models import Mail
from orga.models import AuditEntry, TeamMember
from pitches import links
from pitches.mails import application_cause
from pitches.models import PitchApplication, PitchReview
from tests.orga_world import client_as, orga_world, user_create
from tests.pitch_factories import pitch_application_create, pitch_call_create
from tests.test_registrations_factories import participant_create

pytestmark = pytest.mark.django_db
State = PitchApplication.State


@pytest.fixture
def world():
    world = orga_world()
    world.call = pitch_call_create(series=world.series, pitch_count=2)
    world.criteria = list(world.call.criteria.all())
    world.reviewers = [world.users["organiser"], world.users["reviewer"]]
    for name in ("ralf", "romy"):
        user = user_create(name)
        TeamMember.objects.create(series=world.series, user=user, role="reviewer",
                                  organisation_name=f"{name} Consulting")
        world.reviewers.append(user)
    return world


def application_create(world, name: str, *, language: str = "en", **fields):
    participant = participant_create(language=language, name=f"{name} Presenter")
    return pitch_application_create(call=world.call, participant=participant,
                                    organisation_name=name, **fields)


def reviews_give(world, application, *per_reviewer: tuple[int, int]) -> None:
    for reviewer, values in zip(world.reviewers, per_reviewer, strict=False):
        PitchReview.objects.create(application=application, reviewer=reviewer, scores={
            str(criterion.pk): value for criterion, value in zip(world.criteria, values,
                                                                 strict=True)})


def list_url(world, **query) -> str:
    url = reverse("orga:pitch_applications", kwargs={"series": world.series.slug})
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items())
                  if query else "")


def decide_url(world, application) -> str:
    return reverse("orga:pitch_decide", kwargs={"series": world.series.slug,
                                                "application": application.pk})


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# The list -------------------------------------------------------------------------------


def test_applications_are_sorted_by_average_best_first_with_spread(client, world):
    middling = application_create(world, "Middling Ltd")
    best = application_create(world, "Best GmbH")
    unscored = application_create(world, "Unscored Srl")
    reviews_give(world, middling, (3, 3), (2, 2), (4, 4))
    reviews_give(world, best, (5, 5), (4, 4))

    response = client_as(client, world, "organiser").get(list_url(world))

    rows = [(item.organisation_name, item.score.average, item.score.spread,
             item.score.reviews) for item in response.context["applications"]]
    assert rows == [("Best GmbH", 4.5, 1, 2), ("Middling Ltd", 3.0, 2, 3),
                    ("Unscored Srl", None, None, 0)]
    assert unscored.pk == response.context["applications"][2].pk
    body = response.content.decode()
    assert body.index("Best GmbH") < body.index("Middling Ltd") < body.index("Unscored Srl")
    assert '<td class="number">4.50</td>' in body
    assert '<td class="number">2–4</td>' in body


def test_applications_filtered_by_state_and_sorted_by_date(client, world):
    first = application_create(world, "First Ltd", state=State.SHORTLISTED,
                               submitted_at=timezone.now() - timedelta(days=3))
    application_create(world, "Declined Ltd", state=State.DECLINED)
    second = application_create(world, "Second Ltd", state=State.SHORTLISTED)
    reviews_give(world, second, (5, 5))
    organiser = client_as(client, world, "organiser")

    by_date = organiser.get(list_url(world, state="shortlisted", sort="submitted"))
    by_average = organiser.get(list_url(world, state="shortlisted"))

    assert [item.pk for item in by_date.context["applications"]] == [first.pk, second.pk]
    assert [item.pk for item in by_average.context["applications"]] == [second.pk, first.pk]


def test_applications_list_ignores_an_unknown_filter_value(client, world):
    application_create(world, "Only Ltd")

    response = client_as(client, world, "organiser").get(list_url(world, state="nonsense"))

    assert response.status_code == 200
    assert [item.organisation_name for item in response.context["applications"]] == [
        "Only Ltd"]
    assert "Please choose from the list." in response.content.decode()


def test_applications_list_reads_a_fixed_number_of_queries(client, world,
                                                           django_assert_max_num_queries):
    for number in range(6):
        reviews_give(world, application_create(world, f"Company {number}"), (number % 5 + 1,
                                                                            3))
    organiser = client_as(client, world, "organiser")
    organiser.get(list_url(world))

    with django_assert_max_num_queries(12):
        organiser.get(list_url(world))


# Decisions ------------------------------------------------------------------------------


def test_shortlisting_mails_the_applicant_and_records_the_decision(client, world):
    application = application_create(world, "Adriatic Drones")

    response = client_as(client, world, "organiser").post(
        decide_url(world, application), {"decision": "shortlist"}, follow=True)

    application.refresh_from_db()
    assert application.state == State.SHORTLISTED
    assert messages_of(response) == ["The application is now “Shortlisted”. The applicant is "
                                     "told by e-mail."]
    mail = Mail.objects.get(cause=application_cause(application))
    assert (mail.to, mail.language) == (application.participant.email, "en")
    assert mail.subject == "Your pitch application for SME pitch session is shortlisted"
    assert "Adriatic Drones" in mail.text
    entry = AuditEntry.objects.get(action="pitch.decide")
    assert (entry.series, entry.actor, entry.object_type, entry.object_id, entry.changes) == (
        world.series, world.users["organiser"], "pitchapplication", str(application.pk),
        {"state": ["submitted", "shortlisted"]})


@pytest.mark.parametrize(("decision", "state", "subject"), [
    ("shortlist", State.SHORTLISTED,
     "Вашата кандидатура за презентация на SME pitch session е в краткия списък"),
    ("decline", State.DECLINED, "Вашата кандидатура за презентация на SME pitch session"),
])
def test_a_decision_mails_a_bulgarian_applicant_in_bulgarian(client, world, decision, state,
                                                              subject):
    application = application_create(world, "Sofia Robotics", language="bg")

    client_as(client, world, "organiser").post(decide_url(world, application),
                                               {"decision": decision})

    mail = Mail.objects.get(cause=f"pitch:{application.pk}:{state}:0")
    assert (mail.language, mail.subject) == ("bg", subject)
    assert "Здравейте, Sofia Robotics Presenter," in mail.text


def test_accepting_mails_the_confirmation_link_and_deadline_in_the_sessions_zone(client,
                                                                                  world):
    application = application_create(world, "Sofia Robotics", language="bg")
    world.call.event.time_zone = "Europe/Sofia"
    world.call.event.save()

    client_as(client, world, "organiser").post(decide_url(world, application),
                                               {"decision": "accept"})

    application.refresh_from_db()
    assert application.state == State.ACCEPTED
    mail = Mail.objects.get(cause=application_cause(application))
    assert mail.language == "bg"
    assert links.confirm_token(application=application) in mail.text
    assert links.confirm_url(application=application, language="bg") in mail.text
    assert "Sofia" in mail.text and "UTC+" in mail.text  # the deadline's zone, named


def test_accepting_when_every_slot_is_offered_changes_nothing(client, world):
    for name in ("One Ltd", "Two Ltd"):
        application_create(world, name, state=State.ACCEPTED,
                           offer_expires_at=timezone.now() + timedelta(days=3))
    third = application_create(world, "Three Ltd", state=State.SHORTLISTED)

    response = client_as(client, world, "organiser").post(
        decide_url(world, third), {"decision": "accept"}, follow=True)

    third.refresh_from_db()
    assert third.state == State.SHORTLISTED
    assert messages_of(response) == ["All 2 slots are confirmed or offered."]
    assert not Mail.objects.exists()
    assert not AuditEntry.objects.filter(action="pitch.decide").exists()


def test_a_refused_transition_changes_nothing(client, world):
    application = application_create(world, "Declined Ltd", state=State.DECLINED)

    response = client_as(client, world, "organiser").post(
        decide_url(world, application), {"decision": "decline"}, follow=True)

    application.refresh_from_db()
    assert application.state == State.DECLINED
    assert messages_of(response) == ["An application that is “Declined” cannot become "
                                     "“Declined”."]
    assert not Mail.objects.exists()
    assert not AuditEntry.objects.filter(action="pitch.decide").exists()


def test_back_to_submitted_tells_the_applicant_nothing(client, world):
    application = application_create(world, "Second Thoughts", state=State.SHORTLISTED)

    response = client_as(client, world, "organiser").post(
        decide_url(world, application), {"decision": "reopen"}, follow=True)

    application.refresh_from_db()
    assert application.state == State.SUBMITTED
    assert messages_of(response) == ["The application is now “Submitted”."]
    assert not Mail.objects.exists()
    assert AuditEntry.objects.get(action="pitch.decide").changes == {
        "state": ["shortlisted", "submitted"]}


def test_an_unknown_decision_is_refused_with_a_message(client, world):
    application = application_create(world, "Adriatic Drones")

    response = client_as(client, world, "organiser").post(
        decide_url(world, application), {"decision": "promote"}, follow=True)

    application.refresh_from_db()
    assert application.state == State.SUBMITTED
    assert messages_of(response) == ["Please choose shortlist, accept, decline or back to "
                                     "submitted."]
    assert not AuditEntry.objects.filter(action="pitch.decide").exists()


def test_application_page_shows_every_review_and_the_decisions_its_state_allows(client,
                                                                                world):
    application = application_create(world, "Adriatic Drones", state=State.SHORTLISTED)
    reviews_give(world, application, (5, 4), (2, 3))
    PitchReview.objects.filter(reviewer=world.users["reviewer"]).update(comment="Too early.")

    response = client_as(client, world, "organiser").get(reverse(
        "orga:pitch_application", kwargs={"series": world.series.slug,
                                          "application": application.pk}))

    assert [review.reviewer.username for review in response.context["reviews"]] == [
        "olga", "rita"]
    assert [value for value, _label in response.context["decisions"]] == [
        "accept", "decline", "reopen"]
    assert "Too early." in response.content.decode()
