"""`make run`'s mail (EMAIL_URL=console://): one short line per mail on the console, the whole
message in an .eml file under data/mail that reads back with Python's email package."""

import email
import email.policy
import email.utils
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from mail.models import Mail
from mail.services import mail_message, mail_send
from registrations import services
from tests.factories import event_create, series_create
from tests.test_registrations_factories import consent_text_create, participant_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def console_mail(settings, tmp_path):
    settings.EMAIL_BACKEND = "mail.console.ConsoleEmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    return tmp_path / "mail"


def test_console_url_selects_the_one_line_backend():
    """EMAIL_URL=console:// (the default) selects this backend, not Django's console one."""
    environment = {key: value for key, value in os.environ.items() if key != "EMAIL_URL"}
    environment["DJANGO_SETTINGS_MODULE"] = "clustermeet.settings"
    backend = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.EMAIL_BACKEND)"],
        env=environment, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True)
    assert backend.stdout.strip() == "mail.console.ConsoleEmailBackend"


def test_each_mail_is_one_line_naming_recipient_subject_links_and_its_file(console_mail, capsys):
    series = series_create(title_en="Cluster Bridges")
    sofia = event_create(series=series, title_en="Robots in Sofia", time_zone="Europe/Sofia")
    participant = services.registration_request(
        series=series, consent=consent_text_create(series=series), events=[sofia],
        data=participant_data(email="erika@example.org", name="Erika Muster", language="en"))
    participant.refresh_from_db()
    services.registration_confirm(participant_id=participant.pk, nonce=participant.confirm_nonce)
    request_mail = Mail.objects.get(cause__contains=":confirm-request:")
    confirmed_mail = Mail.objects.get(cause__contains=":confirmed:")
    capsys.readouterr()

    assert mail_send(mail_id=request_mail.pk) == Mail.State.SENT
    assert mail_send(mail_id=confirmed_mail.pk) == Mail.State.SENT

    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2  # one line per mail, not the message
    request_line, confirmed_line = lines
    confirm_url = re.search(r"https?://\S+/confirm/\S+", request_mail.text).group(0)
    assert request_line.startswith(f"Mail {request_mail.pk} to erika@example.org: "
                                   f"“{request_mail.subject}” ")
    assert confirm_url in request_line.split()
    files = sorted(console_mail.glob("*.eml"))
    assert [path.name.rsplit("-", 1)[1] for path in files] == [
        f"{request_mail.pk}.eml", f"{confirmed_mail.pk}.eml"]
    assert request_line.endswith(f"({files[0]})")
    assert confirmed_line.endswith(f"({files[1]})")
    assert sofia.get_absolute_url() in confirmed_line

    # The whole message is in the file: headers, text, HTML and the calendar entry.
    message = email.message_from_bytes(files[1].read_bytes(), policy=email.policy.default)
    assert message["To"] == "erika@example.org"
    assert message["Subject"] == confirmed_mail.subject
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n") == (
        confirmed_mail.text)
    assert message.get_body(("html",)).get_content().replace("\r\n", "\n").strip() == (
        confirmed_mail.html.strip())
    (calendar,) = message.iter_attachments()
    assert calendar.get_filename() == f"{series.slug}-{sofia.slug}.ics"
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_param("method") == "REQUEST"
    (attachment,) = confirmed_mail.attachments.all()
    assert calendar.get_payload(decode=True) == bytes(attachment.content)


@pytest.mark.parametrize("language", ["bg", "de", "en"])
def test_mails_carry_their_subject_as_is_and_a_date_in_the_sites_zone(language):
    """A non-ASCII subject is encoded from the start of its line (Django's own encoding
    began with an empty folded line, read as a leading space), and Date names a real zone
    (Django's default, -0000, means "zone unknown")."""
    series = series_create(title_en="Cluster Bridges: a long title for the regional events",
                           title_de="Cluster-Brücken: ein langer Titel für die Veranstaltungen",
                           title_bg="Клъстерни мостове: дълго заглавие за регионалните прояви")
    sofia = event_create(series=series)
    services.registration_request(
        series=series, consent=consent_text_create(series=series), events=[sofia],
        data=participant_data(email=f"{language}@example.org", language=language))
    mail = Mail.objects.get(cause__contains=":confirm-request:")
    assert mail.attachments.count() == 0  # nothing is reserved yet: no calendar entry

    message = mail_message(mail=mail)
    raw = message.message().as_bytes(linesep="\r\n")

    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == mail.subject
    assert getattr(series, f"title_{language}") in mail.subject
    assert b"\r\nSubject: \r\n" not in raw
    date = parsed["Date"]
    assert not str(date).endswith("-0000")
    sent_at = email.utils.parsedate_to_datetime(str(date))
    assert sent_at.utcoffset() == timezone.localtime().utcoffset()  # the site's TIME_ZONE
    assert abs(sent_at - timezone.now()) < timedelta(minutes=1)


def test_a_mail_without_an_outbox_id_still_gets_its_own_file(console_mail, capsys):
    from django.core.mail import send_mail

    send_mail("Hello", "See https://example.org/a.", "a@example.org", ["b@example.org"])
    send_mail("Hello", "No links.", "a@example.org", ["b@example.org"])

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Mail - to b@example.org: “Hello” https://example.org/a (")
    assert "“Hello” - (" in lines[1]
    assert len(set(Path(console_mail).glob("*.eml"))) == 2
