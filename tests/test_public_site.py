"""The public site as a visitor meets it: series, events, agenda, people, filters, languages."""

import time
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from events import page_cache
from events.models import Event, Organisation, Talk
from tests.factories import (
    event_create,
    organisation_create,
    region_create,
    report_create,
    series_create,
    speaker_create,
    talk_create,
    theme_create,
)

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def test_series_page_shows_next_upcoming_and_past_events_with_report(client):
    series = series_create(description_en="Regional actors present themselves.")
    past = event_create(series=series, title_en="Leipzig", start=timezone.now() - timedelta(days=3))
    next_event = event_create(series=series, title_en="Sofia",
                              start=timezone.now() + timedelta(days=4))
    later = event_create(series=series, title_en="Bilbao",
                         start=timezone.now() + timedelta(days=11))
    event_create(series=series, title_en="Secret draft", status=Event.Status.DRAFT)
    report = report_create(series=series, event=past, title_en="How Leipzig went")

    page = html(client.get(f"/en/series/{series.slug}/"))

    next_section = page.split('id="next-event-heading"')[1].split("</section>")[0]
    assert "Sofia" in next_section and "Bilbao" not in next_section
    upcoming = page.split('id="upcoming-heading"')[1].split("</section>")[0]
    assert "Bilbao" in upcoming and "Sofia" not in upcoming
    past_section = page.split('id="past-heading"')[1].split("</section>")[0]
    assert "Leipzig" in past_section and report.get_absolute_url() in past_section
    assert "Secret draft" not in page
    assert "Regional actors present themselves." in page
    assert series.organiser.name in page
    assert next_event.get_absolute_url() in page and later.get_absolute_url() in page


def test_series_page_lists_themes_and_partner_regions(client):
    series = series_create()
    theme_create(series=series, name_en="Mobility", slug="mobility")
    region_create(series=series, name_en="Sofia", slug="sofia", country="BG")

    page = html(client.get(f"/en/series/{series.slug}/"))

    assert "?theme=mobility" in page and "Mobility" in page
    assert "?region=sofia" in page and "Bulgaria" in page


def test_event_page_shows_time_in_event_zone_with_zone_named(client):
    series = series_create()
    event = event_create(series=series, time_zone="Europe/Sofia",
                         start=datetime(2031, 6, 22, 7, 30, tzinfo=UTC),
                         end=datetime(2031, 6, 22, 10, 30, tzinfo=UTC))

    page = html(client.get(event.get_absolute_url().replace("/en/", "/en/")))

    assert "10:30" in page and "13:30" in page  # 07:30 UTC is 10:30 in Sofia in summer
    assert "EEST" in page and "Europe/Sofia" in page
    assert "Sunday 22 June 2031, 10:30</time>" in page and "Sofia time (EEST, UTC+3)" in page


def test_event_page_shows_agenda_in_order_with_kinds_speakers_and_themes(client):
    series = series_create()
    mobility = theme_create(series=series, name_en="Mobility")
    event = event_create(series=series, start=datetime(2031, 6, 15, 7, 30, tzinfo=UTC))
    member = organisation_create(name="CleverShuttle", is_network_member=True)
    keynote_speaker = speaker_create(name="Cristina Garrido", role_en="Smart city expert")
    talk_speaker = speaker_create(name="Moritz Oesterlink", organisation=member)
    talk_create(event=event, order=2, title_en="Ride pooling", speakers=[talk_speaker],
                start=datetime(2031, 6, 15, 8, 0, tzinfo=UTC))
    keynote = talk_create(event=event, order=1, title_en="Cities after the pandemic",
                          kind=Talk.Kind.KEYNOTE, speakers=[keynote_speaker],
                          start=datetime(2031, 6, 15, 7, 30, tzinfo=UTC))
    keynote.themes.add(mobility)

    page = html(client.get(event.get_absolute_url()))

    agenda = page.split('id="agenda-heading"')[1]
    assert agenda.index("Cities after the pandemic") < agenda.index("Ride pooling")
    assert "09:30" in agenda and "10:00" in agenda  # CEST
    assert "Keynote" in agenda
    assert "Cristina Garrido</a>, Smart city expert" in agenda
    assert "CleverShuttle" in agenda and "Network member" in agenda
    assert "Mobility" in agenda


def test_speaker_page_lists_public_talks(client):
    series = series_create()
    speaker = speaker_create(name="Uwe Fischer", bio_en="Runs information management.")
    event = event_create(series=series, title_en="Leipzig")
    talk_create(event=event, title_en="Smart grids", speakers=[speaker])
    draft = event_create(series=series, status=Event.Status.DRAFT)
    talk_create(event=draft, title_en="Unannounced", speakers=[speaker])

    page = html(client.get(speaker.get_absolute_url()))

    assert "Uwe Fischer" in page and "Runs information management." in page
    assert "Smart grids" in page and "Leipzig" in page
    assert "Unannounced" not in page


