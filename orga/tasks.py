"""The workspace's background work (django-tasks): tasks take ids and delegate to a
service."""

from django_tasks import task

from orga.services.account import password_reset_mails_queue


@task()
def password_reset_mails_send(*, user_ids: list[int], language: str) -> None:
    """Queue the password reset mails a request asked for (none for an unknown address): the
    page answers alike either way, and does the same work (this task) for both."""
    password_reset_mails_queue(user_ids=user_ids, language=language)
