"""The lifecycle of a registration: request, double opt-in, capacity, waiting list, series
growth, expiry, export and deletion — with the mails each change writes to the outbox."""

import json
from datetime import timedelta
from pathlib import Path
from unittest.mock import ANY

import pytest
from django.utils import timezone

from events.models import Event
from mail.models import Mail
from mail.services import mail_render, mail_render_deferred
from orga.services.events import event_cancel, event_publish
from registrations import services
from registrations.models import Participant, Registration, SeriesRegistration
from registrations.services import RegistrationError
from tests.factories import event_create, series_create, theme_create
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    participant_data,
    registration_create,
    series_registration_create,
)

pytestmark = pytest.mark.django_db
State = Registration.State


@pytest.fixture
def series():
    return series_create(title_en="Cluster Bridges")


@pytest.fixture
def consent(series):
    return consent_text_create(series=series)


def request(series, consent, *, events=None, **fields) -> Participant:
    return services.registration_request(series=series, consent=consent, events=events,
                                         data=participant_data(**fields))


def confirm(participant: Participant) -> list[Registration]:
    participant.refresh_from_db()
    return services.registration_confirm(participant_id=participant.pk,
                                         nonce=participant.confirm_nonce)[1]


def states(event: Event) -> dict[str, str]:
    return dict(event.registrations.values_list("participant__email", "state"))


def mail_of(cause_start: str) -> Mail:
    """The mail of a cause, as it is sent (a deferred mail rendered)."""
    (mail,) = Mail.objects.filter(cause__startswith=cause_start)
    return mail_render_deferred(mail=mail)


def test_request_for_the_series_holds_pending_registrations_and_mails_a_confirmation(
        series, consent):
    leipzig = event_create(series=series, title_en="Leipzig", capacity=1)
    sofia = event_create(series=series, title_en="Sofia",
                         start=timezone.now() + timedelta(days=14))
    event_create(series=series, title_en="Draft", status=Event.Status.DRAFT)
    mobility = theme_create(series=series)

    alice = services.registration_request(
        series=series, consent=consent,
        data=participant_data(email="Alice@Example.org", themes=[mobility]))

    assert alice.email == "Alice@Example.org" and alice.confirmed_at is None
    assert [(item.text, item.given_at is not None) for item in alice.consents.all()] == [
        (consent, True)]
    assert list(alice.themes.all()) == [mobility]
    assert SeriesRegistration.objects.get(participant=alice).confirmed_at is None
    assert states(leipzig) == {"Alice@Example.org": State.PENDING}
    assert states(sofia) == {"Alice@Example.org": State.PENDING}
    mail = Mail.objects.get()
    assert mail.cause == f"participant:{alice.pk}:confirm-request:{alice.confirm_nonce}"
    assert mail.to == "Alice@Example.org" and mail.language == "en"
    assert mail.subject == "Please confirm your registration: Cluster Bridges"
    assert "/en/registration/confirm/" in mail.text
    assert "Leipzig" in mail.text and "Sofia" in mail.text and "Draft" not in mail.text
    assert not mail.attachments.exists()  # nothing reserved yet: no calendar entry


def test_second_request_with_the_same_address_makes_no_duplicate_and_resends(series, consent):
    leipzig = event_create(series=series)
    first = request(series, consent, events=[leipzig])
    first_nonce = first.confirm_nonce

    second = request(series, consent, events=[leipzig], email="ALICE@example.org",
                     name="Somebody Else")

    assert second.pk == first.pk and Participant.objects.count() == 1
    assert leipzig.registrations.count() == 1
    assert Mail.objects.filter(cause__contains="confirm-request").count() == 2
    with pytest.raises(RegistrationError, match="already been used or was replaced"):
        services.registration_confirm(participant_id=second.pk, nonce=first_nonce)


