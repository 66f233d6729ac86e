"""The survey's offer on the participant's personal page (registrations' template includes
feedback/includes/personal_feedback.html in each registration's row)."""

from dataclasses import dataclass

from django import template

from feedback.models import FeedbackAnswer
from feedback.queries import survey_is_open
from registrations.models import Registration

register = template.Library()
_ANSWERED = "_feedback_answered_registration_ids"  # kept on the page's participant


@dataclass(frozen=True)
class SurveyOffer:
    answered: bool


@register.simple_tag(takes_context=True)
def survey_offer(context, registration: Registration) -> SurveyOffer | None:
    """What the row of `registration` (its event read) offers: the survey while it is open
    to its attended, standing registration, or nothing. Which of the participant's
    registrations were answered is read once per page (one query, and only when a row
    offers the survey), and kept on the page's `participant`."""
    if (not registration.attended or registration.state == Registration.State.CANCELLED
            or not survey_is_open(registration.event)):
        return None
    owner = context.get("participant")
    if owner is None or owner.pk != registration.participant_id:
        owner = registration  # a page without its participant: asked for this row alone
    answered = getattr(owner, _ANSWERED, None)
    if answered is None:
        answered = set(FeedbackAnswer.objects.filter(
            registration__participant_id=registration.participant_id)
            .values_list("registration_id", flat=True))
        setattr(owner, _ANSWERED, answered)
    return SurveyOffer(answered=registration.pk in answered)
