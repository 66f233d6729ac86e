"""Writes of the survey in the workspace: inviting an event's attendees to its survey."""

from django.db import transaction

from core.db import retry_on_conflict
from events.models import Event
from feedback.services import feedback_invitations_queue
from orga.services.audit import audit_record


@retry_on_conflict
def event_feedback_invite(*, event: Event, actor) -> int:
    """Invite the event's attendees not yet invited to its survey; returns how many were
    invited now (a second attendance import adds attendees: pressing again invites them
    alone). FeedbackError when the survey is not open.

    Steps, in one short transaction (the mails are written unrendered, in bulk):
    1. record the invitations and write their mails (feedback_invitations_queue: the
       participants locked FOR SHARE for its two inserts; each attendee once, also when
       two organisers press at once);
    2. audit mail.feedback_invitation with the count and the registrations' ids, when
       anybody was invited.
    """
    with transaction.atomic():
        invited = feedback_invitations_queue(event=event)
        if invited:
            audit_record(series=event.series, actor=actor, obj=event,
                         action="mail.feedback_invitation",
                         data={"invited": len(invited), "registrations": invited})
    return len(invited)