def test_confirm_gives_seats_then_waiting_list_places_in_order(series, consent):
    leipzig = event_create(series=series, title_en="Leipzig", capacity=1,
                           join_url="https://meet.example.org/leipzig")
    alice = request(series, consent, events=[leipzig])
    bob = request(series, consent, events=[leipzig], email="bob@example.org", language="de")

    (alice_registration,) = confirm(alice)
    (bob_registration,) = confirm(bob)

    assert (alice_registration.state, bob_registration.state) == (State.CONFIRMED,
                                                                  State.WAITLISTED)
    assert alice_registration.confirmed_at < bob_registration.confirmed_at
    alice_mail = mail_of(f"participant:{alice.pk}:confirmed:")
    assert alice_mail.subject == "You are registered"
    assert "https://meet.example.org/leipzig" in alice_mail.text
    assert "https://meet.example.org/leipzig" in bytes(
        alice_mail.attachments.get().content).decode()
    bob_mail = mail_of(f"participant:{bob.pk}:confirmed:")
    assert bob_mail.language == "de" and "/de/registration/me/" in bob_mail.text
    assert "meet.example.org" not in bob_mail.text


def test_a_confirmation_link_works_once(series, consent):
    alice = request(series, consent, events=[event_create(series=series)])
    nonce = alice.confirm_nonce
    services.registration_confirm(participant_id=alice.pk, nonce=nonce)

    with pytest.raises(RegistrationError, match="already been used"):
        services.registration_confirm(participant_id=alice.pk, nonce=nonce)
    assert Mail.objects.filter(cause__contains=":confirmed:").count() == 1


@pytest.mark.parametrize("event_fields, message", [
    ({"status": Event.Status.CANCELLED}, "“Bilbao” has been cancelled."),
    ({"registration_opens": timezone.now() + timedelta(days=1)},
     "Registration for “Bilbao” opens on"),
    ({"registration_closes": timezone.now() - timedelta(minutes=1),
      "registration_opens": timezone.now() - timedelta(days=2)},
     "Registration for “Bilbao” is closed."),
    ({"start": timezone.now() - timedelta(days=2)}, "Registration for “Bilbao” is closed."),
])
def test_request_for_an_event_not_open_is_refused_and_changes_nothing(series, consent,
                                                                      event_fields, message):
    bilbao = event_create(series=series, title_en="Bilbao", **event_fields)

    with pytest.raises(RegistrationError) as refusal:
        request(series, consent, events=[bilbao])

    assert str(refusal.value).startswith(message)
    assert (Participant.objects.count(), Registration.objects.count(), Mail.objects.count()) == (
        0, 0, 0)


def test_request_is_refused_when_the_series_is_closed_or_the_consent_outdated(series, consent):
    leipzig = event_create(series=series)
    newer = consent_text_create(series=series, version=2)

    with pytest.raises(RegistrationError, match="privacy notice has changed"):
        request(series, consent, events=[leipzig])
    series.registration_open = False
    series.save()
    with pytest.raises(RegistrationError, match="Registration for this series is closed."):
        request(series, newer, events=[leipzig])
    assert (Participant.objects.count(), Registration.objects.count(), Mail.objects.count()) == (
        0, 0, 0)


def test_request_without_anything_left_to_confirm_sends_the_personal_link(series, consent):
    leipzig = event_create(series=series)
    alice = request(series, consent, events=[leipzig])
    confirm(alice)

    request(series, consent, events=[leipzig])

    assert states(leipzig) == {"alice@example.org": State.CONFIRMED}
    link_mail = mail_of(f"participant:{alice.pk}:link:")
    assert link_mail.subject == "Your personal link" and "/en/registration/me/" in link_mail.text


