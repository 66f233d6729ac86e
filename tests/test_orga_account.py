"""An organiser's account: logging in (throttled by django-axes), the second factor (TOTP,
django-otp), a forgotten password (a link by mail through the outbox), and what the
account log keeps of it (user ids only)."""

import logging
import re
import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mail.models import Mail
from tests.orga_world import PASSWORD, orga_world, user_create

pytestmark = pytest.mark.django_db

LIMIT = 5  # LOGIN_FAILURE_LIMIT's default
WRONG_PASSWORD = {
    "en": "The user name and the password do not match an account.",
    "de": "Der Benutzername und das Passwort passen zu keinem Konto.",
}
LOCKED_DE = "Zu viele fehlgeschlagene Anmeldungen"
WRONG_CODE = "This code is not right (or no longer valid)"
TOO_MANY_CODES = "Too many wrong codes: wait a moment before you try again."


def log_in(client: Client, username: str, password: str, *, language: str = "en",
           ip: str = "192.0.2.1", next_: str = ""):
    data = {"username": username, "password": password} | ({"next": next_} if next_ else {})
    return client.post(f"/{language}/orga/login/", data, REMOTE_ADDR=ip)


def workspace_opens(client: Client) -> bool:
    response = client.get("/en/orga/")
    return response.status_code == 200 and "Your series" in response.content.decode()


def device_for(user, *, confirmed: bool = True) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="TOTP", confirmed=confirmed)


def code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the user's app shows now (or `steps_ahead` periods of 30 s later)."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=steps_ahead):0{device.digits}d}"  # noqa: E501


def wrong(real: str) -> str:
    return f"{(int(real) + 1) % 10**6:06d}"


# Logging in with a password


def test_orga_without_language_prefix_leads_to_the_login_in_the_browsers_language(client):
    response = client.get("/orga/", HTTP_ACCEPT_LANGUAGE="bg,en;q=0.5")
    assert (response.status_code, response["Location"]) == (302, "/bg/orga/")

    response = client.get("/bg/orga/")
    assert (response.status_code, response["Location"]) == (302,
                                                            "/bg/orga/login/?next=/bg/orga/")

    page = client.get("/bg/orga/login/?next=/bg/orga/").content.decode()
    assert '<html lang="bg"' in page
    assert "Вход в работното пространство на организаторите" in page


def test_login_with_the_password_opens_the_workspace(client):
    user_create("olga")

    response = log_in(client, "olga", PASSWORD)

    assert (response.status_code, response["Location"]) == (302, "/en/orga/")
    assert workspace_opens(client)


def test_login_with_a_wrong_password_says_so_in_the_pages_language(client):
    user_create("olga")

    english = log_in(client, "olga", "guess")
    german = log_in(client, "olga", "guess", language="de")

    assert english.status_code == 200
    assert WRONG_PASSWORD["en"] in english.content.decode()
    assert WRONG_PASSWORD["de"] in german.content.decode()
    assert not workspace_opens(client)


def test_login_keeps_a_next_on_this_site_and_refuses_one_elsewhere(client):
    user_create("olga")

    kept = log_in(client, "olga", PASSWORD, next_="/en/orga/series/connect/")
    client.logout()
    refused = log_in(client, "olga", PASSWORD, next_="https://evil.example/orga/")

    assert kept["Location"] == "/en/orga/series/connect/"
    assert refused["Location"] == "/en/orga/"


@pytest.mark.parametrize("username", ["o" * 300, "olga\x00", ""])
def test_login_with_an_impossible_user_name_is_refused_with_a_message(client, username):
    user_create("olga")

    response = log_in(client, username, PASSWORD)

    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not workspace_opens(client)


def test_admin_login_with_a_too_long_user_name_is_refused_with_a_message(client):
    response = client.post("/admin/login/?next=/admin/", {"username": "o" * 300,
                                                          "password": PASSWORD})

    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters" in response.content.decode()


