"""The pitch session's workflows in the workspace: the call's settings and criteria, and
the organisers' decisions on applications (through pitches.services.states, the one
state-change function), each recorded in the audit log in its own transaction."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from core.db import retry_on_conflict
from events.models import Series
from orga.services.audit import audit_record, changes_between
from pitches.models import PitchApplication, PitchCall, PitchCriterion, PitchReview
from pitches.services.reviews import review_save
from pitches.services.states import PitchError, application_state_change, call_lock

CALL_FIELDS = ("event", "opens_at", "closes_at", "pitch_minutes", "pitch_count",
               "open_to_non_members", "confirm_days")

__all__ = ["CALL_FIELDS", "PitchError", "pitch_call_save", "pitch_decide", "pitch_review_save"]


@retry_on_conflict
@transaction.atomic
def pitch_call_save(*, actor, series: Series, call: PitchCall | None,
                    values: Mapping[str, Any],
                    criteria: Sequence[tuple[int | None, Mapping[str, str]]],
                    deleted: Sequence[int] = ()) -> PitchCall:
    """Create the series' call (`call` None) or change it, with its criteria.

    Steps: 1. lock the call (pitches' lock order: the call first); 2. set its fields from
    `values` (CALL_FIELDS) and save; 3. delete the criteria `deleted` (and their scores in
    the reviews given), save `criteria` — (id or None for a new one, {name_<code>: text})
    — in their order; 4. record it (pitch_call.create / .update, with what changed).
    """
    before = {}
    if call is not None:
        call = call_lock(call_id=call.pk)
        before = {name: getattr(call, name) for name in CALL_FIELDS}
    else:
        call = PitchCall()
    for name in CALL_FIELDS:
        setattr(call, name, values[name])
    call.save()
    after = {name: getattr(call, name) for name in CALL_FIELDS}

    gone = list(call.criteria.filter(pk__in=deleted).values_list("pk", flat=True))
    if gone:
        call.criteria.filter(pk__in=gone).delete()
        for review in PitchReview.objects.filter(application__call=call).select_for_update(
                no_key=True, of=("self",)):
            kept = {key: value for key, value in review.scores.items()
                    if int(key) not in gone}
            if kept != review.scores:
                review.scores = kept
                review.save(update_fields=["scores"])
    existing = {criterion.pk: criterion for criterion in call.criteria.all()}
    for position, (pk, names) in enumerate(criteria):
        criterion = existing.get(pk) if pk else None
        if pk and criterion is None:
            continue  # deleted meanwhile
        criterion = criterion or PitchCriterion(call=call)
        for name, text in names.items():
            setattr(criterion, name, text)
        criterion.position = position
        criterion.save()

    audit_record(series=series, actor=actor,
                 action="pitch_call.update" if before else "pitch_call.create", obj=call,
                 event=call.event,
                 changes=changes_between(before, after) if before else None,
                 data={"criteria": len(criteria), "criteria_deleted": len(gone)})
    return call


@retry_on_conflict
@transaction.atomic
def pitch_decide(*, actor, series: Series, application: PitchApplication,
                 to: str) -> PitchApplication:
    """An organiser's decision on an application: shortlist, accept (offer a slot),
    decline, or back to submitted; raises PitchError (translated) and changes nothing if
    the rules refuse it.

    Steps: 1. lock the call, read the state before; 2. change the state through
    pitches.services.states.application_state_change (which saves, logs and queues the
    applicant's mail); 3. record it (pitch.decide, the state before and after).
    """
    call_lock(call_id=application.call_id)
    before = (PitchApplication.objects.filter(pk=application.pk)
              .values_list("state", flat=True).first())
    changed = application_state_change(application_id=application.pk, to=to)
    audit_record(series=series, actor=actor, action="pitch.decide", obj=changed,
                 event=changed.call.event, changes={"state": (before, changed.state)})
    return changed


@retry_on_conflict
@transaction.atomic
def pitch_review_save(*, actor, series: Series, application: PitchApplication,
                      scores: Mapping[int, int], comment: str) -> PitchReview:
    """A reviewer's scores and comment (pitches.services.reviews.review_save, which refuses
    what its rules do not allow with a PitchError), recorded (pitch.review: the
    application, never the scores or the comment)."""
    review = review_save(application=application, reviewer=actor, scores=scores,
                         comment=comment)
    audit_record(series=series, actor=actor, action="pitch.review", obj=review,
                 event=application.call.event, data={"application": application.pk})
    return review
