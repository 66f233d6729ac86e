"""Every answer carries the site's security headers, the admin's and the error pages too; in
production (the README's settings) plain HTTP is redirected, HSTS is sent, and Django's
deployment check has nothing to say."""

import json
import subprocess
import sys

import pytest
from django.urls import path

from clustermeet import urls as site_urls
from tests.test_deploy_steps import ROOT, readme_environment

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}


def _boom(request):
    raise RuntimeError("a bug")


# This module is also the URL configuration of the error-page test: the site plus a view
# that fails.
urlpatterns = [path("boom/", _boom), *site_urls.urlpatterns]
handler404 = site_urls.handler404
handler500 = site_urls.handler500


def policy(response) -> dict[str, list[str]]:
    directives = [part.split() for part in response["Content-Security-Policy"].split(";")]
    return {name: sources for name, *sources in directives}


def assert_secured(response) -> None:
    assert policy(response) == POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("url", ["/en/", "/de/", "/robots.txt", "/en/no-such-page/"])
def test_security_headers_on_public_pages(client, url):
    assert_secured(client.get(url))


@pytest.mark.parametrize("url", ["/admin/", "/admin/events/event/", "/admin/events/event/add/",
                                 "/admin/password_change/", "/admin/no-such-page/"])
def test_security_headers_on_admin_pages(organiser_client, url):
    assert_secured(organiser_client.get(url))


def test_security_headers_on_the_admin_login_page(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert_secured(response)


def test_security_headers_on_the_login_lockout_page(client):
    for n in range(5):
        response = client.post("/admin/login/", {"username": "carol", "password": f"guess-{n}"})

    assert response.status_code == 429
    assert_secured(response)


@pytest.mark.urls(__name__)
def test_security_headers_on_the_server_error_page(client):
    client.raise_request_exception = False

    response = client.get("/boom/")

    assert response.status_code == 500
    assert_secured(response)


def production_environment(**overrides: str) -> dict[str, str]:
    """The README's production settings, on local addresses, for a manage.py subprocess."""
    return {"PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1",
            **readme_environment(DATABASE_URL="postgres://clustermeet@127.0.0.1:5432/clustermeet",
                                 REDIS_URL="redis://127.0.0.1:6379/0", EMAIL_URL="console://"),
            **overrides}


def manage(*arguments: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT,  # noqa: S603
                          env=environment, capture_output=True, text=True, timeout=120)


def test_check_deploy_finds_nothing_under_the_readme_production_settings():
    done = manage("check", "--deploy", "--fail-level", "WARNING",
                  environment=production_environment())

    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "System check identified no issues (0 silenced).\n"


SHOW_SECURITY = ("from django.conf import settings; import json; print(json.dumps({name: "
                 "getattr(settings, name) for name in ['SECURE_SSL_REDIRECT', "
                 "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', "
                 "'SECURE_PROXY_SSL_HEADER', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE']}))")


def security_settings(environment: dict[str, str]) -> dict:
    done = manage("shell", "-v", "0", "-c", SHOW_SECURITY, environment=environment)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_production_redirects_to_https_and_sends_hsts_by_default():
    assert security_settings(production_environment()) == {
        "SECURE_SSL_REDIRECT": True, "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True, "SECURE_HSTS_PRELOAD": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
    }


def test_production_leaves_the_redirect_to_a_proxy_that_does_it_when_told():
    shown = security_settings(production_environment(
        SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="3600", SECURE_HSTS_PRELOAD="0"))

    assert (shown["SECURE_SSL_REDIRECT"], shown["SECURE_HSTS_SECONDS"],
            shown["SECURE_HSTS_PRELOAD"]) == (False, 3600, False)


def test_demo_neither_redirects_nor_sends_hsts(client):
    response = client.get("/en/")

    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response


@pytest.fixture
def production_security(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def test_production_redirects_plain_http_to_https(client, production_security):
    response = client.get("/en/?q=x")

    assert (response.status_code, response["Location"]) == (301, "https://testserver/en/?q=x")


def test_production_sends_hsts_over_https(client, production_security):
    response = client.get("/en/", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert_secured(response)


def test_production_answers_the_health_check_over_plain_http(client, production_security):
    response = client.get("/healthz")

    assert (response.status_code, response.content) == (200, b"ok")
