"""Everything at once, on PostgreSQL: many threads register (the whole series and chosen
events), confirm, cancel one or all, add events through the personal link, publish draft
events, cancel events, raise and lower capacities, expire pending registrations (with the
clock moved on), delete participants' data, and run the pitch session's and matchmaking's
workflows — through the services, as the views, the admin and the tasks call them, and
over HTTP through Django's test client. Afterwards
no operation failed with anything but a refusal (RegistrationError, or a 400 page), and
check_integrity finds nothing.

Each thread begins with another kind of operation (so all run at once at the start),
then draws them at random (registrations and publications only in the first part of the
race, then all of them) from a seed printed at the start: a failure is replayed with the
same operations by RACE_SEED=<seed> (the interleaving stays the scheduler's);
RACE_THREADS and RACE_SECONDS change the rush for a longer hunt.
"""

import os
import random
import sys
import threading
import time
import traceback
from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.signals import got_request_exception
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from events.models import Event
from matchmaking.models import MatchmakingProfile, MeetingRequest
from matchmaking.services import MatchmakingError
from matchmaking.services.meetings import meeting_book, meetings_of_absentees_cancel
from matchmaking.services.profiles import profile_save
from matchmaking.services.requests import request_send, request_state_change
from matchmaking.services.schedule import block_schedule_all
from orga.services import events as event_services
from pitches.models import PitchApplication
from pitches.services import PitchError, application_state_change
from pitches.services.applications import application_submit, application_withdraw
from pitches.services.slots import slot_confirm
from registrations import integrity, links, services
from registrations.models import Participant, Registration
from registrations.services import RegistrationError
from tests.factories import event_create, series_create
from tests.matchmaking_factories import block_create, matchmaking_open
from tests.pitch_factories import pitch_call_create
from tests.test_registrations_factories import consent_text_create, participant_data

State = Registration.State
THREADS = int(os.environ.get("RACE_THREADS", 12))
SECONDS = float(os.environ.get("RACE_SECONDS", 12))
HTTP_SHARE = 0.4  # of the operations that a visitor makes through a page
CAPACITIES = [1, 2, 3, 4, 6, None]
DRAFTS = 8
EARLY = 24  # participants registered before the race
EVENT_CANCELS = 2
REFUSED_PAGES = {200, 302, 400}  # a page that answers, redirects, or refuses with a message


class Race:
    """What the racing threads share: the series, the clock, what they did and what failed."""

    def __init__(self, *, seed: int, series, consent, started: float) -> None:
        self.seed, self.series, self.consent, self.started = seed, series, consent, started
        self.lock = threading.Lock()
        self.done: Counter = Counter()
        self.seconds: Counter = Counter()  # time taken, by operation
        self.refused: Counter = Counter()
        self.errors: list[tuple[str, str]] = []  # summary, traceback
        self.capacities: dict[int, list[int | None]] = {}  # every capacity an event had
        self.published = self.event_cancels = 0
        self.emails = 0
        self.call = None  # the call for pitches of the series' pitch session
        self.block = None  # the networking block of its event without a capacity

    def elapsed_share(self) -> float:
        return (time.monotonic() - self.started) / SECONDS

    def next_email(self) -> str:
        with self.lock:
            self.emails += 1
            return f"racer{self.emails}@example.org"


def _open_events(race: Race) -> list[Event]:
    return list(Event.objects.filter(series=race.series, status=Event.Status.PUBLISHED,
                                     end__gt=timezone.now()).order_by("pk"))


def _open_events_of(series) -> list[Event]:
    return list(Event.objects.filter(series=series, status=Event.Status.PUBLISHED)
                .order_by("pk"))


def _some(queryset):
    return queryset.order_by("?").first()


def _participant(rng: random.Random):
    return _some(Participant.objects.active()) if rng.random() < 0.9 else _some(
        Participant.objects.all())


def _page(race: Race, response, what: str) -> None:
    """A page that answered as a visitor expects; a server error raises what caused it."""
    if response.status_code == 500 and getattr(_request_failure, "error", None):
        error, _request_failure.error = _request_failure.error, None
        raise error
    if response.status_code not in REFUSED_PAGES:
        raise AssertionError(f"{what} answered {response.status_code}")


# The exception behind a server error, kept per thread: the test client's own record of it
# is filled through a signal by whichever thread fails (its receivers are process-wide).
_request_failure = threading.local()


