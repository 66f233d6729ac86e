"""Every URL of the organiser workspace against every persona (tests/orga_world.py): each
gets exactly what its role allows, and otherwise 403 or 404 without learning anything of
the object (its title is nowhere in the answer)."""

import importlib
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.orga_cases import LOGIN, NOT_FOUND, OK, Case
from tests.orga_world import PERSONAS, client_as, orga_world

# Account pages anyone may open (logging in, a forgotten password): no series behind them.
ACCOUNT_PAGES = {"login", "login_verify", "logout", "two_factor", "two_factor_disable",
                 "password_reset", "password_reset_done", "password_reset_confirm",
                 "password_reset_complete"}


def _all_cases() -> list[Case]:
    cases = []
    for path in sorted(Path(__file__).parent.glob("orga_cases_*.py")):
        cases.extend(importlib.import_module(f"tests.{path.stem}").CASES)
    return cases


CASES = _all_cases()


def _orga_url_names() -> set[str]:
    resolver = get_resolver()
    names: set[str] = set()

    def walk(patterns, inside: bool) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, inside or pattern.namespace == "orga")
            elif isinstance(pattern, URLPattern) and inside and pattern.name:
                names.add(pattern.name)

    walk(resolver.url_patterns, False)
    return names


def test_every_orga_url_is_in_the_permission_matrix():
    covered = {case.name for case in CASES}
    missing = _orga_url_names() - covered - ACCOUNT_PAGES
    assert not missing, f"URLs of the workspace without permission cases: {sorted(missing)}"


def test_every_case_names_every_persona():
    """Every persona but the reviewer, whom Case.expected answers for where a case is
    silent (cases of a URL without a series name them)."""
    for case in CASES:
        assert set(case.expect) - {"reviewer"} == set(PERSONAS) - {"reviewer"}, case.id


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_each_persona_gets_what_the_role_allows(case: Case):
    """One world for the case; each persona's request runs in a savepoint rolled back
    afterwards, so that an action one persona may take never changes what the next meets."""
    world = orga_world()
    failures = []
    for persona in PERSONAS:
        with transaction.atomic():
            client = client_as(Client(), world, persona)
            kwargs = case.kwargs(world)
            url = reverse(f"orga:{case.name}", kwargs=kwargs)
            response = getattr(client, case.method)(url, case.data(world))
            failures.extend(_unexpected(case, persona, response, world, kwargs))
            transaction.set_rollback(True)
    assert not failures


def _unexpected(case: Case, persona: str, response, world, kwargs: dict) -> list:
    """What differs from the case's expectation for `persona` (nothing: an empty list)."""
    expected, status = case.expected(persona, world, kwargs), response.status_code
    where = (case.id, persona, status)
    if expected == OK:
        if status >= 400:
            return [where]
        if status in (301, 302) and "/orga/login/" in response["Location"]:
            return [(*where, "sent to the login")]
        return []
    if expected == LOGIN:
        ok = status == 302 and "/orga/login/" in response["Location"]
        return [] if ok else [(*where, "not sent to the login")]
    if status != expected:
        return [(*where, f"expected {expected}")]
    body = response.content.decode()
    secrets = [world.leipzig_event.title, world.sofia_event.title,
               world.leipzig_participant.email, world.sofia_participant.email]
    if expected == NOT_FOUND:
        secrets.append(world.series.title)
    return [(*where, f"names {secret!r}") for secret in secrets if secret in body]
