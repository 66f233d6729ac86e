"""Tasks of the registrations app: they delegate to a service and are safe to run twice.

The public forms (registration, "send me my link") leave everything that depends on whose
address was entered to the tasks of the REQUESTS_QUEUE, so that they answer alike for
every address. Those tasks carry ids (and a series' slug) where there are any, and of the
registration form the plain values a new participant is made of; what the queue keeps of
them once run is deleted by the sweep (registration_requests_forget). A request the
database fails (down, or busy past its retries) is queued again, not lost
(request_run_or_retry).
"""

import logging
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends
from django_tasks.base import Task

from registrations import reminders, services

logger = logging.getLogger(__name__)
REQUESTS_QUEUE = "registrations"


def request_run_or_retry(run: Callable[[], object], *, task_: Task, arguments: dict,
                         attempt: int) -> None:
    """Run a queued request; when the database fails it (unreachable, or a conflict past
    DATABASE_CONFLICT_ATTEMPTS), queue it again after REGISTRATION_REQUEST_RETRY_SECONDS ·
    2^(attempt − 1), up to REGISTRATION_REQUEST_ATTEMPTS attempts in all: the visitor was
    told their mail is coming. The request's transaction was rolled back, so running it
    again does it once. The last failure is raised (the task fails)."""
    try:
        run()
    except (OperationalError, InterfaceError) as error:
        if attempt >= settings.REGISTRATION_REQUEST_ATTEMPTS or not task_.get_backend(
                ).supports_defer:
            logger.error("Queued request %s failed on the database %d times: given up",
                         task_.name, attempt)
            raise
        delay = settings.REGISTRATION_REQUEST_RETRY_SECONDS * 2 ** (attempt - 1)
        logger.warning("Queued request %s failed on the database (%s), attempt %d: again "
                       "in %d s", task_.name, type(error).__name__, attempt, delay)
        task_.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            **arguments, attempt=attempt + 1)


@task(queue_name=REQUESTS_QUEUE)
def registration_request_process(*, request_id: str, series_slug: str, consent_id: int,
                                 event_ids: list[int] | None, theme_ids: list[int],
                                 participant_id: int | None, data: dict,
                                 attempt: int = 1) -> None:
    """Take a registration request the form queued (services.registration_request_queued);
    again later if the database fails it (request_run_or_retry)."""
    arguments = {"request_id": request_id, "series_slug": series_slug,
                 "consent_id": consent_id, "event_ids": event_ids, "theme_ids": theme_ids,
                 "participant_id": participant_id, "data": data}
    request_run_or_retry(lambda: services.registration_request_queued(**arguments),
                         task_=registration_request_process, arguments=arguments,
                         attempt=attempt)


@task(queue_name=REQUESTS_QUEUE)
def participant_link_request_process(*, participant_id: int | None, attempt: int = 1) -> None:
    """Send the personal link the form asked for, if the address was somebody's
    (services.participant_link_request_queued); again later if the database fails it."""
    request_run_or_retry(
        lambda: services.participant_link_request_queued(participant_id=participant_id),
        task_=participant_link_request_process, arguments={"participant_id": participant_id},
        attempt=attempt)


# A request runs in well under a second (at most DATABASE_CONFLICT_ATTEMPTS × SQLite's
# 20 s busy timeout): one "running" for longer lost its worker (killed, host down).
REQUEST_ABANDONED_AFTER = timedelta(minutes=10)


@task()
def registration_requests_forget() -> int:
    """Delete what the task queue keeps of the requests it has run (finished or failed):
    their arguments carry what a visitor entered. Returns how many were deleted.

    A request whose worker died while running it (kill -9) is run again (running a request
    twice does it once): on the database queue it stays "running" for good, so once
    REQUEST_ABANDONED_AFTER has passed it is made ready again; on Redis, RQ's maintenance
    moves it to the failed ones (AbandonedJobError), from where it is queued again."""
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if REQUESTS_QUEUE not in backend.queues:
        return 0
    from django_tasks_db import DatabaseBackend

    if isinstance(backend, DatabaseBackend):
        from django_tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        if abandoned := DBTaskResult.objects.running().filter(
                queue_name=REQUESTS_QUEUE,
                started_at__lt=timezone.now() - REQUEST_ABANDONED_AFTER,
        ).update(status=TaskResultStatus.READY):
            logger.warning("%d queued requests abandoned by their worker: run again", abandoned)
        return DBTaskResult.objects.finished().filter(queue_name=REQUESTS_QUEUE).delete()[0]
    from django_tasks_rq import RQBackend

    if not isinstance(backend, RQBackend):  # the immediate backend keeps nothing
        return 0
    import django_rq
    from rq.exceptions import NoSuchJobError

    queue = django_rq.get_queue(REQUESTS_QUEUE)
    deleted = 0
    for registry, failed in ((queue.finished_job_registry, False),
                             (queue.failed_job_registry, True)):
        for job_id in registry.get_job_ids():
            try:
                if failed and _abandoned(registry, job_id):
                    registry.requeue(job_id)  # its worker died: run it again
                    logger.warning("A queued request abandoned by its worker: run again")
                    continue
                registry.remove(job_id, delete_job=True)
            except NoSuchJobError:  # expired meanwhile
                continue
            deleted += 1
    return deleted


def _abandoned(registry, job_id: str) -> bool:
    """RQ moved the job to the failed ones because its worker died while running it
    (kill -9, host down: AbandonedJobError), not because the request failed."""
    from rq.exceptions import AbandonedJobError

    result = registry.job_class.fetch(job_id, connection=registry.connection).latest_result()
    return result is not None and AbandonedJobError.__name__ in (result.exc_string or "")


@task()
def registrations_expire_pending() -> int:
    """Let pending registrations expire (services.registrations_expire_pending)."""
    return services.registrations_expire_pending()


@task()
def reminders_send_due() -> int:
    """Queue the reminders that are due (reminders.reminders_send_due)."""
    return reminders.reminders_send_due()


@task()
def participants_anonymise_expired() -> int:
    """Delete the personal data past its retention (services.participants_anonymise_expired);
    returns how many participants were anonymised (their ids are logged, not stored)."""
    return len(services.participants_anonymise_expired())
