"""Writes of the mail app: queue a mail in the caller's transaction, send it after commit.

Other apps call `mail_queue` (and `mails_anonymise` when a person's data is deleted), and
`mail_check_register` for mails that may go stale before they are sent (reminders).
`mails_queue_deferred` writes mails whose texts the sender renders (through a renderer
registered with `mail_renderer_register`): for the many mails of one change made under
locks (an event published or cancelled), which rendering would hold for seconds.
`mail_send` and `mails_send_due` are run by the tasks in mail/tasks.py; a claim on the
outbox row makes each mail go out once, however often and wherever a task runs.
`mail_retry` is the admin's "send failed or unconfirmed mails again".

Log lines name a mail by its id only: never its address, its cause (some carry a personal
token) or the server's reply text (which may quote the address); the outbox row keeps those
for the admin.
"""

import logging
import re
import smtplib
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.header import Header
from email.mime.text import MIMEText
from email.utils import format_datetime, parseaddr
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Lower
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.html import escape

from core.db import insert_many_unless_taken, insert_unless_taken
from mail.backends import DeliveryUnconfirmed
from mail.models import Mail, MailAttachment

logger = logging.getLogger(__name__)

SUBJECT_MAX_LENGTH = 255
ERROR_MAX_LENGTH = 2000
# Checks by cause prefix: whether a mail of that cause is still wanted when it is sent.
_STILL_WANTED: dict[str, Callable[[str, datetime], bool]] = {}


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    content_type: str


@dataclass(frozen=True)
class MailContent:
    """What a renderer of deferred mails returns: mail_queue's arguments for the texts."""

    template: str
    context: dict[str, Any]
    attachments: Sequence[Attachment] = ()
    personal: Mapping[str, str] | None = None


# Renderers of deferred mails by kind: (arguments, language) → the content, or None when
# the mail is no longer wanted (what it is about was deleted).
_RENDERERS: dict[str, Callable[[Mapping[str, Any], str], MailContent | None]] = {}


def mail_renderer_register(
        kind: str, renderer: Callable[[Mapping[str, Any], str], MailContent | None]) -> None:
    """Have deferred mails of `kind` (mails_queue_deferred) rendered by `renderer(arguments,
    language)` when they are sent. Call it from an AppConfig.ready()."""
    _RENDERERS[kind] = renderer


def mail_check_register(prefix: str, still_wanted: Callable[[str, datetime], bool]) -> None:
    """Have every mail whose cause starts with `prefix` re-checked when it is about to be
    sent: `still_wanted(cause, now)` False withdraws it instead. For mails that a later
    change can make wrong while they wait in the outbox (during a mail server outage, or
    with the worker down): a reminder of a registration cancelled or an event moved since.
    Call it from an AppConfig.ready()."""
    _STILL_WANTED[prefix] = still_wanted


def mail_still_wanted(*, cause: str, now: datetime) -> bool:
    """Whether the mail of `cause` should still be sent at `now` (mail_check_register)."""
    return all(still_wanted(cause, now) for prefix, still_wanted in _STILL_WANTED.items()
               if cause.startswith(prefix))


