"""The personal page's matchmaking section (registrations' template includes
matchmaking/includes/personal_matchmaking.html)."""

from django import template

from matchmaking import queries_people
from registrations.models import Participant

register = template.Library()


@register.simple_tag
def personal_matchmaking(participant: Participant | None) -> list[queries_people.PersonalEntry]:
    """For each series with open matchmaking the participant is registered in: their
    profile (or none yet) and the requests waiting for their answer."""
    if participant is None or participant.is_anonymised:
        return []
    return queries_people.personal_entries(participant=participant)
