"""Random input at every form of the participant's side: never a server error, and a
refused input changes nothing."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mail.models import Mail
from registrations import links
from registrations.models import Participant, Registration
from tests.factories import event_create, series_create
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    registration_create,
)

pytestmark = pytest.mark.django_db

REGISTRATION_FIELDS = ["email", "name", "organisation_name", "organisation_kind",
                       "organisation_country", "job_title", "country", "language", "scope",
                       "events", "themes", "listed_publicly", "consent", "consent_version",
                       "website"]
values = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", "1", "on", "series", "events", "sme", "DE", "en", "a@b.example"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
form_input = st.dictionaries(st.sampled_from(REGISTRATION_FIELDS),  # a field may repeat
                             st.one_of(values, st.lists(values, max_size=3)))
HYPOTHESIS = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])


def snapshot() -> tuple:
    return (list(Participant.objects.values_list("pk", "email", "name", "language",
                                                 "listed_publicly", "anonymised_at")),
            list(Registration.objects.values_list("pk", "state")),
            Mail.objects.count())


@pytest.fixture
def world(settings):
    settings.REGISTRATION_RATE_LIMIT_PER_IP = 10**6
    settings.REGISTRATION_RATE_LIMIT_PER_ADDRESS = 10**6
    series = series_create(slug="bridges")
    consent_text_create(series=series)
    event = event_create(series=series, capacity=1)
    alice = participant_create(email="alice@example.org")
    registration_create(participant=alice, event=event)
    return {"series": series, "alice": alice,
            "personal": f"/en/registration/me/{links.personal_token(participant=alice)}/"}


@HYPOTHESIS
@given(data=form_input)
@example(data={"themes": "10000000000000000000", "events": "10000000000000000000"})
def test_random_registration_input_never_fails_and_a_refusal_changes_nothing(client, world,
                                                                              data):
    before = snapshot()

    response = client.post("/en/series/bridges/register/", data)

    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert snapshot() == before
        assert 'class="errorlist' in response.content.decode() or "alert" in (
            response.content.decode())


@HYPOTHESIS
@given(action=st.sampled_from(["cancel/", "add/", "settings/", "delete/"]),
       data=st.dictionaries(st.sampled_from(["registration", "all", "events", "language",
                                              "listed_publicly", "sure"]),
                            st.one_of(values, st.lists(values, max_size=3))))
@example(action="add/", data={"events": "10000000000000000000"})  # once a SQLite overflow
def test_random_input_on_the_personal_page_never_fails(client, world, action, data):
    data.pop("sure", None)  # a valid deletion is no bad input; everything else may be
    response = client.post(world["personal"] + action, data)

    assert response.status_code in (200, 302, 400)


@HYPOTHESIS
@given(token=st.text(min_size=1, max_size=200), email=values)
def test_random_links_and_link_requests_never_fail(client, world, token, email):
    before = snapshot()
    quoted = quote(token.replace("/", "_"), safe="")

    personal = client.get(f"/en/registration/me/{quoted}/")
    confirm = client.post(f"/en/registration/confirm/{quoted}/")
    link = client.post("/en/registration/link/", {"email": email})

    assert personal.status_code in (400, 404) and confirm.status_code in (400, 404)
    assert link.status_code in (302, 400)
    assert snapshot()[:2] == before[:2]