def test_login_locks_an_account_after_five_failures_from_various_addresses(client):
    user_create("olga")

    answers = [log_in(client, "olga", f"guess-{n}", language="de", ip=f"198.51.100.{n}")
               for n in range(LIMIT)]
    right = log_in(client, "olga", PASSWORD, language="de", ip="203.0.113.9")

    assert [answer.status_code for answer in answers] == [200] * (LIMIT - 1) + [429]
    assert right.status_code == 429
    page = right.content.decode()
    assert '<html lang="de"' in page
    assert LOCKED_DE in page
    assert "Die Anmeldung ist gesperrt" in page  # the workspace's page, not the admin's
    assert 'name="password"' not in page
    assert not workspace_opens(client)


def test_login_locks_an_address_after_five_failures_for_various_accounts(client):
    user_create("olga")

    for n in range(LIMIT):
        log_in(client, f"guess-{n}", "guess", ip="192.0.2.66")
    refused = log_in(client, "olga", PASSWORD, ip="192.0.2.66")

    assert refused.status_code == 429
    assert "Logging in is locked" in refused.content.decode()
    assert not workspace_opens(client)
    elsewhere = log_in(client, "olga", PASSWORD, ip="192.0.2.67")
    assert (elsewhere.status_code, elsewhere["Location"]) == (302, "/en/orga/")


def test_logout_needs_a_post_and_ends_the_session(client):
    client.force_login(user_create("olga"))

    assert client.get("/en/orga/logout/").status_code == 405
    response = client.post("/en/orga/logout/")

    assert (response.status_code, response["Location"]) == (302, "/en/orga/login/")
    assert client.get("/en/orga/")["Location"] == "/en/orga/login/?next=/en/orga/"


# The second factor


def test_two_factor_setup_shows_a_qr_code_and_turns_on_with_a_right_code(client, caplog):
    caplog.set_level(logging.INFO, logger="orga.account")
    olga = user_create("olga")
    client.force_login(olga)

    page = client.get("/en/orga/account/two-factor/").content.decode()
    device = TOTPDevice.objects.get(user=olga)
    wrong_code = client.post("/en/orga/account/two-factor/", {"token": wrong(code(device))})
    device.throttle_reset()
    turned_on = client.post("/en/orga/account/two-factor/",
                            {"token": code(device), "next": "/en/orga/series/connect/"})

    assert re.search(r'<svg [^>]*class="qr-code"><title>QR code for your authenticator app</title>',
                     page)
    assert re.search(r'<span class="secret">(?:[A-Z2-7]{4} ){7}[A-Z2-7]{4}</span>', page)
    assert (wrong_code.status_code, WRONG_CODE in wrong_code.content.decode()) == (400, True)
    assert (turned_on.status_code, turned_on["Location"]) == (302, "/en/orga/series/connect/")
    assert TOTPDevice.objects.get(user=olga).confirmed
    assert workspace_opens(client)  # this session passed the code already
    assert f"orga account: two-factor on (user {olga.pk})" in caplog.messages


def test_login_with_two_factor_asks_for_the_code_before_the_workspace_opens(client):
    olga = user_create("olga")
    device = device_for(olga)

    password = log_in(client, "olga", PASSWORD, next_="/en/orga/series/connect/?page=2&q=x")
    blocked = client.get("/en/orga/")
    wrong_code = client.post(password["Location"], {"token": wrong(code(device))})
    device.throttle_reset()
    right = client.post(password["Location"], {"token": code(device)})

    assert password["Location"] == ("/en/orga/login/verify/?next="
                                    "%2Fen%2Forga%2Fseries%2Fconnect%2F%3Fpage%3D2%26q%3Dx")
    assert blocked["Location"] == "/en/orga/login/verify/?next=/en/orga/"
    assert (wrong_code.status_code, WRONG_CODE in wrong_code.content.decode()) == (400, True)
    assert (right.status_code, right["Location"]) == (302, "/en/orga/series/connect/?page=2&q=x")
    assert workspace_opens(client)


