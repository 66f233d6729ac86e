"""The scheduling problem as the caller states it: people, slots, requests, fixed meetings.

Plain data (frozen dataclasses), the error raised on inconsistent input, `validate` and
`load_instance` (the reference instances' gzip JSON format).
"""

import gzip
import json
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike


class ProblemError(ValueError):
    """Inconsistent input, with a message a human can read (English).

    `code` names the kind of inconsistency (the caller translates by it) and `params` holds
    the values the message names. Pickles (a task queue may carry it).
    """

    def __init__(self, code: str, message: str, params: dict | None = None) -> None:
        super().__init__(code, message, params or {})
        self.code = code
        self.message = message
        self.params = params or {}

    def __str__(self) -> str:
        return self.message


def problem_error(code: str, template: str, **params: object) -> ProblemError:
    """A ProblemError whose message is `template` filled in with `params`."""
    return ProblemError(code, template.format(**params), params)


@dataclass(frozen=True)
class Request:
    """An accepted meeting request between persons `a` and `b`, with a priority weight."""

    id: Hashable
    a: Hashable
    b: Hashable
    weight: int = 1


@dataclass(frozen=True)
class Problem:
    """One networking block: `slots` slots, `tables` per slot (None: online, unlimited),
    each person's available slots, the accepted requests and the meetings fixed by the
    people themselves (request id -> slot)."""

    slots: int
    tables: int | None
    availability: Mapping[Hashable, Iterable[int] | frozenset[int]]
    requests: Sequence[Request]
    fixed: Mapping[Hashable, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Unplaced:
    """A request left without a slot, and why (a code, see `reasons.unplaced_reason`)."""

    request_id: Hashable
    reason: str
    params: dict


@dataclass(frozen=True)
class Schedule:
    """The result: request id -> slot (fixed ones included), what was left out, the figures."""

    slots: dict[Hashable, int]
    unplaced: list[Unplaced]
    value: int
    upper_bound: int | None
    idle_slots: int
    seconds: float


def availability_masks(problem: Problem) -> dict[Hashable, int]:
    """Each person's available slots as a bitmask (bit t = slot t); checks the slot range."""
    masks = {}
    for person, slots in problem.availability.items():
        mask = 0
        for slot in slots:
            if not isinstance(slot, int) or not 0 <= slot < problem.slots:
                raise problem_error(
                    "unknown_slot", "Person {person} is available in slot {slot}, "
                    "but the block has slots 0 to {last}.",
                    person=person, slot=slot, last=problem.slots - 1)
            mask |= 1 << slot
        masks[person] = mask
    return masks


def validate(problem: Problem) -> None:
    """Raise `ProblemError` when the input is inconsistent; return None otherwise."""
    if not isinstance(problem.slots, int) or problem.slots < 1:
        raise problem_error("no_slots", "The block needs at least one slot, not {slots}.",
                           slots=problem.slots)
    if problem.tables is not None and problem.tables < 0:
        raise problem_error("negative_tables", "The number of tables ({tables}) is negative.",
                           tables=problem.tables)
    masks = availability_masks(problem)
    _validate_requests(problem=problem)
    _validate_fixed(problem=problem, masks=masks)


def _validate_requests(*, problem: Problem) -> None:
    ids = set()
    pairs = {}
    for request in problem.requests:
        for person in (request.a, request.b):
            if person not in problem.availability:
                raise problem_error("unknown_person",
                                   "Request {request} names {person}, who is not a participant.",
                                   request=request.id, person=person)
        if request.a == request.b:
            raise problem_error("self_meeting", "Request {request} asks {person} to meet "
                               "themself.", request=request.id, person=request.a)
        if (not isinstance(request.weight, int) or isinstance(request.weight, bool)
                or request.weight < 1):
            raise problem_error("bad_weight", "Request {request} has weight {weight}; "
                               "weights are whole numbers from 1.",
                               request=request.id, weight=request.weight)
        if request.id in ids:
            raise problem_error("duplicate_request", "Request id {request} is given twice.",
                               request=request.id, other=request.id)
        ids.add(request.id)
        pair = frozenset((request.a, request.b))
        if pair in pairs:
            raise problem_error("duplicate_request", "Requests {other} and {request} both ask "
                               "{a} and {b} to meet.", request=request.id, other=pairs[pair],
                               a=request.a, b=request.b)
        pairs[pair] = request.id


def _validate_fixed(*, problem: Problem, masks: Mapping[Hashable, int]) -> None:
    requests = {request.id: request for request in problem.requests}
    taken: dict[tuple[Hashable, int], Hashable] = {}
    load: dict[int, int] = {}
    for request_id, slot in problem.fixed.items():
        request = requests.get(request_id)
        if request is None:
            raise problem_error("unknown_request", "Fixed meeting {request} is not a request.",
                               request=request_id)
        if not isinstance(slot, int) or not 0 <= slot < problem.slots:
            raise problem_error("unknown_slot", "Fixed meeting {request} is in slot {slot}, "
                               "but the block has slots 0 to {last}.",
                               request=request_id, slot=slot, last=problem.slots - 1)
        for person in (request.a, request.b):
            if not masks[person] >> slot & 1:
                raise problem_error("fixed_unavailable", "Fixed meeting {request} is in slot "
                                   "{slot}, when {person} is not available.",
                                   request=request_id, slot=slot, person=person)
            other = taken.setdefault((person, slot), request_id)
            if other != request_id:
                raise problem_error("fixed_double_booked", "{person} has two fixed meetings "
                                   "in slot {slot}: {other} and {request}.", person=person,
                                   slot=slot, other=other, request=request_id)
        load[slot] = load.get(slot, 0) + 1
        if problem.tables is not None and load[slot] > problem.tables:
            raise problem_error("fixed_over_tables", "Slot {slot} has more fixed meetings "
                               "than its {tables} tables.", slot=slot, tables=problem.tables)


def load_instance(path: str | PathLike) -> tuple[Problem, dict]:
    """Read a reference instance (gzip JSON): the problem (people and request ids are the
    indices in the file's lists) and the file's other fields (name, upper_bound,
    reference …)."""
    with gzip.open(path, "rt", encoding="utf-8") as file:
        data = json.load(file)
    slots = data["slots"]
    availability = {person: frozenset(t for t in range(slots) if mask >> t & 1)
                    for person, mask in enumerate(data["availability"])}
    weights = data.get("weights") or [1] * len(data["requests"])
    requests = [Request(id=index, a=a, b=b, weight=weight)
                for index, ((a, b), weight) in enumerate(zip(data["requests"], weights,
                                                             strict=True))]
    fixed = {int(key): slot for key, slot in (data.get("fixed") or {}).items()}
    problem = Problem(slots=slots, tables=data["tables_per_slot"], availability=availability,
                      requests=requests, fixed=fixed)
    metadata = {key: value for key, value in data.items()
                if key not in ("availability", "requests", "weights", "fixed")}
    return problem, metadata