def mail_queue(
    *,
    cause: str,
    to: str,
    language: str,
    template: str,
    context: dict[str, Any],
    attachments: Sequence[Attachment] = (),
    personal: Mapping[str, str] | None = None,
    series_id: int | None = None,
) -> Mail:
    """Write a mail to the outbox in the caller's transaction; it is sent after the commit.

    Call it inside the transaction of the change that causes the mail: the row commits or
    rolls back with that change.

    `personal` holds the context values that differ from one recipient to the next (a
    name, a personal link): mail_render keeps the rest of the mail once rendered.
    `series_id` names the series the mail is about (its outbox in the workspace).

    Steps:
    1. check the address (ValidationError), render subject, text and HTML from
       mail/<template>/ in `language` (mail_render);
    2. insert the mail unless one was already queued for `cause` (the cause is unique;
       also by a concurrent transaction): then return that mail, nothing is queued again
       (no savepoint: core.db.insert_unless_taken). Callers whose causes often repeat
       (reminders) check the outbox first, which spares the rendering; insert the
       attachments;
    3. on commit, enqueue the mail_send task with the mail's id (a failed enqueue is logged;
       the sweep of due mails sends it then).
    """
    validate_email(to)
    subject, text, html = mail_render(template=template, language=language, context=context,
                                      personal=personal)
    mail = Mail(cause=cause, to=to, language=language, subject=subject, text=text, html=html,
                series_id=series_id)
    if not insert_unless_taken(mail):
        return Mail.objects.get(cause=cause)
    MailAttachment.objects.bulk_create(
        MailAttachment(mail=mail, filename=attachment.filename,
                       content_type=attachment.content_type, content=attachment.content)
        for attachment in attachments
    )
    transaction.on_commit(partial(_mail_send_enqueue, mail_id=mail.pk), robust=True)
    return mail


@dataclass(frozen=True)
class DeferredMail:
    """A mail to be rendered when it is sent: by the renderer of `kind`
    (mail_renderer_register), from `arguments` (ids and the facts of the moment, plain
    JSON), in `language`."""

    cause: str
    to: str
    language: str
    kind: str
    arguments: Mapping[str, Any]


def mails_queue_deferred(*, mails: Sequence[DeferredMail], series_id: int | None = None,
                         composed_id: int | None = None, due_at: datetime | None = None,
                         per_task: int = 1) -> int:
    """Write mails to the outbox in the caller's transaction, to be rendered when sent.

    Like mail_queue, but each row names what to render instead of holding the texts, and
    all are written in one statement: nothing is rendered inside the caller's transaction
    (for the many mails of one change made under locks). mail_send renders each before
    its first attempt; a mail written but never rendered (the process died after the
    commit) is rendered by the sweep of due mails like any due mail.

    All mails of one call belong to `series_id` and `composed_id` (a ComposedMail) when
    given, and are due at `due_at` (default: now); `per_task` mails are sent by one task
    (mails_send_many: thousands of mails of one composed mail in a few dozen tasks).

    Returns how many mails were new.

    Steps: 1. check the addresses (ValidationError) and that each kind has a renderer;
    2. insert the mails, leaving out each whose cause is already in the outbox (also from
    a concurrent transaction; core.db.insert_many_unless_taken); 3. on commit, enqueue
    mail_send for each new one (or mails_send_many for each `per_task` of them), to run at
    `due_at` when it is later (where the task backend can defer; else the sweep of due
    mails sends them).
    """
    for mail in mails:
        validate_email(mail.to)
        if mail.kind not in _RENDERERS:
            raise ValueError(f"No renderer for deferred mails of kind {mail.kind!r}")
    now = timezone.now()
    due_at = due_at or now
    mail_ids = sorted(insert_many_unless_taken([
        Mail(cause=mail.cause, to=mail.to, language=mail.language, subject="", text="",
             render={"kind": mail.kind, "arguments": dict(mail.arguments)},
             series_id=series_id, composed_id=composed_id, created_at=now,
             next_attempt_at=due_at)
        for mail in mails]))
    run_after = due_at if due_at > now else None
    if per_task <= 1:
        for mail_id in mail_ids:
            transaction.on_commit(partial(_mail_send_enqueue, mail_id=mail_id,
                                          run_after=run_after), robust=True)
    else:
        for start in range(0, len(mail_ids), per_task):
            transaction.on_commit(partial(_mails_send_many_enqueue,
                                          mail_ids=mail_ids[start:start + per_task],
                                          run_after=run_after), robust=True)
    return len(mail_ids)


