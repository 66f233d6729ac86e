"""The search: a greedy start, an ejection-chain search for value, a compaction for idle.

All three work on a `Model` in place and stop at a deadline (time.perf_counter()).
"""

import math
import random
import time
from collections.abc import Callable

from .model import Model, bits, idle_of

WORSE = 0.02  # how often a stalled value search makes its best move when that loses weight


def greedy(model: Model, *, x2: list[int], rng: random.Random) -> None:
    """Place the requests one by one, each in its least idle free slot, or else by a Kempe
    swap that frees one (`kempe_insert`).

    The heavier requests come first, then those the LP takes whole (2·x_e = 2), then half,
    then those it leaves out; within these, the requests with the fewest common slots.
    """
    weight, common = model.weight, model.common
    order = sorted((e for e in range(len(model.eu)) if model.slot[e] < 0 and common[e]),
                   key=lambda e: (-weight[e], -x2[e], common[e].bit_count()))
    for e in order:
        free = model.free_slots(e)
        if free:
            model.place(e, model.best_slot(e, free))
        else:
            kempe_insert(model, e=e, rng=rng)


def fill(model: Model) -> None:
    """Place every unplaced request that has a free slot now (after a search cut short by
    the time limit: the schedule returned is always maximal)."""
    for e, t in enumerate(model.slot):
        if t < 0 and model.common[e]:
            free = model.free_slots(e)
            if free:
                model.place(e, model.best_slot(e, free))


class Pool:
    """A set of indices (of requests or people) with O(1) add, discard and random pick."""

    def __init__(self, items: list[int], size: int) -> None:
        self.items = list(items)
        self.pos = [-1] * size
        for i, e in enumerate(self.items):
            self.pos[e] = i

    def add(self, e: int) -> None:
        if self.pos[e] < 0:
            self.pos[e] = len(self.items)
            self.items.append(e)

    def discard(self, e: int) -> None:
        i = self.pos[e]
        if i >= 0:
            last = self.items.pop()
            if last != e:
                self.items[i] = last
                self.pos[last] = i
            self.pos[e] = -1

    def __len__(self) -> int:
        return len(self.items)


def improve_value(model: Model, *, rng: random.Random, deadline: float, iterations: int,
                  patience: int, bound: int) -> int:
    """Raise the scheduled weight by ejection chains with a tabu list.

    A move takes an unplaced request e and a common slot t, ejects what stands in the way
    (the other meeting of each person in t, or a meeting of t when its tables are full),
    puts the ejected meetings in a free slot of theirs where one exists, and leaves the
    rest unplaced (or places them by `kempe_insert`). The best move not tabu is made when
    it loses nothing (and, once the search has stalled for half its patience, now and then
    when it loses); an ejected meeting may not return to its slot for a while. Stops at
    `bound`, after `iterations`, after `patience` iterations without a better value, or at
    the deadline; the best schedule seen is kept. Returns the iterations made.
    """
    m, s = len(model.eu), model.slots
    pool = Pool([e for e in range(m) if model.slot[e] < 0 and model.common[e]], m)
    tabu = [0] * (m * s)
    best_value, best = model.value, list(model.slot)
    it = last_better = 0
    for it in range(1, iterations + 1):  # noqa: B007 (returned)
        if not pool.items or model.value >= bound or it - last_better > patience:
            break
        if not it & 127 and time.perf_counter() > deadline:
            break
        e = _pick(model, pool.items, rng.random)
        free = model.free_slots(e)
        if free:
            model.place(e, model.best_slot(e, free))
            pool.discard(e)
        elif kempe_insert(model, e=e, rng=rng):
            pool.discard(e)
        else:
            stalled = it - last_better > patience // 2
            move = _best_ejection(model, e=e, it=it, tabu=tabu, rng=rng,
                                  worse=WORSE if stalled else 0.0)
            if move is None:
                continue
            t, ejected = move
            pool.discard(e)
            for f in ejected:
                model.unplace(f)
                tabu[f * s + t] = it + 10 + rng.randrange(10) + len(pool.items) // 2
            model.place(e, t)
            for f in ejected:
                again = model.free_slots(f)
                if again:
                    model.place(f, model.best_slot(f, again))
                elif not kempe_insert(model, e=f, rng=rng):
                    pool.add(f)
        if model.value > best_value:
            best_value, best, last_better = model.value, list(model.slot), it
    if model.value < best_value:
        model.restore(best)
    return it


def _pick(model: Model, items: list[int], random_: Callable[[], float]) -> int:
    """Of two unplaced requests drawn, the one whose people have more free slots (the
    requests between two fully booked people are the least likely to get in)."""
    avail, busy, eu, ev = model.avail, model.busy, model.eu, model.ev
    e = items[int(random_() * len(items))]
    f = items[int(random_() * len(items))]
    free_e = (avail[eu[e]] & ~busy[eu[e]]).bit_count() + (avail[ev[e]] & ~busy[ev[e]]).bit_count()
    free_f = (avail[eu[f]] & ~busy[eu[f]]).bit_count() + (avail[ev[f]] & ~busy[ev[f]]).bit_count()
    return e if free_e >= free_f else f


