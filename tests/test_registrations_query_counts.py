"""The list pages of the participant's side run as many SQL queries for one item as for
many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registrations import links
from tests.factories import event_create, series_create, theme_create
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    registration_create,
    series_registration_create,
)

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def participant_list_with(size: int) -> str:
    series = series_create()
    events = [event_create(series=series) for _ in range(size)]
    for index in range(size):
        participant = participant_create(listed_publicly=True, name=f"Person {index}")
        for event in events:
            registration_create(participant=participant, event=event)
    return f"/en/series/{series.slug}/participants/"


def personal_page_with(size: int) -> str:
    series = series_create()
    alice = participant_create()
    series_registration_create(participant=alice, series=series)
    for _ in range(size):
        registration_create(participant=alice, event=event_create(series=series))
        event_create(series=series)  # one more to add
    return f"/en/registration/me/{links.personal_token(participant=alice)}/"


def registration_form_with(size: int) -> str:
    series = series_create()
    consent_text_create(series=series)
    for _ in range(size):
        event_create(series=series)
        theme_create(series=series)
    return f"/en/series/{series.slug}/register/"


@pytest.mark.parametrize("page", [participant_list_with, personal_page_with,
                                  registration_form_with])
def test_query_count_does_not_grow_with_the_items(client, django_assert_num_queries, page):
    one = count_queries(client, page(1))
    many_url = page(6)

    with django_assert_num_queries(one):
        client.get(many_url)
