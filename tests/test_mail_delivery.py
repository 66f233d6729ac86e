"""Sending the outbox to a real SMTP server (aiosmtpd on 127.0.0.1): delivery, outage and
back-off, at most once per mail however tasks run, and the task queues that run it."""

import email
import json
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from datetime import timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mail.management.commands.run_worker import _sweep_enqueue
from mail.models import Mail
from mail.services import Attachment, mail_queue, mail_send, mails_send_due
from tests.conftest import redis_database

ROOT = Path(__file__).resolve().parent.parent

ERIKA = {"to": "erika.mustermann@example.org", "language": "de"}
JOHN = {"to": "john.smith@example.org", "language": "en"}
IVANA = {"to": "ivana.petrova@example.org", "language": "bg"}


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def recipients(self) -> list[str]:
        return sorted(message["To"] for message in self.messages)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def smtp_server(port: int, inbox: Inbox | None = None):
    """A real SMTP server on 127.0.0.1:`port` while the context runs; yields its inbox."""
    inbox = inbox or Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


@contextmanager
def signal_handlers_kept():
    """Workers install their own SIGINT/SIGTERM handlers; give pytest its own back."""
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)


@pytest.fixture
def smtp_port(settings) -> int:
    """Point the SMTP backend at a free port on 127.0.0.1 (nothing listens yet)."""
    port = free_port()
    settings.EMAIL_BACKEND = "mail.backends.EmailBackend"  # as an smtp:// EMAIL_URL sets it
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return port


@pytest.fixture
def inbox(smtp_port):
    with smtp_server(smtp_port) as inbox:
        yield inbox


def queue_test_mail(*, persona: dict, cause: str, attachments=(), **context) -> Mail:
    """Queue the test mail for a persona and commit, as a service of another app would."""
    values = {"title": f"Hello {persona['to']}", "to": persona["to"], "message": "See you."}
    with transaction.atomic():
        return mail_queue(cause=cause, template="test", context=values | context,
                          attachments=attachments, **persona)


@pytest.mark.django_db
def test_mail_send_delivers_subject_text_html_and_attachment_in_language(inbox,
        django_capture_on_commit_callbacks):
    calendar = Attachment(filename="event.ics", content=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                          content_type="text/calendar; charset=utf-8")
    with django_capture_on_commit_callbacks():
        mail = queue_test_mail(persona=ERIKA, cause="test:delivery", attachments=[calendar],
                                title="Willkommen\nin Leipzig", message="Fish & <Chips>")

    state = mail_send(mail_id=mail.pk)

    assert state == Mail.State.SENT
    [message] = inbox.messages
    assert message["To"] == "erika.mustermann@example.org"
    assert message["From"] == "clustermeet <events@example.org>"
    assert message["Subject"] == "Willkommen in Leipzig"
    assert message["Content-Language"] == "de"
    assert message["Message-ID"].startswith(f"<mail-{mail.pk}.")
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "E-Mail-Adresse: erika.mustermann@example.org" in text
    assert "Fish & <Chips>" in text
    assert '<html lang="de">' in html
    assert "<title>Willkommen in Leipzig</title>" in html
    assert "<p>E-Mail-Adresse: erika.mustermann@example.org</p>" in html
    assert "<p>Fish &amp; &lt;Chips&gt;</p>" in html
    [attached] = list(message.iter_attachments())
    assert attached.get_filename() == "event.ics"
    assert attached["Content-Type"] == 'text/calendar; charset="utf-8"'
    assert attached.get_content() == "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    mail.refresh_from_db()
    assert (mail.state, mail.attempts, mail.last_error) == (Mail.State.SENT, 1, "")
    assert mail.sent_at is not None and mail.claimed_until is None


