"""Tasks of matchmaking: they delegate to a service and are safe to run twice."""

from django.utils import timezone
from django_tasks import task

from matchmaking.services import meetings


@task()
def meetings_remind_due() -> int:
    """Queue the reminders of the meetings about to begin (meetings.meetings_remind_due)."""
    return meetings.meetings_remind_due(now=timezone.now())


@task()
def meetings_of_absentees_cancel() -> int:
    """Cancel the requests and meetings of people who no longer come to the block's event
    (meetings.meetings_of_absentees_cancel)."""
    return meetings.meetings_of_absentees_cancel(now=timezone.now())
