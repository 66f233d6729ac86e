"""The solver's working state: people and requests as indices, slots as bitmasks.

Everything the search touches in its inner loops is a flat list of ints: a person's
available and busy slots are bitmasks (bit t = slot t), `meet[p * S + t]` is the request
person p meets in slot t, and `bag[t]` lists the requests held in slot t (for the tables).
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from .problem import Problem, availability_masks


def idle_of(busy: int, avail: int) -> int:
    """Free available slots strictly between the first and the last busy slot."""
    if not busy:
        return 0
    span = (1 << busy.bit_length()) - (busy & -busy)
    return (avail & ~busy & span).bit_count()


def bits(mask: int) -> list[int]:
    """The indices of the set bits of `mask`, lowest first."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


@dataclass
class Model:
    """A partial schedule of a problem in indices; `slot[e]` is -1 for an unplaced request."""

    slots: int
    capacity: int
    people: list[Hashable]
    avail: list[int]
    eu: list[int]
    ev: list[int]
    weight: list[int]
    common: list[int]
    fixed: list[bool]
    request_ids: list[Hashable]
    common_slots: list[list[int]] = field(default_factory=list)
    slot: list[int] = field(default_factory=list)
    busy: list[int] = field(default_factory=list)
    meet: list[int] = field(default_factory=list)
    load: list[int] = field(default_factory=list)
    bag: list[list[int]] = field(default_factory=list)
    pos: list[int] = field(default_factory=list)
    open_mask: int = 0
    value: int = 0

    def __post_init__(self) -> None:
        m, n, s = len(self.eu), len(self.people), self.slots
        self.common_slots = [bits(mask) for mask in self.common]
        self.slot = [-1] * m
        self.busy = [0] * n
        self.meet = [-1] * (n * s)
        self.load = [0] * s
        self.bag = [[] for _ in range(s)]
        self.pos = [-1] * m
        self.open_mask = (1 << s) - 1 if self.capacity > 0 else 0

    def place(self, e: int, t: int) -> None:
        """Put request e in slot t (the caller has checked that it fits)."""
        u, v, s = self.eu[e], self.ev[e], self.slots
        self.slot[e] = t
        self.busy[u] |= 1 << t
        self.busy[v] |= 1 << t
        self.meet[u * s + t] = e
        self.meet[v * s + t] = e
        bag = self.bag[t]
        self.pos[e] = len(bag)
        bag.append(e)
        self.load[t] += 1
        if self.load[t] >= self.capacity:
            self.open_mask &= ~(1 << t)
        self.value += self.weight[e]

    def unplace(self, e: int) -> None:
        """Take request e out of its slot."""
        t, u, v, s = self.slot[e], self.eu[e], self.ev[e], self.slots
        self.slot[e] = -1
        self.busy[u] &= ~(1 << t)
        self.busy[v] &= ~(1 << t)
        self.meet[u * s + t] = -1
        self.meet[v * s + t] = -1
        bag, i = self.bag[t], self.pos[e]
        last = bag.pop()
        if last != e:
            bag[i] = last
            self.pos[last] = i
        self.pos[e] = -1
        self.load[t] -= 1
        self.open_mask |= 1 << t
        self.value -= self.weight[e]

    def free_slots(self, e: int) -> int:
        """The slots where request e could go now without moving anything."""
        return self.common[e] & ~self.busy[self.eu[e]] & ~self.busy[self.ev[e]] & self.open_mask

    def best_slot(self, e: int, mask: int) -> int:
        """Of the slots in `mask`, the one adding the fewest idle slots to both people."""
        u, v, avail, busy = self.eu[e], self.ev[e], self.avail, self.busy
        au, av, bu, bv = avail[u], avail[v], busy[u], busy[v]
        base = idle_of(bu, au) + idle_of(bv, av)
        best, best_cost = -1, 1 << 30
        while mask:
            low = mask & -mask
            mask ^= low
            cost = idle_of(bu | low, au) + idle_of(bv | low, av) - base
            if cost < best_cost:
                best, best_cost = low.bit_length() - 1, cost
        return best

    def total_idle(self) -> int:
        """Idle slots over all people."""
        return sum(idle_of(b, a) for b, a in zip(self.busy, self.avail, strict=True))

    def restore(self, slots: Sequence[int]) -> None:
        """Put the model back into the schedule `slots` (as saved from `slot`)."""
        for e, t in enumerate(self.slot):
            if t >= 0 and slots[e] != t:
                self.unplace(e)
        for e, t in enumerate(slots):
            if t >= 0 and self.slot[e] != t:
                self.place(e, t)


def model_build(problem: Problem) -> Model:
    """The index model of a validated problem, with the fixed meetings placed."""
    masks = availability_masks(problem)
    people = list(problem.availability)
    index = {person: i for i, person in enumerate(people)}
    eu, ev, weight, common, fixed, ids = [], [], [], [], [], []
    for request in problem.requests:
        u, v = index[request.a], index[request.b]
        eu.append(u)
        ev.append(v)
        weight.append(request.weight)
        common.append(masks[request.a] & masks[request.b])
        fixed.append(request.id in problem.fixed)
        ids.append(request.id)
    capacity = problem.tables if problem.tables is not None else len(eu) + 1
    model = Model(slots=problem.slots, capacity=capacity, people=people,
                  avail=[masks[p] for p in people], eu=eu, ev=ev, weight=weight,
                  common=common, fixed=fixed, request_ids=ids)
    for e, request in enumerate(problem.requests):
        if fixed[e]:
            model.place(e, problem.fixed[request.id])
    return model