def mail_render_deferred(*, mail: Mail, only_if: QuerySet[Mail] | None = None) -> Mail | None:
    """Render a deferred mail (mails_queue_deferred) and store its texts and attachments.

    Returns the mail with its texts (its attachments are stored, not loaded); None when its
    renderer finds it no longer wanted, or when `only_if` (the sender's claim on the row)
    no longer matches: then nothing is stored.

    Steps: 1. call the renderer of its kind with its arguments and language; 2. render
    subject, text and HTML (mail_render); 3. in one transaction, store them (only while
    `only_if` matches) and insert the attachments.
    """
    if mail.render is None:
        return mail
    content = _RENDERERS[mail.render["kind"]](mail.render["arguments"], mail.language)
    if content is None:
        return None
    subject, text, html = mail_render(template=content.template, language=mail.language,
                                      context=content.context, personal=content.personal)
    rows = Mail.objects.filter(pk=mail.pk) if only_if is None else only_if
    with transaction.atomic():
        if not rows.filter(render__isnull=False).update(subject=subject, text=text, html=html,
                                                         render=None):
            return None
        MailAttachment.objects.bulk_create(
            MailAttachment(mail=mail, filename=attachment.filename,
                           content_type=attachment.content_type, content=attachment.content)
            for attachment in content.attachments)
    mail.subject, mail.text, mail.html, mail.render = subject, text, html, None
    return mail


def mail_render(
    *, template: str, language: str, context: Mapping[str, Any],
    personal: Mapping[str, str] | None = None,
) -> tuple[str, str, str]:
    """Render a mail's subject, text and HTML in `language`.

    `personal` (strings by context name) are the values that differ per recipient. When
    the rest of the context is plain data (strings, numbers, lists, dicts), the mail is
    rendered with a slot for each personal value, kept in this process under the template,
    language and that data (at most MERGE_KEPT renderings), and each mail fills its values
    in (escaped in the HTML, as the template would): a rush of registrations renders each
    mail kind once, not once per person. The result is the same as rendering with the
    values (tests/test_mail_merge.py checks it with random values).

    Steps:
    1. add `site_url` and `language` to the context (the caller's keys win);
    2. render mail/<template>/subject.txt, strip it to one line and to the field's length;
    3. render mail/<template>/body.txt unescaped, with `subject` in the context, and tidy
       its blank lines;
    4. render mail/<template>/body.html (escaped as usual) with `subject` in the context.
    """
    values = {"site_url": settings.SITE_URL, "language": language} | dict(context)
    personal = dict(personal or {})
    if personal and _plain(values):
        key = repr((template, language, sorted(values.items()), sorted(personal)))
        parts = _merge_kept.get(key)
        if parts is None:
            parts = _render_parts(template, language,
                                  values | {name: _SLOT.format(name) for name in personal})
            if _SLOT_PATTERN.search(parts[0]) is None:  # the subject is the same for all
                _merge_keep(key, parts)
            else:
                parts = None
        if parts is not None:
            subject, text, html = parts
            return (subject, _tidy(_fill(text, personal)),
                    _fill(html, {name: escape(value) for name, value in personal.items()}))
    return _render_parts(template, language, values | personal)


def _render_parts(template: str, language: str, values: dict[str, Any]) -> tuple[str, str, str]:
    with translation.override(language):
        subject = " ".join(_render_unescaped(f"mail/{template}/subject.txt", values).split())
        if len(subject) > SUBJECT_MAX_LENGTH:
            subject = subject[: SUBJECT_MAX_LENGTH - 1] + "…"
        values["subject"] = subject
        text = _render_unescaped(f"mail/{template}/body.txt", values)
        html = get_template(f"mail/{template}/body.html").render(values)
    return subject, _tidy(text), html


def _tidy(text: str) -> str:
    return re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text).strip() + "\n"


MERGE_KEPT = 256
_merge_kept: dict[str, tuple[str, str, str]] = {}
_merge_lock = threading.Lock()
_SLOT = "\x1f{}\x1f"  # a control character no template writes; a context holding it is
                      # rendered directly (_plain), a personal value holding it is filled as is
