"""A form posted in another encoding than UTF-8 (`application/x-www-form-urlencoded;
charset=utf-16`, with a valid CSRF token) is refused with a 400 page that says why, in the
page's language and the site's design, and changes nothing — on every URL of the site.
It answered 500: Django refuses such a body when the CSRF check reads it, and its own 400
page ran the CSRF check again, which read the body again and failed once more."""

from urllib.parse import urlencode

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.test.client import encode_multipart
from django.urls import URLResolver, get_resolver, reverse

from mail.models import Mail
from pitches import links as pitch_links
from registrations import links
from registrations.models import Participant, Registration
from tests.factories import (
    event_create,
    organisation_create,
    report_create,
    series_create,
    speaker_create,
)
from tests.matchmaking_factories import (
    block_create,
    matchmaking_open,
    profile_create,
    request_create,
)
from tests.pitch_factories import pitch_application_create, pitch_call_create
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    registration_create,
)

pytestmark = pytest.mark.django_db

BOGUS_CHARSETS = ["utf-16", "utf-32", "iso-8859-1", "utf8", "nonsense"]
BOUNDARY = "cm-boundary"
REFUSAL_EN = "The form arrived in a character encoding this site does not read"
REFUSAL_DE = "Das Formular kam in einer Zeichenkodierung an, die diese Website nicht liest"


@pytest.fixture
def site():
    """A series with everything its URLs name, and alice holding a seat."""
    series = series_create(slug="bridges")
    consent_text_create(series=series, text_en="We keep your data for the series.")
    event = event_create(series=series, slug="leipzig", capacity=10)
    alice = participant_create(email="alice@example.org")
    registration = registration_create(participant=alice, event=event)
    call = pitch_call_create(series=series)
    application = pitch_application_create(call=call, participant=alice)
    matchmaking_open(series=series)
    block = block_create(event=event)
    mine = profile_create(series=series, participant=alice)
    theirs = profile_create(series=series, events=(event,))
    meeting = request_create(block=block, sender=theirs, receiver=mine)
    return {
        "series": series.slug, "event": event.slug, "event_id": event.pk,
        "report": report_create(series=series).slug,
        "slug": speaker_create().slug, "organisation": organisation_create().slug,
        "token": links.personal_token(participant=alice),
        "confirm_token": links.confirm_token(participant=alice),
        "registration": registration.pk, "code": "ABCD-EFGH-JKMN",
        "call": call.pk, "application": application.pk,
        "pitch_confirm_token": pitch_links.confirm_token(application=application),
        "profile": theirs.pk, "request": meeting.pk,
    }


def form_data(csrf_token: str) -> dict:
    """What alice would type into the registration form, with a valid CSRF token."""
    return {"csrfmiddlewaretoken": csrf_token, "email": "bob@example.org", "name": "Bob Bauer",
            "organisation_name": "Bauer GmbH", "organisation_kind": "sme",
            "organisation_country": "DE", "job_title": "CEO", "country": "DE",
            "language": "en", "scope": "series", "consent": "on", "consent_version": "1",
            "website": ""}


def site_urls(site: dict) -> list[str]:
    """Every named URL of the site (in English and German), the admin's without an object."""
    urls = []

    def walk(patterns, namespace: str = "", converters_above: dict | None = None) -> None:
        for pattern in patterns:
            converters = (converters_above or {}) | pattern.pattern.converters
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner, converters)
            elif pattern.name:
                name = f"{namespace}{pattern.name}"
                keys = set(pattern.pattern.regex.groupindex) | set(converters)
                if name.startswith("admin:") and keys:
                    continue
                if name.startswith("orga:"):  # the workspace: ids and tokens of its own
                    kwargs = {key: _orga_argument(site, key, converters) for key in keys}
                else:
                    kwargs = {key: site[key] for key in keys}
                if name == "events:organisation":
                    kwargs["slug"] = site["organisation"]
                if name == "registrations:confirm":
                    kwargs["token"] = site["confirm_token"]
                if name == "feedback:survey":
                    kwargs["event"] = site["event_id"]
                if name == "pitches:confirm":
                    kwargs["token"] = site["pitch_confirm_token"]
                urls.append(reverse(name, kwargs=kwargs))

    walk(get_resolver().url_patterns)
    german = [url.replace("/en/", "/de/", 1) for url in urls if url.startswith("/en/")]
    return sorted(set(urls + german))