def test_cancel_frees_the_seat_for_the_first_on_the_waiting_list_and_mails_both(series):
    leipzig = event_create(series=series, capacity=1)
    alice, bob, charlie = (participant_create(email=f"{name}@example.org")
                           for name in ("alice", "bob", "charlie"))
    seat = registration_create(participant=alice, event=leipzig)
    now = timezone.now()
    registration_create(participant=charlie, event=leipzig, state=State.WAITLISTED,
                        confirmed_at=now + timedelta(seconds=2))
    registration_create(participant=bob, event=leipzig, state=State.WAITLISTED,
                        confirmed_at=now + timedelta(seconds=1))

    promoted = services.registration_cancel(registration=seat)

    assert [registration.participant for registration in promoted] == [bob]
    assert states(leipzig) == {"alice@example.org": State.CANCELLED,
                               "bob@example.org": State.CONFIRMED,
                               "charlie@example.org": State.WAITLISTED}
    assert mail_of(f"registration:{seat.pk}:cancelled:").subject == (
        "Your registration has been cancelled")
    promoted_mail = mail_of(f"registration:{promoted[0].pk}:promoted:")
    assert promoted_mail.to == "bob@example.org"
    assert promoted_mail.subject == "A place has become free for you"
    assert "https://meet.example.org/room" in promoted_mail.text
    with pytest.raises(RegistrationError, match="already been cancelled"):
        services.registration_cancel(registration=seat)


def test_raising_the_capacity_promotes_the_waiting_list_in_order(series):
    leipzig = event_create(series=series, capacity=1)
    now = timezone.now()
    people = [participant_create(email=f"p{index}@example.org") for index in range(4)]
    registration_create(participant=people[0], event=leipzig)
    for index, person in enumerate(people[1:], start=1):
        registration_create(participant=person, event=leipzig, state=State.WAITLISTED,
                            confirmed_at=now + timedelta(seconds=index))

    promoted = services.event_capacity_change(event=leipzig, capacity=3)

    assert [registration.participant for registration in promoted] == people[1:3]
    assert states(leipzig)["p3@example.org"] == State.WAITLISTED
    assert Mail.objects.filter(cause__contains=":promoted:").count() == 2


def test_cancelling_an_event_cancels_its_registrations_and_tells_those_holding_a_place(
        series):
    leipzig = event_create(series=series, title_en="Leipzig", title_de="Leipzig (de)",
                           capacity=1)
    sofia = event_create(series=series, title_en="Sofia")
    alice, bob, charlie = (participant_create(email=f"{name}@example.org")
                           for name in ("alice", "bob", "charlie"))
    bob.language = "de"
    bob.save()
    seat = registration_create(participant=alice, event=leipzig)
    registration_create(participant=alice, event=sofia)
    waiting = registration_create(participant=bob, event=leipzig, state=State.WAITLISTED)
    registration_create(participant=charlie, event=leipzig, state=State.PENDING,
                        confirmed_at=None)

    event_cancel(event=leipzig)

    assert set(states(leipzig).values()) == {State.CANCELLED}
    assert states(sofia) == {"alice@example.org": State.CONFIRMED}
    alice_mail = mail_of(f"registration:{seat.pk}:event-cancelled")
    assert alice_mail.to == "alice@example.org" and alice_mail.subject == "Cancelled: Leipzig"
    assert "the organisers have cancelled this event" in alice_mail.text
    calendar = bytes(alice_mail.attachments.get().content).decode()
    assert "STATUS:CANCELLED" in calendar and "SUMMARY:Cluster Bridges: Leipzig" in calendar
    bob_mail = mail_of(f"registration:{waiting.pk}:event-cancelled")
    assert bob_mail.language == "de" and bob_mail.subject == "Abgesagt: Leipzig (de)"
    assert not Mail.objects.filter(to="charlie@example.org").exists()


def test_cancelling_an_event_that_has_ended_keeps_its_registrations(series):
    past = event_create(series=series, start=timezone.now() - timedelta(days=2))
    registration_create(participant=participant_create(), event=past)

    event_cancel(event=past)

    assert set(past.registrations.values_list("state", flat=True)) == {State.CONFIRMED}
    assert not Mail.objects.exists()


