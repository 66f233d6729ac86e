"""The participant's own data: settings, the personal link, export and deletion."""

import json
import logging
import re
import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import retry_on_conflict
from mail.models import Mail
from mail.services import mails_anonymise, mails_to
from registrations import mails, queries
from registrations.models import Consent, Participant, Registration, SeriesRegistration
from registrations.services.base import RegistrationError, participant_lock
from registrations.services.places import registrations_cancel_all

logger = logging.getLogger(__name__)
# What the apps that build on registrations erase of a participant when they delete their
# data, in the same transaction (registered from an AppConfig.ready(); registrations may not
# import them): e.g. feedback.services.feedback_answers_anonymise.
_ERASERS: list[Callable[[Participant], None]] = []


# What those apps keep of a participant, for their export: key → read(participant).
_EXPORTERS: dict[str, Callable[[Participant], Any]] = {}


def participant_eraser_register(erase: Callable[[Participant], None]) -> None:
    """Have `erase(participant)` run in participant_delete's transaction (step 5)."""
    if erase not in _ERASERS:
        _ERASERS.append(erase)


def participant_exporter_register(key: str, read: Callable[[Participant], Any]) -> None:
    """Have participant_export add `key`: read(participant), JSON-ready data."""
    _EXPORTERS[key] = read


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
    """Everything stored about a participant, as JSON-ready data (their right of access),
    with what the apps built on registrations keep of them (participant_exporter_register)."""
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
    } | {key: read(participant) for key, read in _EXPORTERS.items()}


@retry_on_conflict
@transaction.atomic
def participant_delete(*, participant: Participant, now: datetime | None = None) -> Participant:
    """Delete a participant's personal data; their registrations stay for the statistics.

    Steps:
    1. lock the participant; refuse one already deleted;
    2. cancel their series registrations and their registrations of events not yet ended,
       each freed seat going to the waiting list (as registrations_cancel_all; no mail to
       the deleted address, 'promoted' mails to those who move up);
    3. replace address, name, organisation name and job title, drop opt-in and links (a
       new link key voids every personal link); keep organisation kind, countries,
       language and themes of interest, which the figures count (none of them names a
       person on its own); set the time of anonymisation; save;
    4. anonymise the outbox mails to the old address (mail.services.mails_anonymise: their
       texts, links and calendar files go, unsent ones never leave);
    5. anonymise the admin history that names them (admin_history_anonymise), and let
       the apps built on registrations erase what they keep of them
       (participant_eraser_register);
    6. log. No mail: the address is gone.
    """
    now = now or timezone.now()
    participant = participant_lock(participant_id=participant.pk)
    if participant.is_anonymised:
        raise RegistrationError(_("The data of this participant has been deleted."))
    participant.anonymised_at = now
    participant.save(update_fields=["anonymised_at"])  # from now on, no mail to this address
    registrations_cancel_all(participant=participant, now=now)
    old_email, old_name = participant.email, participant.name
    mail_ids = list(mails_to(to=old_email).values_list("pk", flat=True))
    participant.email = f"deleted-{participant.pk}@anonymised.invalid"
    participant.name = participant.organisation_name = participant.job_title = ""
    participant.listed_publicly = False
    participant.confirm_nonce = ""
    participant.link_key = secrets.token_hex(16)
    participant.save()
    mails_anonymise(to=old_email)
    admin_history_anonymise(participant=participant, known=[old_email, old_name],
                            mail_ids=mail_ids)
    for erase in _ERASERS:
        erase(participant)
    logger.info("Participant %s anonymised", participant.pk)
    return participant