def test_login_code_is_throttled_after_wrong_codes(client):
    olga = user_create("olga")
    device = device_for(olga)
    client.force_login(olga)

    first = client.post("/en/orga/login/verify/", {"token": wrong(code(device))})
    right_too_soon = client.post("/en/orga/login/verify/", {"token": code(device)})
    TOTPDevice.objects.filter(pk=device.pk).update(  # the wait (1 s, then 2 s, 4 s …) passed
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=5))
    right_later = client.post("/en/orga/login/verify/", {"token": code(device)})

    assert WRONG_CODE in first.content.decode()
    assert right_too_soon.status_code == 400
    assert TOO_MANY_CODES in right_too_soon.content.decode()
    assert right_later["Location"] == "/en/orga/"
    assert workspace_opens(client)


def test_login_code_refuses_a_used_code_and_a_next_elsewhere(client):
    olga = user_create("olga")
    device = device_for(olga)
    used = code(device)
    client.force_login(olga)
    client.post("/en/orga/login/verify/", {"token": used})
    client.logout()
    client.force_login(olga)

    replayed = client.post("/en/orga/login/verify/", {"token": used})
    device.throttle_reset()
    elsewhere = client.post("/en/orga/login/verify/?next=https://evil.example/",
                            {"token": code(device, steps_ahead=1)})

    assert WRONG_CODE in replayed.content.decode()
    assert elsewhere["Location"] == "/en/orga/"


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example/",
                                    "https:///evil.example/", "javascript:alert(1)"])
def test_login_code_never_leads_off_the_site(client, target):
    olga = user_create("olga")
    device = device_for(olga)
    client.force_login(olga)

    response = client.post("/en/orga/login/verify/", {"token": code(device), "next": target})

    assert response["Location"] == "/en/orga/"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_code_sent_twice_at_the_same_moment_counts_once():
    olga = user_create("olga")
    device = device_for(olga)
    the_code = code(device)
    clients = []
    for _n in range(4):
        clients.append(Client())
        clients[-1].force_login(olga)
    start = threading.Barrier(len(clients))
    answers: list[int] = []

    def send(client: Client) -> None:
        try:
            start.wait()
            answers.append(client.post("/en/orga/login/verify/", {"token": the_code})
                           .status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers) == [302, 400, 400, 400]


def test_login_code_in_german_says_a_wrong_code_in_german(client):
    olga = user_create("olga")
    device = device_for(olga)
    client.force_login(olga)

    response = client.post("/de/orga/login/verify/", {"token": wrong(code(device))})

    assert response.status_code == 400
    assert "Dieser Code stimmt nicht" in response.content.decode()


def test_turning_two_factor_off_needs_a_verified_session(client, caplog):
    caplog.set_level(logging.INFO, logger="orga.account")
    olga = user_create("olga")
    device = device_for(olga)
    client.force_login(olga)  # the password only

    refused = client.post("/en/orga/account/two-factor/off/")
    assert refused["Location"] == ("/en/orga/login/verify/?next="
                                   "%2Fen%2Forga%2Faccount%2Ftwo-factor%2F")
    assert TOTPDevice.objects.filter(user=olga).count() == 1

    client.post("/en/orga/login/verify/", {"token": code(device)})
    turned_off = client.post("/en/orga/account/two-factor/off/", follow=True)

    assert "Two-factor authentication is off." in turned_off.content.decode()
    assert not TOTPDevice.objects.filter(user=olga, confirmed=True).exists()
    assert "Set up two-factor authentication" in turned_off.content.decode()  # a new key
    assert caplog.messages == [f"orga account: login with code (user {olga.pk})",
                               f"orga account: two-factor off (user {olga.pk})"]


def test_turning_two_factor_off_is_refused_while_a_series_demands_it(client):
    world = orga_world()
    world.series.team_requires_two_factor = True
    world.series.save(update_fields=["team_requires_two_factor"])
    olga = world.users["organiser"]
    device = device_for(olga)
    client.force_login(olga)
    client.post("/en/orga/login/verify/", {"token": code(device)})

    page = client.get("/en/orga/account/two-factor/").content.decode()
    refused = client.post("/en/orga/account/two-factor/off/", follow=True)

    assert "two-factor/off/" not in page  # no button to turn it off
    assert ("A series you work on requires two-factor authentication: it stays on."
            in refused.content.decode())
    assert TOTPDevice.objects.filter(user=olga, confirmed=True).count() == 1