def test_speaker_without_public_talks_has_no_page(client):
    speaker = speaker_create()
    assert client.get(speaker.get_absolute_url()).status_code == 404


def test_organisation_page_lists_its_talks_and_marks_members(client):
    series = series_create()
    organisation = organisation_create(name="CleverShuttle", is_network_member=True,
                                       kind=Organisation.Kind.SME)
    event = event_create(series=series)
    talk_create(event=event, title_en="Ride pooling",
                speakers=[speaker_create(organisation=organisation)])

    page = html(client.get(organisation.get_absolute_url()))

    assert "CleverShuttle" in page and "Network member" in page
    assert "Ride pooling" in page and "SME" in page


def test_event_list_filters_by_theme_and_region(client):
    series = series_create()
    energy = theme_create(series=series, slug="energy", name_en="Energy")
    sofia = region_create(series=series, slug="sofia", name_en="Sofia")
    event_create(series=series, title_en="Energy day", region=sofia).themes.add(energy)
    event_create(series=series, title_en="Mobility day")

    by_theme = html(client.get(f"/en/series/{series.slug}/events/?theme=energy"))
    by_region = html(client.get(f"/en/series/{series.slug}/events/?region=sofia"))
    everything = html(client.get(f"/en/series/{series.slug}/events/"))

    assert "Energy day" in by_theme and "Mobility day" not in by_theme
    assert "Energy day" in by_region and "Mobility day" not in by_region
    assert "Energy day" in everything and "Mobility day" in everything


def test_event_list_with_unknown_theme_says_so_and_lists_all(client):
    series = series_create()
    event_create(series=series, title_en="Energy day")

    response = client.get(f"/en/series/{series.slug}/events/?theme=<script>")

    assert response.status_code == 200
    assert "There is no theme “&lt;script&gt;” in this series." in html(response)
    assert "Energy day" in html(response)


def test_german_page_shows_german_content(client):
    series = series_create(title_de="Veranstaltungsreihe", title_en="Event series")
    theme_create(series=series, name_de="Mobilität", name_en="Mobility")

    page = html(client.get(f"/de/series/{series.slug}/"))

    assert '<html lang="de">' in page
    assert "Veranstaltungsreihe" in page and "Mobilität" in page and "Mobility" not in page


def test_missing_translation_falls_back_to_the_series_default_language(client):
    german_first = series_create(default_language="de", title_de="Nur Deutsch", title_en="")
    english_first = series_create(default_language="en", title_de="", title_en="English only")
    event_create(series=german_first, title_de="Leipzig auf Deutsch", title_en="",
                 summary_de="Deutsche Zusammenfassung", summary_en="",
                 summary_es="Resumen en español")

    german_page = html(client.get(f"/en/series/{german_first.slug}/"))
    english_page = html(client.get(f"/de/series/{english_first.slug}/"))

    assert "Nur Deutsch" in german_page and "Leipzig auf Deutsch" in german_page
    assert "Deutsche Zusammenfassung" in german_page
    assert "English only" in english_page


def test_language_switch_links_to_the_same_page_in_each_language(client):
    series = series_create()
    event = event_create(series=series, slug="leipzig")

    page = html(client.get(f"/en/series/{series.slug}/events/leipzig/"))

    assert f'href="/de/series/{series.slug}/events/leipzig/" lang="de"' in page
    assert event.get_absolute_url() in page


def test_language_switch_keeps_the_filter_and_works_on_a_missing_page(client):
    series = series_create()

    filtered = html(client.get(f"/en/series/{series.slug}/events/?theme=mobility&q=%C3%A9"))
    missing = html(client.get("/en/no-such-page/"))

    assert (f'href="/de/series/{series.slug}/events/?theme=mobility&amp;q=%C3%A9" lang="de"'
            in filtered)
    assert 'href="/de/no-such-page/" lang="de"' in missing


def test_cached_page_changes_when_content_changes(client):
    series = series_create(title_en="Old title")
    url = f"/en/series/{series.slug}/"
    assert "Old title" in html(client.get(url))

    series.title_en = "New title"
    series.save()

    assert "New title" in html(client.get(url))


def test_content_kept_by_code_with_other_models_is_not_read(settings, monkeypatch):
    """After a deploy that changes a model, pickled instances of the old one stay unread."""
    settings.PAGE_CACHE_SECONDS = 300
    builds = []

    def build() -> int:
        builds.append(1)
        return len(builds)

    assert page_cache.content_cached("probe", build) == 1
    assert page_cache.content_cached("probe", build) == 1
    page_cache.models_signature.cache_clear()  # a new process, with an event field less
    monkeypatch.setattr(Event._meta, "concrete_fields", Event._meta.concrete_fields[:-1])
    try:
        assert page_cache.content_cached("probe", build) == 2
    finally:
        monkeypatch.undo()
        page_cache.models_signature.cache_clear()
    assert page_cache.content_cached("probe", build) == 1


