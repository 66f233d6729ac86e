"""One rule for content in a missing language (README, "Translated content"): a text falls
back from the reader's language to the series' main language, then English, then the other
content languages, and wherever a fallback is shown it is marked with its own language —
lang="…" in pages and HTML mails, LANGUAGE=… in calendar files, xml:lang in feeds — while
titles, attributes and text mails carry it plain."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType
from django.utils import translation
from modeltranslation.translator import translator

from events.content_language import content_chain, series_fallback, translated
from events.models import Event, Organisation, Region, Series, Speaker, Talk, Theme
from mail.models import Mail
from mail.services import mail_send
from orga.services.events import event_publish
from registrations import services
from registrations.models import ConsentText, Participant
from registrations.reminders import reminders_send_due
from reports.models import Report
from tests.factories import event_create, report_create, series_create, talk_create
from tests.test_registrations_factories import consent_text_create, participant_data

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted(
    path.relative_to(ROOT)
    for app in ("clustermeet", "events", "mail", "registrations", "reports")
    for path in (ROOT / app / "templates").rglob("*")
    if path.is_file() and path.suffix in (".html", ".txt")
)
# What a template variable of this name holds (mails hold dicts with the same keys).
VARIABLE_MODELS = {
    "series": Series, "event": Event, "next_event": Event, "talk": Talk, "speaker": Speaker,
    "organisation": Organisation, "organiser": Organisation, "coordinator": Organisation,
    "theme": Theme, "region": Region, "report": Report, "consent": ConsentText,
}
TRANSLATED_FIELDS = {model: set(translator.get_options_for_model(model).fields)
                     for model in set(VARIABLE_MODELS.values())}
STRING = re.compile(r'"[^"]*"|\'[^\']*\'')
DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.\w+)+")
OUTPUT_TAGS = ("blocktranslate", "blocktrans", "with", "firstof")


def raw_translated_outputs(source: str) -> list[tuple[int, str]]:
    """(line, expression) of each translated field a template outputs as it is — in a
    {{ variable }}, a filter's argument, or a value of {% blocktranslate/with/firstof %} —
    instead of through the content filters ({% load content %})."""
    found = []
    for token in Lexer(source).tokenize():
        if not (token.token_type == TokenType.VAR or (
                token.token_type == TokenType.BLOCK
                and token.contents.split()[0] in OUTPUT_TAGS)):
            continue
        expression = token.contents
        for path in DOTTED.findall(STRING.sub("", expression)):
            parts = path.split(".")
            if any(field in TRANSLATED_FIELDS.get(VARIABLE_MODELS.get(owner), ())
                   for owner, field in zip(parts, parts[1:], strict=False)):
                found.append((token.lineno, path))
    return found


def test_no_template_outputs_a_translated_field_raw():
    """After a merge, this lists every place still to convert to
    {{ obj|content:"field" }} (text), content_text (titles, attributes, text mails),
    content_paragraphs (linebreaks) or content_lang (lang on the holding element)."""
    offenders = [f"{template}:{line}: {path}"
                 for template in TEMPLATES
                 for line, path in raw_translated_outputs((ROOT / template).read_text())]
    assert offenders == []


def test_the_template_scan_finds_raw_outputs_and_passes_the_filters():
    source = ('{% load content %}<h1>{{ event.title }}</h1>{{ event.region.name }}'
              '{{ x|default:talk.abstract }}{% blocktranslate with t=series.title %}{{ t }}'
              '{% endblocktranslate %}\n{{ event|content:"title" }}{{ speaker.name }}'
              '{{ speaker.organisation.name }}{% if event.summary %}{% endif %}')
    assert raw_translated_outputs(source) == [
        (1, "event.title"), (1, "event.region.name"), (1, "talk.abstract"),
        (1, "series.title")]


# --- the chain -------------------------------------------------------------------------

def test_the_chain_is_reader_then_series_then_english_then_the_others():
    assert content_chain("bg", "de") == ("bg", "de", "en", "es", "it")
    assert content_chain("de", "de") == ("de", "en", "es", "it", "bg")
    assert content_chain("it", None) == ("it", "en", "de", "es", "bg")
    assert content_chain("xx", "zz") == ("en", "de", "es", "it", "bg")  # unknown codes left out


@pytest.fixture
def german_series(db):
    """A series written in German first; its event has no Bulgarian or English texts."""
    series = series_create(slug="bruecken", default_language="de", title_de="Brücken",
                           title_en="Bridges", content_languages=["de", "en", "bg"])
    event = event_create(series=series, slug="leipzig", title_de="Roboter in Leipzig",
                         title_en="", title_it="Robot a Lipsia",
                         summary_de="Fertigung mit Robotern.")
    return series, event


def test_translated_follows_the_chain_and_names_the_language_used(german_series):
    series, event = german_series
    assert translated(event, "title", language="bg") == ("Roboter in Leipzig", "de")
    assert translated(event, "title", language="it") == ("Robot a Lipsia", "it")
    assert translated(event, "title", language="de") == ("Roboter in Leipzig", "de")
    # without the series known, English comes before German, then Spanish, Italian
    assert translated(event, "title", language="bg", series_language="it") == (
        "Robot a Lipsia", "it")
    assert translated(event, "venue", language="bg") == ("", "bg")  # nowhere: empty


@pytest.mark.parametrize("language", ["de", "en", "es", "it", "bg"])
def test_reading_a_field_directly_follows_the_same_chain(german_series, language):
    """modeltranslation's own fallback (event.title in code) agrees with translated()."""
    series, event = german_series
    event = Event.objects.get(pk=event.pk)  # its series not loaded: the page's series counts
    for fallback in (None, "de", "it"):
        with translation.override(language):
            if fallback is None:
                assert event.title == translated(event, "title", series_language="").text
                continue
            with series_fallback(fallback):
                assert event.title == translated(event, "title").text