_SLOT_PATTERN = re.compile("\x1f(\\w+)\x1f")


def _merge_keep(key: str, parts: tuple[str, str, str]) -> None:
    with _merge_lock:  # threaded workers
        while len(_merge_kept) >= MERGE_KEPT:
            del _merge_kept[next(iter(_merge_kept))]  # the oldest
        _merge_kept[key] = parts


def _fill(part: str, values: Mapping[str, str]) -> str:
    """Each slot replaced by its value, in one pass (a value is never read for slots)."""
    return _SLOT_PATTERN.sub(lambda match: values[match.group(1)], part)


def _plain(value: Any) -> bool:
    """Plain data, whose repr says all a template can read of it (a model's does not)."""
    if isinstance(value, str):  # not a lazy translation either
        return "\x1f" not in value  # no text of the context may look like a slot
    if value is None or isinstance(value, (int, float)):  # bool is an int
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _plain(item) for key, item in value.items())
    return False


def mail_send(*, mail_id: int, now: datetime | None = None) -> Mail.State | None:
    """Send one mail from the outbox; safe to run twice, and concurrently.

    Returns the mail's new state, or None when this run did not claim it (already sent,
    failed, unconfirmed, claimed by another run, or not yet due).

    Steps:
    1. claim the row with one conditional UPDATE: queued and due at `now` (or sending with
       an expired claim) becomes sending, attempts + 1, claimed for MAIL_CLAIM_SECONDS from
       the clock's time (`now` of a sweep is when it started, long past for its last mails);
       of two runs at once only one matches, and a sent or claimed mail is left alone;
    2. withdraw the mail if it is no longer wanted (mail_check_register); render a
       deferred mail (mail_render_deferred; withdrawn if what it is about is gone); send
       text, HTML and attachments through get_connection() (the EMAIL_* settings; on SMTP,
       mail.backends.EmailBackend, told when the claim ends: it never waits past it);
    3. on success, mark the mail sent;
    4. when the whole message went out but the server's reply to its end never came
       (DeliveryUnconfirmed, after EMAIL_DATA_END_TIMEOUT), mark it unconfirmed with the
       error: the server may have accepted it, so it is not sent again unless an organiser
       queues it again (mail_retry);
    5. on any other failure (SMTPException, OSError, timeouts before the end of the message;
       any other error is recorded the same way and then raised), keep the error, and either
       queue the mail again with exponential back-off and enqueue mail_send for that time, or
       mark it failed: after MAIL_MAX_ATTEMPTS attempts, or at once when the server refused
       the recipient or the message for good (a 5xx reply: sending again cannot help).

    Steps 3 to 5 only write while this run's claim holds. The one case that can send a
    mail twice: the process dies (or loses the database) after the SMTP server accepted the
    message and before step 3 commits; once the claim expires, the mail is sent again.
    """
    now = now or timezone.now()
    send_by = time.monotonic() + settings.MAIL_CLAIM_SECONDS  # the claim's end, in this process
    claimed_until = max(now, timezone.now()) + timedelta(seconds=settings.MAIL_CLAIM_SECONDS)
    claimed = Mail.objects.due(now=now).filter(pk=mail_id).update(
        state=Mail.State.SENDING, claimed_until=claimed_until, attempts=F("attempts") + 1,
    )
    if not claimed:
        return None
    mail = Mail.objects.prefetch_related("attachments").get(pk=mail_id)
    ours = Mail.objects.filter(pk=mail_id, state=Mail.State.SENDING, claimed_until=claimed_until)
    if not mail_still_wanted(cause=mail.cause, now=now):
        ours.update(state=Mail.State.WITHDRAWN, claimed_until=None)
        logger.info("Mail %s withdrawn: no longer wanted", mail.pk)
        return Mail.State.WITHDRAWN
    if mail.render is not None:
        if (state := _mail_render_before_send(mail=mail, ours=ours, now=now)) is not None:
            return state
        mail = Mail.objects.prefetch_related("attachments").get(pk=mail_id)
    try:
        mail_message(mail=mail, send_by=send_by).send()
    except DeliveryUnconfirmed as error:
        return _mail_send_unconfirmed(mail=mail, ours=ours, error=error)
    except (smtplib.SMTPException, OSError) as error:
        return _mail_send_failed(mail=mail, ours=ours, error=error, now=now,
                                 for_good=_refused_for_good(error))
    except Exception as error:
        _mail_send_failed(mail=mail, ours=ours, error=error, now=now)
        raise
    ours.update(state=Mail.State.SENT, sent_at=timezone.now(), claimed_until=None, last_error="")
    return Mail.State.SENT


