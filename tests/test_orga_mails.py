"""Writing to participants from the workspace: the recipients as a filter, counted before
sending (one mail per participant), a version per language with the language rule's
fallback, placeholders filled for each reader, the preview as one recipient, sending now
or at a set time through the outbox, withdrawing, the outbox page with its retry, and a
participant's page."""

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail as sent_mails
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event
from mail.models import ComposedMail, Mail
from mail.services import mail_send, mails_send_due, mails_send_many
from orga.models import AuditEntry
from orga.services.mails import MailActionError, composed_mail_send, composed_mail_withdraw
from registrations import links, mails
from registrations.models import Registration
from tests.orga_world import PASSWORD, client_as, orga_world
from tests.test_races_publish import race
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db
State = Registration.State


@pytest.fixture
def world():
    return orga_world()


def compose_url(world) -> str:
    return reverse("orga:mail_compose", kwargs={"series": world.series.slug})


def form_data(world, **fields) -> dict:
    """The compose form as an organiser fills it: confirmed of every event, in English."""
    data = {"key": "form-1", "states": [State.CONFIRMED], "subject_en": "News for {name}",
            "body_en": "Dear {name},\nyour page: {personal_link}\n{events}", "action": "preview"}
    return data | fields


def send(client, world, **fields):
    """Preview (the count is shown), then send with that count, as the page does."""
    preview = client.post(compose_url(world), form_data(world, **fields))
    assert preview.status_code == 200, preview.content.decode()
    count = preview.context.get("count", 0)
    return client.post(compose_url(world), form_data(world, action="send", count=count,
                                                     **fields))


def outbox_of(composed: ComposedMail) -> list[Mail]:
    return list(Mail.objects.filter(composed=composed).order_by("to"))


# Recipients, count and preview

def test_the_preview_counts_each_participant_once_however_many_registrations_match(client,
                                                                                   world):
    both = participant_create(email="both@example.org", name="Bea Both")
    registration_create(participant=both, event=world.leipzig_event)
    registration_create(participant=both, event=world.sofia_event)
    client_as(client, world, "organiser")

    response = client.post(compose_url(world), form_data(world))

    assert response.context["count"] == 3  # Bea, Ivo, Lea: Bea once for her two seats
    assert response.context["preview_as"] == both  # the first by name
    subject, text, _html = response.context["preview"]
    assert subject == "News for Bea Both"
    assert "<strong>3 recipients</strong>" in response.content.decode()
    assert not ComposedMail.objects.exists() and not Mail.objects.exists()


def test_the_filter_picks_all_confirmed_of_one_event_or_all_on_any_waiting_list(client, world):
    waiting_leipzig = participant_create(email="wl@example.org", name="Wanda")
    registration_create(participant=waiting_leipzig, event=world.leipzig_event,
                        state=State.WAITLISTED)
    waiting_sofia = participant_create(email="ws@example.org", name="Wassil")
    registration_create(participant=waiting_sofia, event=world.sofia_event,
                        state=State.WAITLISTED)
    client_as(client, world, "organiser")

    sofia_confirmed = client.post(compose_url(world), form_data(
        world, events=[world.sofia_event.pk]))
    any_waiting = client.post(compose_url(world), form_data(world, states=[State.WAITLISTED]))

    assert sofia_confirmed.context["count"] == 1
    assert sofia_confirmed.context["preview_as"] == world.sofia_participant
    assert any_waiting.context["count"] == 2
    assert list(any_waiting.context["form"].recipients()) == [waiting_leipzig, waiting_sofia]


def test_the_preview_is_the_mail_as_the_chosen_recipient_gets_it_in_their_language(client,
                                                                                   world):
    world.sofia_event.join_url = "https://meet.example.org/sofia-room"
    world.sofia_event.title_bg = "Витрина София"
    world.sofia_event.save()
    client_as(client, world, "organiser")
    fields = {"events": [world.sofia_event.pk], "preview_as": "IVO.participant@example.org",
              "subject_bg": "Здравейте, {name}", "body_bg": "{event_title}\n{event_date}\n"
              "{join_link}"}

    response = client.post(compose_url(world), form_data(world, **fields))

    assert response.context["preview_as"] == world.sofia_participant
    subject, text, html = response.context["preview"]
    start = world.sofia_event.start.astimezone(world.sofia_event.tzinfo)
    assert subject == "Здравейте, Ivo Sofianski"
    assert text.startswith("Витрина София\n")
    assert f"{start:%H:%M}" in text and "по времето в София (EET, UTC+2)" in text
    assert "https://meet.example.org/sofia-room" in text  # a confirmed seat, online
    assert 'href="https://meet.example.org/sofia-room"' in html
    client.post(compose_url(world), form_data(world, action="send", count=1, **fields))
    mail = Mail.objects.get()
    mail_send(mail_id=mail.pk)
    mail.refresh_from_db()
    assert (mail.subject, mail.text, mail.html) == (subject, text, html)  # exactly as it went


