"""Reads of the workspace's attendance pages: the preview of an uploaded report, with the
series' team (whose rows are staff, not attendees)."""

from attendance.matching import Preview, preview_build
from attendance.models import PendingAttendanceImport
from events.models import Event
from orga.models import TeamMember


def attendance_preview(*, event: Event, pending: PendingAttendanceImport) -> Preview:
    """The preview of `pending` for `event`: three queries."""
    team = (TeamMember.objects.filter(series_id=event.series_id)
            .values_list("user__email", flat=True))
    return preview_build(event=event, rows=pending.rows, team_emails=list(team))
