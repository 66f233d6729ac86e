"""Tasks of the pitches app: they delegate to a service and are safe to run twice."""

from django_tasks import task

from pitches.services import slots


@task()
def pitch_offers_sweep() -> int:
    """Lapse offers not confirmed in time and offer the free slots to the best shortlisted
    (slots.offers_sweep); run by the worker's sweep (settings.WORKER_SWEEP_TASKS)."""
    return slots.offers_sweep()
