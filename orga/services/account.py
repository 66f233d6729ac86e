"""An organiser's account: the link to set a new password, and the account log.

The account's security events (logins, failed logins, the second factor turned on or off)
are not a series' data, so they are not in the audit log (orga.models.AuditEntry, which
belongs to a series and is read by its organisers): they go to the `orga.account` logger,
naming the user by id only (django-axes keeps the failed attempts themselves, with the
user name and address tried, in the admin's "Access attempts").
"""

import logging
from uuid import uuid4

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from mail.services import mail_queue

logger = logging.getLogger("orga.account")


def account_event_log(*, event: str, user_id: int | None) -> None:
    """One line in the account log: what happened (e.g. "login", "two-factor on") to
    which user (by id; None when the user name matched no account)."""
    logger.info("orga account: %s (user %s)", event, user_id if user_id is not None else "-")


def user_ids_with_email(*, email: str) -> list[int]:
    """The accounts a password reset for `email` goes to: active, with a password, the
    address matched case-insensitively (as Django's own reset). One query, alike for a known
    and an unknown address."""
    return list(get_user_model().objects.filter(email__iexact=email, is_active=True)
                .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
                .order_by("pk").values_list("pk", flat=True))


def password_reset_mails_queue(*, user_ids: list[int], language: str) -> int:
    """Write a mail with a link to set a new password to each of the accounts (the outbox
    sends it); returns how many were queued.

    Steps, per active account with a usable password:
    1. a token of Django's password reset (valid PASSWORD_RESET_TIMEOUT, and only until the
       password or the last login changes: the link works once);
    2. the link to the confirm page in `language`, built from SITE_URL;
    3. the mail `orga_password_reset` in `language`, queued under a cause of its own (each
       request its own mail).
    """
    queued = 0
    for user in get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk"):
        if not user.has_usable_password() or not user.email:
            continue
        with translation.override(language):
            path = reverse("orga:password_reset_confirm", kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user)})
        mail_queue(cause=f"orga:password-reset:{user.pk}:{uuid4().hex}", to=user.email,
                   language=language, template="orga_password_reset",
                   context={"username": user.get_username()},
                   personal={"link": settings.SITE_URL + path})
        account_event_log(event="password reset link queued", user_id=user.pk)
        queued += 1
    return queued