# --- pages -------------------------------------------------------------------------------

def test_a_page_marks_a_fallback_with_its_language_and_titles_stay_plain(client, german_series):
    series, event = german_series
    report_create(series=series, event=event, slug="rueckblick", title_de="Rückblick",
                  title_en="", summary_de="Ein guter Tag.", body_de="Viele **Roboter**.",
                  body_en="")
    talk_create(event=event, title_de="Greifer", title_en="", abstract_de="Wie man greift.")

    page = client.get("/bg/series/bruecken/events/leipzig/").content.decode()
    assert '<h1><span lang="de">Roboter in Leipzig</span></h1>' in page
    assert "<title>Roboter in Leipzig · Brücken</title>" in page  # plain in <title>
    assert '<div class="summary"><div lang="de"><p>Fertigung mit Robotern.</p></div></div>' in page
    assert '<h3><span lang="de">Greifer</span></h3>' in page
    assert '<div lang="de"><p>Wie man greift.</p></div>' in page
    assert '<span lang="de">Rückblick</span>' in page

    page = client.get("/de/series/bruecken/events/leipzig/").content.decode()
    assert "<h1>Roboter in Leipzig</h1>" in page and 'lang="de"><p>' not in page

    page = client.get("/it/series/bruecken/events/leipzig/").content.decode()
    assert "<h1>Robot a Lipsia</h1>" in page  # its own language: no mark

    report = client.get("/bg/series/bruecken/reports/rueckblick/").content.decode()
    assert '<h1><span lang="de">Rückblick</span></h1>' in report
    assert '<div class="prose" lang="de"><p>Viele <strong>Roboter</strong>.</p>' in report

    series_page = client.get("/bg/series/bruecken/").content.decode()
    assert '<a href="/bg/series/bruecken/events/leipzig/"><span lang="de">Roboter in Leipzig' \
        in series_page


# --- calendar files and feeds ------------------------------------------------------------

def test_a_calendar_file_names_the_language_of_a_fallback(client, german_series):
    bulgarian = client.get("/bg/series/bruecken/events/leipzig/calendar.ics").content.decode()
    unfolded = bulgarian.replace("\r\n ", "")
    assert "SUMMARY;LANGUAGE=de:Brücken: Roboter in Leipzig\r\n" in unfolded
    assert "DESCRIPTION;LANGUAGE=de:Fertigung mit Robotern." in unfolded

    german = client.get("/de/series/bruecken/events/leipzig/calendar.ics").content.decode()
    assert "SUMMARY:Brücken: Roboter in Leipzig\r\n" in german.replace("\r\n ", "")
    assert "LANGUAGE=" not in german