def test_previewing_as_an_address_that_is_no_recipient_says_so(client, world):
    client_as(client, world, "organiser")

    response = client.post(compose_url(world), form_data(
        world, events=[world.sofia_event.pk], preview_as="lea.participant@example.org"))

    assert response.context["form"].errors == {
        "preview_as": ["None of the recipients has this address."]}
    assert "preview" not in response.context


# Bad input: nothing saved, nothing sent

def test_an_unknown_placeholder_is_named_and_nothing_is_sent(client, world):
    client_as(client, world, "organiser")

    response = send(client, world, body_en="Dear {nmae}, see {personal_link}")

    assert response.status_code == 200
    assert response.context["form"].errors["body_en"] == [
        "There is no placeholder {nmae}. You can use: {name}, {personal_link}, {event_title}, "
        "{event_date}, {join_link}, {events}."]
    assert (ComposedMail.objects.count(), Mail.objects.count(), AuditEntry.objects.count()) == (
        0, 0, 0)


def test_an_unknown_placeholder_is_named_in_the_organisers_language(client, world):
    client_as(client, world, "organiser")

    response = client.post(reverse("orga:mail_compose", kwargs={"series": world.series.slug})
                           .replace("/en/", "/de/"), form_data(world, subject_en="{Name}"))

    assert "Platzhalter {Name}" in response.context["form"].errors["subject_en"][0]


def test_an_event_placeholder_needs_exactly_one_event(client, world):
    client_as(client, world, "organiser")

    response = send(client, world, body_en="See you at {event_title}")

    assert response.context["form"].errors["body_en"] == [
        "The placeholder {event_title} needs exactly one event among the recipients; for "
        "several, use {events}."]
    assert not Mail.objects.exists()


def test_a_subject_without_a_text_and_a_mail_without_any_language_are_refused(client, world):
    client_as(client, world, "organiser")

    half = client.post(compose_url(world), form_data(world, body_en=""))
    empty = client.post(compose_url(world), form_data(world, subject_en="", body_en=""))

    assert half.context["form"].errors == {
        "body_en": ["Write both a subject and a text in this language, or neither."]}
    assert empty.context["form"].errors == {
        "__all__": ["Write the mail in at least one language."]}


def test_a_coordinator_cannot_write_to_another_regions_event_by_a_forged_id(client, world):
    client_as(client, world, "sofia")

    response = client.post(compose_url(world), form_data(
        world, events=[world.leipzig_event.pk], action="send", count=1))

    assert response.status_code == 200
    assert response.context["form"].errors["events"] == [
        f"Select a valid choice. {world.leipzig_event.pk} is not one of the available choices."]
    assert (ComposedMail.objects.count(), Mail.objects.count()) == (0, 0)


def test_a_coordinator_writes_to_their_regions_participants_only(client, world):
    client_as(client, world, "sofia")

    response = client.post(compose_url(world), form_data(world))  # no event ticked: theirs

    assert response.context["count"] == 1
    assert response.context["preview_as"] == world.sofia_participant
    assert [event.pk for event in response.context["form"].fields["events"].queryset] == [
        world.sofia_event.pk]


def test_a_time_that_has_passed_is_refused(client, world):
    client_as(client, world, "organiser")

    response = send(client, world, send_at="2020-01-01T10:00")

    assert response.context["form"].errors == {
        "send_at": ["This time has passed. Choose a later one, or leave it empty to send now."]}
    assert not Mail.objects.exists()


# Sending

