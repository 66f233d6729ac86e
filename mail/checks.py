"""System checks of the mail app (run by `manage.py check` and at start-up)."""

from django.conf import settings
from django.core.checks import Error, register

# The steps of a send up to the final "." that may take EMAIL_TIMEOUT each: connect,
# greeting, EHLO, STARTTLS and EHLO again, AUTH (two), MAIL, RCPT, DATA, the message, QUIT.
SEND_STEPS = 12


@register()
def mail_claim_outlasts_a_send(app_configs, **kwargs) -> list[Error]:
    """A worker's claim on a mail must outlast the longest send, reply to the end of the
    message included: once it expires, another worker sends the mail again."""
    longest = settings.EMAIL_DATA_END_TIMEOUT + SEND_STEPS * (settings.EMAIL_TIMEOUT or 0)
    if longest <= settings.MAIL_CLAIM_SECONDS:
        return []
    return [Error(
        f"MAIL_CLAIM_SECONDS ({settings.MAIL_CLAIM_SECONDS}) is shorter than a send may take "
        f"({longest} s: EMAIL_DATA_END_TIMEOUT + {SEND_STEPS} × EMAIL_TIMEOUT).",
        hint="Raise MAIL_CLAIM_SECONDS, or leave it unset "
             "(EMAIL_DATA_END_TIMEOUT + 30 × EMAIL_TIMEOUT).",
        id="mail.E001",
    )]