def test_cached_pages_are_kept_per_language(client):
    series = series_create(title_en="In English", title_de="Auf Deutsch")

    assert "In English" in html(client.get(f"/en/series/{series.slug}/"))
    assert "Auf Deutsch" in html(client.get(f"/de/series/{series.slug}/"))
    assert "In English" in html(client.get(f"/en/series/{series.slug}/"))


def test_a_change_makes_pages_stale_again_when_it_commits(
        client, django_capture_on_commit_callbacks):
    """A page rendered from the old rows while the change was uncommitted must not be kept
    under the new version: the version changes again at the commit."""
    series = series_create(title_en="Old title")
    url = f"/en/series/{series.slug}/"

    with django_capture_on_commit_callbacks(execute=True):
        series.title_en = "New title"
        series.save()
        during = page_cache.content_version()

    assert page_cache.content_version() != during
    assert "New title" in html(client.get(url))


def test_a_change_made_in_another_process_is_seen_within_a_second(monkeypatch):
    first = page_cache.content_version()
    cache.set(page_cache.VERSION_KEY, "set-by-another-worker", timeout=None)

    during = page_cache.content_version()
    real_monotonic = time.monotonic
    monkeypatch.setattr(page_cache.time, "monotonic",
                        lambda: real_monotonic() + page_cache.VERSION_READ_SECONDS)
    after = page_cache.content_version()

    assert during == first and after == "set-by-another-worker"


def test_reads_kept_with_the_content_follow_it(settings):
    series = series_create()
    reads = []

    def read():
        reads.append(1)
        return len(reads)

    assert page_cache.content_cached(f"test:{series.pk}", read) == 1
    assert page_cache.content_cached(f"test:{series.pk}", read) == 1
    series.save()
    assert page_cache.content_cached(f"test:{series.pk}", read) == 2
    settings.PAGE_CACHE_SECONDS = 0
    assert page_cache.content_cached(f"test:{series.pk}", read) == 3


class CountedCache:
    """The shared cache, counting its reads of kept content."""

    def __init__(self, cache):
        self.cache, self.reads = cache, 0

    def get(self, key):
        self.reads += key.startswith("public-content:")
        return self.cache.get(key)

    def __getattr__(self, name):
        return getattr(self.cache, name)


def test_content_read_again_within_seconds_is_a_copy_kept_in_this_process(monkeypatch):
    shared = CountedCache(page_cache.cache)
    monkeypatch.setattr(page_cache, "cache", shared)
    now = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: now[0])

    first = page_cache.content_cached("probe", lambda: {"events": ["Leipzig"]})
    first["events"].append("changed by the first reader")
    second = page_cache.content_cached("probe", lambda: {"events": ["never built"]})
    reads_within = shared.reads
    now[0] += page_cache.LOCAL_SECONDS
    third = page_cache.content_cached("probe", lambda: {"events": ["never built"]})

    assert second == third == {"events": ["Leipzig"]}
    assert reads_within == 1 and shared.reads == 2
    page_cache.invalidate()
    assert page_cache.content_cached("probe", lambda: {"events": ["new"]}) == {"events": ["new"]}


def test_the_copies_kept_in_this_process_are_bounded_in_bytes(monkeypatch):
    monkeypatch.setattr(page_cache, "LOCAL_BYTES", 3000)
    for name in ("a", "b", "c"):
        page_cache.content_cached(name, lambda: "x" * 1000)
    page_cache.content_cached("too-big", lambda: "x" * 5000)

    kept = [key.rsplit(":", 1)[1] for key in page_cache._local]
    assert kept == ["b", "c"]
    assert page_cache._local_size == sum(len(value) for _, value in page_cache._local.values())
    assert page_cache._local_size <= 3000


def test_unpublished_series_is_not_found(client):
    series = series_create(is_published=False)
    assert client.get(f"/en/series/{series.slug}/").status_code == 404


def test_home_redirects_to_the_only_series(client):
    series = series_create()
    response = client.get("/en/")
    assert response.status_code == 302 and response["Location"] == f"/en/series/{series.slug}/"


def test_home_lists_several_series(client):
    first, second = series_create(title_en="First"), series_create(title_en="Second")
    page = html(client.get("/en/"))
    assert first.get_absolute_url() in page and second.get_absolute_url() in page


def test_pages_send_a_strict_content_security_policy(client):
    series = series_create()
    response = client.get(f"/en/series/{series.slug}/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
