"""Tasks of the pitches app: they delegate to a service and are safe to run twice."""

from django_tasks import task

from pitches.services import slots


@task()
def pitch_offers_sweep() -> int:
    """Lapse offers not confirmed in time and offer the free slots to the best shortlisted
    (slots.offers_sweep), and take the talks of withdrawn pitches off the agenda
    (orga.services.pitch_lineup); run by the worker's sweep (settings.WORKER_SWEEP_TASKS).
    Returns how many applications changed state."""
    from orga.services.pitch_lineup import withdrawn_talks_remove_all

    changed = slots.offers_sweep()
    withdrawn_talks_remove_all()
    return changed
