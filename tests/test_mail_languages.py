"""Mails in the reader's language beyond the web interface's: es, it and bg readers get every
label a mail or its calendar file shows in their language, never in English, and times
read 24-hour in every language."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from core.choices import choice_label
from events.models import Event, Talk
from mail.models import Mail
from registrations import services
from registrations.models import Participant, Registration
from registrations.reminders import reminders_send_due
from tests.factories import event_create, series_create, talk_create
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    participant_data,
    registration_create,
)

pytestmark = pytest.mark.django_db

FORMAT_LABELS = {  # what an es, it or bg reader sees for a hybrid and an on-site event
    "es": {"hybrid": "Híbrido", "on_site": "Presencial"},
    "it": {"hybrid": "Ibrido", "on_site": "In presenza"},
    "bg": {"hybrid": "Хибридно", "on_site": "Присъствено"},
}
ENGLISH_LABELS = ("Hybrid", "On site")
SAME_AS_ENGLISH = {("it", "Online"), ("es", "Pitch"), ("it", "Pitch")}  # the words in use there
SOFIA = ZoneInfo("Europe/Sofia")


@pytest.fixture
def series():
    return series_create(title_en="Cluster Bridges")


def evening_start():
    """A start in a month's time, in the evening in Sofia (a 12-hour clock would say p.m.)."""
    return (timezone.now() + timedelta(days=30)).replace(hour=16, minute=58, second=0,
                                                         microsecond=0)


def hybrid_and_on_site_events(series) -> list[Event]:
    """Two events without a venue or join link: the calendar file's LOCATION is their format."""
    return [event_create(series=series, title_en="Robots in Sofia", format=Event.Format.HYBRID,
                         venue="", join_url=""),
            event_create(series=series, title_en="Grippers in Bilbao",
                         format=Event.Format.ON_SITE, venue="", join_url="")]


def request(series, events, *, language: str) -> Participant:
    return services.registration_request(
        series=series, consent=consent_text_create(series=series), events=events,
        data=participant_data(email=f"{language}@example.org", language=language))


def mail_of(cause_start: str) -> Mail:
    (mail,) = Mail.objects.filter(cause__startswith=cause_start)
    return mail


def times(start, end) -> str:
    return f"{start.astimezone(SOFIA):%H:%M}–{end.astimezone(SOFIA):%H:%M}"


def labels_in(language: str) -> list[str]:
    """The labels a mail can show: event formats, talk kinds (the reminder's agenda),
    registration states."""
    with translation.override(language):
        return [choice_label(choices, choice)
                for choices in (Event.Format, Talk.Kind, Registration.State)
                for choice in choices]


@pytest.mark.parametrize("language", ["es", "it", "bg"])
def test_every_label_a_mail_can_show_is_translated(language):
    pairs = zip(labels_in("en"), labels_in(language), strict=True)

    untranslated = [english for english, label in pairs
                    if label == english and (language, english) not in SAME_AS_ENGLISH]

    assert untranslated == []


@pytest.mark.parametrize("language", ["es", "it", "bg"])
def test_mails_show_the_event_format_in_the_readers_language(series, language):
    events = hybrid_and_on_site_events(series)

    participant = request(series, events, language=language)
    participant.refresh_from_db()
    services.registration_confirm(participant_id=participant.pk,
                                  nonce=participant.confirm_nonce)

    labels = FORMAT_LABELS[language]
    for cause in (f"participant:{participant.pk}:confirm-request:",
                  f"participant:{participant.pk}:confirmed:"):
        mail = mail_of(cause)
        assert mail.language == language
        assert f", {labels['hybrid']}\n" in mail.text
        assert f", {labels['on_site']}\n" in mail.text
        assert f"<br>{labels['hybrid']}" in mail.html
        assert f"<br>{labels['on_site']}" in mail.html
        for english in ENGLISH_LABELS:
            assert english not in mail.subject + mail.text + mail.html


@pytest.mark.parametrize("language", ["es", "it", "bg"])
def test_calendar_file_shows_the_event_format_in_the_readers_language(series, language):
    events = hybrid_and_on_site_events(series)

    participant = request(series, events, language=language)
    participant.refresh_from_db()
    services.registration_confirm(participant_id=participant.pk,
                                  nonce=participant.confirm_nonce)

    calendar = "".join(bytes(attachment.content).decode().replace("\r\n ", "") for attachment
                       in mail_of(f"participant:{participant.pk}:confirmed:").attachments.all())
    labels = FORMAT_LABELS[language]
    assert f"LOCATION:{labels['hybrid']}\r\n" in calendar
    assert f"LOCATION:{labels['on_site']}\r\n" in calendar
    for english in ENGLISH_LABELS:
        assert english not in calendar


@pytest.mark.parametrize("language", ["de", "en", "es", "it", "bg"])
def test_event_times_in_mails_read_24_hour(series, language):
    start = evening_start()
    event = event_create(series=series, start=start, time_zone="Europe/Sofia")

    participant = request(series, [event], language=language)

    mail = mail_of(f"participant:{participant.pk}:confirm-request:")
    assert start.astimezone(SOFIA).hour >= 13
    summer = start.astimezone(SOFIA).utcoffset() == timedelta(hours=3)
    zone = {"de": "Ortszeit Sofia (OESZ, UTC+3)" if summer else "Ortszeit Sofia (OEZ, UTC+2)",
            "en": "Sofia time (EEST, UTC+3)" if summer else "Sofia time (EET, UTC+2)",
            "es": "hora de Sofía (EEST, UTC+3)" if summer else "hora de Sofía (EET, UTC+2)",
            "it": "ora di Sofia (EEST, UTC+3)" if summer else "ora di Sofia (EET, UTC+2)",
            "bg": "по времето в София (EEST, UTC+3)" if summer
            else "по времето в София (EET, UTC+2)"}[language]
    assert f"{times(start, event.end)} {zone}" in mail.text
    for twelve_hour in ("a.m.", "p.m.", "преди обяд", "след обяд"):
        assert twelve_hour not in mail.text + mail.html


def test_bulgarian_agenda_times_read_24_hour(series):
    start = evening_start()
    event = event_create(series=series, start=start, time_zone="Europe/Sofia",
                         format=Event.Format.ON_SITE, venue="")
    talk_create(event=event, title_en="Opening", start=start, duration=timedelta(minutes=30))
    registration_create(participant=participant_create(language="bg"), event=event)

    assert reminders_send_due(now=start - timedelta(hours=20)) == 1

    (mail,) = Mail.objects.filter(cause__startswith="reminder:day_before:")
    assert mail.language == "bg"
    assert f"{times(start, start + timedelta(minutes=30))}  Opening" in mail.text
    assert ", Присъствено\n" in mail.text
