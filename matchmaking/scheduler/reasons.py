"""Why a request was left out, in the words an organiser can act on."""

from .model import Model
from .problem import Unplaced


def unplaced_reasons(model: Model) -> list[Unplaced]:
    """The unplaced requests of the model's schedule, in input order, each with its most
    telling reason:

    - "no_common_slot": the two people share no available slot;
    - "person_full": one of them accepted more meetings than they have available slots
      (params: person, accepted, available; the person with the larger excess);
    - "tables_full": the common slots where both are free have no table left;
    - "conflict": otherwise (each common slot is taken by another meeting of one of them).
    """
    accepted = [0] * len(model.avail)
    for u, v in zip(model.eu, model.ev, strict=True):
        accepted[u] += 1
        accepted[v] += 1
    out = []
    for e, t in enumerate(model.slot):
        if t >= 0:
            continue
        out.append(_reason(model, e=e, accepted=accepted))
    return out


def _reason(model: Model, *, e: int, accepted: list[int]) -> Unplaced:
    request_id = model.request_ids[e]
    u, v = model.eu[e], model.ev[e]
    people = model.people
    if not model.common[e]:
        return Unplaced(request_id, "no_common_slot", {"a": people[u], "b": people[v]})
    excess = [(accepted[p] - model.avail[p].bit_count(), -i, p) for i, p in enumerate((u, v))]
    over, _, person = max(excess)
    if over > 0:
        return Unplaced(request_id, "person_full", {
            "person": people[person], "accepted": accepted[person],
            "available": model.avail[person].bit_count()})
    free = model.common[e] & ~model.busy[u] & ~model.busy[v]
    if free:
        return Unplaced(request_id, "tables_full", {"slots": _slot_list(free),
                                                    "tables": model.capacity})
    return Unplaced(request_id, "conflict", {"a": people[u], "b": people[v],
                                             "slots": _slot_list(model.common[e])})


def _slot_list(mask: int) -> list[int]:
    return [t for t in range(mask.bit_length()) if mask >> t & 1]