def test_sending_writes_one_mail_per_recipient_to_the_outbox_with_an_audit_entry(client, world):
    client_as(client, world, "organiser")

    response = send(client, world)

    composed = ComposedMail.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("orga:mail_list",
                                           kwargs={"series": world.series.slug})
    assert [(mail.to, mail.language, mail.series_id, mail.state, mail.cause)
            for mail in outbox_of(composed)] == [
        ("ivo.participant@example.org", "bg", world.series.pk, Mail.State.QUEUED,
         f"composed:{composed.pk}:participant:{world.sofia_participant.pk}"),
        ("lea.participant@example.org", "en", world.series.pk, Mail.State.QUEUED,
         f"composed:{composed.pk}:participant:{world.leipzig_participant.pk}")]
    assert (composed.recipient_count, composed.author, composed.states) == (
        2, world.users["organiser"], [State.CONFIRMED])
    assert set(composed.events.all()) == {world.leipzig_event, world.sofia_event}
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_type, entry.object_id, entry.actor) == (
        "mail.send", "composedmail", str(composed.pk), world.users["organiser"])
    assert entry.data["recipients"] == 2 and entry.data["states"] == ["confirmed"]
    assert "Lea" not in str(entry.data) and "@" not in str(entry.data)


def test_sending_the_form_twice_mails_nobody_twice(client, world):
    client_as(client, world, "organiser")
    send(client, world)

    again = send(client, world)

    assert ComposedMail.objects.count() == 1
    assert Mail.objects.count() == 2
    assert AuditEntry.objects.count() == 1
    assert again.status_code == 302


def test_a_send_with_a_count_that_changed_shows_the_new_count_first(client, world):
    client_as(client, world, "organiser")

    response = client.post(compose_url(world), form_data(world, action="send", count=5))

    assert response.status_code == 200
    assert response.context["count"] == 2 and response.context["count_changed"]
    assert not Mail.objects.exists()


def test_each_recipient_gets_their_languages_version_or_the_language_rules_fallback(client,
                                                                                    world):
    world.series.default_language = "de"
    world.series.save()
    italian = participant_create(email="it@example.org", name="Ida", language="it")
    registration_create(participant=italian, event=world.leipzig_event)
    client_as(client, world, "organiser")

    send(client, world, subject_de="Neues für {name}", body_de="Hallo {name}",
         subject_bg="Новини за {name}", body_bg="Здравейте, {name}")

    assert mails_send_due() == 3
    subjects = dict(Mail.objects.values_list("to", "subject"))
    assert subjects == {"it@example.org": "Neues für Ida",  # it → the series' German
                        "ivo.participant@example.org": "Новини за Ivo Sofianski",
                        "lea.participant@example.org": "News for Lea Leipzig"}
    ida = Mail.objects.get(to="it@example.org")
    assert '<div lang="de">' in ida.html and ida.language == "it"


def test_the_placeholders_are_filled_for_each_reader(client, world):
    world.leipzig_event.join_url = "https://meet.example.org/leipzig"
    world.leipzig_event.save()
    waiting = participant_create(email="wait@example.org", name="Wim")
    registration_create(participant=waiting, event=world.leipzig_event, state=State.WAITLISTED)
    client_as(client, world, "organiser")

    send(client, world, events=[world.leipzig_event.pk],
         states=[State.CONFIRMED, State.WAITLISTED],
         body_en="{name} | {event_title} | {join_link} | {personal_link}")
    mails_send_due()

    lea = Mail.objects.get(to="lea.participant@example.org")
    wim = Mail.objects.get(to="wait@example.org")
    lea_line = lea.text.splitlines()[0]
    assert lea_line.startswith("Lea Leipzig | Leipzig showcase | "
                               "https://meet.example.org/leipzig | http")
    token = lea_line.rsplit("/registration/me/", 1)[1].rstrip("/")
    assert links.participant_from_personal_token(token) == world.leipzig_participant
    assert wim.text.startswith("Wim | Leipzig showcase | "
                               "(the join link comes with a confirmed seat) | http")


def test_the_events_placeholder_lists_each_of_the_readers_events(client, world):
    both = participant_create(email="both@example.org", name="Bea Both")
    registration_create(participant=both, event=world.leipzig_event)
    registration_create(participant=both, event=world.sofia_event, state=State.WAITLISTED)
    world.leipzig_event.format = Event.Format.ON_SITE
    world.leipzig_event.save()
    client_as(client, world, "organiser")

    send(client, world, states=[State.CONFIRMED, State.WAITLISTED], body_en="{events}")
    mails_send_due()

    text = Mail.objects.get(to="both@example.org").text
    lines = text.split("\n-- \n")[0].strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["- Leipzig showcase", "- Sofia showcase"]
    assert "Join" not in text  # on site; a waiting-list place: no join link