def test_a_feed_entry_in_another_language_carries_xml_lang(client, german_series):
    series, event = german_series
    report_create(series=series, slug="rueckblick", title_de="Rückblick", title_en="",
                  body_de="Viele Roboter.", body_en="")
    report_create(series=series, slug="news", title_bg="Новини", body_bg="Много роботи.")

    feed = client.get("/bg/series/bruecken/reports/feed.atom").content.decode()
    assert 'xml:lang="bg"' in feed.split("<entry")[0]  # the feed's own language
    assert '<entry xml:lang="de"><title>Rückblick</title>' in feed
    assert "<entry><title>Новини</title>" in feed


# --- mails -------------------------------------------------------------------------------

def test_a_bulgarian_participant_gets_the_series_language_title_marked(german_series):
    series, event = german_series
    services.registration_request(
        series=series, consent=consent_text_create(series=series), events=[event],
        data=participant_data(email="bg@example.org", language="bg"))
    mail = Mail.objects.get(to="bg@example.org")

    assert '<span lang="de">Brücken</span>: <span lang="de">Roboter in Leipzig</span>' in mail.html
    assert 'за <span lang="de">Brücken</span>.' in mail.html  # "thank you for registering for"
    assert "Brücken: Roboter in Leipzig" in mail.text and "<span" not in mail.text
    assert "Brücken" in mail.subject and "<span" not in mail.subject
    links = re.findall(r"https?://[^\s\"<>]+", mail.text + mail.html)
    site_links = [link for link in links if "/series/" in link or "/register/" in link]
    assert site_links and all("/bg/" in link for link in site_links), site_links
    assert not mail.attachments.exists()  # no seat yet, so no calendar entry


def test_a_participant_reading_the_series_language_gets_no_marks(german_series):
    series, event = german_series
    services.registration_request(
        series=series, consent=consent_text_create(series=series), events=[event],
        data=participant_data(email="de@example.org", language="de"))
    mail = Mail.objects.get(to="de@example.org")
    assert "Brücken: Roboter in Leipzig" in mail.html and "lang=\"de\"" not in mail.html.split(
        "<body>")[1]


def test_every_mail_of_a_bulgarian_participant_marks_the_german_fallback(german_series):
    """Confirmed, then an event added to the series (rendered by the sender), then the
    reminder with the agenda: each in Bulgarian, German texts marked, links to /bg/."""
    series, event = german_series
    talk_create(event=event, title_de="Greifer", title_en="")
    services.registration_request(
        series=series, consent=consent_text_create(series=series), events=None,
        data=participant_data(email="bg@example.org", language="bg"))
    participant = Participant.objects.get(email="bg@example.org")
    services.registration_confirm(participant_id=participant.pk,
                                  nonce=participant.confirm_nonce)
    added = event_create(series=series, slug="sofia", title_de="Roboter in Sofia",
                         title_en="", status=Event.Status.DRAFT,
                         start=event.start + timedelta(days=7))
    event_publish(event=added)
    for deferred in Mail.objects.filter(render__isnull=False):
        mail_send(mail_id=deferred.pk)
    reminders_send_due(now=event.start - timedelta(hours=20))

    mails = {mail.cause.split(":")[1 if mail.cause.startswith("reminder:") else 2]: mail
             for mail in Mail.objects.order_by("pk")}
    assert {"confirmed", "added", "day_before"} <= set(mails), set(mails)
    for cause, title in (("confirmed", "Roboter in Leipzig"), ("added", "Roboter in Sofia"),
                         ("day_before", "Roboter in Leipzig")):
        mail = Mail.objects.get(pk=mails[cause].pk)
        assert mail.language == "bg"
        assert f"<span lang=\"de\">{title}</span>" in mail.html, cause
        assert title in mail.text and "<span" not in mail.text, cause
        site_links = [link for link in re.findall(r"https?://[^\s\"<>]+", mail.text)
                      if link.startswith(settings.SITE_URL)]
        assert site_links and all(link.startswith(f"{settings.SITE_URL}/bg/")
                                  for link in site_links), (cause, site_links)
    assert title in mails["day_before"].subject
    calendar = mails["confirmed"].attachments.get().content.decode().replace("\r\n ", "")
    assert "SUMMARY;LANGUAGE=de:Brücken: Roboter in Leipzig\r\n" in calendar
    assert '<span lang="de">Greifer</span>' in Mail.objects.get(pk=mails["day_before"].pk).html