def _remember_request_failure(sender, request, **kwargs) -> None:
    _request_failure.error = sys.exc_info()[1]


def op_register(race: Race, rng: random.Random, client: Client) -> str:
    known = _some(Participant.objects.active()) if rng.random() < 0.25 else None
    email = known.email if known else race.next_email()
    events = None
    if rng.random() < 0.4:
        open_events = _open_events(race)
        events = rng.sample(open_events, k=min(len(open_events), rng.randint(1, 3)))
    if rng.random() < HTTP_SHARE:
        data = {"email": email, "name": "Racer", "organisation_name": "Racing Ltd",
                "organisation_kind": "sme", "organisation_country": "DE", "country": "DE",
                "language": "en", "consent": "on", "consent_version": race.consent.version,
                "scope": "series" if events is None else "events",
                "events": [str(event.pk) for event in events or []]}
        response = client.post(f"/en/series/{race.series.slug}/register/", data)
        _page(race, response, "register")
        return "register-http"
    services.registration_request(series=race.series, consent=race.consent,
                                  data=participant_data(email=email), events=events)
    return "register"


def op_confirm(race: Race, rng: random.Random, client: Client) -> str:
    participant = _some(Participant.objects.active().exclude(confirm_nonce=""))
    if participant is None:
        return "confirm-none"
    if rng.random() < HTTP_SHARE:
        token = links.confirm_token(participant=participant)
        _page(race, client.post(f"/en/registration/confirm/{token}/"), "confirm")
        return "confirm-http"
    services.registration_confirm(participant_id=participant.pk, nonce=participant.confirm_nonce)
    return "confirm"


def op_cancel_one(race: Race, rng: random.Random, client: Client) -> str:
    registration = _some(Registration.objects.active().filter(event__end__gt=timezone.now()))
    if registration is None:
        return "cancel-none"
    if rng.random() < HTTP_SHARE:
        token = links.personal_token(participant=registration.participant)
        response = client.post(f"/en/registration/me/{token}/cancel/",
                               {"registration": registration.pk})
        _page(race, response, "cancel")
        return "cancel-http"
    services.registration_cancel(registration=registration)
    return "cancel"


def op_cancel_all(race: Race, rng: random.Random, client: Client) -> str:
    participant = _participant(rng)
    if rng.random() < HTTP_SHARE:
        token = links.personal_token(participant=participant)
        _page(race, client.post(f"/en/registration/me/{token}/cancel/", {"all": "1"}),
              "cancel all")
        return "cancel-all-http"
    services.registrations_cancel_all(participant=participant)
    return "cancel-all"


def op_add(race: Race, rng: random.Random, client: Client) -> str:
    participant = _participant(rng)
    open_events = _open_events(race)
    events = rng.sample(open_events, k=min(len(open_events), rng.randint(1, 2)))
    if rng.random() < HTTP_SHARE:
        token = links.personal_token(participant=participant)
        response = client.post(f"/en/registration/me/{token}/add/",
                               {"events": [str(event.pk) for event in events]})
        _page(race, response, "add")
        return "add-http"
    services.registrations_add(participant=participant, events=events)
    return "add"


def op_publish(race: Race, rng: random.Random, client: Client) -> str:
    """The drafts are published spread over the run, each during the rush."""
    with race.lock:
        if race.published > race.elapsed_share() * DRAFTS:
            return "publish-later"
        race.published += 1
    draft = _some(Event.objects.filter(series=race.series, status=Event.Status.DRAFT))
    if draft is None:
        return "publish-none"
    if rng.random() < HTTP_SHARE:  # the admin's action
        response = client.post("/admin/events/event/", {
            "action": "publish", "_selected_action": [str(draft.pk)], "index": "0"})
        _page(race, response, "publish")
        return "publish-http"
    event_services.event_publish(event=draft)
    return "publish"


def op_cancel_event(race: Race, rng: random.Random, client: Client) -> str:
    with race.lock:
        if race.event_cancels > race.elapsed_share() * EVENT_CANCELS:
            return "cancel-event-later"
        race.event_cancels += 1
    open_events = _open_events(race)
    if not open_events:
        return "cancel-event-none"
    event_services.event_cancel(event=rng.choice(open_events))
    return "cancel-event"


