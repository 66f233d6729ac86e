"""The slots of a pitch session: the worker's sweep lapses an offer not confirmed by its
deadline and offers the slot to the best shortlisted application (by average score), with
its own deadline; confirming a slot registers the presenter for the pitch session."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from orga.tasks import pitch_offers_sweep
from pitches.models import PitchApplication, PitchReview
from pitches.services import PitchError, application_state_change, offer_deadline
from pitches.services.slots import offers_sweep, slot_confirm
from registrations.models import Registration
from tests.factories import series_create
from tests.orga_world import user_create
from tests.pitch_factories import pitch_application_create, pitch_call_create
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db
State = PitchApplication.State


def closed_call(**fields):
    """A call closed yesterday, its session three weeks ahead."""
    now = timezone.now()
    return pitch_call_create(series=series_create(), opens_at=now - timedelta(days=20),
                             closes_at=now - timedelta(days=1), **fields)


def application(call, state=State.SUBMITTED, **fields):
    return pitch_application_create(call=call, participant=participant_create(), state=state,
                                    **fields)


def offered(call, *, expires_in: timedelta, **fields):
    """An application accepted by the organisers, its offer running out in `expires_in`."""
    return application(call, State.ACCEPTED, offer_number=1,
                       offer_expires_at=timezone.now() + expires_in, **fields)


def scored(app, *averages: int) -> None:
    """Reviews of `app`, one per average given (every criterion scored alike)."""
    for average in averages:
        reviewer = user_create(f"reviewer-{app.pk}-{PitchReview.objects.count()}")
        PitchReview.objects.create(application=app, reviewer=reviewer, scores={
            str(criterion.pk): average for criterion in app.call.criteria.all()})


def states(*applications) -> list[str]:
    return [PitchApplication.objects.get(pk=app.pk).state for app in applications]


def test_sweep_lapses_an_expired_offer_and_offers_the_slot_to_the_best_shortlisted():
    call = closed_call(pitch_count=2)
    late = offered(call, expires_in=-timedelta(minutes=1))
    confirmed = application(call, State.CONFIRMED, offer_number=1,
                            offer_expires_at=timezone.now() - timedelta(days=2))
    good, best, unscored = (application(call, State.SHORTLISTED) for _ in range(3))
    scored(good, 3, 4)      # average 3.5
    scored(best, 4, 5)      # average 4.5
    now = timezone.now()

    assert offers_sweep(now=now) == 2

    assert states(late, confirmed, good, best, unscored) == [
        State.LAPSED, State.CONFIRMED, State.SHORTLISTED, State.ACCEPTED, State.SHORTLISTED]
    best.refresh_from_db()
    assert best.offer_expires_at == offer_deadline(call=call, now=now)
    assert best.offer_expires_at == now + timedelta(days=call.confirm_days)
    assert best.offer_number == 1


def test_sweep_run_twice_changes_nothing_more():
    call = closed_call(pitch_count=1)
    late = offered(call, expires_in=-timedelta(hours=1))
    first, second = application(call, State.SHORTLISTED), application(call, State.SHORTLISTED)
    scored(second, 5)
    now = timezone.now()
    assert offers_sweep(now=now) == 2

    assert offers_sweep(now=now) == 0
    assert offers_sweep(now=now + timedelta(hours=1)) == 0

    assert states(late, first, second) == [State.LAPSED, State.SHORTLISTED, State.ACCEPTED]
    assert PitchApplication.objects.get(pk=second.pk).offer_number == 1


def test_sweep_offers_the_next_when_the_new_offer_lapses_too():
    call = closed_call(pitch_count=1)
    offered(call, expires_in=-timedelta(hours=1))
    first, second = application(call, State.SHORTLISTED), application(call, State.SHORTLISTED)
    scored(first, 4)
    scored(second, 2)
    now = timezone.now()
    offers_sweep(now=now)

    later = now + timedelta(days=call.confirm_days, minutes=1)
    assert offers_sweep(now=later) == 2

    assert states(first, second) == [State.LAPSED, State.ACCEPTED]
    assert PitchApplication.objects.get(pk=second.pk).offer_expires_at == (
        later + timedelta(days=call.confirm_days))


def test_sweep_leaves_an_offer_whose_deadline_has_not_passed():
    call = closed_call(pitch_count=1)
    running = offered(call, expires_in=timedelta(minutes=5))
    waiting = application(call, State.SHORTLISTED)

    assert offers_sweep() == 0

    assert states(running, waiting) == [State.ACCEPTED, State.SHORTLISTED]


def test_sweep_offers_a_slot_freed_by_a_withdrawal():
    call = closed_call(pitch_count=1)
    confirmed = application(call, State.CONFIRMED, offer_number=1,
                            offer_expires_at=timezone.now() + timedelta(days=1))
    waiting = application(call, State.SHORTLISTED)
    application_state_change(application_id=confirmed.pk, to=State.WITHDRAWN)

    assert offers_sweep() == 1

    assert states(confirmed, waiting) == [State.WITHDRAWN, State.ACCEPTED]


def test_sweep_offers_nothing_while_the_call_is_open():
    call = pitch_call_create(series=series_create(), pitch_count=2)
    offered(call, expires_in=timedelta(days=1))
    waiting = application(call, State.SHORTLISTED)

    assert offers_sweep() == 0

    assert states(waiting) == [State.SHORTLISTED]


def test_sweep_offers_nothing_before_the_organisers_have_offered_a_slot():
    call = closed_call(pitch_count=2)
    waiting = application(call, State.SHORTLISTED)

    assert offers_sweep() == 0

    assert states(waiting) == [State.SHORTLISTED]


def test_sweep_offers_nothing_once_the_session_has_started():
    call = closed_call(pitch_count=1)
    late = offered(call, expires_in=-timedelta(hours=1))
    waiting = application(call, State.SHORTLISTED)
    started = call.event.start + timedelta(minutes=1)

    assert offers_sweep(now=started) == 1

    assert states(late, waiting) == [State.LAPSED, State.SHORTLISTED]


def test_the_sweep_task_runs_the_sweep_and_is_in_the_workers_sweep():
    call = closed_call(pitch_count=1)
    late = offered(call, expires_in=-timedelta(hours=1))

    assert pitch_offers_sweep.call() == 1

    assert states(late) == [State.LAPSED]
    assert "orga.tasks.pitch_offers_sweep" in settings.WORKER_SWEEP_TASKS


def test_confirming_a_slot_registers_the_presenter_for_the_pitch_session():
    call = closed_call(pitch_count=1)
    app = offered(call, expires_in=timedelta(days=1))

    confirmed = slot_confirm(application_id=app.pk)

    assert confirmed.state == State.CONFIRMED
    registration = Registration.objects.get(participant=app.participant, event=call.event)
    assert registration.state == Registration.State.CONFIRMED


def test_confirming_a_slot_keeps_the_presenters_registration():
    call = closed_call(pitch_count=1)
    app = offered(call, expires_in=timedelta(days=1))
    held = registration_create(participant=app.participant, event=call.event)

    slot_confirm(application_id=app.pk)

    assert list(Registration.objects.filter(participant=app.participant)) == [held]


def test_confirming_a_slot_when_registration_is_closed_still_confirms_it():
    call = closed_call(pitch_count=1)
    call.event.registration_closes = timezone.now() - timedelta(hours=1)
    call.event.save()
    app = offered(call, expires_in=timedelta(days=1))

    assert slot_confirm(application_id=app.pk).state == State.CONFIRMED

    assert not Registration.objects.filter(participant=app.participant).exists()


def test_confirming_after_the_deadline_is_refused_and_changes_nothing():
    call = closed_call(pitch_count=1)
    app = offered(call, expires_in=-timedelta(minutes=1))

    with pytest.raises(PitchError, match="The time to confirm this slot has passed."):
        slot_confirm(application_id=app.pk)

    assert states(app) == [State.ACCEPTED]
    assert not Registration.objects.filter(participant=app.participant).exists()