def test_a_series_demanding_two_factor_sends_a_member_without_it_to_the_setup(client):
    world = orga_world()
    world.series.team_requires_two_factor = True
    world.series.save(update_fields=["team_requires_two_factor"])
    client.force_login(world.users["leipzig"])

    response = client.get("/en/orga/series/connect/")
    setup = client.get(response["Location"]).content.decode()

    assert response["Location"] == ("/en/orga/account/two-factor/?next="
                                    "%2Fen%2Forga%2Fseries%2Fconnect%2F")
    assert world.leipzig_event.title not in response.content.decode()
    assert "requires two-factor authentication: set it up to open the series" in setup
    assert 'name="next" value="/en/orga/series/connect/"' in setup


def test_a_series_demanding_two_factor_sends_an_unverified_session_to_the_code(client):
    world = orga_world()
    world.series.team_requires_two_factor = True
    world.series.save(update_fields=["team_requires_two_factor"])
    device = device_for(world.users["leipzig"])
    client.force_login(world.users["leipzig"])  # the password only

    response = client.get("/en/orga/series/connect/")
    assert response["Location"] == ("/en/orga/login/verify/?next="
                                     "/en/orga/series/connect/")
    assert response.content == b""

    opened = client.post(response["Location"], {"token": code(device)}, follow=True)
    assert world.leipzig_event.title in opened.content.decode()


def test_a_series_not_demanding_it_opens_for_a_member_without_two_factor(client):
    world = orga_world()
    client.force_login(world.users["leipzig"])

    response = client.get("/en/orga/series/connect/")

    assert response.status_code == 200
    assert world.leipzig_event.title in response.content.decode()


def test_an_admin_login_does_not_pass_the_workspaces_second_factor(client):
    admin = get_user_model().objects.create_superuser("ada", "ada@example.org", PASSWORD)
    device = device_for(admin)

    password = client.post("/admin/login/?next=/admin/", {
        "username": "ada", "password": PASSWORD, "next": "/admin/"}, REMOTE_ADDR="192.0.2.1")
    admin_page = client.get("/admin/")
    admin_login = client.get(admin_page["Location"])
    workspace = client.get("/en/orga/")

    assert password["Location"] == "/admin/"
    assert admin_page["Location"] == "/admin/login/?next=/admin/"
    assert admin_login["Location"] == "/en/orga/login/verify/?next=%2Fadmin%2F"
    assert workspace["Location"] == "/en/orga/login/verify/?next=/en/orga/"

    done = client.post(admin_login["Location"], {"token": code(device)})
    assert done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_admin_opens_as_before_for_an_administrator_without_two_factor(client):
    get_user_model().objects.create_superuser("ada", "ada@example.org", PASSWORD)

    client.post("/admin/login/?next=/admin/", {"username": "ada", "password": PASSWORD,
                                               "next": "/admin/"}, REMOTE_ADDR="192.0.2.1")

    assert client.get("/admin/").status_code == 200


def test_account_pages_open_for_a_logged_in_user_and_ask_others_to_log_in(client):
    olga = user_create("olga")
    for path in ("/en/orga/account/two-factor/", "/en/orga/login/verify/"):
        assert client.get(path)["Location"].startswith("/en/orga/login/?next=")
    assert client.post("/en/orga/account/two-factor/off/")["Location"].startswith(
        "/en/orga/login/?next=")

    client.force_login(olga)
    assert client.get("/en/orga/account/two-factor/").status_code == 200
    assert client.get("/en/orga/login/verify/")["Location"] == "/en/orga/"  # no device
    for path in ("/en/orga/login/", "/en/orga/password/reset/", "/en/orga/password/reset/sent/",
                 "/en/orga/password/reset/done/"):
        assert Client().get(path).status_code == 200, path


# A forgotten password


@pytest.fixture
def reset_world(settings, tasks_immediate):
    settings.SITE_URL = "https://connect.example.org"
    return user_create("olga", email="Olga.Organiser@example.org")


def reset_request(client: Client, email: str, *, language: str = "en", ip: str = "192.0.2.1"):
    return client.post(f"/{language}/orga/password/reset/", {"email": email}, REMOTE_ADDR=ip)