def op_capacity(race: Race, rng: random.Random, client: Client) -> str:
    event = _some(Event.objects.filter(series=race.series).exclude(
        status=Event.Status.CANCELLED))
    capacity = rng.choice(CAPACITIES)
    with race.lock:
        race.capacities.setdefault(event.pk, []).append(capacity)
    event_services.event_capacity_set(event=event, capacity=capacity)
    return "capacity"


def op_expire(race: Race, rng: random.Random, client: Client) -> str:
    """The worker's sweep, with the clock moved past the pending time: every pending
    registration expires, also those being confirmed at this moment."""
    later = timezone.now() + timedelta(hours=settings.REGISTRATION_PENDING_HOURS + 1)
    services.registrations_expire_pending(now=later)
    return "expire"


def op_delete(race: Race, rng: random.Random, client: Client) -> str:
    participant = _some(Participant.objects.active())
    if participant is None:
        return "delete-none"
    if rng.random() < HTTP_SHARE:
        token = links.personal_token(participant=participant)
        _page(race, client.post(f"/en/registration/me/{token}/delete/", {"sure": "on"}),
              "delete")
        return "delete-http"
    services.participant_delete(participant=participant)
    return "delete"


def op_view(race: Race, rng: random.Random, client: Client) -> str:
    participant = _some(Participant.objects.active())
    if participant is None:
        return "view-none"
    token = links.personal_token(participant=participant)
    _page(race, client.get(f"/en/registration/me/{token}/"), "personal page")
    return "view-http"


def op_pitch(race: Race, rng: random.Random, client: Client) -> str:
    """The pitch session's workflow: an SME registered for the series applies; the
    organisers accept an application and its applicant confirms the slot (which registers
    them for the session: a seat, or the waiting list); or an applicant withdraws — while
    the session's seats, the participants' data and the events change under them."""
    call, choice = race.call, rng.random()
    try:
        if choice < 0.35:
            participant = _some(Participant.objects.active().filter(
                registrations__state=State.CONFIRMED))
            if participant is None:
                return "pitch-none"
            application_submit(call_id=call.pk, participant_id=participant.pk, fields={
                "country": "DE", "presenter_name": "Presenter", "summary_en": "We pitch."})
            return "pitch-apply"
        if choice < 0.85:
            application = _some(PitchApplication.objects.filter(
                call=call, state=PitchApplication.State.SUBMITTED))
            if application is None:
                return "pitch-none"
            application_state_change(application_id=application.pk,
                                     to=PitchApplication.State.ACCEPTED)
            slot_confirm(application_id=application.pk)
            return "pitch-confirm"
        application = _some(PitchApplication.objects.filter(call=call).standing())
        if application is None:
            return "pitch-none"
        application_withdraw(application_id=application.pk,
                             participant_id=application.participant_id)
        return "pitch-withdraw"
    except PitchError:
        return "pitch-refused"


def op_matchmaking(race: Race, rng: random.Random, client: Client) -> str:
    """B2B matchmaking: a participant of the series saves a profile; one profile asks
    another for a meeting in the block; a receiver accepts; one of the two books a slot
    (on a block of few tables) or cancels; the organisers schedule all; the sweep cancels
    the meetings of those who no longer come — while registrations, events and the
    participants' data change under them (the block's event may be cancelled in the race:
    then its requests are refused, as they should be)."""
    block, choice, now = race.block, rng.random(), timezone.now()
    try:
        if choice < 0.2:
            participant = _some(Participant.objects.active().filter(
                registrations__state=State.CONFIRMED, registrations__event__series=race.series))
            if participant is None:
                return "match-none"
            profile_save(participant=participant, series=race.series, availability={},
                         fields=PROFILE)
            return "match-profile"
        if choice < 0.45:
            sender = _some(MatchmakingProfile.objects.all())
            receiver = sender and _some(MatchmakingProfile.objects.exclude(pk=sender.pk))
            if receiver is None:
                return "match-none"
            request_send(sender_id=sender.pk, receiver_id=receiver.pk, block_id=block.pk,
                         message="Shall we?", now=now)
            return "match-request"
        if choice < 0.6:
            pending = _some(MeetingRequest.objects.filter(state=MeetingRequest.State.PENDING))
            if pending is None or pending.receiver_id is None:
                return "match-none"
            request_state_change(request_id=pending.pk, actor_profile_id=pending.receiver_id,
                                 to=MeetingRequest.State.ACCEPTED, now=now)
            return "match-accept"
        if choice < 0.85:
            meeting = _some(MeetingRequest.objects.meetings())
            if meeting is None or meeting.sender_id is None:
                return "match-none"
            if rng.random() < 0.8:
                meeting_book(request_id=meeting.pk, profile_id=meeting.sender_id,
                             slot=rng.randrange(block.slot_count), now=now)
                return "match-book"
            request_state_change(request_id=meeting.pk, actor_profile_id=meeting.sender_id,
                                 to=MeetingRequest.State.CANCELLED, now=now)
            return "match-cancel"
        if choice < 0.93:
            block_schedule_all(block_id=block.pk, now=now)
            return "match-schedule"
        meetings_of_absentees_cancel(now=now)
        return "match-sweep"
    except MatchmakingError:
        return "match-refused"


