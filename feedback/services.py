"""Writes of the survey: an attendee's answer (given, or changed until the survey closes),
the invitations to an event's attendees, and the erasure of an answer's texts when its
author deletes their data.

Locks follow the one order of the README ("Locks"): participants first. An answer is
written under its participant's lock (FOR NO KEY UPDATE), so two submissions of one
attendee run one after the other, and a deletion of their data either comes first (the
answer is refused) or after (it erases the texts). The invitations lock the attendees'
participants FOR SHARE, by id, for the moment of two inserts: a deletion at the same time
either comes first (they are left out) or waits for the commit and then anonymises the mail.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from core.db import insert_many_unless_taken, retry_on_conflict, rows_lock_shared
from events.models import Event
from feedback import mails, queries
from feedback.models import FeedbackAnswer, FeedbackInvitation
from registrations.models import Participant
from registrations.services.base import participant_lock

logger = logging.getLogger(__name__)


class FeedbackError(Exception):
    """An answer or an invitation the rules refuse; the message is translated."""


@dataclass(frozen=True)
class AnswerData:
    """What an attendee enters in the survey (feedback.forms.SurveyForm)."""

    rating: int
    most_useful_talk_id: int | None = None
    come_again: str = ""
    next_topics: str = ""
    comment: str = ""


@retry_on_conflict
@transaction.atomic
def feedback_answer_save(*, participant_id: int, event_id: int, data: AnswerData,
                         now: datetime | None = None) -> tuple[FeedbackAnswer, bool]:
    """Record an attendee's answer to the survey of an event, or change the one they gave.
    Returns the answer and whether it is new.

    Steps, in one transaction:
    1. lock the participant (1st in the lock order);
    2. read their registration of the event; refuse (FeedbackError) unless they attended,
       the registration stands, their data is not deleted and the survey is open
       (queries.survey_refusal);
    3. refuse a talk that is not one of the survey's (another event's, or without
       speakers);
    4. write the one answer: create it (answered at now), or change it (changed at now);
    5. log by ids.
    """
    now = now or timezone.now()
    participant = participant_lock(participant_id=participant_id)
    registration = queries.survey_registration(participant=participant, event_id=event_id)
    refusal = queries.survey_refusal(registration, now=now)
    if refusal:
        raise FeedbackError(refusal)
    talk_id = data.most_useful_talk_id
    if talk_id is not None and not queries.survey_talks(event=registration.event).filter(
            pk=talk_id).exists():
        raise FeedbackError(queries.talk_refusal())
    values = {"rating": data.rating, "most_useful_talk_id": talk_id,
              "come_again": data.come_again, "next_topics": data.next_topics,
              "comment": data.comment}
    answer = queries.answer_of(registration=registration)
    created = answer is None
    if created:
        answer = FeedbackAnswer.objects.create(registration=registration, answered_at=now,
                                               **values)
    else:
        for name, value in values.items():
            setattr(answer, name, value)
        answer.changed_at = now
        answer.save()
    logger.info("Feedback %s for registration %s", "given" if created else "changed",
                registration.pk)
    return answer, created


def feedback_invitations_queue(*, event: Event, now: datetime | None = None) -> list[int]:
    """Invite the event's attendees not yet invited to its survey, in the caller's
    transaction; returns the ids of the registrations invited now (none twice, also when
    two organisers send at once).

    Steps:
    1. refuse unless the survey is open (FeedbackError);
    2. read the attendees to invite (queries.attendees_to_invite);
    3. lock their participants FOR SHARE, by id (1st in the lock order), and read them
       again: a participant who deleted their data meanwhile is left out;
    4. record their invitations, leaving out any another transaction recorded
       (core.db.insert_many_unless_taken);
    5. write one mail to each attendee invited now, rendered when it is sent
       (feedback.mails.mails_invitation_deferred: cause feedback:<registration>:invitation).
    """
    now = now or timezone.now()
    refusal = queries.survey_event_refusal(event, now=now)
    if refusal:
        raise FeedbackError(refusal)
    participant_ids = list(queries.attendees_to_invite(event=event)
                           .values_list("participant_id", flat=True))
    if not participant_ids:
        return []
    rows_lock_shared(Participant, participant_ids)
    candidates = {registration_id: (email, language) for registration_id, email, language in
                  queries.attendees_to_invite(event=event)
                  .filter(participant_id__in=participant_ids)
                  .values_list("pk", "participant__email", "participant__language")}
    inserted = insert_many_unless_taken([
        FeedbackInvitation(registration_id=registration_id, sent_at=now)
        for registration_id in sorted(candidates)])
    invited = sorted(FeedbackInvitation.objects.filter(pk__in=inserted)
                     .values_list("registration_id", flat=True))
    mails.mails_invitation_deferred(
        event=event, recipients=[(pk, *candidates[pk]) for pk in invited])
    logger.info("Feedback invitations for event %s: %d", event.pk, len(invited))
    return invited


def feedback_answers_anonymise(participant: Participant) -> int:
    """Erase what a participant's answers say in their own words (next topics, comment),
    in participant_delete's transaction: free text may name them. The rating, the talk
    and 'come again' stay: the figures count them, and they name nobody. Returns how many
    answers were changed."""
    return FeedbackAnswer.objects.filter(registration__participant=participant).update(
        next_topics="", comment="")
