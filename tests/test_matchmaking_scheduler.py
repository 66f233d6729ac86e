"""The meeting scheduler (matchmaking.scheduler): a reference instance near its bound,
small cases with exact answers, the exhaustive optimum on tiny random instances, the
input errors, and the checker's own verdicts. Pure Python: no database."""

import itertools
import pickle
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchmaking.scheduler import (
    Problem,
    ProblemError,
    Request,
    Unplaced,
    check,
    idle_slots,
    load_instance,
    schedule,
    validate,
)

DATA = Path(__file__).parent / "data" / "matchmaking"
ALL = frozenset(range(4))


def problem_make(*, slots: int = 4, tables: int | None = None, availability=None,
                 pairs=(), weights=None, fixed=None) -> Problem:
    """A problem whose requests are named r0, r1 … in the order of `pairs`."""
    people = {person for pair in pairs for person in pair}
    availability = availability or {person: range(slots) for person in sorted(people)}
    requests = [Request(id=f"r{i}", a=a, b=b, weight=(weights or {}).get(f"r{i}", 1))
                for i, (a, b) in enumerate(pairs)]
    return Problem(slots=slots, tables=tables, availability=availability, requests=requests,
                   fixed=fixed or {})


# The reference instances


@pytest.mark.parametrize("name", ["A-1000-seed1", "B-1000-seed1"])
def test_reference_instance_reaches_its_bound_with_few_idle_slots(name):
    problem, meta = load_instance(DATA / f"{name}.json.gz")
    result = schedule(problem)
    check(problem, result.slots)
    assert result.value >= 0.999 * meta["upper_bound"]
    assert result.upper_bound >= meta["upper_bound"]
    assert result.idle_slots == idle_slots(problem, result.slots)
    assert result.idle_slots / meta["participants"] <= meta["reference"]["idle_per_person"] + 0.05
    assert len(result.slots) + len(result.unplaced) == len(problem.requests)


def test_reference_instance_loads_people_and_requests_as_indices():
    problem, meta = load_instance(DATA / "A-1000-seed1.json.gz")
    assert (len(problem.availability), len(problem.requests), problem.slots, problem.tables) \
        == (1000, 2500, 16, 172)
    assert problem.availability[0] == frozenset(t for t in range(16) if 65527 >> t & 1)
    assert problem.requests[0] == Request(id=0, a=15, b=631, weight=1)
    assert meta["upper_bound"] == 2387 and "availability" not in meta


def test_schedule_without_time_left_is_valid_and_leaves_no_request_with_a_free_slot():
    problem, meta = load_instance(DATA / "A-1000-seed1.json.gz")
    result = schedule(problem, time_limit=0)
    check(problem, result.slots)
    assert result.value >= 0.99 * meta["upper_bound"]
    assert {u.reason for u in result.unplaced} <= {"person_full", "tables_full", "conflict"}
    taken = {(person, slot) for request in problem.requests if request.id in result.slots
             for person, slot in ((request.a, result.slots[request.id]),
                                  (request.b, result.slots[request.id]))}
    load = {slot: list(result.slots.values()).count(slot) for slot in range(problem.slots)}
    for request in problem.requests:
        if request.id not in result.slots:
            assert not [slot for slot in problem.availability[request.a]
                        if slot in problem.availability[request.b]
                        and (request.a, slot) not in taken and (request.b, slot) not in taken
                        and load[slot] < problem.tables]


def test_schedule_same_input_same_schedule():
    problem, _ = load_instance(DATA / "A-1000-seed1.json.gz")
    # a time limit the iteration budgets never reach, however busy the machine
    first, second = (schedule(problem, seed=3, time_limit=60) for _ in range(2))
    assert (first.slots, first.idle_slots) == (second.slots, second.idle_slots)


# Small cases with exact answers