def _mail_render_before_send(*, mail: Mail, ours: QuerySet[Mail], now: datetime
                             ) -> Mail.State | None:
    """Render a deferred mail this run has claimed; None when it is rendered and may be
    sent, else the state it was left in (withdrawn: no longer wanted)."""
    try:
        rendered = mail_render_deferred(mail=mail, only_if=ours)
    except Exception as error:
        _mail_send_failed(mail=mail, ours=ours, error=error, now=now)
        raise
    if rendered is not None:
        return None
    if ours.update(state=Mail.State.WITHDRAWN, claimed_until=None):
        logger.info("Mail %s withdrawn: what it was about is gone", mail.pk)
    return Mail.State.WITHDRAWN


def mails_send_due(*, now: datetime | None = None, limit: int = 500) -> int:
    """Send the mails that are due: the safety net for a lost or never enqueued task.

    Returns how many mails this run sent.

    Steps:
    1. list up to `limit` due mails, the longest waiting first;
    2. mail_send each, stopping at the first send queued again or unconfirmed (during an
       outage the rest would fail too, each after up to EMAIL_TIMEOUT, or
       EMAIL_DATA_END_TIMEOUT; they stay due for the next sweep); a mail refused for good
       does not stop the others.
    """
    now = now or timezone.now()
    mail_ids = list(
        Mail.objects.due(now=now).order_by("next_attempt_at", "pk").values_list("pk", flat=True)
        [:limit]
    )
    sent = 0
    for mail_id in mail_ids:
        state = mail_send(mail_id=mail_id, now=now)
        if state == Mail.State.SENT:
            sent += 1
        elif state in (Mail.State.QUEUED, Mail.State.UNCONFIRMED):
            break
    return sent


def mails_send_many(*, mail_ids: Sequence[int]) -> int:
    """Send these mails (those that are due: mail_send), stopping like mails_send_due at
    the first send queued again or unconfirmed; the rest stay due for the sweep.

    Returns how many mails this run sent."""
    sent = 0
    for mail_id in mail_ids:
        state = mail_send(mail_id=mail_id)
        if state == Mail.State.SENT:
            sent += 1
        elif state in (Mail.State.QUEUED, Mail.State.UNCONFIRMED):
            break
    return sent


def mail_retry(*, mail: Mail) -> Mail:
    """Queue a failed or unconfirmed mail again, with a fresh count of attempts. An
    unconfirmed mail may have arrived already: queueing it again is the organiser's choice.

    Steps: 1. a failed or unconfirmed mail that still has an address (not anonymised)
    becomes queued, due now, attempts 0 (other mails are left alone); 2. on commit, enqueue
    mail_send.
    """
    updated = Mail.objects.filter(
        pk=mail.pk, state__in=[Mail.State.FAILED, Mail.State.UNCONFIRMED],
    ).exclude(to="").update(
        state=Mail.State.QUEUED, attempts=0, next_attempt_at=timezone.now(), claimed_until=None,
    )
    if updated:
        transaction.on_commit(partial(_mail_send_enqueue, mail_id=mail.pk), robust=True)
    mail.refresh_from_db()
    return mail


def mails_to(*, to: str) -> QuerySet[Mail]:
    """Every mail to one address, in any letter case (through the index on lower(to))."""
    return Mail.objects.alias(to_lower=Lower("to")).filter(to_lower=Lower(Value(to)))