def _orga_argument(site: dict, key: str, converters: dict) -> object:
    """A workspace URL's argument: the site's series and event, else an id or a word."""
    if key == "series":
        return site["series"]
    if key == "event":
        return site["event_id"]
    converter = converters.get(key)
    return 1 if type(converter).__name__ == "IntConverter" else "x"


def body(data: dict, *, kind: str, charset: str) -> tuple[bytes, str]:
    """The form encoded as a client that names `charset` would send it."""
    if kind == "multipart":
        return (encode_multipart(BOUNDARY, data),
                f"multipart/form-data; boundary={BOUNDARY}; charset={charset}")
    try:
        encoded = urlencode(data).encode(charset)
    except LookupError:
        encoded = urlencode(data).encode()
    return encoded, f"application/x-www-form-urlencoded; charset={charset}"


def csrf_client(organiser: bool = False) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if organiser:
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.create_superuser(
            "alice", "alice-admin@example.org", "pw-alice-1"))
    client.get("/en/registration/link/")
    return client, client.cookies["csrftoken"].value


def stored() -> tuple:
    return (list(Participant.objects.values_list("email", "name", "language")),
            list(Registration.objects.values_list("state", flat=True)),
            Mail.objects.count(), LogEntry.objects.count())


def test_the_registration_form_in_utf_8_goes_through(site, tasks_immediate):
    client, token = csrf_client()
    data, content_type = body(form_data(token), kind="urlencoded", charset="utf-8")

    response = client.generic("POST", "/en/series/bridges/register/", data, content_type)

    assert response.status_code == 302
    assert Participant.objects.filter(email="bob@example.org").exists()


@pytest.mark.parametrize("charset", ["utf-16", "utf-32"])
def test_the_registration_form_in_another_encoding_is_refused_with_a_clear_page(site, charset):
    client, token = csrf_client()
    before = stored()
    data, content_type = body(form_data(token), kind="urlencoded", charset=charset)

    response = client.generic("POST", "/en/series/bridges/register/", data, content_type)

    page = response.content.decode()
    assert response.status_code == 400
    assert REFUSAL_EN in page and "<h1>Request not understood</h1>" in page
    assert 'class="language-switch"' in page  # the site's design around it
    assert stored() == before


def test_the_refusal_speaks_the_pages_language(site):
    client, token = csrf_client()
    data, content_type = body(form_data(token), kind="urlencoded", charset="utf-16")

    response = client.generic("POST", "/de/series/bridges/register/", data, content_type)

    assert response.status_code == 400
    assert REFUSAL_DE in response.content.decode()


@pytest.mark.parametrize("kind", ["urlencoded", "multipart"])
def test_no_url_of_the_site_fails_on_a_form_in_another_encoding(site, kind):
    client, token = csrf_client(organiser=True)
    urls = site_urls(site)
    assert {"/en/series/bridges/register/", "/de/registration/link/", "/admin/login/",
            f"/en/registration/me/{site['token']}/delete/"} <= set(urls)
    before = stored()

    answers = {}
    for url in urls:
        for charset in BOGUS_CHARSETS:
            data, content_type = body(form_data(token), kind=kind, charset=charset)
            response = client.generic("POST", url, data, content_type)
            answers[url, charset] = (response.status_code,
                                     REFUSAL_EN in response.content.decode()
                                     or REFUSAL_DE in response.content.decode())

    assert {key: answer for key, answer in answers.items() if answer != (400, True)} == {}
    assert stored() == before


def test_the_400_page_never_reads_the_form_again(site, settings):
    """Where Django itself refuses a body (here: without our refusal in front), the 400
    page renders instead of failing on the same body."""
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE
                           if name != "clustermeet.middleware.form_encoding_refusal"]
    client, token = csrf_client()
    data, content_type = body(form_data(token), kind="urlencoded", charset="utf-16")

    response = client.generic("POST", "/en/registration/link/", data, content_type)

    assert response.status_code == 400
    assert "The request could not be read. Nothing was changed" in response.content.decode()


def test_too_many_fields_get_the_400_page(site, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 20
    client, token = csrf_client()
    data = urlencode(form_data(token) | {f"x{number}": "1" for number in range(30)})

    response = client.generic("POST", "/en/registration/link/", data,
                              "application/x-www-form-urlencoded")

    assert response.status_code == 400
    assert "The request could not be read. Nothing was changed" in response.content.decode()