def test_a_recipient_who_no_longer_matches_when_it_goes_out_is_not_mailed(client, world):
    client_as(client, world, "organiser")
    send(client, world, events=[world.leipzig_event.pk])
    Registration.objects.filter(pk=world.leipzig_registration.pk).update(
        state=State.CANCELLED, cancelled_at=timezone.now())

    mail = Mail.objects.get()
    assert mail_send(mail_id=mail.pk) == Mail.State.WITHDRAWN
    assert sent_mails.outbox == []


def test_a_scheduled_mail_waits_for_its_time(client, world):
    client_as(client, world, "organiser")
    in_two_days = timezone.localtime() + timedelta(days=2)

    send(client, world, send_at=in_two_days.strftime("%Y-%m-%dT%H:%M"))

    composed = ComposedMail.objects.get()
    due = in_two_days.replace(second=0, microsecond=0)
    assert composed.send_at == due
    assert {mail.next_attempt_at for mail in outbox_of(composed)} == {due}
    assert mails_send_due() == 0
    assert mails_send_due(now=due + timedelta(minutes=1)) == 2
    assert AuditEntry.objects.get().action == "mail.schedule"


def test_the_compose_page_names_the_zone_times_are_typed_in(client, world):
    client_as(client, world, "organiser")

    page = client.get(compose_url(world)).content.decode()

    assert re.search(r"Your time zone: Berlin time \(CES?T, UTC\+[12]\)\. Empty: send now\.",
                     page)


# Withdrawing

def test_withdrawing_a_scheduled_mail_stops_every_mail_of_it(client, world):
    client_as(client, world, "organiser")
    send(client, world, send_at=(timezone.localtime() + timedelta(days=1))
         .strftime("%Y-%m-%dT%H:%M"))
    composed = ComposedMail.objects.get()
    url = reverse("orga:mail_withdraw", kwargs={"series": world.series.slug,
                                               "composed": composed.pk})

    client.post(url)
    again = client.post(url, follow=True)

    assert {mail.state for mail in outbox_of(composed)} == {Mail.State.WITHDRAWN}
    composed.refresh_from_db()
    assert composed.withdrawn_at is not None
    assert mails_send_due(now=timezone.now() + timedelta(days=2)) == 0
    entry = AuditEntry.objects.get(action="mail.withdraw")
    assert (entry.object_id, entry.data) == (str(composed.pk), {"withdrawn": 2})
    assert "This mail was withdrawn already." in again.content.decode()


def test_a_coordinator_withdraws_their_own_mail_but_not_an_organisers(client, world):
    client_as(client, world, "organiser")
    send(client, world, key="organisers")
    client.logout()
    client_as(client, world, "leipzig")
    send(client, world, key="leipzigs")
    organisers, leipzigs = ComposedMail.objects.order_by("pk")

    listing = client.get(reverse("orga:mail_list", kwargs={"series": world.series.slug}))
    own = client.post(reverse("orga:mail_withdraw", kwargs={
        "series": world.series.slug, "composed": leipzigs.pk}))
    other = client.post(reverse("orga:mail_withdraw", kwargs={
        "series": world.series.slug, "composed": organisers.pk}))

    assert list(listing.context["page"].object_list) == [leipzigs]
    assert own.status_code == 302 and other.status_code == 404
    assert {mail.state for mail in outbox_of(organisers)} == {Mail.State.QUEUED}
    assert {mail.state for mail in outbox_of(leipzigs)} == {Mail.State.WITHDRAWN}


# The outbox

def outbox_url(world, **query) -> str:
    url = reverse("orga:outbox", kwargs={"series": world.series.slug})
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items())
                  if query else "")


def mail_create(series, *, state=Mail.State.SENT, **fields) -> Mail:
    number = Mail.objects.count() + 1
    return Mail.objects.create(**({"cause": f"test:{number}", "to": f"p{number}@example.org",
                                   "language": "en", "subject": f"Subject {number}",
                                   "text": "T", "series": series, "state": state} | fields))


def test_the_outbox_shows_the_series_mails_with_state_attempts_and_last_error(client, world):
    failed = mail_create(world.series, state=Mail.State.FAILED, attempts=15,
                         last_error="SMTPRecipientsRefused: 550 no such user",
                         to="lea.participant@example.org")
    mail_create(world.series, state=Mail.State.SENT)
    mail_create(world.other_series, subject="Not ours")
    client_as(client, world, "organiser")

    response = client.get(outbox_url(world))
    failed_only = client.get(outbox_url(world, state="failed"))

    page = response.content.decode()
    assert [mail for mail, _participant in response.context["rows"]][::-1] == list(
        Mail.objects.filter(series=world.series).order_by("pk"))
    assert "Not ours" not in page
    assert "SMTPRecipientsRefused: 550 no such user" in page
    assert [mail for mail, _participant in failed_only.context["rows"]] == [failed]
    assert reverse("orga:participant", kwargs={
        "series": world.series.slug, "participant": world.leipzig_participant.pk}) in page


