"""The requests the public forms queue for the worker (registrations.tasks): whatever
depends on whose address was entered happens here, after the form has answered, so that
the answer is the same for every address (nobody learns from it who is registered)."""

import logging
from datetime import datetime

from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from events.content_language import series_fallback
from events.models import Event
from registrations import mails, queries
from registrations.models import ConsentText, Participant
from registrations.services.base import ParticipantData, RegistrationError
from registrations.services.participant import participant_link_send
from registrations.services.signup import registration_request

logger = logging.getLogger(__name__)


def registration_request_queued(*, request_id: str, series_slug: str, consent_id: int,
                                event_ids: list[int] | None, theme_ids: list[int],
                                participant_id: int | None, data: dict,
                                now: datetime | None = None) -> Participant | None:
    """Take a registration request the form queued (registrations.views.register).

    Returns the participant, or None when nothing was registered.

    Steps:
    1. drop it silently (log by id) if the address belonged to a participant when it was
       sent (`participant_id`) who has deleted their data since — their request goes with
       them —, if the address is one that never receives mail (the form refuses it), or if
       the series is no longer published;
    2. read what the form offered (queries.registration_offer, from the content cache as
       the form read it): the series, its current privacy notice, the chosen events and
       themes by id;
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
    try:
        offer = queries.registration_offer(slug=series_slug)
    except Http404:
        logger.info("Registration request %s dropped: its series is no longer published",
                    request_id)
        return None
    participant_data = ParticipantData(  # `data`: the plain fields of ParticipantData
        **data, themes=tuple(theme for theme in offer.themes if theme.pk in theme_ids))
    language = participant_data.language
    # as in the form's request: the series' own language first where a text is missing
    with series_fallback(offer.series.default_language), translation.override(language):
        try:
            return registration_request(
                series=offer.series, consent=_consent(offer, consent_id), data=participant_data,
                events=_events(offer, event_ids), now=now)
        except RegistrationError as error:
            reason = str(error)
    logger.info("Registration request %s refused by the worker (series %s)",
                request_id, offer.series.pk)
    with series_fallback(offer.series.default_language):
        mails.mail_registration_refused(
            to=participant_data.email, name=participant_data.name, language=language,
            series=offer.series, reason=reason,
            cause=f"registration-request:{request_id}:refused")
    return None


def _consent(offer: queries.RegistrationOffer, consent_id: int) -> ConsentText:
    """The notice agreed to, while it is still the current one."""
    if offer.consent is None or offer.consent.pk != consent_id:
        raise RegistrationError(_(
            "The privacy notice has changed. Please read it again and agree to it."))
    return offer.consent


def _events(offer: queries.RegistrationOffer, event_ids: list[int] | None) -> list[Event] | None:
    """The chosen events in date order (None: the whole series); registration_request
    checks each again."""
    if event_ids is None:
        return None
    events = [event for event in offer.upcoming if event.pk in event_ids]
    if len(events) != len(set(event_ids)):  # ended, unpublished or deleted since
        raise RegistrationError(_("Registration for one of the chosen events is not open."))
    return sorted(events, key=lambda event: (event.start, event.pk))


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
