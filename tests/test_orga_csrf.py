"""A post without the CSRF token changes nothing anywhere in the workspace: every POST URL of
the permission matrix (tests/orga_cases_*.py, so that each area's actions are covered as
soon as they are in the matrix) and the account's own forms answer 403 with a translated
page, and no row of any table is added, changed or deleted."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.orga_world import PASSWORD, World, orga_world
from tests.test_orga_permissions import CASES

pytestmark = pytest.mark.django_db

REFUSAL = {
    "en": "This form has expired or was not sent from a page of this site. Nothing was changed",
    "de": "Dieses Formular ist abgelaufen",
}


@dataclass(frozen=True)
class Post:
    id: str
    url: Callable[[World], str]
    data: Callable[[World], dict]


MATRIX_POSTS = [
    Post(case.id, lambda world, case=case: reverse(f"orga:{case.name}",
                                                    kwargs=case.kwargs(world)),
         lambda world, case=case: case.data(world))
    for case in CASES if case.method == "post"
]
ACCOUNT_POSTS = [
    Post("login", lambda world: "/en/orga/login/",
         lambda world: {"username": "olga", "password": PASSWORD}),
    Post("login_verify", lambda world: "/en/orga/login/verify/",
         lambda world: {"token": "123456"}),
    Post("logout", lambda world: "/en/orga/logout/", lambda world: {}),
    Post("two_factor", lambda world: "/en/orga/account/two-factor/",
         lambda world: {"token": "123456"}),
    Post("two_factor_disable", lambda world: "/en/orga/account/two-factor/off/",
         lambda world: {}),
    Post("password_reset", lambda world: "/en/orga/password/reset/",
         lambda world: {"email": "olga@example.org"}),
]


def row_counts() -> dict[str, int]:
    """Rows of every table, and a fingerprint of the rows that change in place (the
    registrations' states, the events' statuses and capacities, the users' passwords)."""
    counts = {model._meta.label: model._default_manager.count()
              for model in apps.get_models() if not model._meta.proxy}
    from events.models import Event
    from registrations.models import Registration

    counts["registration states"] = hash(tuple(Registration.objects.order_by("pk")
                                               .values_list("pk", "state")))
    counts["event states"] = hash(tuple(Event.objects.order_by("pk").values_list(
        "pk", "status", "capacity", "title_en")))
    counts["passwords"] = hash(tuple(apps.get_model("auth", "User").objects.order_by("pk")
                                     .values_list("pk", "password")))
    return counts


@pytest.mark.parametrize("post", MATRIX_POSTS + ACCOUNT_POSTS, ids=lambda post: post.id)
def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(post: Post):
    world = orga_world()
    TOTPDevice.objects.create(user=world.users["organiser"], name="TOTP", confirmed=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["organiser"])
    url, data = post.url(world), post.data(world)  # building them may add the case's rows
    before = row_counts()

    response = client.post(url, data)

    assert response.status_code == 403, (url, response.status_code)
    assert REFUSAL["en"] in response.content.decode()
    assert row_counts() == before


def test_a_post_without_the_csrf_token_is_refused_in_the_pages_language():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/de/orga/login/", {"username": "olga", "password": PASSWORD})

    page = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="de"' in page
    assert REFUSAL["de"] in page


def test_a_post_with_the_csrf_token_is_accepted():
    """The check above refuses for the missing token, not for something else."""
    orga_world()
    client = Client(enforce_csrf_checks=True)
    client.get("/en/orga/login/")
    token = client.cookies["csrftoken"].value

    response = client.post("/en/orga/login/", {"username": "olga", "password": PASSWORD,
                                               "csrfmiddlewaretoken": token})

    assert (response.status_code, response["Location"]) == (302, "/en/orga/")
