"""The B2B meeting scheduler: give accepted meeting requests slots of a networking block.

Pure Python, no Django. Objectives in order: the most total weight scheduled, then the
fewest idle slots (free available slots between a person's first and last meeting).
Meetings the people booked themselves (`Problem.fixed`) stay where they are.

    from matchmaking.scheduler import Problem, Request, schedule
    result = schedule(Problem(slots=16, tables=100, availability=..., requests=[...]))
"""

from .checker import check, idle_slots
from .problem import (
    Problem,
    ProblemError,
    Request,
    Schedule,
    Unplaced,
    load_instance,
    validate,
)
from .solve import schedule

__all__ = [
    "Problem", "ProblemError", "Request", "Schedule", "Unplaced", "check", "idle_slots",
    "load_instance", "schedule", "validate",
]