def test_person_with_more_requests_than_slots_is_person_full():
    problem = problem_make(availability={"anna": {0, 1}, "b": ALL, "c": ALL, "d": ALL},
                           pairs=[("anna", "b"), ("anna", "c"), ("anna", "d")])
    result = schedule(problem)
    assert result.value == 2
    assert [(u.reason, u.params) for u in result.unplaced] == [
        ("person_full", {"person": "anna", "accepted": 3, "available": 2})]
    assert {result.slots[r] for r in result.slots} == {0, 1}


def test_two_people_without_a_common_slot_are_no_common_slot():
    problem = problem_make(availability={"a": {0, 1}, "b": {2, 3}}, pairs=[("a", "b")])
    result = schedule(problem)
    assert result.slots == {}
    assert result.unplaced == [Unplaced("r0", "no_common_slot", {"a": "a", "b": "b"})]
    assert (result.value, result.upper_bound, result.idle_slots) == (0, 0, 0)


def test_full_tables_leave_a_request_out_as_tables_full():
    problem = problem_make(slots=1, tables=1, pairs=[("a", "b"), ("c", "d")])
    result = schedule(problem)
    assert result.value == 1 and result.upper_bound == 1
    assert len(result.slots) == 1
    assert [(u.reason, u.params) for u in result.unplaced] == [
        ("tables_full", {"slots": [0], "tables": 1})]


def test_a_triangle_in_two_slots_leaves_one_request_out_as_conflict():
    problem = problem_make(slots=2, pairs=[("a", "b"), ("b", "c"), ("a", "c")])
    result = schedule(problem)
    assert result.value == 2
    assert result.upper_bound == 3  # the LP takes every request whole: a triangle is odd
    assert [u.reason for u in result.unplaced] == ["conflict"]
    assert result.unplaced[0].params["slots"] == [0, 1]


def test_fixed_meetings_stay_in_their_slots():
    problem = problem_make(slots=3, tables=1, pairs=[("a", "b"), ("a", "c"), ("b", "c")],
                           fixed={"r1": 2, "r2": 0})
    result = schedule(problem)
    assert result.slots == {"r0": 1, "r1": 2, "r2": 0}
    assert (result.value, result.unplaced, result.idle_slots) == (3, [], 1)  # c: 0 and 2


def test_fixed_meeting_is_kept_even_when_moving_it_would_place_more():
    problem = problem_make(slots=2, availability={"a": {0, 1}, "b": {0, 1}, "c": {1}},
                           pairs=[("a", "b"), ("a", "c")], fixed={"r0": 1})
    result = schedule(problem)
    assert result.slots == {"r0": 1}
    assert [u.reason for u in result.unplaced] == ["conflict"]


def test_online_block_holds_any_number_of_meetings_in_a_slot():
    pairs = [(f"p{2 * i}", f"p{2 * i + 1}") for i in range(50)]
    problem = problem_make(slots=1, tables=None, pairs=pairs)
    result = schedule(problem)
    assert result.slots == {f"r{i}": 0 for i in range(50)}
    assert (result.value, result.upper_bound) == (50, 50)


def test_zero_tables_place_nothing():
    result = schedule(problem_make(slots=2, tables=0, pairs=[("a", "b")]))
    assert result.slots == {}
    assert [u.reason for u in result.unplaced] == ["tables_full"]


def test_meetings_of_a_person_come_without_idle_slots():
    problem = problem_make(slots=6, pairs=[("a", "b"), ("a", "c"), ("a", "d"), ("e", "f")],
                           availability={"a": range(6), "b": range(6), "c": range(6),
                                         "d": {0, 5}, "e": range(6), "f": range(6)})
    result = schedule(problem)
    assert result.value == 4
    assert result.idle_slots == 0 == idle_slots(problem, result.slots)
    assert sorted(result.slots[r] for r in ("r0", "r1", "r2")) in ([0, 1, 2], [3, 4, 5])


