"""Nobody learns who is registered from the public forms (issue 10, point 6).

The registration form and the "send me my link" form answer a known and an unknown address
with the same bytes (but the CSRF token), after the same SQL statements and one queued task
each; what depends on whose address it is happens afterwards, in the worker
(registrations.tasks, queue "registrations"). Functional, not timed: the timing itself is
measured by bench/registration_oracle.
"""

import re
import zlib

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from mail.models import Mail
from registrations import services
from registrations.models import Participant, Registration
from registrations.tasks import registration_requests_forget
from tests.conftest import redis_database
from tests.factories import event_create, series_create
from tests.test_mail_delivery import signal_handlers_kept
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    registration_create,
)

# the worker runs in the test (db_worker): its own transactions
pytestmark = pytest.mark.django_db(transaction=True)
State = Registration.State
KNOWN, UNKNOWN = "alice@example.org", "nobody@example.org"
LINK_FORM = "/en/registration/link/"
CSRF = re.compile(rb'(name="csrfmiddlewaretoken" value=|csrftoken=)"?[A-Za-z0-9]+')
HTTP_DATE = re.compile(rb"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT")


@pytest.fixture
def series():
    series = series_create(title_en="Cluster Bridges", title_de="Cluster-Brücken", slug="bridges")
    consent_text_create(series=series, text_en="We keep your data for the series.")
    return series


@pytest.fixture
def leipzig(series):
    return event_create(series=series, slug="leipzig", title_en="Leipzig", capacity=5)


@pytest.fixture
def alice(leipzig):
    """Registered and confirmed: her address is the known one."""
    alice = participant_create(email=KNOWN, name="Alice Adler")
    registration_create(participant=alice, event=leipzig)
    return alice


def register_path(series) -> str:
    return f"/en/series/{series.slug}/register/"


def form_data(leipzig, **fields) -> dict:
    return {"email": UNKNOWN, "name": "Someone", "organisation_name": "Some GmbH",
            "organisation_kind": "sme", "organisation_country": "DE", "job_title": "CEO",
            "country": "DE", "language": "en", "scope": "events", "events": str(leipzig.pk),
            "consent": "on", "consent_version": "1", "website": ""} | fields


def post_as_new_visitor(path: str, data: dict):
    """GET the form and POST it, as a browser of a new visitor does (CSRF checked).
    Returns the POST's answer and the SQL statements run for it (without their values)."""
    client = Client(enforce_csrf_checks=True)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"',
                      client.get(path).content.decode()).group(1)
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(record):
        response = client.post(path, data | {"csrfmiddlewaretoken": token})
    assert len(statements) == len(queries.captured_queries)
    return response, statements


def answer_bytes(response) -> bytes:
    """The whole answer, headers and body, with the CSRF token and the time (Expires:
    now, of never_cache) masked."""
    return HTTP_DATE.sub(b"<date>", CSRF.sub(rb"\1<csrf>", response.serialize()))


def requests_queued() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(queue_name="registrations").order_by("enqueued_at"))


def worker_run() -> None:
    """The worker takes what the forms queued, as `manage.py run_worker` would."""
    call_command("db_worker", queue_name="registrations", batch=True, reload=False,
                 startup_delay=False, verbosity=0)


def test_link_form_answers_a_known_and_an_unknown_address_alike(alice):
    post_as_new_visitor(LINK_FORM, {"email": "warm-up@example.org"})  # caches filled
    known, known_sql = post_as_new_visitor(LINK_FORM, {"email": KNOWN.upper()})
    unknown, unknown_sql = post_as_new_visitor(LINK_FORM, {"email": UNKNOWN})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == "/en/registration/link/sent/"
    assert answer_bytes(known) == answer_bytes(unknown)
    assert known_sql == unknown_sql
    assert len(requests_queued()) == 3  # one task each, and nothing else done yet
    assert not Mail.objects.exists()

    worker_run()

    assert list(Mail.objects.values_list("to", "subject")) == [(KNOWN, "Your personal link")]
    assert {result.status for result in requests_queued()} == {"SUCCESSFUL"}


def test_registration_form_answers_a_known_and_an_unknown_address_alike(series, leipzig, alice):
    post_as_new_visitor(register_path(series), form_data(leipzig, email="warm-up@example.org"))
    known, known_sql = post_as_new_visitor(register_path(series),
                                           form_data(leipzig, email=KNOWN))
    unknown, unknown_sql = post_as_new_visitor(register_path(series),
                                               form_data(leipzig, email=UNKNOWN))

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == "/en/series/bridges/register/sent/"
    assert answer_bytes(known) == answer_bytes(unknown)
    assert known_sql == unknown_sql
    assert [result.task_path for result in requests_queued()] == [
        "registrations.tasks.registration_request_process"] * 3
    assert list(Participant.objects.values_list("email", flat=True)) == [KNOWN]
    assert not Mail.objects.exists()

    worker_run()

    # alice holds her seat already: her link; the new address: the confirmation request
    assert set(Mail.objects.values_list("to", "subject")) == {
        (KNOWN, "Your personal link"),
        ("warm-up@example.org", "Please confirm your registration: Cluster Bridges"),
        (UNKNOWN, "Please confirm your registration: Cluster Bridges")}
    assert Registration.objects.get(participant__email=UNKNOWN).state == State.PENDING
    assert leipzig.registrations.get(participant=alice).state == State.CONFIRMED


