"""An independent check of a schedule against the problem, and its idle slots.

Written from the problem statement alone (sets and dicts, no bitmasks, nothing shared with
the solver) so that it can judge the solver.
"""

from collections.abc import Hashable, Mapping

from .problem import Problem


def check(problem: Problem, slots: Mapping[Hashable, int]) -> None:
    """Raise ValueError naming the broken constraint when `slots` (request id -> slot) is
    not a valid schedule of `problem`; return None otherwise."""
    requests = {request.id: request for request in problem.requests}
    available = {person: set(slots_) for person, slots_ in problem.availability.items()}
    busy: dict[tuple[Hashable, int], Hashable] = {}
    load: dict[int, int] = {}
    for request_id, slot in slots.items():
        request = requests.get(request_id)
        if request is None:
            raise ValueError(f"unknown request: {request_id!r} is not a request")
        if not isinstance(slot, int) or not 0 <= slot < problem.slots:
            raise ValueError(f"slot range: request {request_id!r} is in slot {slot!r}, "
                             f"outside 0..{problem.slots - 1}")
        for person in (request.a, request.b):
            if slot not in available[person]:
                raise ValueError(f"availability: request {request_id!r} is in slot {slot}, "
                                 f"when {person!r} is not available")
            other = busy.setdefault((person, slot), request_id)
            if other != request_id:
                raise ValueError(f"one meeting per person and slot: {person!r} has requests "
                                 f"{other!r} and {request_id!r} in slot {slot}")
        load[slot] = load.get(slot, 0) + 1
    if problem.tables is not None:
        for slot, count in sorted(load.items()):
            if count > problem.tables:
                raise ValueError(f"tables: slot {slot} holds {count} meetings for "
                                 f"{problem.tables} tables")
    for request_id, slot in problem.fixed.items():
        if slots.get(request_id) != slot:
            raise ValueError(f"fixed meeting: request {request_id!r} was booked in slot {slot},"
                             f" the schedule has {slots.get(request_id)!r}")


def idle_slots(problem: Problem, slots: Mapping[Hashable, int]) -> int:
    """Free available slots strictly between each person's first and last meeting, summed
    over all people."""
    requests = {request.id: request for request in problem.requests}
    meetings: dict[Hashable, set[int]] = {}
    for request_id, slot in slots.items():
        request = requests[request_id]
        meetings.setdefault(request.a, set()).add(slot)
        meetings.setdefault(request.b, set()).add(slot)
    idle = 0
    for person, taken in meetings.items():
        available = set(problem.availability[person])
        idle += sum(1 for slot in range(min(taken) + 1, max(taken))
                    if slot in available and slot not in taken)
    return idle