PROFILE = {"organisation_name": "Racing GmbH", "organisation_kind": "sme", "country": "DE",
           "offer": "Speed", "need": "Partners", "phone": "", "languages": ["en"],
           "offer_themes": [], "need_themes": []}


OPERATIONS = [
    (op_register, 18), (op_confirm, 16), (op_cancel_one, 10), (op_cancel_all, 3),
    (op_add, 10), (op_publish, 4), (op_cancel_event, 1), (op_capacity, 8), (op_expire, 1),
    (op_delete, 3), (op_view, 4), (op_pitch, 10), (op_matchmaking, 12),
]
# The first part of the race is a rush of registrations while drafts are published (where
# publishing lost series registrants); then everything.
RUSH = [(op_register, 18), (op_confirm, 16), (op_add, 4), (op_publish, 4), (op_view, 4)]
RUSH_SHARE = 0.4


def _failure(operation, error: Exception) -> str:
    """The operation, the exception's kind and first line, and the deepest line of our own
    code it came through."""
    ours = [frame for frame in traceback.extract_tb(error.__traceback__)
            if frame.filename.startswith(str(settings.BASE_DIR))
            and "/.venv/" not in frame.filename and "/tests/" not in frame.filename]
    where = f" at {os.path.basename(ours[-1].filename)}:{ours[-1].name}" if ours else ""
    first_line = (str(error).splitlines() or [""])[0]
    return f"{operation.__name__}{where}: {type(error).__name__}: {first_line}"


