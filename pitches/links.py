"""The link with which an accepted applicant confirms their slot.

A django.core.signing token naming the application and its offer_number: a later offer
(after a decline and a new acceptance) retires the links of the earlier ones, and a link
used once finds its application confirmed (pitches.views.lineup says so, and changes
nothing). It carries no deadline of its own: the offer's offer_expires_at decides.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.i18n import url_language
from pitches.models import PitchApplication

CONFIRM_SALT = "pitches.confirm"


class ConfirmLinkError(Exception):
    """A confirmation link that cannot be used; the message (translated) says why."""


def confirm_token(*, application: PitchApplication) -> str:
    return signing.dumps({"a": application.pk, "o": application.offer_number},
                         salt=CONFIRM_SALT, compress=False)


def confirm_url(*, application: PitchApplication, language: str) -> str:
    with translation.override(url_language(language)):
        return settings.SITE_URL + reverse(
            "pitches:confirm", kwargs={"token": confirm_token(application=application)})


def application_from_confirm_token(token: str) -> PitchApplication:
    """The application a confirmation link names, if it is the link of its latest offer;
    else ConfirmLinkError."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT)
    except signing.BadSignature as error:
        raise ConfirmLinkError(_("This link is not valid. Please use the link from your "
                                 "e-mail exactly as it was sent.")) from error
    if not isinstance(data, dict) or not isinstance(data.get("a"), int) or not isinstance(
            data.get("o"), int):
        raise ConfirmLinkError(_("This link is not valid. Please use the link from your "
                                 "e-mail exactly as it was sent."))
    application = (PitchApplication.objects.select_related("call__event__series", "participant")
                   .filter(pk=data["a"]).first())
    if application is None:
        raise ConfirmLinkError(_("This application does not exist (any more)."))
    if data["o"] != application.offer_number:
        raise ConfirmLinkError(_("This link belongs to an earlier offer. Please use the link "
                                 "of the latest e-mail about your pitch."))
    return application