def test_the_outbox_runs_as_many_queries_for_many_mails_as_for_few(client, world):
    client_as(client, world, "organiser")
    mail_create(world.series)
    client.get(outbox_url(world))  # sessions, roles: read once
    with CaptureQueriesContext(connection) as few:
        client.get(outbox_url(world))
    for _number in range(120):
        mail_create(world.series, state=Mail.State.FAILED)

    with CaptureQueriesContext(connection) as many:
        response = client.get(outbox_url(world, page=2))

    assert len(response.context["rows"]) == 50
    assert len(many) == len(few)


def test_the_list_of_composed_mails_runs_as_many_queries_for_many_as_for_few(client, world):
    client_as(client, world, "organiser")
    send(client, world, key="first")
    url = reverse("orga:mail_list", kwargs={"series": world.series.slug})
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(6):
        send(client, world, key=f"more-{number}")

    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert len(response.context["page"].object_list) == 7
    assert len(many) == len(few)


def test_a_garbage_outbox_filter_is_answered_not_a_server_error(client, world):
    mail_create(world.series)
    client_as(client, world, "organiser")

    response = client.get(outbox_url(world, state="nonsense", page="x", composed="-1"))

    assert response.status_code == 200
    assert len(response.context["rows"]) == 1
    assert response.context["form"].errors["state"] == [
        "Select a valid choice. nonsense is not one of the available choices."]


def test_a_garbage_time_is_refused_with_a_message(client, world):
    client_as(client, world, "organiser")

    response = send(client, world, send_at="tomorrow-ish")

    assert response.context["form"].errors == {"send_at": ["Enter a valid date/time."]}
    assert not Mail.objects.exists()


def test_a_failed_mail_is_sent_again_with_an_audit_entry(client, world):
    failed = mail_create(world.series, state=Mail.State.FAILED, attempts=15)
    sent = mail_create(world.series, state=Mail.State.SENT)
    client_as(client, world, "organiser")

    response = client.post(reverse("orga:outbox_retry", kwargs={
        "series": world.series.slug, "mail": failed.pk}), {"query": "state=failed&evil=1"})
    refused = client.post(reverse("orga:outbox_retry", kwargs={
        "series": world.series.slug, "mail": sent.pk}), follow=True)

    failed.refresh_from_db()
    assert (failed.state, failed.attempts) == (Mail.State.QUEUED, 0)
    assert response["Location"] == outbox_url(world, state="failed")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_id, entry.changes) == (
        "mail.retry", str(failed.pk), {"state": ["failed", "queued"]})
    assert "Only a failed or maybe delivered mail can be sent again." in refused.content.decode()
    sent.refresh_from_db()
    assert sent.state == Mail.State.SENT


# A participant's page

def test_a_participants_page_shows_their_data_registrations_and_mails(client, world):
    mail_create(world.series, to="LEA.participant@example.org", subject="Welcome, Lea")
    mail_create(world.other_series, to="lea.participant@example.org", subject="Elsewhere")
    client_as(client, world, "organiser")

    response = client.get(reverse("orga:participant", kwargs={
        "series": world.series.slug, "participant": world.leipzig_participant.pk}))

    page = response.content.decode()
    assert "Lea Leipzig" in page and "lea.participant@example.org" in page
    assert response.context["registrations"] == [world.leipzig_registration]
    assert [mail.subject for mail in response.context["mails"]] == ["Welcome, Lea"]


def test_a_coordinator_sees_only_their_regions_registrations_and_mails(client, world):
    registration_create(participant=world.leipzig_participant, event=world.sofia_event)
    client_as(client, world, "organiser")
    send(client, world, key="to-leipzig", events=[world.leipzig_event.pk])
    send(client, world, key="to-sofia", events=[world.sofia_event.pk])
    client.logout()
    client_as(client, world, "sofia")

    response = client.get(reverse("orga:participant", kwargs={
        "series": world.series.slug, "participant": world.leipzig_participant.pk}))

    assert [registration.event for registration in response.context["registrations"]] == [
        world.sofia_event]
    assert [mail.composed.key for mail in response.context["mails"]] == ["to-sofia"]
    assert "Leipzig showcase" not in response.content.decode()


