"""Matchmaking's mails, one function per kind, in the recipient's language, written to the
outbox in the caller's transaction (TO BE WRITTEN by the requests and meetings work; the
signatures are fixed: other modules call them)."""

from datetime import datetime

from matchmaking.models import MeetingRequest


def mail_request_received(*, request: MeetingRequest, now: datetime) -> None:
    """To the receiver: who asks for a meeting, their message, the link to answer."""


def mail_request_answered(*, request: MeetingRequest, now: datetime) -> None:
    """To the sender: accepted (with the receiver's e-mail and phone) or declined."""


def mail_meeting_scheduled(*, request: MeetingRequest, now: datetime) -> None:
    """To both: the meeting's time (in the event's zone), table or room link, calendar."""


def mail_meeting_cancelled(*, request: MeetingRequest, now: datetime) -> None:
    """To the side that did not cancel: the meeting is off, the slot free."""


def mail_meeting_reminder(*, request: MeetingRequest, now: datetime) -> None:
    """To both, shortly before the meeting: when, with whom, where (table or room link)."""
