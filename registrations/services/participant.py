"""The participant's own data: settings, the personal link, export and deletion."""

import logging
import secrets
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import retry_on_conflict
from mail.services import mails_anonymise, mails_to
from registrations import mails, queries
from registrations.models import Participant
from registrations.services.base import RegistrationError, participant_lock
from registrations.services.places import registrations_cancel_all

logger = logging.getLogger(__name__)


@retry_on_conflict
@transaction.atomic
def participant_settings_change(*, participant: Participant, language: str,
                                listed_publicly: bool) -> Participant:
    """Change the language of mails and pages and the public-listing opt-in.

    Steps: 1. lock the participant, refuse a deleted one; 2. set and save; 3. log.
    """
    participant = participant_lock(participant_id=participant.pk)
    if participant.is_anonymised:
        raise RegistrationError(_("The data of this participant has been deleted."))
    if language not in dict(settings.CONTENT_LANGUAGES):
        raise RegistrationError(_("This language is not offered."))
    participant.language, participant.listed_publicly = language, listed_publicly
    participant.save(update_fields=["language", "listed_publicly"])
    logger.info("Participant %s changed their settings", participant.pk)
    return participant


@retry_on_conflict
@transaction.atomic
def participant_link_send(*, participant: Participant, now: datetime | None = None) -> None:
    """Send the personal link again (the address was entered in the link form).

    Steps: 1. nothing for a deleted participant; 2. log; 3. queue the personal link mail.
    """
    if participant.is_anonymised:
        return
    logger.info("Personal link sent again to participant %s", participant.pk)
    mails.mail_personal_link(participant=participant, now=now or timezone.now())


def participant_export(*, participant: Participant) -> dict:
    """Everything stored about a participant, as JSON-ready data (their right of access)."""
    registrations = queries.participant_registrations(participant=participant)
    moment = lambda value: value.isoformat() if value else None  # noqa: E731
    return {
        "email": participant.email,
        "name": participant.name,
        "organisation": {"name": participant.organisation_name,
                         "kind": participant.organisation_kind,
                         "country": participant.organisation_country.code},
        "job_title": participant.job_title,
        "country": participant.country.code,
        "language": participant.language,
        "themes": [theme.name for theme in participant.themes.all()],
        "listed_publicly": participant.listed_publicly,
        "consents": [
            {"series": item.text.series.slug, "version": item.text.version,
             "text": item.text.text, "at": moment(item.given_at)}
            for item in participant.consents.select_related("text__series")
        ],
        "registered_at": moment(participant.created_at),
        "confirmed_at": moment(participant.confirmed_at),
        "series_registrations": [
            {"series": item.series.slug, "requested_at": moment(item.requested_at),
             "confirmed_at": moment(item.confirmed_at), "cancelled_at": moment(item.cancelled_at)}
            for item in participant.series_registrations.select_related("series")
        ],
        "registrations": [
            {"series": item.event.series.slug, "event": item.event.slug,
             "event_title": item.event.title, "event_start": moment(item.event.start),
             "state": item.state, "requested_at": moment(item.requested_at),
             "confirmed_at": moment(item.confirmed_at), "cancelled_at": moment(item.cancelled_at),
             "attended": item.attended}
            for item in registrations
        ],
        "mails": [
            {"subject": mail.subject, "text": mail.text, "language": mail.language,
             "written_at": moment(mail.created_at), "state": mail.state,
             "sent_at": moment(mail.sent_at)}
            for mail in mails_to(to=participant.email).order_by("created_at", "pk")
        ],
    }


@retry_on_conflict
@transaction.atomic
def participant_delete(*, participant: Participant, now: datetime | None = None) -> Participant:
    """Delete a participant's personal data; their registrations stay for the statistics.

    Steps:
    1. lock the participant; refuse one already deleted;
    2. cancel their series registrations and their registrations of events not yet ended,
       each freed seat going to the waiting list (as registrations_cancel_all; no mail to
       the deleted address, 'promoted' mails to those who move up);
    3. replace address, name, organisation name and job title, drop themes, opt-in and
       links (a new link key voids every personal link); keep organisation kind and
       countries, which statistics count; set the time of anonymisation; save;
    4. anonymise the outbox mails to the old address (mail.services.mails_anonymise: their
       texts, links and calendar files go, unsent ones never leave);
    5. log. No mail: the address is gone.
    """
    now = now or timezone.now()
    participant = participant_lock(participant_id=participant.pk)
    if participant.is_anonymised:
        raise RegistrationError(_("The data of this participant has been deleted."))
    participant.anonymised_at = now
    participant.save(update_fields=["anonymised_at"])  # from now on, no mail to this address
    registrations_cancel_all(participant=participant, now=now)
    old_email = participant.email
    participant.email = f"deleted-{participant.pk}@anonymised.invalid"
    participant.name = participant.organisation_name = participant.job_title = ""
    participant.listed_publicly = False
    participant.confirm_nonce = ""
    participant.link_key = secrets.token_hex(16)
    participant.save()
    participant.themes.clear()
    mails_anonymise(to=old_email)
    logger.info("Participant %s anonymised", participant.pk)
    return participant
