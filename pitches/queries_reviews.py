"""What the reviewers read: the call of a series, the applications a user may review, and
the reviews they may see (the others' only once they gave their own)."""

from django.db.models import Exists, OuterRef, QuerySet

from events.models import Event, Series
from pitches import scores
from pitches.models import PitchApplication, PitchCall, PitchReview, organisation_key


def call_of(*, series: Series) -> PitchCall | None:
    """The call for pitches of the series (of its first pitch session), if it has one."""
    return (PitchCall.objects.filter(event__series=series,
                                     event__kind=Event.Kind.PITCH_SESSION)
            .select_related("event__series").order_by("event__start", "pk").first())


def reviewer_organisation_key(*, user, series_id: int) -> str:
    """The organisation of the user's role in the series (orga.models.TeamMember, through the
    user's `team_roles`: orga builds on pitches, not back), as organisation_key has it (""
    for none: then no application is theirs)."""
    if not getattr(user, "is_authenticated", False):
        return ""
    name = (user.team_roles.filter(series_id=series_id)
            .values_list("organisation_name", flat=True).first())
    return organisation_key(name or "")


def is_own_organisation(*, user, application: PitchApplication) -> bool:
    """Whether the application is of the user's own organisation (who cannot review it)."""
    key = reviewer_organisation_key(user=user, series_id=application.call.event.series_id)
    return bool(key) and key == application.organisation_key


def reviewable(*, user, call: PitchCall) -> QuerySet[PitchApplication]:
    """The applications of `call` the user may read and review: every one not withdrawn,
    but none of their own organisation; each with `reviewed` (the user gave a review)."""
    applications = (call.applications.standing().select_related("theme")
                    .annotate(reviewed=Exists(PitchReview.objects.filter(
                        application=OuterRef("pk"), reviewer=user)))
                    .order_by("submitted_at", "pk"))
    key = reviewer_organisation_key(user=user, series_id=call.event.series_id)
    if key:
        applications = applications.exclude(organisation_key=key)
    return applications


def visible_application(*, user, call: PitchCall, pk: int) -> PitchApplication | None:
    """Application `pk` of `call` if the user may read it (reviewable), else None."""
    application = (reviewable(user=user, call=call).select_related("participant")
                   .filter(pk=pk).first())
    if application is not None:
        application.call = call
    return application


def own_review(*, user, application: PitchApplication) -> PitchReview | None:
    return PitchReview.objects.filter(application=application, reviewer=user).first()


def other_reviews(*, user, application: PitchApplication) -> list[PitchReview]:
    """The other reviewers' reviews of `application` (with their user), shown to whom gave
    their own; to anyone else nothing (reviewers do not see each other's scores first)."""
    if not PitchReview.objects.filter(application=application, reviewer=user).exists():
        return []
    return list(PitchReview.objects.filter(application=application).exclude(reviewer=user)
                .select_related("reviewer").order_by("created_at", "pk"))


def applications_ranked(*, call: PitchCall, state: str = "", sort: str = "average"
                        ) -> list[PitchApplication]:
    """Every application of `call` (withdrawn ones too) for the organisers' decisions, each
    with `score` (pitches.scores.ScoreSummary: average, spread, number of reviews);
    sorted by average score, best first (scores.best_first), by date of application
    ("submitted") or by number of reviews, most first ("reviews"); of one `state` only if
    given."""
    found = call.applications.select_related("theme").order_by("submitted_at", "pk")
    applications = list(found.filter(state=state) if state else found)
    summaries = scores.score_summaries(call=call)
    for application in applications:
        application.score = summaries.get(application.pk, scores.NO_SCORE)
    if sort == "average":
        return scores.best_first(applications, summaries)
    if sort == "reviews":
        return sorted(applications, key=lambda item: -item.score.reviews)
    return applications


def reviews_of(*, application: PitchApplication) -> list[PitchReview]:
    """Every review of `application` with its reviewer and the mean of its scores."""
    reviews = list(application.reviews.select_related("reviewer").order_by("created_at", "pk"))
    for review in reviews:
        review.mean = scores.review_mean(review.scores or {})
    return reviews
