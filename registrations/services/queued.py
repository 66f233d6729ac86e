"""The requests the public forms queue for the worker (registrations.tasks): whatever
depends on whose address was entered happens here, after the form has answered, so that
the answer is the same for every address (nobody learns from it who is registered)."""

import logging
from datetime import datetime

from django.utils import translation
from django.utils.translation import gettext as _

from events.models import Series, Theme
from registrations import mails, queries
from registrations.models import ConsentText, Participant
from registrations.services.base import ParticipantData, RegistrationError
from registrations.services.participant import participant_link_send
from registrations.services.signup import registration_request

logger = logging.getLogger(__name__)

def registration_request_queued(*, request_id: str, series_id: int, consent_id: int,
                                event_ids: list[int] | None, theme_ids: list[int],
                                participant_id: int | None, data: dict,
                                now: datetime | None = None) -> Participant | None:
    """Take a registration request the form queued (registrations.views.register).

    Returns the participant, or None when nothing was registered.

    Steps:
    1. drop it silently (log by id) if the address belonged to a participant when it was
       sent (`participant_id`) who has deleted their data since — their request goes with
       them —, or if the address is one that never receives mail (the form refuses it);
    2. read series, privacy notice, events and themes by id;
    3. registration_request in the participant's language: it checks again what the form
       checked (the series or an event may have closed, the notice changed meanwhile);
    4. if it refuses: log, and queue the mail saying why, in their language, to the
       address as entered (once per request: the request's id is the mail's cause).
    """
    if participant_id is not None and not Participant.objects.active().filter(
            pk=participant_id).exists():
        logger.info("Registration request %s dropped: participant %s deleted their data",
                    request_id, participant_id)
        return None
    if queries.email_reserved(data["email"]):
        logger.info("Registration request %s dropped: a reserved address", request_id)
        return None
    series = Series.objects.filter(pk=series_id).first()
    if series is None:
        logger.info("Registration request %s dropped: series %s deleted", request_id, series_id)
        return None
    participant_data = ParticipantData(  # `data`: the plain fields of ParticipantData
        **data, themes=tuple(Theme.objects.filter(pk__in=theme_ids)))
    language = participant_data.language
    with translation.override(language):
        try:
            return registration_request(
                series=series, data=participant_data, now=now,
                consent=_consent(consent_id), events=_events(event_ids))
        except RegistrationError as error:
            reason = str(error)
    logger.info("Registration request %s refused by the worker (series %s)",
                request_id, series.pk)
    mails.mail_registration_refused(
        to=participant_data.email, name=participant_data.name, language=language,
        series=series, reason=reason, cause=f"registration-request:{request_id}:refused")
    return None


def _consent(consent_id: int) -> ConsentText:
    consent = ConsentText.objects.filter(pk=consent_id).first()
    if consent is None:  # deleted since: no longer the current notice
        raise RegistrationError(_(
            "The privacy notice has changed. Please read it again and agree to it."))
    return consent


def _events(event_ids: list[int] | None) -> list | None:
    """The chosen events in date order (None: the whole series)."""
    if event_ids is None:
        return None
    events = queries.events_by_id(ids=set(event_ids))
    if len(events) != len(set(event_ids)):  # deleted since
        raise RegistrationError(_("Registration for one of the chosen events is not open."))
    return sorted(events.values(), key=lambda event: (event.start, event.pk))


def participant_link_request_queued(*, participant_id: int | None,
                                    now: datetime | None = None) -> None:
    """Take a request for the personal link the form queued (registrations.views.
    link_request): `participant_id` is whom the address belonged to then, None for nobody.

    Steps: 1. nothing for nobody, or a participant deleted since; 2. participant_link_send
    (log, queue the mail with the personal link).
    """
    if participant_id is None:
        return
    participant = Participant.objects.active().filter(pk=participant_id).first()
    if participant is not None:
        participant_link_send(participant=participant, now=now)
