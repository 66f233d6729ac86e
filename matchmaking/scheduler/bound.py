"""The fractional b-matching LP: an upper bound on the value, and a guide for the greedy.

maximise Σ x_e over the requests whose two people share a slot, subject to
Σ_{e ∋ v} x_e ≤ (available slots of v) and 0 ≤ x_e ≤ 1. Its optimum is half a maximum flow
in the bipartite double cover (each person once as a sender L, once as a receiver R; each
request an arc L_u → R_v and an arc L_v → R_u of capacity 1), found here by Dinic's
algorithm. With tables, Σ x_e ≤ S × tables on top scales the optimum down to that cap.
With weights, the bound is the sum over weight levels k of the LP of the requests weighing
at least k (each level is a valid bound of its share of the weight).
"""

from collections import deque

from .model import Model

MAX_LEVELS = 8  # weight levels bounded one by one; with more, the bound is the cheap one


def fractional_matching(model: Model, *, edges: list[int]) -> tuple[int, list[int]]:
    """Twice the LP optimum over `edges` (without the tables' cap) and 2·x_e per request
    (0, 1 or 2; 0 for a request not in `edges`)."""
    n = len(model.avail)
    source, sink = 2 * n, 2 * n + 1
    head: list[int] = []
    cap: list[int] = []
    adj: list[list[int]] = [[] for _ in range(2 * n + 2)]

    def arc(x: int, y: int, c: int) -> int:
        adj[x].append(len(head))
        head.append(y)
        cap.append(c)
        adj[y].append(len(head))
        head.append(x)
        cap.append(0)
        return len(head) - 2

    for v, avail in enumerate(model.avail):
        if avail:
            arc(source, v, avail.bit_count())
            arc(n + v, sink, avail.bit_count())
    first = {}
    for e in edges:
        u, v = model.eu[e], model.ev[e]
        first[e] = arc(u, n + v, 1)
        arc(v, n + u, 1)
    flow = _max_flow(adj=adj, head=head, cap=cap, source=source, sink=sink)
    x2 = [0] * len(model.eu)
    for e, a in first.items():
        x2[e] = 2 - cap[a] - cap[a + 2]
    return flow, x2


def _max_flow(*, adj: list[list[int]], head: list[int], cap: list[int], source: int,
              sink: int) -> int:
    """Dinic's maximum flow; arcs come in pairs (a, a ^ 1), `cap` is left residual."""
    flow = 0
    size = len(adj)
    while True:
        level = [-1] * size
        level[source] = 0
        queue = deque([source])
        while queue:
            x = queue.popleft()
            for a in adj[x]:
                if cap[a] and level[head[a]] < 0:
                    level[head[a]] = level[x] + 1
                    queue.append(head[a])
        if level[sink] < 0:
            return flow
        flow += _blocking_flow(adj=adj, head=head, cap=cap, level=level, source=source,
                               sink=sink)


def _blocking_flow(*, adj: list[list[int]], head: list[int], cap: list[int],
                   level: list[int], source: int, sink: int) -> int:
    """Augment along shortest paths until none is left in the level graph."""
    pointer = [0] * len(adj)
    total = 0
    while True:
        path: list[int] = []
        x = source
        while x != sink:
            arcs, i = adj[x], pointer[x]
            while i < len(arcs) and not (cap[arcs[i]] and level[head[arcs[i]]] == level[x] + 1):
                i += 1
            pointer[x] = i
            if i < len(arcs):
                path.append(arcs[i])
                x = head[arcs[i]]
            elif x == source:
                return total
            else:
                level[x] = -1
                x = head[path.pop() ^ 1]
                pointer[x] += 1
        pushed = min(cap[a] for a in path)
        for a in path:
            cap[a] -= pushed
            cap[a ^ 1] += pushed
        total += pushed


def lp_bound(model: Model) -> tuple[int, list[int]]:
    """An upper bound on the weight any schedule reaches, and the LP's 2·x_e per request
    (of the requests of every weight)."""
    edges = [e for e in range(len(model.eu)) if model.common[e]]
    if not edges:
        return 0, [0] * len(model.eu)
    total_cap = model.slots * model.capacity
    flow, x2 = fractional_matching(model, edges=edges)
    levels = sorted({model.weight[e] for e in edges})
    if len(levels) == 1:
        return min(flow // 2, total_cap) * levels[0], x2
    if len(levels) > MAX_LEVELS:
        return _cheap_bound(model, edges=edges), x2
    bound, below = min(flow // 2, total_cap) * levels[0], levels[0]
    for level in levels[1:]:
        heavy = [e for e in edges if model.weight[e] >= level]
        level_flow, _ = fractional_matching(model, edges=heavy)
        bound += min(level_flow // 2, total_cap) * (level - below)
        below = level
    return bound, x2


def _cheap_bound(model: Model, *, edges: list[int]) -> int:
    """Half the sum over people of their heaviest requests, as many as they have slots."""
    weights: list[list[int]] = [[] for _ in model.avail]
    for e in edges:
        weights[model.eu[e]].append(model.weight[e])
        weights[model.ev[e]].append(model.weight[e])
    return sum(sum(sorted(w, reverse=True)[:a.bit_count()])
               for w, a in zip(weights, model.avail, strict=True)) // 2
