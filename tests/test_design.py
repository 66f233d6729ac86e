"""The site's own face (issue 11, points 4 and 12): the series' logo and accent colour,
logos and photos with initials avatars where there are none, the event page's key facts
(seats, waiting list, registration closed) and how long a cached page may show them."""

import io
import os
import re
import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from core import colour
from events import styles, views
from events.models import Organisation, Series
from tests.factories import (
    event_create,
    organisation_create,
    series_create,
    speaker_create,
    talk_create,
)
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db


def png(width: int, height: int, *, noise: bool = False) -> bytes:
    image = Image.new("RGB", (width, height), "#0b5563")
    if noise:  # incompressible: a file of many bytes from few pixels
        image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def image_bytes(width: int, height: int, image_format: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "#7a1f5c").save(out, image_format)
    return out.getvalue()


# -- colours -----------------------------------------------------------------------------

def test_contrast_matches_the_wcag_reference_values():
    assert colour.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert colour.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("name", ["Анастасия Петрова", "Iñigo Larraondo", "Cristina Garrido",
                                  "Ελένη Παππά", "x", "Giulia De Santis-Rossi"])
def test_initials_avatar_colours_carry_white_initials_readably(name):
    assert colour.contrast(colour.name_colour(name), "#ffffff") >= 4.5
    assert colour.name_colour(name) == colour.name_colour(name)


def test_initials_take_the_first_and_the_last_name():
    assert colour.initials("Ana María López") == "AL"
    assert colour.initials("Анастасия Петрова") == "АП"
    assert colour.initials("Madonna") == "M"


def test_series_stylesheet_derives_readable_shades_for_both_schemes():
    css = styles.series_css(accent="#7a1f5c")
    assert ":root { --cm-accent: #7a1f5c; --cm-accent-ink: #ffffff;" in css
    dark = re.search(r"prefers-color-scheme: dark\) \{ :root \{ --cm-accent: (#[0-9a-f]{6});", css)
    assert colour.contrast(dark[1], styles.DARK_SURFACE) >= 4.5
    assert colour.contrast(dark[1], styles.DARK_INK) >= 4.5


# -- the series' accent colour and logo, set in the admin ------------------------------------

def series_form_data(series: Series, **changes) -> dict:
    data = {"slug": series.slug, "organiser": series.organiser_id,
            "default_language": series.default_language, "content_languages": "[]",
            "registration_open": "on", "is_published": "on", "retention_months": 24,
            "attendance_threshold_minutes": 15,
            "accent_colour": series.accent_colour,
            "themes-TOTAL_FORMS": 0, "themes-INITIAL_FORMS": 0,
            "regions-TOTAL_FORMS": 0, "regions-INITIAL_FORMS": 0}
    for code in ("de", "en", "es", "it", "bg"):
        data |= {f"title_{code}": getattr(series, f"title_{code}") or "",
                 f"tagline_{code}": "", f"description_{code}": ""}
    return data | changes


def test_admin_refuses_a_light_accent_colour_with_a_translated_message(organiser_client):
    series = series_create(title_en="Smart Cities")
    response = organiser_client.post(f"/admin/events/series/{series.pk}/change/",
                                     series_form_data(series, accent_colour="#f2b134"),
                                     HTTP_ACCEPT_LANGUAGE="bg")
    assert response.status_code == 200
    assert "Този цвят е твърде светъл за четене" in response.content.decode()
    series.refresh_from_db()
    assert series.accent_colour == ""


def test_series_accent_colour_reaches_its_pages_through_a_stylesheet(organiser_client, client):
    series = series_create(title_en="Smart Cities")
    response = organiser_client.post(f"/admin/events/series/{series.pk}/change/",
                                     series_form_data(series, accent_colour="#7a1f5c"))
    assert response.status_code == 302
    page = client.get(f"/en/series/{series.slug}/").content.decode()
    href = f"/en/series/{series.slug}/style.css?v=7a1f5c"
    assert f'<link rel="stylesheet" href="{href}">' in page
    assert 'style="' not in page  # nothing inline: the strict CSP holds
    sheet = client.get(href)
    assert sheet["Content-Type"] == "text/css; charset=utf-8"
    assert "--cm-accent: #7a1f5c;" in sheet.content.decode()
    assert "immutable" in sheet["Cache-Control"]


