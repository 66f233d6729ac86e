"""The pitch pages' small helpers: a review's score of a criterion, a moment in the pitch
session's zone."""

from datetime import datetime

from django import template

from pitches.mails import local_moment

register = template.Library()


@register.filter
def score_of(scores: dict, criterion_id: int):
    """The score a review gave criterion `criterion_id` (scores are keyed by its id's text)."""
    return (scores or {}).get(str(criterion_id))


@register.filter
def in_zone(moment: datetime | None, zone: str) -> str:
    """"Thursday 5 March 2026, 09:30 (Sofia time (EET, UTC+2))": a moment in `zone`."""
    if moment is None:
        return ""
    local = local_moment(moment, zone)
    return f"{local['at']} ({local['zone']})"
