"""The reviewers' scores of applications, summed up: what the organisers sort by and the
sweep ranks the shortlisted by."""

from dataclasses import dataclass

from pitches.models import PitchApplication, PitchCall, PitchReview


@dataclass(frozen=True)
class ScoreSummary:
    average: float | None   # the mean of every score given (every reviewer, every criterion)
    lowest: int | None
    highest: int | None
    reviews: int            # how many reviewers scored it

    @property
    def spread(self) -> int | None:
        return None if self.lowest is None else self.highest - self.lowest


NO_SCORE = ScoreSummary(None, None, None, 0)


def review_mean(review_scores: dict) -> float | None:
    """The mean of one review's scores (criterion id → 1–5), None for none."""
    values = [value for value in review_scores.values() if isinstance(value, int)]
    return sum(values) / len(values) if values else None


def score_summaries(*, call: PitchCall) -> dict[int, ScoreSummary]:
    """application id → its ScoreSummary, for every application of `call` (one query). The
    average is the mean of the reviewers' means, so that a reviewer who skipped a criterion
    weighs as much as the others; the spread is that of the reviewers' means, rounded."""
    means: dict[int, list[float]] = {}
    for application_id, scores in PitchReview.objects.filter(
            application__call=call).values_list("application_id", "scores"):
        mean = review_mean(scores or {})
        if mean is not None:
            means.setdefault(application_id, []).append(mean)
    return {application_id: ScoreSummary(sum(values) / len(values), round(min(values)),
                                         round(max(values)), len(values))
            for application_id, values in means.items()}


def best_first(applications: list[PitchApplication], summaries: dict[int, ScoreSummary]
               ) -> list[PitchApplication]:
    """Applications by average score, best first; unscored last; ties by who applied first."""
    def key(application: PitchApplication):
        average = summaries.get(application.pk, NO_SCORE).average
        return (average is None, -(average or 0), application.submitted_at, application.pk)

    return sorted(applications, key=key)