def test_publishing_an_event_registers_the_series_participants_subject_to_capacity(series):
    alice, bob, charlie, dave = (participant_create(email=f"{name}@example.org")
                                 for name in ("alice", "bob", "charlie", "dave"))
    now = timezone.now()
    series_registration_create(participant=bob, series=series,
                               confirmed_at=now - timedelta(days=1))
    series_registration_create(participant=alice, series=series,
                               confirmed_at=now - timedelta(days=2))
    series_registration_create(participant=charlie, series=series, confirmed_at=None)
    registration_create(participant=dave, event=event_create(series=series))
    sofia = event_create(series=series, title_en="Sofia", status=Event.Status.DRAFT, capacity=1)

    event_publish(event=sofia)

    assert states(sofia) == {"alice@example.org": State.CONFIRMED,
                             "bob@example.org": State.WAITLISTED,
                             "charlie@example.org": State.PENDING}
    added = [mail_render_deferred(mail=mail)
             for mail in Mail.objects.filter(cause__endswith=":added").order_by("to")]
    assert [(mail.to, mail.subject) for mail in added] == [
        ("alice@example.org", "New event in your series: Sofia"),
        ("bob@example.org", "New event in your series: Sofia"),
    ]
    event_publish(event=sofia)  # publishing twice adds nobody twice
    assert sofia.registrations.count() == 3


def test_confirming_after_the_series_grew_confirms_the_new_event_too(series, consent):
    leipzig = event_create(series=series)
    alice = request(series, consent)
    sofia = event_create(series=series, status=Event.Status.DRAFT)
    event_publish(event=sofia)

    confirm(alice)

    assert states(leipzig) == states(sofia) == {"alice@example.org": State.CONFIRMED}
    assert SeriesRegistration.objects.get().confirmed_at is not None


def test_pending_registrations_expire_after_the_configured_hours(series, consent, settings):
    settings.REGISTRATION_PENDING_HOURS = 48
    leipzig = event_create(series=series)
    old = services.registration_request(series=series, consent=consent, data=participant_data(),
                                        now=timezone.now() - timedelta(hours=49))
    fresh = request(series, consent, events=[leipzig], email="bob@example.org")

    assert services.registrations_expire_pending() == 1

    assert states(leipzig) == {"alice@example.org": State.CANCELLED,
                               "bob@example.org": State.PENDING}
    assert SeriesRegistration.objects.get(participant=old).cancelled_at is not None
    assert fresh.registrations.get().state == State.PENDING


def test_an_expired_series_registration_takes_the_events_it_grew_by_along(series, consent,
                                                                          settings):
    settings.REGISTRATION_PENDING_HOURS = 48
    alice = services.registration_request(series=series, consent=consent,
                                          data=participant_data(),
                                          now=timezone.now() - timedelta(hours=49))
    sofia = event_publish(event=event_create(series=series, status=Event.Status.DRAFT))

    assert states(sofia) == {"alice@example.org": State.PENDING}  # requested just now
    assert services.registrations_expire_pending() == 1

    assert states(sofia) == {"alice@example.org": State.CANCELLED}
    assert SeriesRegistration.objects.get(participant=alice).cancelled_at is not None


def test_a_new_link_restarts_the_time_of_every_pending_registration(series, consent,
                                                                   settings):
    """Asked again after 46 of 48 hours, the new link still places the events an hour
    after the first request would have expired."""
    settings.REGISTRATION_PENDING_HOURS = 48
    leipzig, sofia = event_create(series=series), event_create(series=series)
    start = timezone.now() - timedelta(hours=50)
    services.registration_request(series=series, consent=consent, data=participant_data(),
                                  events=[leipzig], now=start)
    alice = services.registration_request(series=series, consent=consent,
                                          data=participant_data(), events=[sofia],
                                          now=start + timedelta(hours=46))

    assert services.registrations_expire_pending() == 0
    assert {registration.event for registration in confirm(alice)} == {leipzig, sofia}
    assert mail_of(f"participant:{alice.pk}:confirmed:").subject == "You are registered"


def test_confirming_the_series_before_it_has_events_says_so(series, consent):
    alice = request(series, consent)  # the whole series; no event published yet

    assert confirm(alice) == []

    mail = mail_of(f"participant:{alice.pk}:confirmed:")
    assert mail.subject == "Your e-mail address is confirmed"
    assert "You are registered for the whole series: as soon as one of its events" in mail.text
    assert "attached calendar" not in mail.text and "attached calendar" not in mail.html
    assert not mail.attachments.exists()
    assert SeriesRegistration.objects.get().confirmed_at is not None


