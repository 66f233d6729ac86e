"""The applicant's mails, one per state they hear of (pitches.services.states.MAILED), in
their language, written to the outbox in the caller's transaction."""

import zoneinfo
from datetime import datetime

from django.utils import formats, translation

from core import local_forms
from events.content_language import translated_entry
from pitches import links
from pitches.models import PitchApplication
from registrations.mails import participant_mail_queue

State = PitchApplication.State

# the template (pitches/templates/mail/<name>/) of each state's mail
TEMPLATES = {
    State.SHORTLISTED: "pitch_shortlisted",
    State.ACCEPTED: "pitch_accepted",
    State.CONFIRMED: "pitch_confirmed",
    State.DECLINED: "pitch_declined",
    State.LAPSED: "pitch_lapsed",
    State.WITHDRAWN: "pitch_withdrawn",
}


def application_cause(application: PitchApplication) -> str:
    """One mail per state and offer: an application accepted twice (an offer after a
    declined one) hears of each offer."""
    return f"pitch:{application.pk}:{application.state}:{application.offer_number}"


def local_moment(moment: datetime, zone: str) -> dict[str, str]:
    """A moment in `zone`, in the active language: {"at": "Thursday 5 March 2026, 09:30",
    "zone": "Sofia time (EET, UTC+2)"}."""
    local = moment.astimezone(zoneinfo.ZoneInfo(zone))
    return {"at": f"{local_forms.day(local)}, "
                  f"{formats.time_format(local, formats.get_format('TIME_FORMAT'))}",
            "zone": local_forms.zone_label(zone, local)}


def mail_application_state(*, application: PitchApplication, now: datetime) -> None:
    """Queue the mail telling the applicant of their application's new state (with the
    confirmation link and its deadline for an offered slot), in their language.

    `application` has its call (with event and series) and participant read; a state
    without a mail (submitted again) queues nothing, nor does the withdrawal that deleting
    one's data makes (the address is gone). The cause (application_cause) makes
    it one mail per state and offer, however often this is called."""
    template = TEMPLATES.get(application.state)
    participant = application.participant
    if template is None or participant.anonymised_at is not None:
        return  # no mail for this state, or the applicant deleted their data
    language = participant.language
    event = application.call.event
    with translation.override(language):
        when = local_forms.when(event.start, event.end, event.time_zone)
        context = {
            "pitch": {**translated_entry("event", event, "title", language=language),
                      **translated_entry("series", event.series, "title", language=language)},
            "company": application.organisation_name,
            "when": f"{when.start}–{when.end}", "zone": when.zone,
            "pitch_minutes": application.call.pitch_minutes,
        }
        personal = {}
        if application.state == State.ACCEPTED:
            deadline = local_moment(application.offer_expires_at, event.time_zone)
            context |= {"deadline": deadline["at"], "deadline_zone": deadline["zone"]}
            personal["confirm_url"] = links.confirm_url(application=application,
                                                        language=language)
    participant_mail_queue(participant=participant, cause=application_cause(application),
                           template=template, context=context, personal=personal,
                           series_id=event.series_id)
