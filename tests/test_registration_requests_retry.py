"""A form's queued request survives a database outage in the worker, and its worker's
death (issue 10, point 6).

The forms answer "we sent you a mail" and leave the work to the worker; a request the
database fails while it runs is queued again (registrations.tasks.request_run_or_retry),
not failed and then forgotten by the sweep. As deployed: the queue on Redis, PostgreSQL
unreachable for a while (its connection pointed at a closed port).
"""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from events.models import Series
from mail.models import Mail
from registrations.models import Participant, Registration
from registrations.tasks import registration_requests_forget
from tests.test_mail_delivery import signal_handlers_kept
from tests.test_registration_oracle import (  # noqa: F401 (fixtures)
    form_data,
    leipzig,
    post_as_new_visitor,
    register_path,
    rq_queues,
    series,
    worker_run,
)

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def database_down():
    """The worker's database connection refused, as when PostgreSQL is down."""
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = closed_port
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port


def worker_burst() -> None:
    from django_rq import get_worker

    worker = get_worker("registrations", job_class="django_tasks_rq.Job",
                        worker_class="rq.worker.SimpleWorker")
    with signal_handlers_kept():
        worker.work(burst=True, with_scheduler=True, logging_level="CRITICAL")


@pytest.mark.postgres
@pytest.mark.redis
def test_registration_request_failed_by_the_database_is_run_again_later(
        settings, rq_queues, series, leipzig):  # noqa: F811
    settings.REGISTRATION_REQUEST_RETRY_SECONDS = 1
    response, _ = post_as_new_visitor(register_path(series),
                                      form_data(leipzig, email="hana@example.org"))
    assert response.status_code == 302

    with database_down():
        worker_burst()
    assert rq_queues.zcard("rq:failed:registrations") == 0
    assert registration_requests_forget.call() == 1  # the failed run; its retry waits
    assert not Participant.objects.exists()

    time.sleep(1.5)
    worker_burst()

    hana = Participant.objects.get()
    assert hana.email == "hana@example.org"
    assert list(hana.registrations.values_list("event__slug", "state")) == [
        ("leipzig", Registration.State.PENDING)]
    assert list(Mail.objects.values_list("to", flat=True)) == ["hana@example.org"]


@pytest.mark.postgres
@pytest.mark.redis
def test_registration_request_given_up_after_its_attempts(
        settings, rq_queues, series, leipzig):  # noqa: F811
    settings.REGISTRATION_REQUEST_RETRY_SECONDS = 0
    settings.REGISTRATION_REQUEST_ATTEMPTS = 3
    post_as_new_visitor(register_path(series), form_data(leipzig, email="ida@example.org"))

    with database_down():
        for _attempt in range(3):
            worker_burst()

    assert rq_queues.zcard("rq:failed:registrations") == 1  # bounded: not queued for ever
    assert rq_queues.llen("rq:queue:registrations") == 0
    assert rq_queues.zcard("rq:scheduled:registrations") == 0


def test_registration_request_whose_worker_died_is_run_again(series, leipzig):  # noqa: F811
    """The database queue: a worker killed (-9) after claiming the request left it
    "running"; the sweep makes it ready again once it is clearly abandoned."""
    post_as_new_visitor(register_path(series), form_data(leipzig, email="jo@example.org"))
    request = DBTaskResult.objects.get(queue_name="registrations")
    request.claim("killed-worker")  # what the worker did before it died
    DBTaskResult.objects.filter(pk=request.pk).update(
        started_at=timezone.now() - timedelta(minutes=11))

    assert registration_requests_forget.call() == 0  # nothing finished: nothing forgotten
    worker_run()

    jo = Participant.objects.get()
    assert jo.email == "jo@example.org"
    assert list(Mail.objects.values_list("to", flat=True)) == ["jo@example.org"]
    assert DBTaskResult.objects.get(pk=request.pk).status == "SUCCESSFUL"


def test_registration_request_running_now_is_left_to_its_worker(series, leipzig):  # noqa: F811
    post_as_new_visitor(register_path(series), form_data(leipzig, email="kim@example.org"))
    request = DBTaskResult.objects.get(queue_name="registrations")
    request.claim("busy-worker")

    registration_requests_forget.call()
    worker_run()

    assert DBTaskResult.objects.get(pk=request.pk).status == "RUNNING"
    assert not Participant.objects.exists()


@pytest.mark.postgres
@pytest.mark.redis
def test_on_redis_a_registration_request_whose_worker_was_killed_is_run_again(
        rq_queues, series, leipzig):  # noqa: F811
    """RQ moves a job whose worker died (kill -9) to the failed ones (AbandonedJobError);
    the sweep queues it again instead of forgetting it."""
    from rq import Queue
    from rq.registry import StartedJobRegistry

    from tests.test_backup import ROOT

    post_as_new_visitor(register_path(series), form_data(leipzig, email="lou@example.org",
                                                        scope="series"))
    queue_url = settings_queue_url()
    database = connection.settings_dict
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"DATABASE_URL", "REDIS_URL", "TASKS_BACKEND"}} | {
        "TASKS_BACKEND": "rq", "REDIS_URL": queue_url, "MAIL_SWEEP_SECONDS": "0",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:"
                        f"{database['PORT']}/{database['NAME']}"}
    from django_tasks_rq import Job

    started = StartedJobRegistry("registrations", connection=rq_queues, job_class=Job)
    with transaction.atomic():  # the request waits for the series, under way when killed
        Series.objects.select_for_update().get(pk=series.pk)
        worker = subprocess.Popen(  # noqa: S603 — our own manage.py
            [sys.executable, "manage.py", "run_worker", "--sweep-seconds", "0"], cwd=ROOT,
            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while not started.get_job_ids(cleanup=False):
                assert time.monotonic() < deadline, "the worker did not take the request"
                time.sleep(0.1)
            time.sleep(0.5)  # blocked on the series' lock
        finally:
            worker.kill()
            worker.wait(timeout=10)
    started.cleanup(timestamp=time.time() + 10**6)  # RQ's maintenance, once it is due
    assert rq_queues.zcard("rq:failed:registrations") == 1
    assert not Participant.objects.exists()

    assert registration_requests_forget.call() == 0  # nothing forgotten: queued again
    assert rq_queues.llen("rq:queue:registrations") == 1
    worker_burst()

    assert Participant.objects.get().email == "lou@example.org"
    assert list(Mail.objects.values_list("to", flat=True)) == ["lou@example.org"]
    assert Queue("registrations", connection=rq_queues).count == 0


def settings_queue_url() -> str:
    from django.conf import settings

    return settings.RQ_QUEUES["registrations"]["URL"]
