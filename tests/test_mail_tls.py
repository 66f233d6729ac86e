"""The project's SMTP backend over TLS, as deployments configure it: STARTTLS
(EMAIL_USE_TLS, smtp+tls://) with a login, and TLS from the start (EMAIL_USE_SSL,
smtp+ssl://), against aiosmtpd on 127.0.0.1 with a self-signed certificate the client
trusts (SSL_CERT_FILE): each mail delivered once, its whole message through the backend's
own DATA step."""

import shutil
import ssl
import subprocess
from contextlib import contextmanager

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from mail.models import Mail
from mail.services import mail_send
from tests.test_mail_delivery import Inbox, free_port, queue_test_mail

JOHN = {"to": "john.smith@example.org", "language": "en"}


@pytest.fixture
def certificate(tmp_path, monkeypatch):
    """A self-signed certificate for 127.0.0.1, trusted by this process's default context."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",  # noqa: S603, S607 — the system's openssl
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    return cert, key


class Login:
    """aiosmtpd's authenticator: one account."""

    def __init__(self) -> None:
        self.logins = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        good = (auth_data.login, auth_data.password) == (b"mailer", b"s3cret")
        self.logins.append((mechanism, good))
        return AuthResult(success=good)


@contextmanager
def tls_server(certificate, *, implicit: bool, authenticator=None):
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    inbox, port = Inbox(), free_port()
    options = ({"ssl_context": context} if implicit else
               {"tls_context": context, "require_starttls": True})
    if authenticator is not None:
        options |= {"authenticator": authenticator, "auth_require_tls": True}
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def use_server(settings, port: int, *, implicit: bool, login: bool) -> None:
    settings.EMAIL_BACKEND = "mail.backends.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL = not implicit, implicit
    settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = (
        ("mailer", "s3cret") if login else ("", ""))
    settings.EMAIL_TIMEOUT, settings.EMAIL_DATA_END_TIMEOUT = 5, 5


@pytest.mark.django_db
def test_a_mail_goes_out_once_over_starttls_with_a_login(settings, certificate,
                                                        django_capture_on_commit_callbacks):
    login = Login()
    with django_capture_on_commit_callbacks():
        mail = queue_test_mail(persona=JOHN, cause="test:starttls")

    with tls_server(certificate, implicit=False, authenticator=login) as (inbox, port):
        use_server(settings, port, implicit=False, login=True)
        state = mail_send(mail_id=mail.pk)

    assert state == Mail.State.SENT
    assert inbox.recipients() == ["john.smith@example.org"]
    assert [good for _mechanism, good in login.logins] == [True]
    assert "Hello john.smith@example.org" in inbox.messages[0]["Subject"]


@pytest.mark.django_db
def test_a_mail_goes_out_once_over_tls_from_the_start(settings, certificate,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        mail = queue_test_mail(persona=JOHN, cause="test:smtps")

    with tls_server(certificate, implicit=True) as (inbox, port):
        use_server(settings, port, implicit=True, login=False)
        state = mail_send(mail_id=mail.pk)

    assert state == Mail.State.SENT
    assert inbox.recipients() == ["john.smith@example.org"]


@pytest.mark.django_db
def test_a_wrong_password_over_starttls_is_a_failure_to_retry(settings, certificate,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        mail = queue_test_mail(persona=JOHN, cause="test:starttls-wrong")

    with tls_server(certificate, implicit=False, authenticator=Login()) as (inbox, port):
        use_server(settings, port, implicit=False, login=True)
        settings.EMAIL_HOST_PASSWORD = "wrong"
        state = mail_send(mail_id=mail.pk)

    assert state == Mail.State.QUEUED  # our configuration gets fixed: retried
    assert inbox.recipients() == []