def test_confirming_after_the_chosen_events_closed_says_so(series, consent):
    leipzig = event_create(series=series)
    alice = request(series, consent, events=[leipzig])
    event_cancel(event=leipzig)

    assert confirm(alice) == []

    mail = mail_of(f"participant:{alice.pk}:confirmed:")
    assert mail.subject == "Your e-mail address is confirmed"
    assert "The events you chose are no longer open, so you hold no place" in mail.text
    assert "waiting list" not in mail.text and not mail.attachments.exists()


def test_adding_events_through_the_personal_link_confirms_the_address(series, consent):
    """The personal link reached the address: once it took a seat, nobody's new request
    replaces the name or the listing of that address."""
    leipzig, sofia = event_create(series=series), event_create(series=series)
    alice = request(series, consent, events=[leipzig], name="Alice Adler")

    (added,) = services.registrations_add(participant=alice, events=[sofia])
    request(series, consent, events=[leipzig], name="Mallory", listed_publicly=True)

    alice.refresh_from_db()
    assert added.state == State.CONFIRMED and alice.confirmed_at is not None
    assert (alice.name, alice.listed_publicly) == ("Alice Adler", False)


def test_each_consent_is_kept_as_given_across_series_and_versions(series, consent):
    other = series_create(title_en="Other Bridges")
    other_consent = consent_text_create(series=other)
    event_create(series=series), event_create(series=other)
    first = timezone.now() - timedelta(days=2)
    services.registration_request(series=series, consent=consent, data=participant_data(),
                                  now=first)
    services.registration_request(series=other, consent=other_consent,
                                  data=participant_data(), now=first + timedelta(days=1))
    alice = request(series, consent)  # agrees to the same version again
    newer = consent_text_create(series=series, version=2)
    request(series, newer)

    assert [(item.text, item.given_at) for item in alice.consents.all()] == [
        (consent, first), (other_consent, first + timedelta(days=1)), (newer, ANY)]


def test_export_holds_all_the_participants_data(series, consent):
    leipzig = event_create(series=series, slug="leipzig")
    alice = request(series, consent, events=[leipzig])
    confirm(alice)
    alice.refresh_from_db()

    data = services.participant_export(participant=alice)

    assert data["email"] == "alice@example.org" and data["name"] == "Alice Adler"
    assert data["organisation"] == {"name": "Adler Robotics GmbH", "kind": "sme",
                                    "country": "DE"}
    assert data["consents"] == [{"series": series.slug, "version": 1, "text": consent.text,
                                 "at": ANY}]
    assert [(item["event"], item["state"]) for item in data["registrations"]] == [
        ("leipzig", "confirmed")]
    assert [mail["subject"] for mail in data["mails"]] == [
        "Please confirm your registration: Cluster Bridges", "You are registered"]
    assert "Hello Alice Adler" in data["mails"][0]["text"]
    json.dumps(data)  # JSON as it is


def test_delete_anonymises_keeps_counts_and_gives_the_seat_away(series):
    leipzig = event_create(series=series, capacity=1)
    past = event_create(series=series, start=timezone.now() - timedelta(days=10))
    alice = participant_create(email="alice@example.org", listed_publicly=True)
    bob = participant_create(email="bob@example.org")
    registration_create(participant=alice, event=leipzig)
    registration_create(participant=alice, event=past, attended=True)
    registration_create(participant=bob, event=leipzig, state=State.WAITLISTED)
    old_key = alice.link_key
    services.participant_link_send(participant=alice)

    services.participant_delete(participant=alice)

    alice.refresh_from_db()
    assert alice.email == f"deleted-{alice.pk}@anonymised.invalid"
    assert (alice.name, alice.organisation_name, alice.job_title) == ("", "", "")
    assert not alice.listed_publicly and alice.anonymised_at is not None
    assert alice.link_key != old_key and alice.organisation_kind == "sme"
    assert alice.registrations.count() == 2
    assert past.registrations.get().attended is True
    assert states(leipzig)[f"deleted-{alice.pk}@anonymised.invalid"] == State.CANCELLED
    assert states(leipzig)["bob@example.org"] == State.CONFIRMED
    assert sorted(Mail.objects.values_list("to", "text", "state")) == [
        ("", "", Mail.State.FAILED), ("bob@example.org", ANY, Mail.State.QUEUED)]
    with pytest.raises(RegistrationError, match="has been deleted"):
        services.participant_delete(participant=alice)