def kempe_insert(model: Model, *, e: int, rng: random.Random, limit: int = 40,
                 tries: int = 12) -> bool:
    """Place unplaced request e by freeing a slot for one of its people: for a common slot
    a free for one person (say u) and a free slot b of the other (v), swap a and b along
    the alternating path from v, which frees a for v. True when e was placed."""
    u, v, busy, avail, common = model.eu[e], model.ev[e], model.busy, model.avail, model.common[e]
    moves = []
    for x, y in ((u, v), (v, u)):
        targets = bits(common & ~busy[x] & busy[y])
        frees = bits(avail[y] & ~busy[y])
        moves.extend((y, x, a, b) for a in targets for b in frees)
    if not moves:
        return False
    rng.shuffle(moves)
    capacity, load = model.capacity, model.load
    for y, x, a, b in moves[:tries]:
        found = kempe_chain(model, p=y, t=a, g=b, limit=limit)
        if found is None or found[1] == x:
            continue
        chain, _ = found
        if load[b if len(chain) & 1 else a] >= capacity:
            continue
        kempe_swap(model, chain, t=a, g=b)
        model.place(e, a)
        return True
    return False


def _best_ejection(model: Model, *, e: int, it: int, tabu: list[int], rng: random.Random,
                   worse: float) -> tuple[int, list[int]] | None:
    """The best slot for unplaced request e and the meetings to eject there; None when
    there is none or it loses weight (but for a share `worse` of these)."""
    s, u, v = model.slots, model.eu[e], model.ev[e]
    eu, ev, busy, meet, fixed, weight, common = (model.eu, model.ev, model.busy, model.meet,
                                                 model.fixed, model.weight, model.common)
    bu, bv, first = busy[u], busy[v], e * s
    best_gain, best_moves = -(1 << 60), []
    for t in model.common_slots[e]:
        if tabu[first + t] > it:
            continue
        ejected = []
        if bu >> t & 1:
            f = meet[u * s + t]
            if fixed[f]:
                continue
            ejected.append(f)
        if bv >> t & 1:
            f = meet[v * s + t]
            if fixed[f]:
                continue
            ejected.append(f)
        loss = 0
        if not ejected and not model.open_mask >> t & 1:
            g = _table_victim(model, t=t, rng=rng)
            if g < 0:
                continue
            ejected.append(g)
        for f in ejected:  # f is in slot t: both its people are busy there
            if not common[f] & ~busy[eu[f]] & ~busy[ev[f]] & model.open_mask:
                loss += weight[f]
        gain = weight[e] - loss
        if gain > best_gain:
            best_gain, best_moves = gain, [(t, ejected)]
        elif gain == best_gain:
            best_moves.append((t, ejected))
    if not best_moves or best_gain < 0 and rng.random() >= worse:
        return None
    return best_moves[rng.randrange(len(best_moves))]


def _table_victim(model: Model, *, t: int, rng: random.Random) -> int:
    """A meeting of full slot t to eject: of a few drawn, one that can move elsewhere."""
    bag = model.bag[t]
    best, best_key = -1, None
    for _ in range(4 if bag else 0):
        g = bag[rng.randrange(len(bag))]
        if model.fixed[g]:
            continue
        key = (model.free_slots(g) == 0, model.weight[g])
        if best_key is None or key < best_key:
            best, best_key = g, key
    return best


def nth_bit(mask: int, k: int) -> int:
    """The index of the k-th set bit of `mask` (k from 0)."""
    for _ in range(k):
        mask &= mask - 1
    return (mask & -mask).bit_length() - 1


def kempe_chain(model: Model, *, p: int, t: int, g: int,
                limit: int) -> tuple[list[int], int] | None:
    """The requests on the path from person p (busy in slot t, free in g) whose slots
    alternate t, g, t …, and the person at its other end; None when the path is longer
    than `limit` or a meeting on it is fixed or cannot take the other slot."""
    s, eu, ev, meet, busy, common, fixed = (model.slots, model.eu, model.ev, model.meet,
                                            model.busy, model.common, model.fixed)
    both = 1 << t | 1 << g
    chain, x, c, other = [], p, t, g
    while busy[x] >> c & 1:
        e = meet[x * s + c]
        if fixed[e] or common[e] & both != both or len(chain) >= limit:
            return None
        chain.append(e)
        x = ev[e] if eu[e] == x else eu[e]
        c, other = other, c
    return chain, x


def kempe_swap(model: Model, chain: list[int], *, t: int, g: int) -> None:
    """Swap slots t and g of the requests on `chain`."""
    slot = model.slot
    moves = [(e, g if slot[e] == t else t) for e in chain]
    for e, _ in moves:
        model.unplace(e)
    for e, target in moves:
        model.place(e, target)


