"""The permission matrix of the organiser workspace: what each persona gets at each URL.

A Case names a URL pattern of the `orga` namespace, how to build its arguments (and the
POST data) from the world of tests/orga_world.py, and what each persona gets:

- OK: the page or the action (any 2xx, or a redirect that is not to the login);
- 403: forbidden (a team member whose role does not allow it);
- 404: not there for them (no part in the series or the object), saying nothing of it;
- LOGIN: a redirect to the login page.

The expectation helpers below spell the roles out; area files (tests/orga_cases_<area>.py)
define `CASES = [Case(...), ...]`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

OK, FORBIDDEN, NOT_FOUND, LOGIN = "ok", 403, 404, "login"


@dataclass(frozen=True)
class Case:
    name: str                                   # the URL name, without "orga:"
    kwargs: Callable[[Any], dict]               # world -> URL kwargs
    expect: dict[str, Any]                      # persona -> OK / 403 / 404 / LOGIN
    method: str = "get"
    data: Callable[[Any], dict] = field(default=lambda world: {})
    label: str = ""                             # to tell two cases of one URL apart

    def expected(self, persona: str, world, kwargs: dict) -> Any:
        """What `persona` gets. The reviewer, where a case does not name them, is in
        Connect's team but may open none of its pages but the pitch applications' (403
        whatever the object, since the role is checked first), and another series is not
        there for them (404); a URL of no series names them itself."""
        if persona in self.expect:
            return self.expect[persona]
        if persona == "reviewer":  # kwargs: the URL's, as self.kwargs built them
            return FORBIDDEN if kwargs.get("series") == world.series.slug else NOT_FOUND
        raise KeyError(persona)

    @property
    def id(self) -> str:
        return f"{self.method}:{self.name}{':' + self.label if self.label else ''}"


def _outside(**given) -> dict[str, Any]:
    return {"participant": NOT_FOUND, "outsider": NOT_FOUND, "anonymous": LOGIN} | given


def team() -> dict[str, Any]:
    """Every member of the series' team."""
    return _outside(organiser=OK, leipzig=OK, sofia=OK)


def organisers() -> dict[str, Any]:
    """Organisers only; coordinators are in the team, so they learn it is forbidden."""
    return _outside(organiser=OK, leipzig=FORBIDDEN, sofia=FORBIDDEN)


def leipzig_runners() -> dict[str, Any]:
    """Who runs the Leipzig event: the organiser and the Leipzig coordinator. For the
    Sofia coordinator the Leipzig event is not there."""
    return _outside(organiser=OK, leipzig=OK, sofia=NOT_FOUND)


def nobody_in(series_level: bool = True) -> dict[str, Any]:
    """An object of another series under this series' URL: not there for anyone."""
    return _outside(organiser=NOT_FOUND, leipzig=NOT_FOUND, sofia=NOT_FOUND)


def series(world) -> dict:
    return {"series": world.series.slug}


def leipzig_event(world) -> dict:
    return {"series": world.series.slug, "event": world.leipzig_event.pk}


def other_series_event(world) -> dict:
    """The other series' event under Connect's URL: a forged id."""
    return {"series": world.series.slug, "event": world.other_event.pk}