@transaction.atomic
def mails_anonymise(*, to: str) -> int:
    """Remove the personal data from every mail to one address (its owner deleted their data).

    Returns how many mails were anonymised.

    Steps:
    1. delete the attachments of the mails to `to` (in any letter case);
    2. mark those not yet sent as failed, so that they never go out (a send in flight no
       longer holds its claim, and its result is not recorded);
    3. blank address, subject, texts and error; cause, state, attempts and times stay (one
       cause, one mail, still holds, and counts survive).
    """
    mails = mails_to(to=to)
    MailAttachment.objects.filter(mail__in=mails).delete()
    mails.filter(state__in=[Mail.State.QUEUED, Mail.State.SENDING]).update(
        state=Mail.State.FAILED, claimed_until=None)
    return mails.update(to="", subject="", text="", html="", render=None,
                        last_error="anonymised")


def mail_message(*, mail: Mail, send_by: float | None = None) -> EmailMultiAlternatives:
    """The e-mail for an outbox row: text, HTML alternative, attachments, stable Message-ID,
    the time of sending in the site's zone (TIME_ZONE) as its Date.

    A calendar attachment keeps the parameters of its type (its iTIP method, "text/calendar;
    charset=utf-8; method=REQUEST"), so that mail programs apply it (RFC 6047, 2.4).

    `send_by` (time.monotonic()) tells the SMTP backend when the sender's claim ends (other
    backends take and ignore it)."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    message = OutboxMessage(
        subject=mail.subject,
        body=mail.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        connection=get_connection(send_by=send_by),
        headers={
            "Message-ID": f"<mail-{mail.pk}.{mail.created_at:%Y%m%d%H%M%S}@{domain}>",
            "Date": format_datetime(timezone.localtime()),
            "Content-Language": mail.language,
            "Auto-Submitted": "auto-generated",
        },
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    for attachment in mail.attachments.all():
        mimetype = attachment.content_type.partition(";")[0].strip()
        part = _text_part(attachment)
        if part is None:
            message.attach(attachment.filename, bytes(attachment.content), mimetype)
        else:
            message.attach(part)
    return message


class OutboxMessage(EmailMultiAlternatives):
    """Django's message with the subject encoded from the start of its line: Django's own
    encoding of a non-ASCII subject begins with a folded (empty) first line, which mail
    programs read as a subject with a leading space."""

    def message(self, *args, **kwargs):
        message = super().message(*args, **kwargs)
        if not self.subject.isascii():
            message.replace_header("Subject", Header(self.subject, "utf-8",
                                                     header_name="Subject").encode())
        return message


def _text_part(attachment: MailAttachment) -> MIMEText | None:
    """A text attachment's MIME part, in UTF-8 (base64: a calendar's CRLF line ends and long
    lines arrive as they are) with the other parameters of its type; None for other types."""
    mimetype, *parameters = [part.strip() for part in attachment.content_type.split(";")]
    maintype, _slash, subtype = mimetype.partition("/")
    if maintype != "text":
        return None
    try:
        text = bytes(attachment.content).decode()
    except UnicodeDecodeError:
        return None
    part = MIMEText(text, subtype, "utf-8")
    for parameter in parameters:
        key, _equals, value = parameter.partition("=")
        if key.strip().lower() != "charset" and value:
            part.set_param(key.strip(), value.strip().strip('"'), requote=False)
    part.add_header("Content-Disposition", "attachment", filename=attachment.filename)
    return part


def mail_retry_delay(*, attempts: int) -> timedelta:
    """The back-off after `attempts` failed attempts: base · 2^(attempts − 1), capped."""
    seconds = settings.MAIL_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.MAIL_RETRY_MAX_SECONDS))


def _refused_for_good(error: Exception) -> bool:
    """The server refused the recipient or the message with a permanent (5xx) reply.

    A refused sender, a failed login or greeting, or a lost connection are the trouble of
    the server or of our configuration, which gets fixed: those are retried."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return bool(error.recipients) and all(
            code >= 500 for code, _message in error.recipients.values())
    return isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500