def test_the_sent_page_and_the_confirmation_work_through_the_worker(series, leipzig):
    client = Client()
    response = client.post(register_path(series), form_data(leipzig), follow=True)
    assert response.redirect_chain == [("/en/series/bridges/register/sent/", 302)]
    assert "<h1>Check your inbox</h1>" in response.content.decode()

    worker_run()

    mail = Mail.objects.get(to=UNKNOWN)
    confirm = re.search(r"https?://\S+?(/en/registration/confirm/\S+/)", mail.text).group(1)
    response = client.post(confirm)
    assert response.status_code == 302
    assert Registration.objects.get(participant__email=UNKNOWN).state == State.CONFIRMED


def test_the_reserved_domain_is_refused_in_the_form_whoever_it_was(series, leipzig, alice):
    services.participant_delete(participant=alice)
    alice.refresh_from_db()

    placeholder, _ = post_as_new_visitor(register_path(series),
                                         form_data(leipzig, email=alice.email))
    invented, _ = post_as_new_visitor(register_path(series),
                                      form_data(leipzig, email="deleted-0@anonymised.invalid"))

    assert placeholder.status_code == invented.status_code == 400
    for response in (placeholder, invented):
        assert "This e-mail address cannot be registered." in response.content.decode()
    assert not requests_queued()


def test_a_registration_closed_before_the_worker_ran_gets_a_mail_saying_why(series, leipzig):
    response, _ = post_as_new_visitor(register_path(series), form_data(
        leipzig, email="dora@example.org", name="Dora Dimitrova", language="de"))
    assert response.status_code == 302
    series.registration_open = False
    series.save()

    worker_run()

    assert not Participant.objects.exists()
    mail = Mail.objects.get()
    assert (mail.to, mail.language) == ("dora@example.org", "de")
    assert mail.subject == "Ihre Anmeldung konnte nicht abgeschlossen werden: Cluster-Brücken"
    assert "Hallo Dora Dimitrova," in mail.text
    assert "Die Anmeldung für diese Reihe ist geschlossen." in mail.text
    assert "/de/series/bridges/register/" in mail.text
    assert "Zur Anmeldeseite" in mail.html

    worker_run()  # a request taken twice mails once (its id is the mail's cause)
    assert Mail.objects.count() == 1


def test_a_request_of_a_participant_who_deleted_their_data_meanwhile_is_dropped(
        series, leipzig, alice):
    post_as_new_visitor(register_path(series), form_data(leipzig, email=KNOWN, name="Alice"))
    post_as_new_visitor(LINK_FORM, {"email": KNOWN})
    services.participant_delete(participant=alice)

    worker_run()

    assert list(Participant.objects.values_list("pk", "name")) == [(alice.pk, "")]
    assert not Mail.objects.filter(to=KNOWN).exists()


def test_the_sweep_forgets_what_a_visitor_entered_once_the_worker_ran(series, leipzig):
    post_as_new_visitor(register_path(series), form_data(leipzig, email="erik@example.org"))
    worker_run()
    post_as_new_visitor(register_path(series), form_data(leipzig, email="fay@example.org"))
    stored = " ".join(str(result.args_kwargs) for result in requests_queued())
    assert "erik@example.org" in stored and "fay@example.org" in stored

    assert registration_requests_forget.call() == 1

    stored = " ".join(str(result.args_kwargs) for result in requests_queued())
    assert "erik@example.org" not in stored
    assert "fay@example.org" in stored  # not yet taken: kept for the worker


@pytest.fixture
def rq_queues(settings, redis_url):
    """The task queue on Redis as deployed (TASKS_BACKEND=rq), on a database of its own,
    flushed before and after."""
    import redis

    url = redis_url.rsplit("/", 1)[0] + f"/{redis_database(1)}"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend",
                                  "QUEUES": settings.TASK_QUEUES}}
    settings.RQ_QUEUES = {name: {"URL": url} for name in settings.TASK_QUEUES}
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.mark.redis
def test_on_redis_the_worker_registers_and_the_sweep_forgets_the_request(rq_queues, series,
                                                                          leipzig):
    from django_rq import get_worker

    response, _ = post_as_new_visitor(register_path(series),
                                      form_data(leipzig, email="gina@example.org"))
    assert response.status_code == 302
    assert rq_queues.llen("rq:queue:registrations") == 1

    worker = get_worker("registrations", job_class="django_tasks_rq.Job",
                        worker_class="rq.worker.SimpleWorker")
    with signal_handlers_kept():
        worker.work(burst=True, logging_level="WARNING")

    assert Mail.objects.get().to == "gina@example.org"
    [job_id] = [job_id.decode() for job_id in
                rq_queues.zrange("rq:finished:registrations", 0, -1)]
    assert b"gina@example.org" in zlib.decompress(rq_queues.hget(f"rq:job:{job_id}", "data"))

    assert registration_requests_forget.call() == 1

    assert not rq_queues.exists(f"rq:job:{job_id}")
    assert rq_queues.zcard("rq:finished:registrations") == 0
