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


@task()
def participants_anonymise_expired() -> int:
    """Delete the personal data past its retention (services.participants_anonymise_expired);
    returns how many participants were anonymised (their ids are logged, not stored)."""
    return len(services.participants_anonymise_expired())
