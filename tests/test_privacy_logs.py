"""What the logs keep of a request: the route and the answer, never a link's token."""

import logging
import threading
import urllib.error
import urllib.request

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.test import Client

from core.log_redaction import redact, redact_path
from registrations import links
from tests.factories import series_create
from tests.test_registrations_factories import participant_create

pytestmark = pytest.mark.django_db


def request_lines(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records
            if record.name.startswith(("django.request", "django.security"))]


def test_a_tampered_personal_link_is_logged_without_its_token(client, caplog):
    ada = participant_create(name="Ada Lovelace", email="ada@example.org")
    token = links.personal_token(participant=ada)
    tampered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")

    with caplog.at_level(logging.WARNING):
        response = client.get(f"/en/registration/me/{tampered}/calendar.ics?download=ada")

    assert response.status_code == 400
    assert request_lines(caplog) == [
        "Bad Request: /en/registration/me/[token]/calendar.ics"]
    logged = caplog.text + "".join(request_lines(caplog))
    assert tampered not in logged and token.split(":")[0] not in logged
    assert "ada" not in logged.lower().replace("[redacted]", "")


def test_a_refused_confirmation_link_is_logged_without_its_token(client, caplog):
    ada = participant_create(confirm_nonce="n" * 32)
    token = links.confirm_token(participant=ada)
    ada.delete()  # the link names nobody any more

    with caplog.at_level(logging.WARNING):
        response = client.post(f"/de/registration/confirm/{token}/")

    assert response.status_code == 400
    assert request_lines(caplog) == ["Bad Request: /de/registration/confirm/[token]/"]


def test_a_missing_page_below_a_link_is_logged_without_its_token(client, caplog):
    token = links.personal_token(participant=participant_create())

    with caplog.at_level(logging.WARNING):
        response = client.get(f"/en/registration/me/{token}/no-such-page/")

    assert response.status_code == 404
    assert request_lines(caplog) == [
        "Not Found: /en/registration/me/[token]/no-such-page/"]


def test_a_csrf_refusal_is_logged_without_the_token(caplog):
    token = links.personal_token(participant=participant_create())

    with caplog.at_level(logging.WARNING):
        response = Client(enforce_csrf_checks=True).post(
            f"/en/registration/me/{token}/delete/", {"sure": "on"})

    assert response.status_code == 403
    assert request_lines(caplog) == [
        "Forbidden (CSRF cookie not set.): /en/registration/me/[token]/delete/"]


def test_ordinary_paths_stay_readable():
    series = series_create(slug="cluster-bridges-2026-mobility-and-energy")

    assert redact_path(f"/en/series/{series.slug}/register/") == (
        "/en/series/cluster-bridges-2026-mobility-and-energy/register/")
    assert redact_path("/en/events/?theme=mobility&q=Ada") == (
        "/en/events/?theme=[redacted]&q=[redacted]")
    assert redact('"GET /static/clustermeet/site.css HTTP/1.1" 200 512') == (
        '"GET /static/clustermeet/site.css HTTP/1.1" 200 512')
    assert redact("Internal Server Error: /en/registration/me/eyJwIjo0fQ:1vA2:Xy-z0aBcD/") == (
        "Internal Server Error: /en/registration/me/[token]/")


@pytest.mark.django_db(transaction=True)
def test_the_development_servers_request_line_carries_no_token():
    """`manage.py runserver` logs every request line through the django.server logger."""
    token = links.personal_token(participant=participant_create())
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    server_logger = logging.getLogger("django.server")
    collect = Collect()
    server_logger.addHandler(collect)
    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/en/registration/me/{token}x/?ref=mail"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=10)  # noqa: S310 — our own server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        server_logger.removeHandler(collect)

    assert refused.value.code == 400
    [line] = lines
    assert line.startswith('"GET /en/registration/me/[token]/?ref=[redacted] HTTP/1.1" 400 ')
    assert token not in line