@pytest.mark.django_db
def test_mail_send_twice_sends_once(inbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        mail = queue_test_mail(persona=JOHN, cause="test:twice")

    first = mail_send(mail_id=mail.pk)
    second = mail_send(mail_id=mail.pk)
    swept = mails_send_due(now=timezone.now() + timedelta(days=1))

    assert (first, second, swept) == (Mail.State.SENT, None, 0)
    assert inbox.recipients() == ["john.smith@example.org"]


@pytest.mark.django_db
def test_mail_send_outage_queues_with_back_off_then_delivers_every_mail_once(
        smtp_port, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        mails = [queue_test_mail(persona=persona, cause=f"test:outage:{number}")
                 for number, persona in enumerate([ERIKA, JOHN, IVANA])]
    start = timezone.now()

    first = [mail_send(mail_id=mail.pk, now=start) for mail in mails]
    second = [mail_send(mail_id=mail.pk, now=start + timedelta(seconds=30)) for mail in mails]

    assert first == second == [Mail.State.QUEUED] * 3
    for mail in mails:
        mail.refresh_from_db()
        assert (mail.state, mail.attempts) == (Mail.State.QUEUED, 2)
        assert mail.next_attempt_at == start + timedelta(seconds=30 + 60)
        assert mail.last_error.startswith("ConnectionRefusedError: ")
    retries = DBTaskResult.objects.filter(task_path="mail.tasks.mail_send").order_by("run_after")
    assert [task.run_after - start for task in retries] == (
        [timedelta(seconds=30)] * 3 + [timedelta(seconds=90)] * 3
    )

    with smtp_server(smtp_port) as inbox:
        too_early = mails_send_due(now=start + timedelta(seconds=89))
        sent = mails_send_due(now=start + timedelta(seconds=90))
        again = [mail_send(mail_id=mail.pk, now=start + timedelta(hours=2)) for mail in mails]
        swept_again = mails_send_due(now=start + timedelta(hours=2))

    assert (too_early, sent, again, swept_again) == (0, 3, [None] * 3, 0)
    assert inbox.recipients() == [ERIKA["to"], IVANA["to"], JOHN["to"]]
    assert list(Mail.objects.order_by("pk").values_list("state", "attempts")) == [
        (Mail.State.SENT, 3)] * 3


@pytest.mark.django_db
def test_mails_send_due_stops_at_the_first_failed_send(smtp_port,
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        for number in range(3):
            queue_test_mail(persona=JOHN, cause=f"test:stop:{number}")

    sent = mails_send_due()

    assert sent == 0
    assert list(Mail.objects.order_by("pk").values_list("attempts", flat=True)) == [1, 0, 0]


class PickyInbox(Inbox):
    """A server that refuses some recipients: for good (550) or for now (450)."""

    REFUSED = {"nobody@example.org": "550 5.1.1 No such user",
               "busy@example.org": "450 4.2.1 Mailbox busy, try again later"}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.REFUSED:
            return self.REFUSED[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.mark.django_db
def test_a_recipient_refused_for_good_fails_at_once_and_stops_no_other_mail(
        smtp_port, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        nobody, john, busy = (
            queue_test_mail(persona={"to": address, "language": "en"}, cause=f"test:{address}")
            for address in ("nobody@example.org", JOHN["to"], "busy@example.org"))
    inbox = PickyInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        sent = mails_send_due()
    finally:
        controller.stop()

    assert sent == 1 and inbox.recipients() == [JOHN["to"]]
    for mail in (nobody, john, busy):
        mail.refresh_from_db()
    assert (nobody.state, nobody.attempts) == (Mail.State.FAILED, 1)
    assert "550" in nobody.last_error and "No such user" in nobody.last_error
    assert john.state == Mail.State.SENT
    assert (busy.state, busy.attempts) == (Mail.State.QUEUED, 1) and "450" in busy.last_error


@pytest.mark.django_db
def test_mail_send_marks_failed_after_max_attempts(settings, smtp_port,
        django_capture_on_commit_callbacks):
    settings.MAIL_MAX_ATTEMPTS = 3
    with django_capture_on_commit_callbacks():
        mail = queue_test_mail(persona=ERIKA, cause="test:failed")
    now = timezone.now()

    states = []
    for _attempt in range(4):
        states.append(mail_send(mail_id=mail.pk, now=now))
        now += timedelta(hours=1)

    assert states == [Mail.State.QUEUED, Mail.State.QUEUED, Mail.State.FAILED, None]
    mail.refresh_from_db()
    assert (mail.state, mail.attempts) == (Mail.State.FAILED, 3)
    assert mail.last_error.startswith("ConnectionRefusedError: ")
    assert DBTaskResult.objects.filter(task_path="mail.tasks.mail_send").count() == 2  # the retries


@pytest.mark.django_db
def test_mail_send_takes_over_an_expired_claim_and_leaves_a_live_one(inbox,
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        mail = queue_test_mail(persona=JOHN, cause="test:claim")
    now = timezone.now()
    Mail.objects.filter(pk=mail.pk).update(state=Mail.State.SENDING, attempts=1,
                                           claimed_until=now + timedelta(minutes=1))

    while_claimed = mail_send(mail_id=mail.pk, now=now)
    after_expiry = mail_send(mail_id=mail.pk, now=now + timedelta(minutes=2))

    assert (while_claimed, after_expiry) == (None, Mail.State.SENT)
    assert inbox.recipients() == ["john.smith@example.org"]
    assert Mail.objects.get(pk=mail.pk).attempts == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_mail_send_concurrently_on_postgresql_sends_once(inbox):
    mails = [queue_test_mail(persona=JOHN, cause=f"test:race:{number}") for number in range(10)]
    results: dict[int, list] = {mail.pk: [] for mail in mails}

    def send(mail_id: int, barrier: threading.Barrier) -> None:
        try:
            barrier.wait()
            results[mail_id].append(mail_send(mail_id=mail_id))
        finally:
            connection.close()

    for mail in mails:
        barrier = threading.Barrier(2)
        threads = [threading.Thread(target=send, args=(mail.pk, barrier)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert all(sorted(outcome, key=str) == [None, Mail.State.SENT]
               for outcome in results.values()), results
    assert inbox.recipients() == ["john.smith@example.org"] * 10
    assert set(Mail.objects.values_list("state", "attempts")) == {(Mail.State.SENT, 1)}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_mail_queue_same_cause_in_concurrent_transactions_gives_one_mail():
    first_inserted, outcomes = threading.Event(), {}

    def queue(name: str) -> None:
        try:
            with transaction.atomic():
                if name == "second":
                    first_inserted.wait()
                outcomes[name] = queue_test_mail(persona=ERIKA, cause="test:same").pk
                if name == "first":
                    first_inserted.set()
                    time.sleep(0.3)  # the second transaction now waits on the unique index
        finally:
            connection.close()

    threads = [threading.Thread(target=queue, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes["first"] == outcomes["second"]
    assert Mail.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path="mail.tasks.mail_send").count() == 1


@pytest.mark.django_db(transaction=True)
def test_db_worker_delivers_a_queued_mail(inbox):
    mail = queue_test_mail(persona=IVANA, cause="test:db-worker")
    assert DBTaskResult.objects.get().args_kwargs == {"args": [], "kwargs": {"mail_id": mail.pk}}

    with signal_handlers_kept():
        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    assert inbox.recipients() == ["ivana.petrova@example.org"]
    assert Mail.objects.get().state == Mail.State.SENT
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_db_worker_retries_until_max_attempts_during_an_outage(settings, smtp_port):
    settings.MAIL_MAX_ATTEMPTS, settings.MAIL_RETRY_SECONDS = 3, 0  # retries are due at once
    queue_test_mail(persona=ERIKA, cause="test:db-worker-outage")

    with signal_handlers_kept():
        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    mail = Mail.objects.get()
    assert (mail.state, mail.attempts) == (Mail.State.FAILED, 3)
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"] * 3


@pytest.mark.django_db(transaction=True)
def test_run_worker_batch_sweeps_a_mail_whose_task_was_lost(inbox):
    queue_test_mail(persona=JOHN, cause="test:lost-task")
    DBTaskResult.objects.all().delete()

    with signal_handlers_kept():
        call_command("run_worker", batch=True, verbosity=0)

    assert inbox.recipients() == ["john.smith@example.org"]
    assert sorted(DBTaskResult.objects.values_list("task_path", "status")) == [
        ("mail.tasks.mails_send_due", "SUCCESSFUL"),
        ("matchmaking.tasks.meetings_of_absentees_cancel", "SUCCESSFUL"),
        ("matchmaking.tasks.meetings_remind_due", "SUCCESSFUL"),
        ("orga.tasks.pitch_offers_sweep", "SUCCESSFUL"),
        ("registrations.tasks.participants_anonymise_expired", "SUCCESSFUL"),
        ("registrations.tasks.registration_requests_forget", "SUCCESSFUL"),
        ("registrations.tasks.registrations_expire_pending", "SUCCESSFUL"),
        ("registrations.tasks.reminders_send_due", "SUCCESSFUL")]


@pytest.mark.django_db(transaction=True)
def test_a_sweep_not_yet_started_is_not_enqueued_again(settings):
    settings.WORKER_SWEEP_TASKS = ["mail.tasks.mails_send_due"]
    waiting = {}

    _sweep_enqueue(waiting)
    _sweep_enqueue(waiting)  # the worker is busy: the first sweep still waits
    waited = DBTaskResult.objects.count()
    with signal_handlers_kept():
        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    _sweep_enqueue(waiting)  # the first one ran: time for the next

    assert waited == 1
    assert list(DBTaskResult.objects.order_by("enqueued_at").values_list("status", flat=True)
                ) == ["SUCCESSFUL", "READY"]
    DBTaskResult.objects.all().delete()  # results the backend no longer knows
    _sweep_enqueue(waiting)
    assert DBTaskResult.objects.count() == 1


@pytest.fixture
def rq_settings(settings, redis_url):
    """The RQ backend on its own Redis database, flushed before and after."""
    import redis

    url = redis_url.rsplit("/", 1)[0] + f"/{redis_database(1)}"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": url}}
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


def rq_burst() -> None:
    """Run an in-process RQ worker until the queue is empty."""
    from django_rq import get_worker

    worker = get_worker("default", job_class="django_tasks_rq.Job",
                        worker_class="rq.worker.SimpleWorker")
    with signal_handlers_kept():
        worker.work(burst=True, logging_level="WARNING")


@pytest.mark.redis
@pytest.mark.django_db
def test_rq_worker_delivers_a_queued_mail(rq_settings, inbox,
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_test_mail(persona=ERIKA, cause="test:rq")
    assert rq_settings.llen("rq:queue:default") == 1

    rq_burst()

    assert inbox.recipients() == ["erika.mustermann@example.org"]
    assert Mail.objects.get().state == Mail.State.SENT
    assert rq_settings.llen("rq:queue:default") == 0


@pytest.mark.redis
@pytest.mark.django_db
def test_rq_on_the_caches_redis_queues_through_its_client_and_delivers(
        settings, rq_settings, inbox, django_capture_on_commit_callbacks):
    """As the settings put it with REDIS_URL: the queue on the cache's Redis uses the
    cache's client and its connection pool (django-rq would connect anew for every enqueue
    when given the URL)."""
    import django_rq
    from django.core.cache import caches

    url = rq_settings.connection_pool.connection_kwargs
    settings.CACHES = {"default": {"BACKEND": "core.cache.RedisCache",
                                   "LOCATION": f"redis://{url['host']}:{url['port']}/{url['db']}"}}
    settings.RQ_QUEUES = {"default": {"USE_REDIS_CACHE": "default"}}
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            queue_test_mail(persona=ERIKA, cause=f"test:rq-cache:{number}")

    assert django_rq.get_queue("default").connection is caches["default"].get_master_client()
    assert rq_settings.llen("rq:queue:default") == 3
    rq_burst()
    assert inbox.recipients() == ["erika.mustermann@example.org"] * 3
    assert set(Mail.objects.values_list("state", flat=True)) == {Mail.State.SENT}


def test_with_redis_url_the_rq_queue_uses_the_caches_client(tmp_path):
    """The settings a deployment gets from REDIS_URL and TASKS_BACKEND=rq (no connection
    is made: the settings are only read)."""
    script = ("from django.conf import settings; import json; "
              "print(json.dumps([settings.CACHES['default'], settings.RQ_QUEUES]))")
    environment = worker_environment(tmp_path / "db.sqlite3", smtp_port=1) | {
        "REDIS_URL": "redis://127.0.0.1:6379/3", "TASKS_BACKEND": "rq"}
    shown = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + script],  # noqa: S603 — our own script
                           cwd=ROOT, env=environment, capture_output=True, text=True,
                           check=True, timeout=60).stdout

    cache, queues = json.loads(shown)
    assert cache == {"BACKEND": "core.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/3"}
    # a job may run longer than a send may take (MAIL_CLAIM_SECONDS, 900 s, + 60 s); RQ's
    # own default, 180 s, stopped a mail while its server took long to answer: sent twice
    queue = {"USE_REDIS_CACHE": "default", "DEFAULT_TIMEOUT": 960}
    assert queues == {"default": queue, "registrations": queue}


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_run_worker_on_rq_schedules_retries_and_delivers_once_the_server_is_back(
        settings, rq_settings, smtp_port):
    settings.MAIL_RETRY_SECONDS = 0  # retries are due at once
    queue_test_mail(persona=JOHN, cause="test:rq-outage")

    with signal_handlers_kept():
        call_command("run_worker", batch=True, verbosity=0)  # the task, then the sweep
    mail = Mail.objects.get()
    assert (mail.state, mail.attempts) == (Mail.State.QUEUED, 2)
    assert rq_settings.zcard("rq:scheduled:default") == 2

    with smtp_server(smtp_port) as inbox, signal_handlers_kept():
        call_command("run_worker", batch=True, verbosity=0)  # the sweep, then both retries

    assert inbox.recipients() == ["john.smith@example.org"]
    mail.refresh_from_db()
    assert (mail.state, mail.attempts) == (Mail.State.SENT, 3)
    assert rq_settings.zcard("rq:scheduled:default") == 0


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A migrated SQLite file, made once for the tests that start run_worker as a process."""
    path = tmp_path_factory.mktemp("worker") / "template.sqlite3"
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT,
                   env=worker_environment(path, smtp_port=1), check=True, timeout=60)
    return path


def worker_environment(database: Path, *, smtp_port: int) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{database}",
            "DATA_DIR": str(database.parent), "TASKS_BACKEND": "database",
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "DJANGO_SETTINGS_MODULE": "clustermeet.settings", "PYTHONDONTWRITEBYTECODE": "1"}


def mail_insert_without_task(database: Path, *, to: str) -> None:
    """A queued mail whose task was lost: only the worker's sweep can send it."""
    now = timezone.now().strftime("%Y-%m-%d %H:%M:%S.%f")
    with sqlite3.connect(database) as db:
        db.execute(
            'INSERT INTO mail_mail (cause, "to", language, subject, text, html, state, attempts,'
            " next_attempt_at, last_error, created_at) VALUES (?, ?, 'en', 'Swept', 'Swept.',"
            " '', 'queued', 0, ?, '', ?)", ("test:process", to, now, now))
    db.close()


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_run_worker_process_sweeps_then_stops_cleanly(migrated_sqlite, tmp_path, stop_signal):
    database = tmp_path / "worker.sqlite3"
    database.write_bytes(migrated_sqlite.read_bytes())
    mail_insert_without_task(database, to="john.smith@example.org")
    port = free_port()

    with smtp_server(port) as inbox:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--sweep-seconds", "0.2", "-v", "0"],
            cwd=ROOT, env=worker_environment(database, smtp_port=port),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 20
            while not inbox.messages and time.monotonic() < deadline:
                time.sleep(0.05)
            worker.send_signal(stop_signal)
            output, _ = worker.communicate(timeout=10)
        finally:
            worker.kill()

    assert worker.returncode == 0, output.decode()
    assert inbox.recipients() == ["john.smith@example.org"]
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT state FROM mail_mail").fetchall() == [("sent",)]
    db.close()