def test_password_reset_answers_alike_for_a_known_and_an_unknown_address(client, reset_world):
    known = reset_request(client, "olga.organiser@example.org")
    unknown = reset_request(client, "nobody@example.org")

    assert (known.status_code, known["Location"]) == (302, "/en/orga/password/reset/sent/")
    assert (unknown.status_code, unknown["Location"]) == (302, "/en/orga/password/reset/sent/")
    assert list(Mail.objects.values_list("to", flat=True)) == ["Olga.Organiser@example.org"]


def test_password_reset_mail_is_in_the_pages_language_with_a_link_that_works_once(
        client, reset_world):
    reset_request(client, "olga.organiser@example.org", language="de")

    mail = Mail.objects.get()
    link = re.search(r"https://connect\.example\.org/de/orga/password/reset/\S+/\S+/", mail.text)
    assert mail.language == "de"
    assert mail.subject == "Neues Passwort für den Arbeitsbereich für Organisatoren"
    assert link, mail.text

    path = link.group(0).removeprefix("https://connect.example.org")
    form = client.get(path, follow=True)
    assert "Neues Passwort festlegen" in form.content.decode()
    set_ = client.post(form.redirect_chain[-1][0], {"new_password1": "a new long secret 77",
                                                   "new_password2": "a new long secret 77"})
    assert set_["Location"] == "/de/orga/password/reset/done/"
    assert log_in(Client(), "olga", "a new long secret 77")["Location"] == "/en/orga/"

    again = Client().get(path, follow=True).content.decode()
    assert "Dieser Link ist nicht mehr gültig" in again


def test_password_reset_is_rate_limited_per_address_and_per_ip(client, reset_world):
    per_address = settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
    answers = [reset_request(client, "olga.organiser@example.org", ip=f"198.51.100.{n}")
               for n in range(per_address + 1)]
    # the same mailbox, written otherwise
    variant = reset_request(client, "OLGA.organiser+x@example.org", ip="198.51.100.99")

    assert [a.status_code for a in answers] == [302] * per_address + [429]
    assert "Too many requests. Please wait an hour" in answers[-1].content.decode()
    assert variant.status_code == 429
    assert Mail.objects.count() == per_address

    per_ip = settings.PASSWORD_RESET_LIMIT_PER_IP
    from_one_ip = [reset_request(client, f"guess-{n}@example.org", ip="192.0.2.77").status_code
                   for n in range(per_ip + 1)]
    assert from_one_ip == [302] * per_ip + [429]


def test_password_reset_with_an_invalid_address_says_so(client, reset_world):
    response = client.post("/de/orga/password/reset/", {"email": "not an address"})

    assert response.status_code == 400
    assert "Bitte gültige E-Mail-Adresse eingeben." in response.content.decode()
    assert not Mail.objects.exists()


def test_account_logs_name_users_by_id_only(client, reset_world, caplog):
    olga = reset_world
    device = device_for(olga)
    caplog.set_level(logging.DEBUG)

    log_in(client, "olga", "guess")
    log_in(client, "olga", PASSWORD)
    client.post("/en/orga/login/verify/", {"token": code(device)})
    client.post("/en/orga/logout/")
    reset_request(client, "olga.organiser@example.org")
    link = re.search(r"/en/orga/password/reset/(\S+)/(\S+)/", Mail.objects.get().text)
    client.get(link.group(0) + "tampered/")
    client.get(link.group(0)[:-3] + "xx/")

    text = "\n".join(record.getMessage() for record in caplog.records)
    account = [record.getMessage() for record in caplog.records if record.name == "orga.account"]
    assert account == [
        "orga account: login failed (user -)",
        f"orga account: password accepted, code due (user {olga.pk})",
        f"orga account: login with code (user {olga.pk})",
        f"orga account: logout (user {olga.pk})",
        f"orga account: password reset link queued (user {olga.pk})",
    ]
    for secret in ("olga", "Olga", "organiser@", link.group(2), link.group(2)[:-2]):
        assert secret not in text, secret
