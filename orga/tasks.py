"""The workspace's background work (django-tasks): tasks take ids and delegate to a
service."""

from django_tasks import task

from orga.services.account import password_reset_mails_queue
from orga.services.pitch_lineup import withdrawn_talks_remove_all
from pitches.services import slots


@task()
def password_reset_mails_send(*, user_ids: list[int], language: str) -> None:
    """Queue the password reset mails a request asked for (none for an unknown address): the
    page answers alike either way, and does the same work (this task) for both."""
    password_reset_mails_queue(user_ids=user_ids, language=language)


@task()
def pitch_offers_sweep() -> int:
    """Lapse offers not confirmed in time and offer the free slots to the best shortlisted
    (pitches.services.slots.offers_sweep), and take the talks of withdrawn pitches off the
    agenda (orga.services.pitch_lineup: the agenda's changes are the workspace's, audited);
    run by the worker's sweep (settings.WORKER_SWEEP_TASKS). Returns how many applications
    changed state."""
    changed = slots.offers_sweep()
    withdrawn_talks_remove_all()
    return changed
