"""The survey's mail, in the reader's language: the invitation to an event's attendee,
with their personal survey link.

Invitations go to many attendees at once: they are written to the outbox unrendered
(mail.services.mails_queue_deferred, in the caller's transaction) and rendered by the
sender (invitation_render), so that the transaction writing them stays short.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from core import local_forms
from core.i18n import url_language
from events.content_language import translated_entry
from events.models import Event
from feedback import queries
from mail.services import DeferredMail, MailContent, mails_queue_deferred
from registrations import links
from registrations.models import Participant, Registration

INVITATION_MAIL = "feedback_invitation"  # the kind of its deferred mails
INVITATION_TEMPLATE = "feedback_invitation"
MAILS_PER_TASK = 200


def invitation_cause(registration_id: int) -> str:
    """One invitation per attendee, ever: the outbox's cause is unique."""
    return f"feedback:{registration_id}:invitation"


def survey_url(*, participant: Participant, event: Event, language: str) -> str:
    """The attendee's own link to the survey of `event` (their personal link's token), in
    `language`."""
    token = links.personal_token(participant=participant)
    with translation.override(url_language(language)):
        return settings.SITE_URL + reverse("feedback:survey",
                                           kwargs={"event": event.pk, "token": token})


def mails_invitation_deferred(*, event: Event, recipients: Sequence[tuple[int, str, str]]
                              ) -> int:
    """Queue the invitation to each of `recipients` (registration id, address, language),
    to be rendered when it is sent; returns how many mails were new."""
    if not recipients:
        return 0
    return mails_queue_deferred(
        series_id=event.series_id, per_task=MAILS_PER_TASK,
        mails=[DeferredMail(cause=invitation_cause(registration_id), to=email,
                            language=language, kind=INVITATION_MAIL,
                            arguments={"registration": registration_id})
               for registration_id, email, language in recipients])


def invitation_content(*, registration: Registration, language: str) -> MailContent:
    """The invitation for one attendee (registration with participant, event and series
    read): what the survey asks, until when, and their link."""
    event, participant = registration.event, registration.participant
    with translation.override(language):
        when = local_forms.when(event.start, event.end, event.time_zone)
        closes = formats.date_format(queries.survey_closes_at(event).astimezone(event.tzinfo),
                                     "DATE_FORMAT")
    return MailContent(
        template=INVITATION_TEMPLATE,
        context={"event": {**translated_entry("title", event, "title", language=language),
                           **translated_entry("series", event.series, "title",
                                              language=language)},
                 "when": f"{when.start}–{when.end}", "zone": when.zone, "closes": closes},
        personal={"name": participant.name,
                  "survey_url": survey_url(participant=participant, event=event,
                                           language=language)})


def invitation_render(arguments: Mapping[str, Any], language: str) -> MailContent | None:
    """The invitation of a deferred mail, as it reads when sent; None when it is no longer
    wanted: the registration is gone or cancelled, its participant deleted their data, or
    the survey closed."""
    registration = (Registration.objects.select_related("participant", "event__series")
                    .filter(pk=arguments["registration"]).first())
    if registration is None or queries.survey_refusal(registration) is not None:
        return None
    return invitation_content(registration=registration, language=language)