def improve_idle(model: Model, *, rng: random.Random, deadline: float, iterations: int,
                 patience: int, limit: int = 30) -> int:
    """Lower the idle slots, keeping every meeting, by Kempe swaps.

    A move takes a person p with idle slots, p's first or last meeting t and a free
    available slot g of p: one of p's gaps, or the nearest one before p's first meeting or
    after p's last (the meeting moves round to the other end). It swaps slots t and g along
    the alternating path from p (a single meeting moves when p's partner is free in g).
    Only the path's two ends change their busy slots, so the change in idle slots is
    theirs. Of p's moves, the best that adds no idle slots is made. Stops after
    `iterations`, after `patience` iterations without fewer idle slots than before, or at
    the deadline. Returns the iterations made.
    """
    avail, busy = model.avail, model.busy
    n = len(avail)
    pool = Pool([p for p in range(n) if idle_of(busy[p], avail[p])], n)
    cap, random_ = model.capacity, rng.random
    idle = best_idle = last_better = it = 0  # idle slots counted from the start
    for it in range(1, iterations + 1):  # noqa: B007 (returned)
        if not pool.items or it - last_better > patience:
            break
        if not it & 255 and time.perf_counter() > deadline:
            break
        items = pool.items
        p = items[int(random_() * len(items))]
        b, a = busy[p], avail[p]
        gaps = a & ~b & ((1 << b.bit_length()) - (b & -b))
        if not gaps:
            pool.discard(p)
            continue
        best = None
        first, last = (b & -b).bit_length() - 1, b.bit_length() - 1
        below = a & ((1 << first) - 1)
        above = a >> (last + 1) << (last + 1)
        near = gaps
        if below:
            near |= 1 << (below.bit_length() - 1)
        if above:
            near |= above & -above
        for g in bits(near):
            for t in (first, last):
                found = kempe_chain(model, p=p, t=t, g=g, limit=limit)
                if found is None:
                    continue
                chain, z = found
                k = len(chain)
                if k & 1 and model.load[g] >= cap:
                    continue
                zb = busy[z]
                zt, zg = (t, g) if k & 1 else (g, t)
                nb = b & ~(1 << t) | 1 << g
                nz = zb & ~(1 << zt) | 1 << zg
                d = (idle_of(nb, a) - idle_of(b, a) + idle_of(nz, avail[z])
                     - idle_of(zb, avail[z]))
                if d <= 0 and (best is None or d < best[0] or d == best[0] and random_() < 0.5):
                    best = (d, chain, z, t, g)
        if best is None:
            continue
        delta, chain, z, t, g = best
        kempe_swap(model, chain, t=t, g=g)
        idle += delta
        if idle < best_idle:
            best_idle, last_better = idle, it
        for q in (p, z):
            if idle_of(busy[q], avail[q]):
                pool.add(q)
            else:
                pool.discard(q)
    return it


def anneal_idle(model: Model, *, rng: random.Random, deadline: float, iterations: int,
                start: float = 1.0, end: float = 0.05, limit: int = 30) -> None:
    """Lower the idle slots further by simulated annealing over the same Kempe moves.

    A person with meetings, their first or last meeting t and a random free available
    slot g; a move adding d idle slots is made with probability exp(-d / T), T falling
    from `start` to `end`. The best schedule seen is kept. Meant for small problems, where
    `improve_idle` stops in a local optimum long before the time is up (each better
    schedule is copied).
    """
    avail, busy, slot = model.avail, model.busy, model.slot
    people = [p for p in range(len(avail)) if busy[p]]
    if not people or iterations <= 0:
        return
    idle = best_idle = model.total_idle()
    best = list(slot)
    cap, random_ = model.capacity, rng.random
    for it in range(iterations):
        if not best_idle or not it & 255 and time.perf_counter() > deadline:
            break
        temperature = start + (end - start) * it / iterations
        p = people[int(random_() * len(people))]
        b, a = busy[p], avail[p]
        free = a & ~b
        if not b or not free:
            continue
        g = nth_bit(free, int(random_() * free.bit_count()))
        t = (b & -b).bit_length() - 1 if random_() < 0.5 else b.bit_length() - 1
        found = kempe_chain(model, p=p, t=t, g=g, limit=limit)
        if found is None:
            continue
        chain, z = found
        if len(chain) & 1 and model.load[g] >= cap:
            continue
        zb = busy[z]
        zt, zg = (t, g) if len(chain) & 1 else (g, t)
        d = (idle_of(b & ~(1 << t) | 1 << g, a) - idle_of(b, a)
             + idle_of(zb & ~(1 << zt) | 1 << zg, avail[z]) - idle_of(zb, avail[z]))
        if d > 0 and random_() >= math.exp(-d / temperature):
            continue
        kempe_swap(model, chain, t=t, g=g)
        idle += d
        if idle < best_idle:
            best_idle, best = idle, list(slot)
    if idle > best_idle:
        model.restore(best)
