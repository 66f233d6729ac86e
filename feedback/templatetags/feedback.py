"""The survey's offer on the participant's personal page (registrations' template includes
feedback/includes/personal_feedback.html in each registration's row)."""

from dataclasses import dataclass

from django import template

from feedback.models import FeedbackAnswer
from feedback.queries import survey_is_open
from registrations.models import Registration

register = template.Library()


@dataclass(frozen=True)
class SurveyOffer:
    answered: bool


@register.simple_tag
def survey_offer(registration: Registration) -> SurveyOffer | None:
    """What the row of `registration` (its event read) offers: the survey while it is open
    to its attended, standing registration, or nothing. One query for such a row only
    (whether it was answered): an event's survey is open for SURVEY_OPEN_DAYS, so few rows
    ever ask."""
    if (not registration.attended or registration.state == Registration.State.CANCELLED
            or not survey_is_open(registration.event)):
        return None
    return SurveyOffer(
        answered=FeedbackAnswer.objects.filter(registration_id=registration.pk).exists())
