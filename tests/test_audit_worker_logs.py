"""The worker's own log lines on the Redis queue name no one: RQ logs each job it starts
and finishes by its description, the task's call with its arguments, and a registration
request's arguments are what the visitor typed (address, name, organisation)."""

import logging

import pytest
from django.core.management import call_command

from mail.models import Mail
from tests.test_mail_delivery import signal_handlers_kept
from tests.test_registration_oracle import (  # noqa: F401 (fixtures)
    form_data,
    leipzig,
    post_as_new_visitor,
    register_path,
    rq_queues,
    series,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.redis]


def test_the_rq_worker_logs_a_registration_request_without_what_the_visitor_typed(
        rq_queues, series, leipzig, caplog, capsys):  # noqa: F811
    response, _ = post_as_new_visitor(register_path(series), form_data(
        leipzig, email="xanthippe@example.org", name="Xanthippe Quorum"))
    assert response.status_code == 302

    with caplog.at_level(logging.INFO), signal_handlers_kept():
        call_command("run_worker", batch=True, verbosity=1)

    assert Mail.objects.get().to == "xanthippe@example.org"  # the worker did run it
    logged = caplog.text + "".join(capsys.readouterr())
    assert "registration_request_process" in logged  # RQ did log the job
    assert "xanthippe" not in logged.lower()
    assert "Quorum" not in logged
