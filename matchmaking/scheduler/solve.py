"""`schedule`: validate, bound, build greedily, raise the value, then lower the idle slots
(and on small problems anneal them)."""

import random
import time

from .bound import lp_bound
from .checker import check
from .model import Model, model_build
from .problem import Problem, Schedule, validate
from .reasons import unplaced_reasons
from .search import anneal_idle, fill, greedy, improve_idle, improve_value

VALUE_SHARE = 0.7  # of the time limit, at most, for raising the value
# iterations without a better value before the value search stops: 12,000 at 12,500
# requests, more on smaller problems (where an iteration costs less), 40,000 at most
VALUE_PATIENCE_WORK = 150_000_000  # iterations × requests
VALUE_PATIENCE_MIN, VALUE_PATIENCE_MAX = 12_000, 40_000
VALUE_ITERATIONS = 200_000
IDLE_ITERATIONS_PER_REQUEST = 4  # the idle search's iterations at most (12,500 requests: 50,000)
IDLE_PATIENCE = 10_000  # iterations without fewer idle slots before the idle search stops
# annealing for idle slots on problems of up to 3,000 requests (on larger ones it finds
# nothing better in the time left): iterations per request, at most 150,000 (about 0.3 s)
ANNEAL_REQUESTS = 3_000
ANNEAL_PER_REQUEST, ANNEAL_MAX = 60, 150_000
MARGIN = 0.1  # seconds kept for checking and writing the result out


def schedule(problem: Problem, *, time_limit: float = 1.8, seed: int = 0) -> Schedule:
    """A schedule of `problem` of (near) maximum weight, then few idle slots.

    Deterministic for a given input and seed as long as the iteration budgets finish
    within `time_limit`; past it the search stops where it is (a slow or busy machine) and
    the best schedule found is returned. Raises ProblemError on inconsistent input.
    """
    start = time.perf_counter()
    deadline = start + max(time_limit - MARGIN, 0.0)
    validate(problem)
    model = model_build(problem)
    rng = random.Random(seed)  # noqa: S311 (a search, not a secret: seeded to repeat)
    bound, x2 = lp_bound(model)
    greedy(model, x2=x2, rng=rng)
    patience = VALUE_PATIENCE_WORK // max(len(model.eu), 1)
    patience = min(max(patience, VALUE_PATIENCE_MIN), VALUE_PATIENCE_MAX)
    improve_value(model, rng=rng, iterations=VALUE_ITERATIONS, patience=patience,
                  bound=bound, deadline=min(deadline, start + VALUE_SHARE * time_limit))
    improve_idle(model, rng=rng, deadline=deadline,
                 iterations=IDLE_ITERATIONS_PER_REQUEST * len(model.eu), patience=IDLE_PATIENCE)
    if len(model.eu) <= ANNEAL_REQUESTS:
        anneal_idle(model, rng=rng, deadline=deadline,
                    iterations=min(ANNEAL_PER_REQUEST * len(model.eu), ANNEAL_MAX))
    fill(model)
    return _result(problem=problem, model=model, bound=bound, start=start)


def _result(*, problem: Problem, model: Model, bound: int, start: float) -> Schedule:
    slots = {model.request_ids[e]: t for e, t in enumerate(model.slot) if t >= 0}
    check(problem, slots)  # a safety net: a wrong schedule must never reach people
    return Schedule(slots=slots, unplaced=unplaced_reasons(model), value=model.value,
                    upper_bound=bound, idle_slots=model.total_idle(),
                    seconds=time.perf_counter() - start)