@pytest.mark.parametrize("language, subject, waitlisted", [
    ("de", "Sie sind angemeldet", "Auf der Warteliste"),
    ("es", "Está inscrito", "En la lista de espera"),
    ("it", "È iscritto", "In lista d'attesa"),
    ("bg", "Регистрирани сте", "В списъка на чакащите"),
    ("en", "You are registered", "On the waiting list"),
])
def test_mails_are_written_in_the_participants_language(series, consent, language, subject,
                                                       waitlisted):
    full = event_create(series=series, capacity=0)
    leipzig = event_create(series=series)
    alice = request(series, consent, events=[leipzig, full], language=language)

    confirm(alice)

    mail = mail_of(f"participant:{alice.pk}:confirmed:")
    assert (mail.language, mail.subject) == (language, subject)
    assert waitlisted in mail.text
    assert f"/{language}/registration/me/" in mail.text


@pytest.mark.parametrize("template", ["confirmed", "cancelled"])
def test_the_calendar_file_is_in_the_readers_language_whatever_page_they_used(consent,
                                                                               template):
    from django.utils import translation

    series = consent.series
    series.title_es = "Puentes de clústeres"
    series.save()
    event_create(series=series, title_de="Leipzig (de)", title_es="Leipzig (es)")
    with translation.override("de"):  # registered on the German page
        alice = request(series, consent, language="es")
        confirm(alice)
        if template == "cancelled":
            services.registrations_cancel_all(participant=alice)

    (attachment,) = mail_of(f"participant:{alice.pk}:{template}:").attachments.all()
    calendar = bytes(attachment.content).decode().replace("\r\n ", "")
    assert "SUMMARY:Puentes de clústeres: Leipzig (es)" in calendar
    assert "/es/series/" in calendar and "/de/" not in calendar  # the Spanish site


MAIL_TEMPLATES = sorted(path.name for path in (
    Path(__file__).resolve().parent.parent / "registrations" / "templates" / "mail").iterdir()
    if (path / "subject.txt").exists())


@pytest.mark.parametrize("variant", [False, True])  # each template's other wording
@pytest.mark.parametrize("template", MAIL_TEMPLATES)
def test_every_registration_mail_is_translated_into_each_language(template, variant):
    context = {"name": "Ana", "series_title": "SmartCT", "events": [], "confirmed": [],
               "waitlisted": [], "personal_url": "https://example.org/me/",
               "confirm_url": "https://example.org/confirm/", "pending_hours": 48,
               "for_series": variant, "today": variant, "calendar": True,
               "event": {"title": "Robots", "zone": "Europe/Sofia"}}
    english = mail_render(template=template, language="en", context=context)
    english_lines = {line.strip() for line in english[1].splitlines()
                     if len(line.strip()) > 20 and "http" not in line}

    for language in ("de", "es", "it", "bg"):
        subject, text, html = mail_render(template=template, language=language,
                                          context=context)
        assert subject != english[0], (template, language)
        assert "Hello Ana" not in text and "Hello Ana" not in html, (template, language)
        assert not english_lines & {line.strip() for line in text.splitlines()}, (
            template, language)
        assert f'<html lang="{language}">' in html


def test_mails_name_the_event_and_series_in_the_participants_language(consent):
    series = consent.series
    series.title_de, series.title_en = "Brücken zwischen Clustern", "Cluster Bridges"
    series.save()
    leipzig = event_create(series=series, title_de="Region Leipzig", title_en="Leipzig region")

    bob = request(series, consent, events=[leipzig], language="de")
    confirm(bob)

    assert "Brücken zwischen Clustern" in mail_of(f"participant:{bob.pk}:confirm-request:").text
    registered = mail_of(f"participant:{bob.pk}:confirmed:").text
    assert "Region Leipzig" in registered and "Leipzig region" not in registered
