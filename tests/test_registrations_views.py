"""The participant's side as a visitor meets it: register, confirm, the personal page,
the link form, the public participant list — and every kind of bad input."""

import json
import re
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from events.models import Event
from mail.models import Mail
from mail.services import mail_render_deferred
from registrations import links
from registrations.models import Participant, Registration
from tests.factories import event_create, series_create, theme_create
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    registration_create,
    series_registration_create,
)

# the forms leave their work to the worker (registrations.tasks): here it runs at once
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_immediate")]
State = Registration.State


@pytest.fixture
def series():
    return series_create(title_en="Cluster Bridges", slug="bridges")


@pytest.fixture
def consent(series):
    return consent_text_create(series=series, text_en="We keep your data for the series.")


@pytest.fixture
def leipzig(series):
    return event_create(series=series, slug="leipzig", title_en="Leipzig", capacity=1,
                        join_url="https://meet.example.org/leipzig")


def html(response) -> str:
    return response.content.decode()


def form_data(**fields) -> dict:
    """What alice types into the registration form."""
    return {"email": "alice@example.org", "name": "Alice Adler",
            "organisation_name": "Adler Robotics GmbH", "organisation_kind": "sme",
            "organisation_country": "DE", "job_title": "CEO", "country": "DE",
            "language": "en", "scope": "series", "consent": "on", "consent_version": "1",
            "website": ""} | fields


def register_url(series) -> str:
    return f"/en/series/{series.slug}/register/"


def nothing_stored() -> bool:
    return (Participant.objects.count(), Registration.objects.count(),
            Mail.objects.count()) == (0, 0, 0)


def link_in(mail: Mail, kind: str) -> str:
    return re.search(rf"https?://[^\s]+(/en/registration/{kind}/[^\s/]+/)", mail.text).group(1)


def personal_url(participant: Participant) -> str:
    return f"/en/registration/me/{links.personal_token(participant=participant)}/"


# --- the way in ----------------------------------------------------------------------------


def test_series_and_event_pages_link_to_the_form_and_stay_cacheable(client, series, consent,
                                                                    leipzig):
    series_page = client.get("/en/series/bridges/")
    event_page = client.get("/en/series/bridges/events/leipzig/")

    assert 'href="/en/series/bridges/register/"' in html(series_page)
    assert 'href="/en/series/bridges/register/?event=leipzig"' in html(event_page)
    assert 'href="/en/series/bridges/participants/"' in html(series_page)
    assert "csrftoken" not in series_page.cookies and "csrftoken" not in event_page.cookies
    assert "csrfmiddlewaretoken" not in html(series_page) + html(event_page)


def test_the_form_has_labelled_fields_the_privacy_notice_and_a_preselected_event(
        client, series, consent, leipzig):
    page = html(client.get(register_url(series) + "?event=leipzig"))

    assert '<label for="id_email">E-mail address:</label>' in page
    assert "We keep your data for the series." in page
    assert "Privacy notice (version 1)" in page
    assert re.search(rf'value="{leipzig.pk}"[^>]*checked', page)
    assert re.search(r'value="events"[^>]*checked', page)
    assert 'class="hp" aria-hidden="true"' in page


def test_register_confirm_and_see_the_personal_page(client, series, consent, leipzig):
    mobility = theme_create(series=series, name_en="Mobility")

    response = client.post(register_url(series), form_data(themes=[mobility.pk]))

    assert response.status_code == 302
    assert response["Location"] == "/en/series/bridges/register/sent/"
    assert "Check your inbox" in html(client.get(response["Location"]))
    alice = Participant.objects.get()
    assert (alice.name, alice.listed_publicly) == ("Alice Adler", False)
    assert leipzig.registrations.get().state == State.PENDING
    confirm_url = link_in(Mail.objects.get(), "confirm")

    button_page = client.get(confirm_url)
    assert "Confirm my registration" in html(button_page)
    assert leipzig.registrations.get().state == State.PENDING  # opening the link is not enough
    confirmed = client.post(confirm_url, follow=True)

    assert leipzig.registrations.get().state == State.CONFIRMED
    page = html(confirmed)
    assert "Thank you: your e-mail address is confirmed." in page
    assert "Your registrations, Alice Adler" in page
    assert "https://meet.example.org/leipzig" in page and ">Confirmed<" in page


