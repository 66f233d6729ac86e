"""Tasks of the registrations app: they delegate to a service and are safe to run twice."""

from django_tasks import task

from registrations import reminders, services


@task()
def registrations_expire_pending() -> int:
    """Let pending registrations expire (services.registrations_expire_pending)."""
    return services.registrations_expire_pending()


@task()
def reminders_send_due() -> int:
    """Queue the reminders that are due (reminders.reminders_send_due)."""
    return reminders.reminders_send_due()
