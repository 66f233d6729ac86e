"""Tasks of the registrations app: they delegate to a service and are safe to run twice.

The public forms (registration, "send me my link") leave everything that depends on whose
address was entered to the tasks of the REQUESTS_QUEUE, so that they answer alike for
every address. Those tasks carry ids (and a series' slug) where there are any, and of the
registration form the plain values a new participant is made of; what the queue keeps of
them once run is deleted by the sweep (registration_requests_forget).
"""

from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends

from registrations import reminders, services

REQUESTS_QUEUE = "registrations"


@task(queue_name=REQUESTS_QUEUE)
def registration_request_process(*, request_id: str, series_slug: str, consent_id: int,
                                 event_ids: list[int] | None, theme_ids: list[int],
                                 participant_id: int | None, data: dict) -> None:
    """Take a registration request the form queued (services.registration_request_queued)."""
    services.registration_request_queued(
        request_id=request_id, series_slug=series_slug, consent_id=consent_id,
        event_ids=event_ids, theme_ids=theme_ids, participant_id=participant_id, data=data)


@task(queue_name=REQUESTS_QUEUE)
def participant_link_request_process(*, participant_id: int | None) -> None:
    """Send the personal link the form asked for, if the address was somebody's
    (services.participant_link_request_queued)."""
    services.participant_link_request_queued(participant_id=participant_id)


@task()
def registration_requests_forget() -> int:
    """Delete what the task queue keeps of the requests it has run (finished or failed):
    their arguments carry what a visitor entered. Returns how many were deleted."""
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if REQUESTS_QUEUE not in backend.queues:
        return 0
    from django_tasks_db import DatabaseBackend

    if isinstance(backend, DatabaseBackend):
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.finished().filter(queue_name=REQUESTS_QUEUE).delete()[0]
    from django_tasks_rq import RQBackend

    if not isinstance(backend, RQBackend):  # the immediate backend keeps nothing
        return 0
    import django_rq
    from rq.exceptions import NoSuchJobError

    queue = django_rq.get_queue(REQUESTS_QUEUE)
    deleted = 0
    for registry in (queue.finished_job_registry, queue.failed_job_registry):
        for job_id in registry.get_job_ids():
            try:
                registry.remove(job_id, delete_job=True)
            except NoSuchJobError:  # expired meanwhile
                continue
            deleted += 1
    return deleted


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