def organisation_form_data(organisation: Organisation, **changes) -> dict:
    data = {"slug": organisation.slug, "name": organisation.name, "kind": organisation.kind,
            "country": str(organisation.country), "city": organisation.city, "website": ""}
    for code in ("de", "en", "es", "it", "bg"):
        data[f"description_{code}"] = ""
    return data | changes


@pytest.mark.parametrize(("upload", "message"), [
    (SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", "image/png"),
     "Качете валидно изображение"),
    (SimpleUploadedFile("logo.png", png(700, 700, noise=True), "image/png"),
     "логото може да бъде най-много 1,0"),
    (SimpleUploadedFile("logo.png", png(2400, 20), "image/png"),
     "Това изображение е 2400 × 20 пиксела; логото може да бъде най-много 2000 пиксела"),
    (SimpleUploadedFile("logo.gif", image_bytes(40, 40, "GIF"), "image/gif"),
     "Това изображение е файл GIF; моля, качете PNG, JPEG или WebP."),
], ids=["not-an-image", "too-many-bytes", "too-many-pixels", "gif"])
def test_admin_refuses_a_bad_logo_in_the_organisers_language_and_changes_nothing(
    organiser_client, upload, message
):
    organisation = organisation_create(name="Sofia Mobility Cluster", city="Sofia")
    response = organiser_client.post(
        f"/admin/events/organisation/{organisation.pk}/change/",
        organisation_form_data(organisation, city="Plovdiv", logo=upload),
        HTTP_ACCEPT_LANGUAGE="bg")
    assert response.status_code == 200
    assert message in response.content.decode().replace("&nbsp;", " ").replace("\xa0", " ")
    organisation.refresh_from_db()
    assert (organisation.city, organisation.logo.name) == ("Sofia", "")


def test_organisation_logo_is_shown_and_an_initials_avatar_where_there_is_none(
    organiser_client, client
):
    organisation = organisation_create(name="Sofia Mobility Cluster")
    speaker = speaker_create(name="Anna Petrova", organisation=organisation)
    event = event_create(series=series_create())
    talk_create(event=event, speakers=[speaker])
    page = client.get(f"/en/organisations/{organisation.slug}/").content.decode()
    assert re.search(r'<svg class="avatar avatar--large"[^>]*aria-hidden="true".*?>SC</text>',
                     page)

    response = organiser_client.post(
        f"/admin/events/organisation/{organisation.pk}/change/",
        organisation_form_data(organisation, logo=SimpleUploadedFile(
            "logo.png", png(200, 100), "image/png")))
    assert response.status_code == 302
    organisation.refresh_from_db()
    page = client.get(f"/en/organisations/{organisation.slug}/").content.decode()
    assert f'<img class="avatar avatar--large avatar--logo" src="{organisation.logo.url}"' in page
    # The speaker has no photo: their initials on the event's agenda.
    agenda = client.get(event.get_absolute_url().replace("/de/", "/en/")).content.decode()
    assert re.search(r'<li class="speaker"><svg class="avatar".*?>AP</text></svg>', agenda)


# -- the event page says first what a visitor needs ---------------------------------------

