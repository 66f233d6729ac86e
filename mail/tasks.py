"""Tasks of the mail app: they take ids, delegate to mail.services, and are safe to run twice."""

from django_tasks import task

from mail import services


@task()
def mail_send(mail_id: int) -> str | None:
    """Send one outbox mail (services.mail_send); returns its new state, None if not claimed."""
    state = services.mail_send(mail_id=mail_id)
    return str(state) if state is not None else None


@task()
def mails_send_many(mail_ids: list[int]) -> int:
    """Send these outbox mails (services.mails_send_many); returns how many were sent."""
    return services.mails_send_many(mail_ids=mail_ids)


@task()
def mails_send_due() -> int:
    """Send every due mail (services.mails_send_due): the safety net for lost tasks."""
    return services.mails_send_due()