# Registration mails belong to their series

def test_registration_mails_name_their_series(world):
    mails.mail_confirm_request(participant=world.leipzig_participant,
                               registrations=[world.leipzig_registration], series=world.series)
    mails.mail_cancelled(participant=world.sofia_participant,
                         registrations=[world.sofia_registration], cause="cancelled")
    mails.mails_registration_deferred(registrations=[world.leipzig_registration],
                                      template="registration_promoted", cause="promoted")

    assert set(Mail.objects.values_list("series_id", flat=True)) == {world.series.pk}


# In a browser

@pytest.mark.browser
@pytest.mark.sqlite_pass_only
@pytest.mark.django_db(transaction=True)
def test_an_organiser_writes_to_the_waitlisted_and_finds_the_mails_in_the_outbox(
        page, live_server, settings):
    settings.SITE_URL = live_server.url
    world = orga_world()
    waiting = participant_create(email="wanda@example.org", name="Wanda Wait", language="bg")
    registration_create(participant=waiting, event=world.sofia_event, state=State.WAITLISTED)
    page.goto(f"{live_server.url}/bg/orga/login/")
    page.locator("input[name=username]").fill("olga")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("button[type=submit]").click()

    page.goto(f"{live_server.url}/en{compose_url(world)[3:]}")
    page.get_by_role("checkbox", name="On the waiting list").check()
    page.get_by_role("checkbox", name="Confirmed", exact=True).uncheck()
    page.get_by_label("Subject (English)").fill("A seat may free up, {name}")
    page.get_by_label("Text (English)").fill("Dear {name},\n{events}")
    page.get_by_label("Subject (български)").fill("Може да се освободи място, {name}")
    page.get_by_label("Text (български)").fill("Здравейте, {name},\n{events}")
    page.get_by_role("button", name="Count recipients and preview").click()  # htmx
    preview = page.locator("#mail-preview")
    expect(preview).to_contain_text("1 recipient")
    expect(preview).to_contain_text("Може да се освободи място, Wanda Wait")
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="Send the mail now").click()

    expect(page.locator(".messages")).to_contain_text(
        "The mail is in the outbox for 1 recipient.")
    page.goto(f"{live_server.url}/en{outbox_url(world)[3:]}")
    expect(page.locator("table")).to_contain_text("wanda@example.org")
    expect(page.locator("table")).to_contain_text("Queued")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


# Races on PostgreSQL

def _send_kwargs(world, key: str = "same") -> dict:
    return {"series": world.series, "author": world.users["organiser"],
            "texts": {"en": {"subject": "News", "body": "Dear {name}"}},
            "events": [world.leipzig_event, world.sofia_event], "states": [State.CONFIRMED],
            "send_at": None, "key": key}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_once_mails_each_recipient_once():
    world = orga_world()
    results = []

    errors = race([lambda: results.append(composed_mail_send(**_send_kwargs(world)))] * 2)

    assert errors == []
    assert sorted(new for _composed, new in results) == [False, True]
    assert {composed.pk for composed, _new in results} == {ComposedMail.objects.get().pk}
    assert Mail.objects.count() == 2
    assert AuditEntry.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_withdrawing_while_the_mails_go_out_sends_each_at_most_once():
    world = orga_world()
    for _number in range(30):
        registration_create(participant=participant_create(), event=world.leipzig_event)
    composed, _new = composed_mail_send(**_send_kwargs(world))
    mail_ids = sorted(Mail.objects.filter(composed=composed).values_list("pk", flat=True))
    withdrawn = []

    def withdraw() -> None:
        try:
            withdrawn.append(composed_mail_withdraw(composed=composed,
                                                    actor=world.users["organiser"]))
        except MailActionError:  # every mail went out first
            withdrawn.append(0)

    errors = race([lambda: mails_send_many(mail_ids=mail_ids), withdraw])

    assert errors == []
    states = Counter(Mail.objects.filter(composed=composed).values_list("state", flat=True))
    assert set(states) <= {Mail.State.SENT, Mail.State.WITHDRAWN}
    assert states[Mail.State.SENT] == len(sent_mails.outbox)
    assert states[Mail.State.SENT] + states[Mail.State.WITHDRAWN] == 32
    assert states[Mail.State.WITHDRAWN] >= withdrawn[0]