def key_facts(html: str) -> str:
    section = re.search(r'<section class="key-facts".*?</section>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section[0])).strip()


def test_event_page_shows_seats_left_then_the_waiting_list_then_registration_closed(
    client, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # what the page says, each time afresh (cache: below)
    series = series_create()
    event = event_create(series=series, slug="sofia", capacity=3)
    url = f"/en/series/{series.slug}/events/sofia/"
    register = f'href="/en/series/{series.slug}/register/?event=sofia"'

    page = client.get(url).content.decode()
    assert "3 seats left" in key_facts(page)
    assert f'{register}>Register for this event</a>' in page

    for _ in range(3):
        registration_create(participant=participant_create(), event=event)
    page = client.get(url).content.decode()
    assert "Fully booked: you can join the waiting list." in key_facts(page)
    assert f'{register}>Join the waiting list</a>' in page

    Series.objects.filter(pk=series.pk).update(registration_open=False)
    page = client.get(url).content.decode()
    assert "Registration for this series is closed." in key_facts(page)
    assert register not in page


def test_next_event_card_on_the_series_page_leads_to_registration(client):
    series = series_create()
    event_create(series=series, slug="sofia", title_en="Sofia region")
    page = client.get(f"/en/series/{series.slug}/").content.decode()
    card = re.search(r'<article class="card event-card card--next">.*?</article>', page, re.S)[0]
    assert "Places available" in card
    assert (f'<a class="button" href="/en/series/{series.slug}/register/?event=sofia">'
            "Register for this event</a>") in card


def test_past_and_cancelled_event_cards_look_different_from_the_upcoming(client):
    series = series_create()
    now = timezone.now()
    event_create(series=series, slug="next", start=now + timedelta(days=3))
    event_create(series=series, slug="later", start=now + timedelta(days=10))
    event_create(series=series, slug="off", start=now + timedelta(days=17), status="cancelled")
    event_create(series=series, slug="done", start=now - timedelta(days=7))
    page = client.get(f"/en/series/{series.slug}/").content.decode()
    cards = re.findall(
        r'<article class="card event-card([^"]*)">\s*<p class="eyebrow">[^<]*</p>\s*'
        r'<h3><a href="/en/series/[^/]+/events/([^/]+)/', page)
    assert {slug: kind.strip() for kind, slug in cards} == {
        "next": "card--next", "later": "", "off": "card--cancelled", "done": "card--past"}


def test_a_cached_event_page_shows_a_seat_count_for_seconds_only(client, settings, monkeypatch):
    """Registrations do not retire cached pages; a page with seats is kept briefly."""
    settings.PAGE_CACHE_SECONDS = 300
    monkeypatch.setattr(views, "SEATS_FRESH_SECONDS", 1)
    series = series_create()
    event = event_create(series=series, slug="sofia", capacity=5)
    url = f"/en/series/{series.slug}/events/sofia/"
    assert "5 seats left" in key_facts(client.get(url).content.decode())
    registration_create(participant=participant_create(), event=event)
    assert "5 seats left" in key_facts(client.get(url).content.decode())  # from the cache
    time.sleep(1.1)
    assert "4 seats left" in key_facts(client.get(url).content.decode())


def test_seats_on_the_event_and_series_pages_cost_one_query_whatever_the_registrations(
    client, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    counts = []
    for registrations in (1, 12):
        series = series_create()
        event = event_create(series=series, capacity=20)
        for _ in range(registrations):
            registration_create(participant=participant_create(), event=event)
        url = f"/en/series/{series.slug}/events/{event.slug}/"
        counts.append((queries(url), queries(f"/en/series/{series.slug}/")))
    assert counts[0] == counts[1]
    unlimited = event_create(series=series)  # no capacity: nothing to count
    assert queries(f"/en/series/{series.slug}/events/{unlimited.slug}/") == counts[1][0] - 1


def test_a_speakers_photo_is_shown_on_the_agenda_and_their_page(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    speaker = speaker_create(name="Cristina Garrido")
    speaker.photo.save("cristina.jpg", ContentFile(image_bytes(300, 300, "JPEG")))
    event = event_create(series=series_create())
    talk_create(event=event, speakers=[speaker])
    photo = f'<img class="avatar" src="{speaker.photo.url}" alt="" width="48" height="48"'
    assert photo in client.get(event.get_absolute_url()).content.decode()
    page = client.get(f"/en/speakers/{speaker.slug}/").content.decode()
    assert f'<img class="avatar avatar--large" src="{speaker.photo.url}"' in page