def racer(race: Race, index: int, organiser) -> None:
    rng = random.Random(f"{race.seed}-{index}")
    client = Client(raise_request_exception=False)  # _page raises it, from this thread
    client.force_login(organiser)
    operation = OPERATIONS[index % len(OPERATIONS)][0]  # at the start, every kind at once
    try:
        while race.elapsed_share() < 1:
            began = time.monotonic()
            try:
                done = operation(race, rng, client)
            except RegistrationError:
                with race.lock:
                    race.refused[operation.__name__] += 1
            except Exception as error:  # noqa: BLE001 - any other failure is a finding
                with race.lock:
                    race.errors.append((_failure(operation, error), traceback.format_exc()))
            else:
                with race.lock:
                    race.done[done] += 1
                    race.seconds[done] += time.monotonic() - began
            operations, weights = zip(*(RUSH if race.elapsed_share() < RUSH_SHARE
                                        else OPERATIONS), strict=True)
            operation = rng.choices(operations, weights)[0]
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_everything_at_once_keeps_every_invariant_and_fails_no_request(settings, tasks_immediate):
    """The forms' queued requests are taken where they are enqueued (tasks_immediate), as by
    a worker keeping up."""
    seed = int(os.environ.get("RACE_SEED") or random.SystemRandom().randrange(2**32))
    print(f"race seed {seed} (replay: RACE_SEED={seed})")
    settings.REGISTRATION_RATE_LIMIT_PER_IP = settings.REGISTRATION_RATE_LIMIT_PER_ADDRESS = 10**6
    series = series_create()
    consent = consent_text_create(series=series)
    soon = timezone.now() + timedelta(days=3)
    for day, capacity in enumerate([2, 3, 5, None]):
        event_create(series=series, capacity=capacity, start=soon + timedelta(days=day))
    for day in range(DRAFTS):
        event_create(series=series, capacity=CAPACITIES[day % len(CAPACITIES)],
                     status=Event.Status.DRAFT,
                     start=soon + timedelta(days=10 + day))
    session = event_create(series=series, kind=Event.Kind.PITCH_SESSION, capacity=2,
                           start=soon + timedelta(days=5))
    race_call = pitch_call_create(series=series, event=session, pitch_count=3)
    for number in range(EARLY):  # a series that has begun: some in, some waiting, some
        participant = services.registration_request(  # yet to confirm
            series=series, consent=consent, data=participant_data(
                email=f"early{number}@x.org", organisation_name=f"Early {number} GmbH"),
            events=None if number % 3 else _open_events_of(series)[:2])
        if number % 4:
            services.registration_confirm(participant_id=participant.pk,
                                          nonce=participant.confirm_nonce)
    for participant in Participant.objects.filter(registrations__state=State.CONFIRMED
                                                  ).distinct()[:4]:  # the call has begun
        application_submit(call_id=race_call.pk, participant_id=participant.pk, fields={
            "country": "DE", "presenter_name": "Presenter", "summary_en": "We pitch."})
    initial = dict(Event.objects.filter(series=series).values_list("pk", "capacity"))
    organiser = get_user_model().objects.create_superuser("alice", "alice@example.org", "pw")
    matchmaking_open(series=series, max_open_requests=5)
    race = Race(seed=seed, series=series, consent=consent, started=time.monotonic())
    race.call = race_call
    race.block = block_create(event=Event.objects.filter(series=series, capacity=None,
                                                         status=Event.Status.PUBLISHED).first(),
                              slot_count=4, tables=2)
    for participant in Participant.objects.filter(  # the matchmaking has begun
            registrations__event=race.block.event, registrations__state=State.CONFIRMED):
        profile_save(participant=participant, series=series, availability={}, fields=PROFILE)

    threads = [threading.Thread(target=racer, args=(race, index, organiser))
               for index in range(THREADS)]
    got_request_exception.connect(_remember_request_failure)
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 60)
    finally:
        got_request_exception.disconnect(_remember_request_failure)

    print(f"race seed {seed}: done {dict(race.done)}, refused {dict(race.refused)}; "
          "mean seconds: " + ", ".join(f"{name} {race.seconds[name] / count:.2f}"
                                      for name, count in race.done.most_common()))
    assert not any(thread.is_alive() for thread in threads), f"seed {seed}: a thread hangs"
    changed = {pk for pk, capacities in race.capacities.items()  # maybe lowered: commits
               if set(capacities) - {initial[pk]}}  # need not follow the order recorded
    broken = [f"{finding.check}: {finding.message}" for finding in integrity.integrity_check()
              if not (finding.check == "seats_within_capacity"
                      and int(finding.message.split()[1].rstrip(":")) in changed)]
    for event in Event.objects.filter(series=series):
        capacities = [initial[event.pk], *race.capacities.get(event.pk, [])]
        held = event.registrations.holding_seat().count()
        if None not in capacities and held > max(capacities):
            broken.append(f"event {event.pk}: {held} seats, more than it ever had ({capacities})")
    confirmed = race_call.applications.filter(state=PitchApplication.State.CONFIRMED).count()
    if confirmed > race_call.pitch_count:
        broken.append(f"call {race_call.pk}: {confirmed} pitches confirmed, more than "
                      f"{race_call.pitch_count} slots")
    failures = Counter(summary for summary, _traceback in race.errors)
    assert (failures, broken) == (Counter(), []), (
        f"seed {seed}: {len(race.errors)} operations failed, {len(broken)} invariants broken\n"
        + "\n".join(f"{count} × {failure}" for failure, count in failures.most_common())
        + "\n" + "\n".join(broken[:30])
        + "\nfirst failure:\n" + "".join(race.errors[0][1:] if race.errors else ()))
    reached = {name.removesuffix("-http") for name in race.done}
    assert {"register", "confirm", "cancel", "cancel-all", "add", "publish", "cancel-event",
            "capacity", "expire", "delete", "view", "pitch-apply", "pitch-confirm",
            "match-profile"} <= reached, (
        f"seed {seed}: the race did not reach every operation: {dict(race.done)}")


