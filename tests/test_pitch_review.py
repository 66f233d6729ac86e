"""Reviewing pitch applications: the scoring rules of pitches.services.reviews, and the
reviewers' pages of the workspace (blind until one's own review, never an application of
one's own organisation, the slides served privately). The world: tests/orga_world.py
(rita reviews for Rhein Robotics GmbH)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from orga.models import AuditEntry, TeamMember
from pitches.models import PitchApplication, PitchReview
from pitches.services.reviews import review_save
from pitches.services.states import PitchError
from tests.orga_world import client_as, orga_world, user_create
from tests.pitch_factories import pitch_application_create, pitch_call_create
from tests.test_registrations_factories import participant_create

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world():
    world = orga_world()
    world.call = pitch_call_create(series=world.series)
    world.criteria = list(world.call.criteria.all())
    world.drones = pitch_application_create(
        call=world.call, participant=participant_create(), organisation_name="Adriatic Drones")
    world.robotics = pitch_application_create(
        call=world.call, participant=participant_create(),
        organisation_name="RHEIN Robotics  GmbH")
    return world


def scores(world, *values) -> dict[int, int]:
    return {criterion.pk: value for criterion, value in zip(world.criteria, values, strict=True)}


def review_url(world, application: PitchApplication, name: str = "pitch_review") -> str:
    return reverse(f"orga:{name}", kwargs={"series": world.series.slug,
                                           "application": application.pk})


def second_reviewer(world, organisation: str = "Sofia Tech Park"):
    user = user_create("ralf")
    TeamMember.objects.create(series=world.series, user=user, role="reviewer",
                              organisation_name=organisation)
    return user


# The rules ----------------------------------------------------------------------------


def test_review_save_stores_one_score_per_criterion_and_the_comment(world):
    review = review_save(application=world.drones, reviewer=world.users["reviewer"],
                         scores=scores(world, 4, 2), comment="  Strong team.  ")

    assert review.scores == {str(world.criteria[0].pk): 4, str(world.criteria[1].pk): 2}
    assert review.comment == "Strong team."


def test_review_save_again_changes_the_reviewers_one_review(world):
    reviewer = world.users["reviewer"]
    review_save(application=world.drones, reviewer=reviewer, scores=scores(world, 4, 2),
                comment="First look.")
    review_save(application=world.drones, reviewer=reviewer, scores=scores(world, 5, 3),
                comment="Second look.")

    review = PitchReview.objects.get()
    assert (review.scores, review.comment) == (
        {str(world.criteria[0].pk): 5, str(world.criteria[1].pk): 3}, "Second look.")


def test_review_save_refuses_an_application_of_the_reviewers_own_organisation(world):
    with pytest.raises(PitchError, match="your own organisation"):
        review_save(application=world.robotics, reviewer=world.users["reviewer"],
                    scores=scores(world, 4, 4), comment="")

    assert not PitchReview.objects.exists()


def test_review_save_refuses_a_withdrawn_application(world):
    PitchApplication.objects.filter(pk=world.drones.pk).update(state="withdrawn")

    with pytest.raises(PitchError, match="withdrawn"):
        review_save(application=world.drones, reviewer=world.users["reviewer"],
                    scores=scores(world, 4, 4), comment="")

    assert not PitchReview.objects.exists()


@pytest.mark.parametrize("values", [(0, 3), (6, 3), (3, -1), (3, True), (3, "4"), (3, 2.5)])
def test_review_save_refuses_a_score_out_of_range(world, values):
    with pytest.raises(PitchError, match="whole number from 1 to 5"):
        review_save(application=world.drones, reviewer=world.users["reviewer"],
                    scores=scores(world, *values), comment="")

    assert not PitchReview.objects.exists()


def test_review_save_refuses_a_criterion_of_another_call_and_a_missing_one(world):
    other = pitch_call_create(series=world.other_series)
    foreign = {world.criteria[0].pk: 3, other.criteria.first().pk: 3}

    with pytest.raises(PitchError, match="each criterion of this call"):
        review_save(application=world.drones, reviewer=world.users["reviewer"],
                    scores=foreign, comment="")
    with pytest.raises(PitchError, match="each criterion of this call"):
        review_save(application=world.drones, reviewer=world.users["reviewer"],
                    scores={world.criteria[0].pk: 3}, comment="")

    assert not PitchReview.objects.exists()


# The pages ----------------------------------------------------------------------------


def test_review_list_leaves_out_the_reviewers_own_organisation_and_withdrawn(client, world):
    withdrawn = pitch_application_create(call=world.call, participant=participant_create(),
                                         organisation_name="Gone Ltd", state="withdrawn")
    reviewer = client_as(client, world, "reviewer")

    response = reviewer.get(reverse("orga:pitch_reviews", kwargs={"series": world.series.slug}))

    assert [item.pk for item in response.context["applications"]] == [world.drones.pk]
    assert "RHEIN Robotics" not in response.content.decode()
    assert withdrawn.organisation_name not in response.content.decode()


def test_review_page_hides_the_others_scores_until_the_own_review_is_saved(client, world):
    ralf = second_reviewer(world)
    review_save(application=world.drones, reviewer=ralf, scores=scores(world, 1, 2),
                comment="Not convinced by the market.")
    reviewer = client_as(client, world, "reviewer")

    before = reviewer.get(review_url(world, world.drones))
    assert before.context["others"] == []
    assert "Not convinced by the market." not in before.content.decode()

    saved = reviewer.post(review_url(world, world.drones), {
        f"score_{world.criteria[0].pk}": "5", f"score_{world.criteria[1].pk}": "4",
        "comment": "Great demo."}, follow=True)

    assert [str(message) for message in saved.context["messages"]] == ["Your review is saved."]
    assert [review.reviewer for review in saved.context["others"]] == [ralf]
    assert "Not convinced by the market." in saved.content.decode()
    review = PitchReview.objects.get(reviewer=world.users["reviewer"])
    assert review.scores == {str(world.criteria[0].pk): 5, str(world.criteria[1].pk): 4}
    entry = AuditEntry.objects.get(action="pitch.review")
    assert (entry.actor, entry.object_type, entry.object_id, entry.data) == (
        world.users["reviewer"], "pitchreview", str(review.pk),
        {"application": world.drones.pk})


def test_review_page_refuses_a_score_out_of_range_with_a_message(client, world):
    reviewer = client_as(client, world, "reviewer")

    response = reviewer.post(review_url(world, world.drones), {
        f"score_{world.criteria[0].pk}": "9", "comment": "Too good."})

    assert response.status_code == 200
    assert not AuditEntry.objects.filter(action="pitch.review").exists()
    assert {name: list(errors) for name, errors in response.context["form"].errors.items()} == {
        f"score_{world.criteria[0].pk}": ["Please give a score from 1 to 5."],
        f"score_{world.criteria[1].pk}": ["Please give a score from 1 to 5."]}
    assert not PitchReview.objects.exists()


def test_review_page_of_the_reviewers_own_organisation_is_not_there(client, world):
    reviewer = client_as(client, world, "reviewer")

    assert reviewer.get(review_url(world, world.robotics)).status_code == 404
    assert reviewer.get(review_url(world, world.robotics, "pitch_slides")).status_code == 404


def test_slides_are_served_as_pdf_to_a_reviewer_without_sniffing(client, world):
    world.drones.slides.save("deck.pdf", ContentFile(PDF), save=True)
    reviewer = client_as(client, world, "reviewer")

    response = reviewer.get(review_url(world, world.drones, "pitch_slides"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'inline; filename="pitch-{world.drones.pk}.pdf"'
    assert b"".join(response.streaming_content) == PDF


def test_slides_of_an_application_without_any_are_not_there(client, world):
    organiser = client_as(client, world, "organiser")

    assert organiser.get(review_url(world, world.drones, "pitch_slides")).status_code == 404


def test_reviewer_sees_only_the_pitches_in_the_navigation_and_home(client, world):
    reviewer = client_as(client, world, "reviewer")

    home = reviewer.get(reverse("orga:home"))
    page = reviewer.get(reverse("orga:pitch_reviews", kwargs={"series": world.series.slug}))

    reviews_url = reverse("orga:pitch_reviews", kwargs={"series": world.series.slug})
    assert f'href="{reviews_url}"' in home.content.decode()
    overview_url = reverse("orga:series_overview", kwargs={"series": world.series.slug})
    assert f'href="{overview_url}"' not in home.content.decode()
    body = page.content.decode()
    assert f'<a href="{reviews_url}" aria-current="page">Pitches</a>' in body
    for other in ("orga:series_overview", "orga:registrations", "orga:team"):
        assert f'href="{reverse(other, kwargs={"series": world.series.slug})}"' not in body


def test_organiser_sees_the_pitches_entry_leading_to_the_decisions(client, world):
    organiser = client_as(client, world, "organiser")

    body = organiser.get(reverse("orga:series_overview",
                                 kwargs={"series": world.series.slug})).content.decode()

    applications_url = reverse("orga:pitch_applications", kwargs={"series": world.series.slug})
    assert f'<a href="{applications_url}">Pitches</a>' in body
    assert body.count(">Pitches</a>") == 1


def test_review_list_reads_a_fixed_number_of_queries(client, world,
                                                     django_assert_max_num_queries):
    for number in range(6):
        pitch_application_create(call=world.call, participant=participant_create(),
                                 organisation_name=f"Company {number}")
    reviewer = client_as(client, world, "reviewer")
    url = reverse("orga:pitch_reviews", kwargs={"series": world.series.slug})
    reviewer.get(url)

    with django_assert_max_num_queries(10):
        response = reviewer.get(url)

    assert len(response.context["applications"]) == 7