def test_register_for_chosen_events_only(client, series, consent, leipzig):
    sofia = event_create(series=series, title_en="Sofia")

    client.post(register_url(series), form_data(scope="events", events=[sofia.pk]))

    alice = Participant.objects.get()
    assert [registration.event for registration in alice.registrations.all()] == [sofia]
    assert not alice.series_registrations.exists()


def test_a_second_registration_with_the_same_address_resends_the_confirmation(
        client, series, consent, leipzig):
    client.post(register_url(series), form_data())

    response = client.post(register_url(series), form_data(email="ALICE@example.org"))

    assert response.status_code == 302
    assert Participant.objects.count() == 1 and Registration.objects.count() == 1
    assert Mail.objects.filter(subject__startswith="Please confirm").count() == 2


# --- bad input on the form -----------------------------------------------------------------


def test_the_form_shows_every_change_at_once(client, series, consent, leipzig):
    """The form's markup and its events, themes and notice are kept between visits: any
    change to them must show on the very next visit, in each language."""
    first = html(client.get(register_url(series)))
    assert "Leipzig" in first and "Sofia" not in first

    event_create(series=series, slug="sofia", title_en="Sofia")
    theme_create(series=series, name_en="Robotics")
    consent_text_create(series=series, version=2, text_en="The second notice.")
    leipzig.title_en = "Leipzig moved"
    leipzig.save()
    page = html(client.get(register_url(series)))

    assert "Sofia" in page and "Robotics" in page and "Leipzig moved" in page
    assert "The second notice." in page and "Privacy notice (version 2)" in page
    assert 'name="consent_version" value="2"' in page
    assert re.search(r'value="series"[^>]*checked', page)
    assert re.search(rf'value="{leipzig.pk}"[^>]*checked',
                     html(client.get(register_url(series) + "?event=leipzig")))
    assert "E-Mail-Adresse" in html(client.get(f"/de/series/{series.slug}/register/"))


def test_each_visitor_gets_a_working_token_of_their_own(series, consent, leipzig):
    """The form page is kept for every visitor; only its CSRF token is theirs."""
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)

    pages = [html(visitor.get(register_url(series))) for visitor in (alice, bob)]
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
              for page in pages]
    without = [re.sub(r'value="[^"]+" name="csrf|name="csrfmiddlewaretoken" value="[^"]+"',
                      "", page) for page in pages]
    posted = [visitor.post(register_url(series), form_data(
        email=f"{name}@example.org", csrfmiddlewaretoken=token)).status_code
        for visitor, name, token in ((alice, "alice", tokens[0]), (bob, "bob", tokens[1]))]
    forged = Client(enforce_csrf_checks=True).post(register_url(series), form_data(
        email="mallory@example.org", csrfmiddlewaretoken=tokens[0]))

    assert tokens[0] != tokens[1] and "csrf-token-slot" not in pages[0] + pages[1]
    assert without[0] == without[1]
    assert posted == [302, 302]
    assert forged.status_code == 403
    assert Participant.objects.count() == 2


def test_a_form_with_errors_keeps_what_was_typed(client, series, consent, leipzig):
    response = client.post(register_url(series), form_data(
        email="nope", name="Alice <Adler> & Co", country="AT", organisation_country="IT"))

    page = html(response)
    assert response.status_code == 400
    assert 'value="Alice &lt;Adler&gt; &amp; Co"' in page
    assert '<input type="text" name="country" value="Austria"' in page  # the code's name
    assert '<input type="text" name="organisation_country" value="Italy"' in page
    assert page.count(" selected>") == 2  # the kind, the language