def test_small_problem_idle_slots_found_beyond_the_local_moves():
    # a's meetings in a row need d late; then c meets e right after a: one way only
    problem = problem_make(slots=6, pairs=[("a", "b"), ("a", "c"), ("a", "d"), ("c", "e")],
                           availability={"a": range(6), "b": {1, 3}, "c": range(6),
                                         "d": {0, 5}, "e": {4, 5}})
    result = schedule(problem)
    assert result.slots == {"r0": 3, "r1": 4, "r2": 5, "r3": 5}
    assert result.idle_slots == 0


def test_a_triangle_and_a_fourth_meeting_leave_one_idle_slot_at_least():
    problem = problem_make(slots=6, pairs=[("a", "b"), ("a", "c"), ("a", "d"), ("b", "c")],
                           availability={"a": range(6), "b": range(6), "c": range(6),
                                         "d": {0, 5}})
    result = schedule(problem)
    assert (result.value, result.idle_slots) == (4, 1)


def test_heavier_request_wins_the_last_slot():
    problem = problem_make(slots=1, pairs=[("a", "b"), ("a", "c")], weights={"r1": 3})
    result = schedule(problem)
    assert result.slots == {"r1": 0}
    assert (result.value, result.upper_bound) == (3, 3)


def test_idle_slots_count_free_available_slots_between_first_and_last_meeting():
    problem = problem_make(slots=5, availability={"a": {0, 1, 3, 4}, "b": range(5),
                                                  "c": range(5)},
                           pairs=[("a", "b"), ("a", "c")])
    assert idle_slots(problem, {"r0": 0, "r1": 4}) == 2
    assert idle_slots(problem, {"r0": 0, "r1": 1}) == 0
    assert idle_slots(problem, {"r0": 3}) == 0


# Exhaustive optimum on tiny random instances


@st.composite
def tiny_problems(draw) -> Problem:
    slots = draw(st.integers(1, 4))
    people = draw(st.integers(2, 6))
    availability = {p: draw(st.frozensets(st.integers(0, slots - 1))) for p in range(people)}
    pairs = draw(st.lists(st.sampled_from(list(itertools.combinations(range(people), 2))),
                          unique=True, max_size=8))
    requests = [Request(id=i, a=a, b=b, weight=draw(st.integers(1, 3)))
                for i, (a, b) in enumerate(pairs)]
    tables = draw(st.one_of(st.none(), st.integers(0, 3)))
    fixed = {}
    if requests and draw(st.booleans()):
        request = requests[0]
        common = sorted(availability[request.a] & availability[request.b])
        if common and tables != 0:
            fixed[request.id] = draw(st.sampled_from(common))
    return Problem(slots=slots, tables=tables, availability=availability, requests=requests,
                   fixed=fixed)


def optimum(problem: Problem) -> int:
    """The largest weight any schedule reaches, by trying every slot for every request."""
    requests = problem.requests
    best = 0

    def extend(i: int, busy: dict, load: list, value: int) -> None:
        nonlocal best
        best = max(best, value)
        if i == len(requests) or value + sum(r.weight for r in requests[i:]) <= best:
            return
        request = requests[i]
        fixed = problem.fixed.get(request.id)
        choices = [fixed] if fixed is not None else range(problem.slots)
        for t in choices:
            if (t in problem.availability[request.a] and t in problem.availability[request.b]
                    and (request.a, t) not in busy and (request.b, t) not in busy
                    and (problem.tables is None or load[t] < problem.tables)):
                busy[request.a, t] = busy[request.b, t] = True
                load[t] += 1
                extend(i + 1, busy, load, value + request.weight)
                load[t] -= 1
                del busy[request.a, t], busy[request.b, t]
        if fixed is None:
            extend(i + 1, busy, load, value)

    extend(0, {}, [0] * problem.slots, 0)
    return best


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(tiny_problems())
def test_tiny_instance_schedule_is_optimal_and_valid(problem):
    result = schedule(problem)
    check(problem, result.slots)
    assert result.value == optimum(problem)
    assert result.upper_bound >= result.value
    assert result.idle_slots == idle_slots(problem, result.slots)
    assert len(result.slots) + len(result.unplaced) == len(problem.requests)


