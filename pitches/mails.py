"""The applicant's mails, one per state they hear of (pitches.services.states.MAILED), in
their language, written to the outbox in the caller's transaction."""

from datetime import datetime

from pitches.models import PitchApplication


def application_cause(application: PitchApplication) -> str:
    """One mail per state and offer: an application accepted twice (an offer after a
    declined one) hears of each offer."""
    return f"pitch:{application.pk}:{application.state}:{application.offer_number}"


def mail_application_state(*, application: PitchApplication, now: datetime) -> None:
    """Queue the mail telling the applicant of their application's new state (with the
    confirmation link and its deadline for an offered slot). To be written (the decisions'
    area)."""