@pytest.mark.parametrize("fields, field, message", [
    ({"email": "not-an-address"}, "email", "Enter a valid email address."),
    ({"name": "x" * 201}, "name",
     "Ensure this value has at most 200 characters (it has 201)."),
    ({"name": ""}, "name", "This field is required."),
    ({"organisation_kind": "pirate"}, "organisation_kind",
     "Select a valid choice. pirate is not one of the available choices."),
    ({"country": "XX"}, "country", "We do not know a country called “XX”. Please type its "
     "name and choose it from the list."),
    ({"organisation_country": "Atlantis"}, "organisation_country", "We do not know a country "
     "called “Atlantis”. Please type its name and choose it from the list."),
    ({"consent": ""}, "consent", "Please agree to the privacy notice to register."),
    ({"scope": "events"}, "events", "Please choose at least one event."),
    ({"scope": "events", "events": ["999999"]}, "events",
     "Registration for one of the chosen events is not open."),
])
def test_invalid_fields_get_a_message_tied_to_the_field_and_change_nothing(
        client, series, consent, leipzig, fields, field, message):
    response = client.post(register_url(series), form_data(**fields))

    assert response.status_code == 400
    page = html(response)
    assert f'<ul class="errorlist" id="id_{field}_error"><li>{message}</li></ul>' in page
    if field not in ("events", "consent"):
        assert re.search(rf'id="id_{field}"[^>]*aria-describedby="id_{field}_error"', page) or \
            re.search(rf'aria-describedby="id_{field}_error"[^>]*id="id_{field}"', page)
    assert nothing_stored()


def test_errors_are_translated(client, series, consent, leipzig):
    response = client.post(f"/de/series/{series.slug}/register/", form_data(email="nope"))

    assert response.status_code == 400
    assert "Bitte gültige E-Mail-Adresse eingeben." in html(response)


def test_an_outdated_privacy_notice_is_refused(client, series, consent, leipzig):
    consent_text_create(series=series, version=2)

    response = client.post(register_url(series), form_data(consent_version="1"))

    assert response.status_code == 400
    assert "The privacy notice has changed. Please read it again and agree to it." in html(
        response)
    assert nothing_stored()


@pytest.mark.parametrize("event_fields", [
    {"status": Event.Status.CANCELLED},
    {"registration_opens": timezone.now() + timedelta(days=2)},
    {"registration_closes": timezone.now() - timedelta(hours=1),
     "registration_opens": timezone.now() - timedelta(days=3)},
])
def test_an_event_not_open_cannot_be_chosen(client, series, consent, event_fields):
    bilbao = event_create(series=series, title_en="Bilbao", **event_fields)

    page = html(client.get(register_url(series)))
    response = client.post(register_url(series), form_data(scope="events", events=[bilbao.pk]))

    assert "Bilbao" not in page
    assert response.status_code == 400
    assert "Registration for one of the chosen events is not open." in html(response)
    assert nothing_stored()


def test_a_closed_series_shows_why_and_refuses(client, series, consent, leipzig):
    series.registration_open = False
    series.save()

    page = client.get(register_url(series))
    response = client.post(register_url(series), form_data())

    assert "Registration for this series is closed." in html(page)
    assert "<form" not in html(page).split("<main")[1]
    assert response.status_code == 400
    assert "Registration for this series is closed." in html(response)
    assert nothing_stored()


def test_a_series_without_privacy_notice_takes_no_registration(client, series, leipzig):
    response = client.post(register_url(series), form_data())

    assert response.status_code == 400
    assert "Registration opens as soon as the privacy notice" in html(response)
    assert nothing_stored()