# Inconsistent input


@pytest.mark.parametrize(("change", "code"), [
    ({"slots": 0}, "no_slots"),
    ({"tables": -1}, "negative_tables"),
    ({"availability": {"a": {0, 4}, "b": {0}}}, "unknown_slot"),
    ({"requests": [Request("r0", "a", "zoe")]}, "unknown_person"),
    ({"requests": [Request("r0", "a", "a")]}, "self_meeting"),
    ({"requests": [Request("r0", "a", "b", weight=0)]}, "bad_weight"),
    ({"requests": [Request("r0", "a", "b", weight=1.5)]}, "bad_weight"),
    ({"requests": [Request("r0", "a", "b"), Request("r1", "b", "a")]}, "duplicate_request"),
    ({"requests": [Request("r0", "a", "b"), Request("r0", "a", "c")]}, "duplicate_request"),
    ({"fixed": {"r9": 0}}, "unknown_request"),
    ({"fixed": {"r0": 7}}, "unknown_slot"),
    ({"fixed": {"r0": 3}}, "fixed_unavailable"),
    ({"fixed": {"r0": 0, "r1": 0}}, "fixed_double_booked"),
    ({"tables": 1, "fixed": {"r0": 0, "r2": 0}}, "fixed_over_tables"),
])
def test_inconsistent_input_raises_problem_error_with_its_code(change, code):
    base = {"slots": 4, "tables": None,
            "availability": {"a": {0, 1, 2}, "b": ALL, "c": ALL, "d": ALL},
            "requests": [Request("r0", "a", "b"), Request("r1", "a", "c"),
                         Request("r2", "c", "d")]}
    problem = Problem(**{**base, **change})
    with pytest.raises(ProblemError) as error:
        validate(problem)
    assert error.value.code == code
    with pytest.raises(ProblemError):
        schedule(problem)


def test_problem_error_message_names_the_values():
    problem = problem_make(availability={"a": {0, 1}, "b": {0}}, pairs=[("a", "b")],
                           fixed={"r0": 1})
    with pytest.raises(ProblemError) as error:
        validate(problem)
    assert str(error.value) == "Fixed meeting r0 is in slot 1, when b is not available."
    assert error.value.params == {"request": "r0", "slot": 1, "person": "b"}
    copy = pickle.loads(pickle.dumps(error.value))  # noqa: S301 (our own object)
    assert (copy.code, str(copy), copy.params) == ("fixed_unavailable", str(error.value),
                                                   error.value.params)


# The checker


@pytest.fixture
def small() -> Problem:
    return problem_make(slots=3, tables=1, availability={"a": {0, 1, 2}, "b": {0, 1, 2},
                                                         "c": {0, 1}, "d": {0, 1, 2}},
                        pairs=[("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")],
                        fixed={"r3": 1})


def test_checker_accepts_a_valid_schedule(small):
    check(small, {"r0": 0, "r3": 1, "r2": 2})


@pytest.mark.parametrize(("slots", "broken"), [
    ({"r0": 0, "r1": 0, "r3": 1}, "one meeting per person and slot"),
    ({"r0": 1, "r3": 1}, "tables"),
    ({"r1": 2, "r3": 1}, "availability"),
    ({"r3": 0}, "fixed meeting"),
    ({"r0": 2}, "fixed meeting"),
    ({"r0": 3, "r3": 1}, "slot range"),
    ({"r7": 0, "r3": 1}, "unknown request"),
])
def test_checker_rejects_a_broken_schedule_naming_the_constraint(small, slots, broken):
    with pytest.raises(ValueError, match=f"^{broken}"):
        check(small, slots)
