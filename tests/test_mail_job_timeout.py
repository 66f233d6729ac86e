"""A task queue's job timeout must not send a mail twice: RQ stops a job that runs past its
timeout by raising an exception inside it (SIGALRM). Raised while the sender waits for the
reply to the end of the message, the server may already have the mail: it is "maybe
delivered" (unconfirmed), not queued again. (The RQ queues also give a job longer than a
send may take, MAIL_CLAIM_SECONDS: tests/test_mail_delivery.py.)"""

from datetime import timedelta

import pytest
from django.utils import timezone
from rq.timeouts import JobTimeoutException, UnixSignalDeathPenalty

from mail.models import Mail
from mail.services import mail_send, mails_send_due
from tests.test_mail_delivery import queue_test_mail
from tests.test_mail_slow_server import JOHN, slow_server, smtp_port  # noqa: F401 (a fixture)


@pytest.mark.django_db
def test_a_job_timeout_while_the_end_of_the_message_awaits_its_reply_sends_it_once(
        smtp_port, settings, django_capture_on_commit_callbacks):  # noqa: F811
    settings.EMAIL_DATA_END_TIMEOUT = 5
    with django_capture_on_commit_callbacks():
        mail = queue_test_mail(persona=JOHN, cause="test:job-timeout")

    with slow_server(smtp_port, data_end_delay=3) as inbox:
        with UnixSignalDeathPenalty(1, JobTimeoutException):  # as RQ runs the task
            state = mail_send(mail_id=mail.pk)  # stopped after 1 s, waiting for the reply
        swept = mails_send_due(now=timezone.now() + timedelta(days=1))  # a retry, if any

    assert (state, swept) == (Mail.State.UNCONFIRMED, 0)
    assert inbox.recipients() == ["john.smith@example.org"]  # once
    mail.refresh_from_db()
    assert (mail.state, mail.attempts) == (Mail.State.UNCONFIRMED, 1)
    assert mail.last_error.startswith("DeliveryUnconfirmed")