def _mail_send_failed(
    *, mail: Mail, ours: QuerySet[Mail], error: Exception, now: datetime, for_good: bool = False
) -> Mail.State | None:
    last_error = _error_text(error)
    if for_good or mail.attempts >= settings.MAIL_MAX_ATTEMPTS:
        if not ours.update(state=Mail.State.FAILED, claimed_until=None, last_error=last_error):
            return None
        logger.error("Mail %s failed for good after %d attempts: %s",
                     mail.pk, mail.attempts, _error_summary(error))
        return Mail.State.FAILED
    next_attempt_at = now + mail_retry_delay(attempts=mail.attempts)
    if not ours.update(state=Mail.State.QUEUED, claimed_until=None, last_error=last_error,
                       next_attempt_at=next_attempt_at):
        return None
    logger.warning("Mail %s failed (attempt %d), next attempt at %s: %s",
                   mail.pk, mail.attempts, next_attempt_at.isoformat(), _error_summary(error))
    _mail_send_enqueue(mail_id=mail.pk, run_after=next_attempt_at)
    return Mail.State.QUEUED


def _mail_send_unconfirmed(
    *, mail: Mail, ours: QuerySet[Mail], error: DeliveryUnconfirmed
) -> Mail.State | None:
    if not ours.update(state=Mail.State.UNCONFIRMED, claimed_until=None,
                       last_error=_error_text(error)):
        return None
    logger.error("Mail %s maybe delivered: no reply to the end of the message (%s); it is not "
                 "sent again unless queued again in the admin", mail.pk, _error_summary(error))
    return Mail.State.UNCONFIRMED


def _error_text(error: Exception) -> str:
    """The error as the outbox keeps it for the admin, the server's reply included."""
    return f"{type(error).__name__}: {error}"[:ERROR_MAX_LENGTH]


def _error_summary(error: BaseException) -> str:
    """The error as logs name it: its class, the SMTP reply codes or the errno, and the
    same of its cause; never its text (smtplib's quote the recipient's address)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _reply in error.recipients.values()})
    elif isinstance(error, smtplib.SMTPResponseException):
        codes = [error.smtp_code]
    elif isinstance(error, OSError) and error.errno is not None:
        codes = [error.errno]
    else:
        codes = []
    summary = " ".join([type(error).__name__, *map(str, codes)])
    cause = error.__cause__
    return f"{summary} (from {_error_summary(cause)})" if cause is not None else summary


def _mail_send_enqueue(*, mail_id: int, run_after: datetime | None = None) -> None:
    """Enqueue the mail_send task; a backend that cannot defer leaves retries to the sweep."""
    from mail.tasks import mail_send as mail_send_task

    task = mail_send_task
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return
        task = task.using(run_after=run_after)
    try:
        task.enqueue(mail_id=mail_id)
    except Exception:
        logger.exception("Could not enqueue mail %s; the sweep of due mails will send it", mail_id)


def _mails_send_many_enqueue(*, mail_ids: list[int], run_after: datetime | None = None) -> None:
    """Enqueue the mails_send_many task; as _mail_send_enqueue, the sweep is the safety net."""
    from mail.tasks import mails_send_many as mails_send_many_task

    task = mails_send_many_task
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return
        task = task.using(run_after=run_after)
    try:
        task.enqueue(mail_ids=mail_ids)
    except Exception:
        logger.exception("Could not enqueue %d mails from %s; the sweep of due mails will send "
                         "them", len(mail_ids), mail_ids[0])


def _render_unescaped(name: str, context: dict[str, Any]) -> str:
    """Render a plain-text template: no HTML escaping, through the normal template loaders."""
    return get_template(name).template.render(Context(context, autoescape=False))