@pytest.mark.django_db
def test_adding_an_event_cancelled_since_the_page_was_read_is_refused_and_changes_nothing():
    """Found by the race above: the personal page offered an event that the organisers
    cancelled before the click arrived; the seat is decided under the event's lock, which
    sees the cancellation (it was a server error: the mail's cause read a confirmation
    time the cancelled registration does not have)."""
    series = series_create()
    kept, cancelled = event_create(series=series), event_create(series=series)
    participant = services.registration_request(series=series, events=[kept],
                                                consent=consent_text_create(series=series),
                                                data=participant_data())
    services.registration_confirm(participant_id=participant.pk, nonce=participant.confirm_nonce)
    offered = Event.objects.get(pk=cancelled.pk)  # as the page read it
    event_services.event_cancel(event=cancelled)
    other = event_create(series=series)

    with pytest.raises(RegistrationError, match="has been cancelled"):
        services.registrations_add(participant=participant, events=[offered, other])

    assert list(participant.registrations.values_list("event_id", "state")) == [
        (kept.pk, State.CONFIRMED)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_adding_an_event_while_its_last_seat_is_taken_waits_behind_the_one_who_took_it():
    """Found by the race above: the time that orders the waiting list is taken under the
    event's lock. Bob adds the event through his personal link while his row is locked
    (another change of his is in flight); meanwhile Charlie confirms and takes the last
    seat. Bob waits behind Charlie — he was placed after him (his time was taken before
    the locks, so he stood on the waiting list ahead of the one who held the seat)."""
    series = series_create()
    consent = consent_text_create(series=series)
    event = event_create(series=series, capacity=1)
    bob = services.registration_request(series=series, consent=consent, events=[
        event_create(series=series)], data=participant_data(email="bob@example.org"))
    services.registration_confirm(participant_id=bob.pk, nonce=bob.confirm_nonce)
    charlie = services.registration_request(series=series, consent=consent, events=[event],
                                            data=participant_data(email="charlie@example.org"))
    bob_locked, adding = threading.Event(), threading.Event()
    errors = []

    def add_for_bob() -> None:
        try:
            adding.set()
            services.registrations_add(participant=bob, events=[event])
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    def hold_bob() -> None:  # another change of Bob's, in flight
        try:
            with transaction.atomic():
                Participant.objects.select_for_update().get(pk=bob.pk)
                bob_locked.set()
                adder.start()
                adding.wait(timeout=10)
                time.sleep(0.3)  # Bob's adding waits for his row
                services.registration_confirm(participant_id=charlie.pk,
                                              nonce=charlie.confirm_nonce)
        finally:
            connection.close()

    adder = threading.Thread(target=add_for_bob)
    holder = threading.Thread(target=hold_bob)
    holder.start()
    holder.join(timeout=30)
    adder.join(timeout=30)

    assert errors == []
    assert bob_locked.is_set()
    seat = Registration.objects.get(event=event, participant=charlie)
    waiting = Registration.objects.get(event=event, participant=bob)
    assert (seat.state, waiting.state) == (State.CONFIRMED, State.WAITLISTED)
    assert seat.confirmed_at < waiting.confirmed_at
    assert [finding.check for finding in integrity.integrity_check()] == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_registering_an_address_while_its_owner_deletes_their_data_registers_it_anew():
    """Found by the race above: the address was taken when the registration looked, and
    free once it could lock its owner, who had deleted their data (a server error). The
    address is registered as a new one."""
    series = series_create()
    consent = consent_text_create(series=series)
    event = event_create(series=series)
    alice = services.registration_request(series=series, consent=consent, events=[event],
                                          data=participant_data(email="alice@example.org"))
    errors, registered = [], []

    def register_again() -> None:
        try:
            registered.append(services.registration_request(
                series=series, consent=consent, events=[event],
                data=participant_data(email="alice@example.org")))
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    registering = threading.Thread(target=register_again)
    with transaction.atomic():  # Alice deletes her data; the new request finds her locked
        Participant.objects.select_for_update().get(pk=alice.pk)
        registering.start()
        time.sleep(0.5)
        services.participant_delete(participant=alice)
    registering.join(timeout=30)

    assert errors == []
    [again] = registered
    assert again.pk != alice.pk
    assert Participant.objects.get(pk=alice.pk).is_anonymised
    assert list(again.registrations.values_list("event_id", "state")) == [
        (event.pk, State.PENDING)]
