"""Tasks of matchmaking: they delegate to a service and are safe to run twice."""

from django.utils import timezone
from django_tasks import task

from matchmaking.services import meetings


@task()
def meetings_remind_due() -> int:
    """Queue the reminders of the meetings about to begin (meetings.meetings_remind_due)."""
    return meetings.meetings_remind_due(now=timezone.now())
