"""A reviewer's scores and comment on an application (pitches.models.PitchReview).

Who may review is asked by the workspace (orga.review_pitches); the rules of a review
itself are here: not an application of the reviewer's own organisation, not a withdrawn
one, a score from SCORE_MIN to SCORE_MAX for every criterion of the application's call and
for nothing else.
"""

import logging
from collections.abc import Mapping
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import retry_on_conflict
from pitches import queries_reviews
from pitches.models import SCORE_MAX, SCORE_MIN, PitchApplication, PitchReview
from pitches.services.states import PitchError

logger = logging.getLogger(__name__)


@retry_on_conflict
@transaction.atomic
def review_save(*, application: PitchApplication, reviewer, scores: Mapping[int, int],
                comment: str, now: datetime | None = None) -> PitchReview:
    """Save `reviewer`'s review of `application` (a new one, or their earlier one changed),
    or raise PitchError with a translated reason and change nothing.

    Steps: 1. read the application as it is now (withdrawn ones are not reviewed);
    2. refuse a reviewer of the applicant's own organisation; 3. check the scores: one
    whole number from SCORE_MIN to SCORE_MAX for each criterion of the call, none for
    another's; 4. write the review (one per reviewer and application); 5. log ids.
    """
    now = now or timezone.now()
    current = (PitchApplication.objects.select_related("call__event")
               .filter(pk=application.pk).first())
    if current is None or current.state == PitchApplication.State.WITHDRAWN:
        raise PitchError(_("This application was withdrawn: it is not reviewed any more."))
    if queries_reviews.is_own_organisation(user=reviewer, application=current):
        raise PitchError(_("This is an application of your own organisation: you cannot "
                           "review it."))
    criteria = set(current.call.criteria.values_list("pk", flat=True))
    if not criteria:
        raise PitchError(_("The call has no criteria yet: there is nothing to score."))
    given = {int(key): value for key, value in scores.items()}
    if set(given) != criteria:
        raise PitchError(_("Please give a score for each criterion of this call, and for "
                           "no other."))
    if any(isinstance(value, bool) or not isinstance(value, int)
           or not SCORE_MIN <= value <= SCORE_MAX for value in given.values()):
        raise PitchError(_("Each score is a whole number from %(low)d to %(high)d.") % {
            "low": SCORE_MIN, "high": SCORE_MAX})
    review, created = PitchReview.objects.update_or_create(
        application=current, reviewer=reviewer,
        defaults={"scores": {str(key): value for key, value in sorted(given.items())},
                  "comment": comment.strip(), "updated_at": now},
        create_defaults={"scores": {str(key): value for key, value in sorted(given.items())},
                         "comment": comment.strip(), "created_at": now, "updated_at": now})
    logger.info("Pitch review %s of application %s by user %s %s", review.pk, current.pk,
                reviewer.pk, "written" if created else "changed")
    return review
