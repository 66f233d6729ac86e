"""The workspace's event actions against the registration workflows, on PostgreSQL: an
organiser publishes, unpublishes or cancels an event (a real POST through the workspace)
while people confirm registrations, cancel theirs and the waiting list moves up. Whatever
order the transactions commit in, no seat is lost or given twice, nobody is left holding a
place at an event that is gone, and no request answers 500."""

import contextlib
from collections.abc import Callable
from functools import partial

import pytest
from django.test import Client
from django.urls import reverse

from events.models import Event
from mail.models import Mail
from orga.models import AuditEntry, TeamMember
from registrations import services
from registrations.models import Registration, SeriesRegistration
from registrations.services import RegistrationError
from tests.factories import event_create, series_create
from tests.orga_world import user_create
from tests.test_races_publish import race as race_together
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    participant_data,
    registration_create,
    series_registration_create,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
State = Registration.State


def race(actions: list[Callable[[], object]]) -> list[BaseException]:
    """Run the actions in threads, released together; the errors they raised (a refusal
    of the rules, RegistrationError, is an answer, not an error)."""
    return race_together([partial(_refusal_is_an_answer, action) for action in actions])


def _refusal_is_an_answer(action: Callable[[], object]) -> None:
    with contextlib.suppress(RegistrationError):
        action()


def organiser_of(series):
    user = user_create(f"olga-{series.slug}")
    TeamMember.objects.create(series=series, user=user, role="organiser")
    return user


def workspace_post(user, name: str, event: Event, answers: list[int]) -> None:
    """POST the workspace's action `name` for `event` as `user`, like the confirm page's
    button; the status code goes to `answers`."""
    client = Client()
    client.force_login(user)
    response = client.post(reverse(f"orga:{name}", kwargs={"series": event.series.slug,
                                                           "event": event.pk}))
    answers.append(response.status_code)


def test_publishing_from_the_workspace_while_people_confirm_gives_every_seat_once():
    series = series_create()
    consent = consent_text_create(series=series)
    event_create(series=series)  # published before: confirmations take seats there too
    organiser = organiser_of(series)
    for _ in range(12):
        series_registration_create(participant=participant_create(), series=series)
    confirmers = [services.registration_request(
        series=series, consent=consent, data=participant_data(email=f"late{index}@example.org"))
        for index in range(12)]
    new = event_create(series=series, status=Event.Status.DRAFT, capacity=15)
    answers: list[int] = []

    errors = race([partial(workspace_post, organiser, "event_publish", new, answers),
                   partial(workspace_post, organiser, "event_publish", new, answers)]
                  + [partial(services.registration_confirm, participant_id=person.pk,
                             nonce=person.confirm_nonce) for person in confirmers])

    assert errors == []
    assert answers == [302, 302]  # a double click: both answered, neither a 500
    new.refresh_from_db()
    assert new.status == Event.Status.PUBLISHED
    held = list(Registration.objects.filter(event=new).values_list("participant_id", "state"))
    assert len(held) == len({participant for participant, _state in held}) == 24
    assert sorted(state for _participant, state in held).count(State.CONFIRMED) == 15
    assert sorted(state for _participant, state in held).count(State.WAITLISTED) == 9
    registrants = set(SeriesRegistration.objects.filter(series=series)
                      .values_list("participant_id", flat=True))
    assert {participant for participant, _state in held} == registrants
    assert AuditEntry.objects.filter(action="event.publish", event=new).count() == 1
    told = Mail.objects.filter(cause__endswith=":added").values_list("cause", flat=True)
    assert len(told) == len(set(told)) == 24  # one mail per registration, none twice


def test_cancelling_from_the_workspace_while_the_waiting_list_moves_up_leaves_nobody():
    series = series_create()
    organiser = organiser_of(series)
    doomed = event_create(series=series, capacity=10)
    seated = [registration_create(participant=participant_create(), event=doomed)
              for _ in range(10)]
    for _ in range(10):
        registration_create(participant=participant_create(), event=doomed,
                            state=State.WAITLISTED)
    answers: list[int] = []

    errors = race([partial(workspace_post, organiser, "event_cancel", doomed, answers)]
                  + [partial(services.registration_cancel, registration=registration)
                     for registration in seated[:6]]
                  + [partial(services.event_capacity_change, event=doomed, capacity=14)])

    assert errors == []
    assert answers == [302]
    doomed.refresh_from_db()
    assert doomed.status == Event.Status.CANCELLED
    assert not doomed.registrations.active().exists()
    # each who still held a seat or a place when the event was cancelled is told once;
    # the six who cancelled first were told their own cancellation instead
    told = list(Mail.objects.filter(cause__endswith=":event-cancelled")
                .values_list("cause", flat=True))
    assert len(told) == len(set(told))
    cancelled_themselves = set(Mail.objects.filter(cause__contains=":cancelled:")
                               .values_list("to", flat=True))
    everyone = set(Registration.objects.filter(event=doomed)
                   .values_list("participant__email", flat=True))
    told_addresses = set(Mail.objects.filter(cause__endswith=":event-cancelled")
                         .values_list("to", flat=True))
    assert told_addresses | cancelled_themselves == everyone
    assert AuditEntry.objects.filter(action="event.cancel", event=doomed).count() == 1


def test_unpublishing_while_people_register_never_leaves_a_place_at_a_draft():
    """Requests for the event race its unpublishing: either the event stays published (a
    request came first: the unpublishing is refused, and says so) or it is a draft and the
    requests are refused — or, asked just before, are cancelled when confirmed. Nobody
    holds a seat or a waiting-list place at a draft."""
    series = series_create()
    consent = consent_text_create(series=series)
    organiser = organiser_of(series)
    quiet = event_create(series=series, capacity=5)
    answers: list[int] = []

    errors = race([partial(workspace_post, organiser, "event_unpublish", quiet, answers)]
                  + [partial(services.registration_request, series=series, consent=consent,
                             events=[quiet],
                             data=participant_data(email=f"asker{index}@example.org"))
                     for index in range(8)])
    for person in {registration.participant for registration in quiet.registrations.all()}:
        services.registration_confirm(participant_id=person.pk, nonce=person.confirm_nonce)

    assert errors == []
    assert answers == [302]
    quiet.refresh_from_db()
    holding = quiet.registrations.filter(state__in=[State.CONFIRMED, State.WAITLISTED])
    if quiet.status == Event.Status.DRAFT:
        assert not holding.exists()
        assert AuditEntry.objects.filter(action="event.unpublish").count() == 1
    else:
        assert quiet.status == Event.Status.PUBLISHED
        assert holding.filter(state=State.CONFIRMED).count() == min(5, holding.count())
        assert not AuditEntry.objects.filter(action="event.unpublish").exists()
