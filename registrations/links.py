"""Signed links: the confirmation link and the personal link (no password anywhere).

Both are django.core.signing tokens with a time stamp. A confirmation link names the
participant and the nonce of their latest request; it works once and expires with the
pending registrations. A personal link names the participant and their link key; it
expires after PERSONAL_LINK_MAX_AGE_DAYS, and a new key (on deletion) voids all of them.
Which links a request may use, and what a link allows, is decided here and only here.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.i18n import url_language
from registrations.models import Participant

CONFIRM_SALT = "registrations.confirm"
PERSONAL_SALT = "registrations.personal"


class LinkError(Exception):
    """A link that cannot be used; the message (translated) says why."""


def _absolute(name: str, *, token: str, language: str) -> str:
    with translation.override(url_language(language)):
        return settings.SITE_URL + reverse(name, kwargs={"token": token})


def confirm_token(*, participant: Participant) -> str:
    return signing.dumps({"p": participant.pk, "n": participant.confirm_nonce},
                         salt=CONFIRM_SALT, compress=False)


def confirm_url(*, participant: Participant) -> str:
    return _absolute("registrations:confirm", token=confirm_token(participant=participant),
                     language=participant.language)


def personal_token(*, participant: Participant) -> str:
    return signing.dumps({"p": participant.pk, "k": participant.link_key}, salt=PERSONAL_SALT)


def personal_url(*, participant: Participant) -> str:
    return _absolute("registrations:personal", token=personal_token(participant=participant),
                     language=participant.language)


def _load(token: str, *, salt: str, max_age: timedelta) -> dict:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkError(_("This link has expired.")) from error
    except signing.BadSignature as error:
        raise LinkError(_("This link is not valid. Please use the link from your e-mail "
                          "exactly as it was sent.")) from error
    if not isinstance(data, dict) or not isinstance(data.get("p"), int):
        raise LinkError(_("This link is not valid. Please use the link from your e-mail "
                          "exactly as it was sent."))
    return data


def _participant(pk: int) -> Participant | None:
    try:  # get(): no ORDER BY, unlike first()
        return Participant.objects.get(pk=pk)
    except Participant.DoesNotExist:
        return None


def confirm_token_read(token: str) -> tuple[int, str]:
    """The id of the participant a confirmation link names, and the nonce it carries;
    checked for signature and age only (registration_confirm checks the rest under its
    lock)."""
    data = _load(token, salt=CONFIRM_SALT,
                 max_age=timedelta(hours=settings.REGISTRATION_PENDING_HOURS))
    return data["p"], str(data.get("n", ""))


def participant_from_confirm_token(token: str) -> tuple[Participant, str]:
    """The participant a confirmation link names, and the nonce it carries."""
    participant_id, nonce = confirm_token_read(token)
    participant = _participant(participant_id)
    if participant is None or participant.is_anonymised:
        raise LinkError(_("The data of this registration has been deleted."))
    return participant, nonce


def participant_from_personal_token(token: str) -> Participant:
    """The participant a personal link is for: the only way into the personal page."""
    data = _load(token, salt=PERSONAL_SALT,
                 max_age=timedelta(days=settings.PERSONAL_LINK_MAX_AGE_DAYS))
    participant = _participant(data["p"])
    if participant is None or participant.is_anonymised:
        raise LinkError(_("The data of this participant has been deleted."))
    if data.get("k") != participant.link_key:
        raise LinkError(_("This link is no longer valid. Please request a new one."))
    return participant
