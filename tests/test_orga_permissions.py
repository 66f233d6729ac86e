"""Every URL of the organiser workspace against every persona (tests/orga_world.py): each
gets exactly what its role allows, and otherwise 403 or 404 without learning anything of
the object (its title is nowhere in the answer)."""

import importlib
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.orga_cases import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case
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
    for case in CASES:
        assert set(case.expect) == set(PERSONAS), case.id


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_persona_gets_what_the_role_allows(client, case: Case, persona: str):
    world = orga_world()
    client_as(client, world, persona)
    url = reverse(f"orga:{case.name}", kwargs=case.kwargs(world))

    response = getattr(client, case.method)(url, case.data(world))

    expected = case.expect[persona]
    if expected == OK:
        assert response.status_code < 400, (case.id, persona, response.status_code)
        if response.status_code in (301, 302):
            assert "/orga/login/" not in response["Location"], (case.id, persona)
    elif expected == LOGIN:
        assert response.status_code == 302, (case.id, persona, response.status_code)
        assert "/orga/login/" in response["Location"]
    else:
        assert response.status_code == expected, (case.id, persona, response.status_code)
        body = response.content.decode()
        for secret in (world.leipzig_event.title, world.sofia_event.title,
                       world.leipzig_participant.email, world.sofia_participant.email):
            assert secret not in body, (case.id, persona, secret)
        if expected == NOT_FOUND:
            assert world.series.title not in body, (case.id, persona)
    assert expected in (OK, LOGIN, FORBIDDEN, NOT_FOUND)