def test_the_honeypot_pretends_success_and_stores_nothing(client, series, consent, leipzig):
    response = client.post(register_url(series), form_data(website="http://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == "/en/series/bridges/register/sent/"
    assert nothing_stored()


def test_rate_limit_per_address(client, series, consent, leipzig, settings):
    settings.REGISTRATION_RATE_LIMIT_PER_ADDRESS = 2

    statuses = [client.post(register_url(series), form_data(email=email)).status_code
                for email in ("alice@example.org", "ALICE@example.org", "alice@example.org")]

    assert statuses == [302, 302, 400]
    response = client.post(register_url(series), form_data())
    assert "Too many requests. Please wait an hour and try again." in html(response)
    assert Mail.objects.count() == 2


def test_rate_limit_per_ip(client, series, consent, leipzig, settings):
    settings.REGISTRATION_RATE_LIMIT_PER_IP = 3

    statuses = [client.post(register_url(series), form_data(email=f"p{index}@example.org"),
                            REMOTE_ADDR="203.0.113.7").status_code for index in range(4)]
    other_ip = client.post(register_url(series), form_data(email="q@example.org"),
                           REMOTE_ADDR="203.0.113.8")

    assert statuses == [302, 302, 302, 400]
    assert other_ip.status_code == 302
    assert Participant.objects.count() == 4


def test_rate_limit_per_ip_behind_a_proxy_counts_the_visitors_address(client, series, consent,
                                                                      leipzig, settings):
    settings.REGISTRATION_RATE_LIMIT_PER_IP, settings.TRUSTED_PROXIES = 2, 1

    def post(number: int, forwarded: str) -> int:
        return client.post(register_url(series), form_data(email=f"p{number}@example.org"),
                           REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded).status_code

    # the proxy (10.0.0.2) appends what it saw; a visitor's own entries stay to the left
    first = [post(0, "203.0.113.7"), post(1, "198.51.100.1, 203.0.113.7"),
             post(2, "192.0.2.99, 203.0.113.7")]
    second = [post(3, "203.0.113.8"), post(4, "203.0.113.8")]

    assert first == [302, 302, 400]
    assert second == [302, 302]


def test_without_trusted_proxies_a_forwarded_header_changes_nothing(client, series, consent,
                                                                    leipzig, settings):
    settings.REGISTRATION_RATE_LIMIT_PER_IP = 1

    statuses = [client.post(register_url(series), form_data(email=f"p{number}@example.org"),
                            REMOTE_ADDR="203.0.113.7",
                            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}").status_code
                for number in range(2)]

    assert statuses == [302, 400]


def test_each_confirmation_page_shows_its_own_name_and_link(series, consent, leipzig,
                                                            settings):
    """The confirmation page is kept once for everyone: each visitor still sees their own
    name (escaped), their own link in the language switch, and a token that works."""
    names = {"alice": "Alice <b>Adler</b> & Co", "bob": "Bob \"Bauer\""}
    for name, full_name in names.items():
        Client().post(register_url(series), form_data(email=f"{name}@example.org",
                                                      name=full_name))
    urls = {name: link_in(Mail.objects.get(to=f"{name}@example.org"), "confirm")
            for name in names}
    visitors = {name: Client(enforce_csrf_checks=True) for name in names}

    pages = {name: html(visitors[name].get(urls[name])) for name in names}
    settings.PAGE_CACHE_SECONDS = 0
    direct = html(Client().get(urls["alice"]))
    settings.PAGE_CACHE_SECONDS = 300

    def token(url: str) -> str:
        return url.split("/")[-2]

    def csrf(page: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def blank(page: str, name: str) -> str:
        return (page.replace(csrf(page), "CSRF")
                .replace(token(urls[name]), "TOKEN")
                .replace(str(escape(names[name])), "NAME"))

    assert "Hello Alice &lt;b&gt;Adler&lt;/b&gt; &amp; Co," in pages["alice"]
    assert "Hello Bob &quot;Bauer&quot;," in pages["bob"]
    assert f'href="/de/registration/confirm/{token(urls["bob"])}/"' in pages["bob"]
    assert token(urls["alice"]) not in pages["bob"] and "Alice" not in pages["bob"]
    assert blank(pages["alice"], "alice") == blank(pages["bob"], "bob")
    assert blank(pages["alice"], "alice") == blank(direct, "alice")
    for name in names:
        assert visitors[name].post(urls[name], {"csrfmiddlewaretoken": csrf(pages[name])}
                                   ).status_code == 302
    assert set(leipzig.registrations.values_list("state", flat=True)) == {State.CONFIRMED,
                                                                         State.WAITLISTED}


# --- bad links -----------------------------------------------------------------------------


def register_alice(client, series) -> tuple[Participant, str]:
    client.post(register_url(series), form_data())
    return Participant.objects.get(), link_in(Mail.objects.get(), "confirm")


def test_a_tampered_confirmation_link_is_refused(client, series, consent, leipzig):
    _alice, url = register_alice(client, series)

    response = client.post(url[:-3] + "xx/")

    assert response.status_code == 400
    assert "This link is not valid." in html(response)
    assert leipzig.registrations.get().state == State.PENDING


def test_an_expired_confirmation_link_is_refused(client, series, consent, leipzig, settings):
    _alice, url = register_alice(client, series)
    settings.REGISTRATION_PENDING_HOURS = -1

    response = client.post(url)

    assert response.status_code == 400 and "This link has expired." in html(response)
    assert leipzig.registrations.get().state == State.PENDING


def test_a_used_confirmation_link_is_refused(client, series, consent, leipzig):
    _alice, url = register_alice(client, series)
    client.post(url)

    page = client.get(url)
    response = client.post(url)

    assert "This link has already been used" in html(page)
    assert response.status_code == 400 and "This link has already been used" in html(response)
    assert Mail.objects.filter(subject="You are registered").count() == 1


def test_links_of_a_deleted_participant_are_refused(client, series, consent, leipzig):
    alice, url = register_alice(client, series)
    personal = personal_url(alice)
    client.post(personal + "delete/", {"sure": "on"})

    for response in (client.post(url), client.get(personal)):
        assert response.status_code == 400
        assert "has been deleted" in html(response)


def test_the_placeholder_address_of_deleted_data_cannot_be_registered(client, series, consent,
                                                                       leipzig):
    """Deleted data stays deleted: nobody refills the record through its placeholder."""
    alice, _url = register_alice(client, series)
    client.post(personal_url(alice) + "delete/", {"sure": "on"})
    alice.refresh_from_db()
    before = (Registration.objects.count(), Mail.objects.count())

    response = client.post(register_url(series), form_data(
        email=alice.email.upper(), name="Mallory", listed_publicly="on"))

    assert response.status_code == 400
    assert "This e-mail address cannot be registered." in html(response)
    alice.refresh_from_db()
    assert (alice.name, alice.listed_publicly, alice.confirm_nonce) == ("", False, "")
    assert (Registration.objects.count(), Mail.objects.count()) == before


def test_an_event_named_twice_in_the_form_is_registered_once(client, series, consent, leipzig):
    response = client.post(register_url(series),
                           form_data(scope="events", events=[leipzig.pk, leipzig.pk]))

    assert response.status_code == 302
    assert list(Registration.objects.values_list("event", flat=True)) == [leipzig.pk]


def test_a_confirmation_link_of_a_participant_no_longer_stored_is_refused(
        client, series, consent, leipzig):
    alice, url = register_alice(client, series)
    alice.delete()

    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "has been deleted" in html(response)
    assert not Mail.objects.filter(subject="You are registered").exists()


@pytest.mark.parametrize("token", [
    "nonsense",
    signing.dumps({"p": 1, "k": "x"}, salt="another.salt"),
    signing.dumps(["not", "a", "dict"], salt=links.PERSONAL_SALT),
], ids=["nonsense", "other-salt", "not-a-dict"])  # stable ids: xdist workers must agree
def test_a_tampered_personal_link_is_refused(client, token):
    response = client.get(f"/en/registration/me/{token}/")

    assert response.status_code == 400
    assert "This link is not valid." in html(response)


def test_an_expired_or_replaced_personal_link_is_refused(client, settings):
    alice = participant_create()
    url = personal_url(alice)
    settings.PERSONAL_LINK_MAX_AGE_DAYS = -1
    assert "This link has expired." in html(client.get(url))
    settings.PERSONAL_LINK_MAX_AGE_DAYS = 60
    alice.link_key = "another-key"
    alice.save()

    response = client.get(url)

    assert response.status_code == 400
    assert "This link is no longer valid. Please request a new one." in html(response)


# --- the personal page ---------------------------------------------------------------------


@pytest.fixture
def alice(series, leipzig):
    alice = participant_create(email="alice@example.org", name="Alice Adler")
    registration_create(participant=alice, event=leipzig)
    return alice


def test_personal_page_shows_states_and_join_link_only_with_a_seat(client, series, leipzig,
                                                                   alice):
    sofia = event_create(series=series, title_en="Sofia", join_url="https://meet.example.org/sofia")
    registration_create(participant=alice, event=sofia, state=State.WAITLISTED)

    response = client.get(personal_url(alice))

    page = html(response)
    assert response["Cache-Control"].startswith("max-age=0")
    assert "https://meet.example.org/leipzig" in page
    assert "https://meet.example.org/sofia" not in page
    assert ">Confirmed<" in page and ">On the waiting list<" in page


def test_cancel_one_promotes_the_next_on_the_waiting_list(client, leipzig, alice):
    bob = participant_create(email="bob@example.org")
    registration_create(participant=bob, event=leipzig, state=State.WAITLISTED)
    seat = alice.registrations.get()

    response = client.post(personal_url(alice) + "cancel/", {"registration": seat.pk},
                           follow=True)

    assert "Your registration has been cancelled." in html(response)
    assert dict(leipzig.registrations.values_list("participant__email", "state")) == {
        "alice@example.org": State.CANCELLED, "bob@example.org": State.CONFIRMED}
    mails = [mail_render_deferred(mail=mail) for mail in Mail.objects.all()]  # as sent
    assert sorted((mail.to, mail.subject) for mail in mails) == [
        ("alice@example.org", "Your registration has been cancelled"),
        ("bob@example.org", "A place has become free for you")]


def test_cancel_refuses_someone_elses_registration(client, leipzig, alice):
    bob = participant_create(email="bob@example.org")
    bobs = registration_create(participant=bob, event=event_create(series=leipzig.series))

    response = client.post(personal_url(alice) + "cancel/", {"registration": bobs.pk},
                           follow=True)

    assert "This registration does not exist." in html(response)
    bobs.refresh_from_db()
    assert bobs.state == State.CONFIRMED and not Mail.objects.exists()


def test_cancel_needs_post(client, alice):
    response = client.get(personal_url(alice) + "cancel/")

    assert response.status_code == 405
    assert alice.registrations.get().state == State.CONFIRMED


def test_cancel_all_ends_the_series_registration_too(client, series, leipzig, alice):
    series_registration_create(participant=alice, series=series)
    registration_create(participant=alice, event=event_create(series=series))

    client.post(personal_url(alice) + "cancel/", {"all": "on"})

    assert set(alice.registrations.values_list("state", flat=True)) == {State.CANCELLED}
    assert alice.series_registrations.get().cancelled_at is not None
    assert Mail.objects.get().subject == "Your registration has been cancelled"


def test_add_events_from_the_personal_page(client, series, leipzig, alice):
    sofia = event_create(series=series, title_en="Sofia")

    page = html(client.get(personal_url(alice)))
    response = client.post(personal_url(alice) + "add/", {"events": [sofia.pk]}, follow=True)

    assert f'name="events" value="{sofia.pk}"' in page
    assert f'name="events" value="{leipzig.pk}"' not in page
    assert "You are registered for the events you chose." in html(response)
    assert alice.registrations.get(event=sofia).state == State.CONFIRMED
    assert Mail.objects.get().subject == "You are registered"


def test_add_refuses_an_event_already_held_or_unknown(client, leipzig, alice):
    response = client.post(personal_url(alice) + "add/", {"events": [leipzig.pk]}, follow=True)

    assert "Registration for one of the chosen events is not open." in html(response)
    assert alice.registrations.count() == 1 and not Mail.objects.exists()


def test_change_language_and_listing(client, alice):
    client.post(personal_url(alice) + "settings/", {"language": "bg", "listed_publicly": "on"})
    alice.refresh_from_db()
    assert (alice.language, alice.listed_publicly) == ("bg", True)

    response = client.post(personal_url(alice) + "settings/", {"language": "xx"}, follow=True)

    assert "Select a valid choice. xx is not one of the available choices." in html(response)
    alice.refresh_from_db()
    assert (alice.language, alice.listed_publicly) == ("bg", True)


def test_personal_calendar_has_the_events_and_the_join_link_of_seats(client, series, alice):
    sofia = event_create(series=series, join_url="https://meet.example.org/sofia")
    registration_create(participant=alice, event=sofia, state=State.WAITLISTED)
    registration_create(participant=alice, event=event_create(series=series),
                        state=State.CANCELLED, confirmed_at=None)

    response = client.get(personal_url(alice) + "calendar.ics")

    content = response.content.decode()
    assert response["Content-Type"] == "text/calendar; charset=utf-8; method=PUBLISH"
    assert response["Content-Disposition"] == 'attachment; filename="my-events.ics"'
    assert content.count("BEGIN:VEVENT") == 2
    assert "https://meet.example.org/leipzig" in content
    assert "meet.example.org/sofia" not in content


def test_export_downloads_all_data_as_json(client, alice):
    response = client.get(personal_url(alice) + "data.json")

    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert data["email"] == "alice@example.org" and data["name"] == "Alice Adler"
    assert [item["state"] for item in data["registrations"]] == ["confirmed"]


def test_delete_asks_first_then_anonymises(client, alice):
    url = personal_url(alice) + "delete/"
    assert "Delete my data" in html(client.get(url))

    refused = client.post(url, {})
    assert refused.status_code == 400
    assert "Please tick the box to confirm the deletion." in html(refused)
    alice.refresh_from_db()
    assert alice.anonymised_at is None

    done = client.post(url, {"sure": "on"})

    assert "Your data has been deleted" in html(done)
    alice.refresh_from_db()
    assert alice.anonymised_at is not None and alice.name == ""
    assert alice.registrations.get().state == State.CANCELLED


# --- the personal link form and the public list ------------------------------------------


def test_link_form_answers_the_same_for_known_and_unknown_addresses(client, alice):
    known = client.post("/en/registration/link/", {"email": "ALICE@example.org"})
    unknown = client.post("/en/registration/link/", {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/en/registration/link/sent/"
    mail = Mail.objects.get()
    assert (mail.to, mail.subject) == ("alice@example.org", "Your personal link")
    assert client.get(link_in(mail, "me")).status_code == 200


def test_link_form_rejects_bad_input(client):
    response = client.post("/en/registration/link/", {"email": "x" * 300})

    assert response.status_code == 400
    assert "Enter a valid email address." in html(response)


def test_participant_list_shows_only_those_who_opted_in(client, series, leipzig):
    listed = participant_create(name="Alice Adler", organisation_name="Adler Robotics",
                                organisation_country="BG", listed_publicly=True,
                                email="alice@example.org")
    hidden = participant_create(name="Bob Hidden", listed_publicly=False)
    pending = participant_create(name="Carl Pending", listed_publicly=True)
    registration_create(participant=listed, event=leipzig)
    registration_create(participant=hidden, event=event_create(series=series))
    registration_create(participant=pending, event=event_create(series=series),
                        state=State.PENDING, confirmed_at=None)

    page = html(client.get(f"/en/series/{series.slug}/participants/"))

    assert "<td>Alice Adler</td><td>Adler Robotics</td><td>Bulgaria</td>" in page
    assert "Bob Hidden" not in page and "Carl Pending" not in page
    assert "alice@example.org" not in page
