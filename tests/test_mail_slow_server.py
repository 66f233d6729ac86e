"""A slow mail server gets each mail once: the reply to the end of a message is awaited for
EMAIL_DATA_END_TIMEOUT (RFC 5321's ten minutes, here seconds), and a message whose reply
never came is "maybe delivered" (unconfirmed), not sent again unless an organiser says so.
The logs of the mail app name mails by id only."""

import asyncio
import logging
import smtplib
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mail import services
from mail.models import Mail
from mail.services import mail_retry, mail_send, mails_anonymise, mails_send_due
from tests.test_mail_delivery import (
    ROOT,
    Inbox,
    free_port,
    queue_test_mail,
    signal_handlers_kept,
    smtp_server,
)

JOHN = {"to": "john.smith@example.org", "language": "en"}


class SlowInbox(Inbox):
    """A server that takes the message, then waits `data_end_delay` seconds before it says
    so (checking it for spam, say), or `rcpt_delay` before it answers RCPT."""

    def __init__(self, *, data_end_delay: float = 0, rcpt_delay: float = 0) -> None:
        super().__init__()
        self.data_end_delay, self.rcpt_delay = data_end_delay, rcpt_delay

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        await asyncio.sleep(self.rcpt_delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802
        reply = await super().handle_DATA(server, session, envelope)  # received: kept
        await asyncio.sleep(self.data_end_delay)
        return reply


def slow_server(port: int, **delays: float):
    return smtp_server(port, inbox=SlowInbox(**delays))


@pytest.fixture
def smtp_port(settings) -> int:
    """The project's SMTP backend on a free port, with timeouts in seconds, not minutes."""
    port = free_port()
    settings.EMAIL_BACKEND = "mail.backends.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT, settings.EMAIL_DATA_END_TIMEOUT = 0.5, 2
    return port


def received_within(inbox: Inbox, seconds: float) -> list[str]:
    deadline = time.monotonic() + seconds
    while not inbox.messages and time.monotonic() < deadline:
        time.sleep(0.02)
    return inbox.recipients()


@pytest.mark.django_db
def test_a_reply_to_the_end_slower_than_email_timeout_is_awaited_and_the_mail_sent_once(
        smtp_port, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        mail = queue_test_mail(persona=JOHN, cause="test:slow-end")

    with slow_server(smtp_port, data_end_delay=1) as inbox:
        state = mail_send(mail_id=mail.pk)
        swept = mails_send_due(now=timezone.now() + timedelta(days=1))  # the retry, if any

    assert (state, swept, inbox.recipients()) == (Mail.State.SENT, 0, ["john.smith@example.org"])
    mail.refresh_from_db()
    assert (mail.state, mail.attempts, mail.last_error) == (Mail.State.SENT, 1, "")


@pytest.mark.django_db(transaction=True)
def test_no_reply_to_the_end_marks_the_mail_maybe_delivered_and_nothing_sends_it_again(
        smtp_port):
    mail = queue_test_mail(persona=JOHN, cause="test:no-end")  # its mail_send task is queued
    start = time.monotonic()

    with slow_server(smtp_port, data_end_delay=3) as inbox, signal_handlers_kept():
        call_command("run_worker", batch=True, verbosity=0)  # the task, then the sweep
        waited = time.monotonic() - start
        swept = mails_send_due(now=timezone.now() + timedelta(days=1))
        again = mail_send(mail_id=mail.pk, now=timezone.now() + timedelta(days=1))

    assert waited >= 2  # EMAIL_DATA_END_TIMEOUT, not EMAIL_TIMEOUT
    assert (swept, again) == (0, None)
    assert inbox.recipients() == ["john.smith@example.org"]
    mail.refresh_from_db()
    assert (mail.state, mail.attempts) == (Mail.State.UNCONFIRMED, 1)
    assert mail.claimed_until is None and mail.sent_at is None
    assert mail.last_error.startswith("DeliveryUnconfirmed: No reply to the end of the message")
    assert list(DBTaskResult.objects.filter(task_path="mail.tasks.mail_send")
                .values_list("status", flat=True)) == ["SUCCESSFUL"]  # no retry was enqueued


@pytest.mark.django_db
def test_an_unconfirmed_mail_shows_in_the_admin_and_is_sent_again_only_when_chosen(
        smtp_port, organiser_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        mail = queue_test_mail(persona=JOHN, cause="test:admin-unconfirmed")
    with slow_server(smtp_port, data_end_delay=3):
        mail_send(mail_id=mail.pk)

    listed = organiser_client.get(reverse("admin:mail_mail_changelist"),
                                  {"state__exact": "unconfirmed"})
    detail = organiser_client.get(reverse("admin:mail_mail_change", args=[mail.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        retried = organiser_client.post(reverse("admin:mail_mail_changelist"),
                                        {"action": "retry", "_selected_action": [mail.pk]},
                                        follow=True)
    with slow_server(smtp_port) as inbox:
        state = mail_send(mail_id=mail.pk)

    assert "Maybe delivered (the server did not confirm)" in listed.content.decode()
    assert "DeliveryUnconfirmed: No reply to the end of the message" in detail.content.decode()
    assert "1 mail queued again." in retried.content.decode()
    assert state == Mail.State.SENT
    assert inbox.recipients() == ["john.smith@example.org"]


@pytest.mark.django_db
def test_a_timeout_before_the_end_of_the_message_is_a_clean_failure_retried_later(
        smtp_port, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        mail = queue_test_mail(persona=JOHN, cause="test:slow-rcpt")
    now = timezone.now()

    with slow_server(smtp_port, rcpt_delay=1) as inbox:
        state = mail_send(mail_id=mail.pk, now=now)

    assert state == Mail.State.QUEUED
    assert inbox.messages == []
    mail.refresh_from_db()
    assert mail.next_attempt_at == now + timedelta(seconds=30)
    assert mail.last_error.startswith("SMTPServerDisconnected: Connection unexpectedly closed")


@pytest.mark.django_db
def test_a_claim_too_short_for_the_reply_sends_nothing_and_retries_later(
        settings, smtp_port, django_capture_on_commit_callbacks):
    settings.MAIL_CLAIM_SECONDS = 2  # less than the reply to the end may take with QUIT
    with django_capture_on_commit_callbacks():
        mail = queue_test_mail(persona=JOHN, cause="test:short-claim")

    with slow_server(smtp_port) as inbox:
        state = mail_send(mail_id=mail.pk)
        received = received_within(inbox, 0.5)

    assert (state, received) == (Mail.State.QUEUED, [])
    mail.refresh_from_db()
    assert "more than is left of the claim on it (MAIL_CLAIM_SECONDS)" in mail.last_error


def test_a_claim_shorter_than_the_longest_send_fails_the_system_check(settings):
    settings.EMAIL_TIMEOUT, settings.EMAIL_DATA_END_TIMEOUT = 10, 600
    settings.MAIL_CLAIM_SECONDS = 300

    with pytest.raises(SystemCheckError, match="mail.E001.*MAIL_CLAIM_SECONDS .300. is shorter"):
        call_command("check")
    settings.MAIL_CLAIM_SECONDS = 720
    call_command("check")


def test_an_smtp_url_selects_the_backend_with_rfc_5321_timeouts(tmp_path):
    script = ("from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_TIMEOUT, "
              "s.EMAIL_DATA_END_TIMEOUT, s.MAIL_CLAIM_SECONDS)")
    environment = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "clustermeet.settings",
                   "DATA_DIR": str(tmp_path), "EMAIL_URL": "smtp://mail.example.org:587/?tls=True"}
    shown = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + script],  # noqa: S603 — our own script
                           cwd=ROOT, env=environment, capture_output=True, text=True,
                           check=True, timeout=60).stdout

    assert shown.split() == ["mail.backends.EmailBackend", "10", "600", "900"]


NONCE = "Zq8fX1c9yLr0"  # as in the cause of a confirmation request


class RefusingInbox(Inbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        return f"550 5.1.1 <{address}>: Recipient address rejected"


@pytest.mark.django_db
def test_mail_logs_name_mails_by_id_never_address_cause_or_reply(
        smtp_port, caplog, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setitem(services._STILL_WANTED, "test:withdrawn:", lambda cause, now: False)
    with django_capture_on_commit_callbacks():
        outage, refused, unconfirmed = (
            queue_test_mail(persona={"to": f"{name}.smith@example.org", "language": "en"},
                            cause=f"participant:7:{name}:{NONCE}")
            for name in ("outage", "refused", "unconfirmed"))
        withdrawn = queue_test_mail(persona=JOHN, cause=f"test:withdrawn:{NONCE}")
    caplog.set_level(logging.INFO, logger="mail.services")

    outage_state = mail_send(mail_id=outage.pk)  # nothing listens yet
    controller = Controller(RefusingInbox(), hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        refused_state = mail_send(mail_id=refused.pk)
    finally:
        controller.stop()
    with slow_server(smtp_port, data_end_delay=3):
        unconfirmed_state = mail_send(mail_id=unconfirmed.pk)
    withdrawn_state = mail_send(mail_id=withdrawn.pk)

    assert (outage_state, refused_state, unconfirmed_state, withdrawn_state) == (
        Mail.State.QUEUED, Mail.State.FAILED, Mail.State.UNCONFIRMED, Mail.State.WITHDRAWN)
    ours = [record for record in caplog.records  # not the test server's (aiosmtpd: mail.log)
            if record.name.startswith(("mail.services", "mail.backends", "mail.management"))]
    lines = [record.getMessage() for record in ours]
    retry_at = Mail.objects.get(pk=outage.pk).next_attempt_at
    assert lines == [
        f"Mail {outage.pk} failed (attempt 1), next attempt at {retry_at.isoformat()}: "
        "ConnectionRefusedError 111",
        f"Mail {refused.pk} failed for good after 1 attempts: SMTPRecipientsRefused 550",
        f"Mail {unconfirmed.pk} maybe delivered: no reply to the end of the message "
        "(DeliveryUnconfirmed (from SMTPServerDisconnected)); it is not sent again unless "
        "queued again in the admin",
        f"Mail {withdrawn.pk} withdrawn: no longer wanted",
    ]
    logged = "\n".join(lines)
    assert "smith@example.org" not in logged and NONCE not in logged
    assert "refused.smith@example.org" in Mail.objects.get(pk=refused.pk).last_error  # the admin's


def test_smtplib_would_have_logged_the_address():
    """Why logs keep to the error's class and code: its text quotes the recipient."""
    error = smtplib.SMTPRecipientsRefused({"erika@example.org": (550, b"No such user")})

    assert "erika@example.org" in str(error)


@pytest.mark.django_db
def test_an_unconfirmed_mail_whose_recipient_deleted_their_data_is_never_sent_again(
        smtp_port, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        mail = queue_test_mail(persona=JOHN, cause="test:unconfirmed-deleted")
    with slow_server(smtp_port, data_end_delay=3):
        mail_send(mail_id=mail.pk)

    anonymised = mails_anonymise(to=JOHN["to"])
    with django_capture_on_commit_callbacks(execute=True):
        retried = mail_retry(mail=mail)

    assert anonymised == 1
    assert (retried.state, retried.to, retried.last_error) == (Mail.State.UNCONFIRMED, "",
                                                                "anonymised")


class ClaimWatchingInbox(Inbox):
    """Notes how long the outbox still holds the mail while the message arrives."""

    def __init__(self, mail_id: int) -> None:
        super().__init__()
        self.mail_id, self.claim_left = mail_id, None

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802
        try:
            claimed_until = Mail.objects.get(pk=self.mail_id).claimed_until
            self.claim_left = (claimed_until - timezone.now()).total_seconds()
        finally:
            connection.close()  # this thread's
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.django_db(transaction=True)
def test_a_mail_sent_late_in_a_long_sweep_is_claimed_for_the_whole_claim_time(
        settings, smtp_port):
    """A sweep passes the time it started to each send: a mail it reaches later is still
    held for MAIL_CLAIM_SECONDS from its own send, not from the sweep's start."""
    sweep_start = timezone.now() - timedelta(seconds=settings.MAIL_CLAIM_SECONDS)
    mail = queue_test_mail(persona=JOHN, cause="test:late-in-sweep")
    Mail.objects.filter(pk=mail.pk).update(next_attempt_at=sweep_start)  # due at its start
    inbox = ClaimWatchingInbox(mail.pk)
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        sent = mails_send_due(now=sweep_start)
    finally:
        controller.stop()

    assert sent == 1 and inbox.recipients() == ["john.smith@example.org"]
    assert settings.MAIL_CLAIM_SECONDS - 30 < inbox.claim_left <= settings.MAIL_CLAIM_SECONDS
