"""Tasks of the registrations app: they delegate to a service and are safe to run twice."""

from django_tasks import task

from registrations import services


@task()
def registrations_expire_pending() -> int:
    """Let pending registrations expire (services.registrations_expire_pending)."""
    return services.registrations_expire_pending()
