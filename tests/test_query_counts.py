"""Every public page runs the same number of SQL queries for one item as for many."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

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


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def build_series(size: int):
    """A series with `size` themes, regions, events, talks per event, speakers per talk."""
    organisation = organisation_create(is_network_member=True)
    series = series_create(organiser=organisation)
    themes = [theme_create(series=series) for _ in range(size)]
    regions = [region_create(series=series, coordinator=organisation) for _ in range(size)]
    events = []
    for index in range(size):
        start = timezone.now() + timedelta(days=7 * index - 3)
        event = event_create(series=series, start=start, region=regions[index])
        event.themes.set(themes)
        for _ in range(size):
            speakers = [speaker_create(organisation=organisation) for _ in range(size)]
            talk_create(event=event, speakers=speakers).themes.set(themes)
        report_create(series=series, event=event)
        events.append(event)
    return series, events, organisation


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def urls_of(series, events, organisation) -> dict[str, str]:
    speaker = events[0].talks.first().speakers.first()
    return {
        "series": series.get_absolute_url(),
        "event list": f"/en/series/{series.slug}/events/",
        "event list filtered": f"/en/series/{series.slug}/events/?theme="
                               f"{series.themes.first().slug}",
        "event": events[0].get_absolute_url(),
        "event calendar": f"/en/series/{series.slug}/events/{events[0].slug}/calendar.ics",
        "series calendar": f"/en/series/{series.slug}/calendar.ics",
        "speaker": speaker.get_absolute_url(),
        "organisation": organisation.get_absolute_url(),
        "report list": f"/en/series/{series.slug}/reports/",
        "report": series.reports.first().get_absolute_url(),
        "feed": f"/en/series/{series.slug}/reports/feed.atom",
    }


def test_public_pages_run_a_constant_number_of_queries(client):
    small_urls = urls_of(*build_series(1))
    large_urls = urls_of(*build_series(5))

    small = {name: count_queries(client, url) for name, url in small_urls.items()}
    large = {name: count_queries(client, url) for name, url in large_urls.items()}

    assert small == large
    assert max(small.values()) <= 8, small
