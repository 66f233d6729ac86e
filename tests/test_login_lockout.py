"""Organisers' logins resist guessing: django-axes locks an account, and an address, out
after LOGIN_FAILURE_LIMIT failed logins; an administrator unlocks it."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
LIMIT = 5  # LOGIN_FAILURE_LIMIT's default
WRONG_PASSWORD = "Please enter the correct username and password for a staff account."
LOCKED = ("Too many failed logins for this account or from your address: logging in is "
          "locked for 30 minutes after the last attempt.")


@pytest.fixture
def carol():
    return get_user_model().objects.create_superuser("carol", "carol@example.org", "pw-carol-1")


def log_in(client: Client, username: str, password: str, *, ip: str = "192.0.2.1", **headers):
    return client.post(LOGIN, {"username": username, "password": password},
                       REMOTE_ADDR=ip, **headers)


def logged_in(client: Client) -> bool:
    return client.get("/admin/").status_code == 200


def test_login_after_fewer_failures_than_the_limit_succeeds(client, carol):
    for _attempt in range(LIMIT - 1):
        assert WRONG_PASSWORD in log_in(client, "carol", "guess").content.decode()

    response = log_in(client, "carol", "pw-carol-1")

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert logged_in(client)


def test_login_locks_the_account_out_after_the_limit_from_any_address(client, carol):
    answers = [log_in(client, "carol", f"guess-{n}", ip=f"198.51.100.{n}") for n in range(LIMIT)]

    response = log_in(client, "carol", "pw-carol-1", ip="203.0.113.9")

    assert [answer.status_code for answer in answers] == [200] * (LIMIT - 1) + [429]
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert "An administrator can unlock it sooner." in page
    assert 'id="login-form"' not in page
    assert not logged_in(client)


def test_login_locks_an_address_out_across_accounts(client, carol):
    for n in range(LIMIT):
        log_in(client, f"guess-{n}", "guess", ip="192.0.2.66")

    refused = log_in(client, "carol", "pw-carol-1", ip="192.0.2.66")
    assert (refused.status_code, LOCKED in refused.content.decode()) == (429, True)
    assert not logged_in(client)

    elsewhere = log_in(client, "carol", "pw-carol-1", ip="192.0.2.67")
    assert (elsewhere.status_code, elsewhere["Location"]) == (302, "/admin/")


def test_login_lockout_ignores_a_forwarded_for_header_the_client_wrote(client, carol, settings):
    settings.TRUSTED_PROXIES = 0  # no proxy in front: X-Forwarded-For is the client's own
    for n in range(LIMIT):
        log_in(client, f"guess-{n}", "guess", ip="192.0.2.66",
               HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")

    response = log_in(client, "carol", "pw-carol-1", ip="192.0.2.66",
                      HTTP_X_FORWARDED_FOR="10.0.0.99")

    assert response.status_code == 429


def test_login_lockout_counts_the_address_the_trusted_proxy_saw(client, carol, settings):
    settings.TRUSTED_PROXIES = 1  # one nginx at 127.0.0.1 appends the client's address
    for n in range(LIMIT):
        log_in(client, f"guess-{n}", "guess", ip="127.0.0.1",
               HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 192.0.2.66")

    attacker = log_in(client, "carol", "pw-carol-1", ip="127.0.0.1",
                      HTTP_X_FORWARDED_FOR="192.0.2.66")
    neighbour = log_in(Client(), "carol", "pw-carol-1", ip="127.0.0.1",
                       HTTP_X_FORWARDED_FOR="192.0.2.67")

    assert attacker.status_code == 429
    assert (neighbour.status_code, neighbour["Location"]) == (302, "/admin/")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.66"}


def test_login_lockout_message_is_in_the_visitors_language(client, carol):
    for n in range(LIMIT):
        log_in(client, "carol", f"guess-{n}")

    response = log_in(client, "carol", "pw-carol-1", HTTP_ACCEPT_LANGUAGE="de")

    page = response.content.decode()
    assert "Zu viele fehlgeschlagene Anmeldungen" in page
    assert '<html lang="de"' in page


def test_login_lockout_ends_after_the_lockout_time(client, carol):
    for n in range(LIMIT):
        log_in(client, "carol", f"guess-{n}")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))

    response = log_in(client, "carol", "pw-carol-1")

    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_login_lockout_is_reset_with_the_management_command(client, carol):
    for n in range(LIMIT):
        log_in(client, "carol", f"guess-{n}")
    assert log_in(client, "carol", "pw-carol-1").status_code == 429

    call_command("axes_reset_username", "carol")

    response = log_in(client, "carol", "pw-carol-1")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert logged_in(client)


def test_login_lockout_is_reset_by_an_administrator_in_the_admin(client, carol,
                                                                 organiser_client):
    for n in range(LIMIT):
        log_in(client, "carol", f"guess-{n}")
    assert log_in(client, "carol", "pw-carol-1").status_code == 429
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))

    listed = organiser_client.get("/admin/axes/accessattempt/")
    assert "carol" in listed.content.decode()
    confirmed = organiser_client.post("/admin/axes/accessattempt/", {
        "action": "delete_selected", "_selected_action": attempts, "post": "yes"}, follow=True)

    assert confirmed.status_code == 200
    assert not AccessAttempt.objects.exists()
    response = log_in(client, "carol", "pw-carol-1")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