def admin_history_anonymise(*, participant: Participant, known: list[str],
                            mail_ids: list[int]) -> int:
    """Rewrite the admin's history (django_admin_log) so that it no longer names a
    participant whose data was just deleted; the entries stay (who changed what, when).

    Returns how many entries were rewritten. Runs in the caller's transaction.

    Steps:
    1. the entries of the participant's own objects (the participant, their registrations,
       series registrations and consents, the mails to them) get the object's label as it
       reads now, anonymised (e.g. "#12 – Leipzig (cancelled)");
    2. the names the participant's entries were labelled with (earlier names) join the
       `known` address and name;
    3. in those entries and in every other entry that mentions one of them, each mention
       in the label and in the change message (the admin's JSON or a plain text) becomes
       "#<participant id>".
    """
    owned: dict[type[models.Model], list[int]] = {
        Participant: [participant.pk],
        Registration: list(participant.registrations.values_list("pk", flat=True)),
        SeriesRegistration: list(participant.series_registrations.values_list("pk", flat=True)),
        Consent: list(participant.consents.values_list("pk", flat=True)),
        Mail: mail_ids,
    }
    own, labels = Q(pk__in=[]), {}
    for model, ids in owned.items():
        if not ids:
            continue
        content_type = ContentType.objects.get_for_model(model)
        own |= Q(content_type=content_type, object_id__in=[str(pk) for pk in ids])
        labels[content_type.pk] = _labels(model, ids)
    participant_type = ContentType.objects.get_for_model(Participant)
    names = LogEntry.objects.filter(content_type=participant_type, object_id=str(participant.pk))
    mentions = sorted({text.strip() for text in [*known, *names.values_list("object_repr",
                                                                            flat=True)]
                       if len(text.strip()) >= 3}, key=len, reverse=True)
    mentioned = Q(pk__in=[])
    for text in mentions:
        for form in {text, json.dumps(text)[1:-1]}:  # as typed, and as the admin's JSON has it
            mentioned |= Q(object_repr__icontains=form) | Q(change_message__icontains=form)
    replace = _replacer(mentions, f"#{participant.pk}")
    rewritten = 0
    for entry in LogEntry.objects.filter(own | mentioned):
        label = labels.get(entry.content_type_id, {}).get(entry.object_id)
        entry.object_repr = (label or replace(entry.object_repr))[:200]
        entry.change_message = _message_replaced(entry.change_message, replace)
        entry.save(update_fields=["object_repr", "change_message"])
        rewritten += 1
    return rewritten


# what each own object's label (__str__) reads
_LABEL_RELATED = {Registration: ["participant", "event"], SeriesRegistration: ["participant",
                  "series"], Consent: ["participant", "text__series"]}


def _labels(model: type[models.Model], ids: list[int]) -> dict[str, str]:
    objects = model.objects.filter(pk__in=ids).select_related(*_LABEL_RELATED.get(model, []))
    return {str(item.pk): str(item) for item in objects}


def _replacer(mentions: list[str], placeholder: str):
    if not mentions:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(text) for text in mentions), re.IGNORECASE)
    return lambda text: pattern.sub(placeholder, text)


def _message_replaced(message: str, replace) -> str:
    """The change message with every mention replaced: in each text of the admin's JSON
    (a list of {"added"/"changed"/"deleted": {…}}), or in the plain text of an older one."""
    try:
        data = json.loads(message)
    except ValueError:
        return replace(message)

    def walk(value):
        if isinstance(value, str):
            return replace(value)
        if isinstance(value, list):
            return [walk(item) for item in value]
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        return value

    return json.dumps(walk(data))


def participants_anonymise_expired(*, now: datetime | None = None) -> list[int]:
    """Delete the personal data of everyone past the retention period of all their series
    (registrations.queries.participants_past_retention), as participant_delete does: their
    registrations stay, anonymous, for the statistics. Safe to run twice (and at once).

    Returns the ids of the participants anonymised.

    Steps, for each of them in a transaction of its own: 1. lock the participant and check
    again that they are due (they may have registered anew since they were read); 2.
    participant_delete. Then 3. log how many, by id.
    """
    now = now or timezone.now()
    anonymised = []
    for pk in list(queries.participants_past_retention(now=now).values_list("pk", flat=True)):
        if _anonymise_if_due(participant_id=pk, now=now):
            anonymised.append(pk)
    if anonymised:
        logger.info("%d participants anonymised after the retention period: %s",
                    len(anonymised), ", ".join(map(str, anonymised)))
    return anonymised


@retry_on_conflict
@transaction.atomic
def _anonymise_if_due(*, participant_id: int, now: datetime) -> bool:
    """participant_delete for one participant still past retention under their lock (taken
    first, in the documented order); True when their data was deleted."""
    participant = participant_lock(participant_id=participant_id)
    if not queries.participants_past_retention(now=now).filter(pk=participant_id).exists():
        return False
    participant_delete(participant=participant, now=now)
    return True
