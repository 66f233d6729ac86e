"""The organiser's admin keeps the platform's rules: seats, personal data, consent, times."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from events.models import Event, Talk
from mail.models import Mail
from registrations.models import Consent, ConsentText, Participant, Registration
from tests.factories import event_create, series_create, talk_create
from tests.test_admin_and_models import _FormFields, admin_change, admin_submit
from tests.test_registrations_factories import (
    consent_text_create,
    participant_create,
    registration_create,
)

pytestmark = pytest.mark.django_db


def form_fields(client, url: str) -> dict[str, list[str]]:
    """The fields of the form at `url` as a browser would submit them."""
    fields = _FormFields()
    fields.feed(client.get(url).content.decode())
    return fields.data


# Registrations


def test_admin_cancel_action_gives_the_seat_to_the_waiting_list(organiser_client):
    event = event_create(series=series_create(), capacity=1)
    alice = participant_create(email="alice@example.org")
    bob = participant_create(email="bob@example.org")
    seat = registration_create(participant=alice, event=event)
    waiting = registration_create(participant=bob, event=event,
                                  state=Registration.State.WAITLISTED)

    response = organiser_client.post(reverse("admin:registrations_registration_changelist"),
                                     {"action": "cancel", "_selected_action": [seat.pk]},
                                     follow=True)

    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert (seat.state, waiting.state) == (Registration.State.CANCELLED,
                                           Registration.State.CONFIRMED)
    assert Mail.objects.filter(to="bob@example.org",
                               cause__startswith=f"registration:{waiting.pk}:promoted:").exists()
    assert Mail.objects.filter(to="alice@example.org",
                               cause__startswith=f"registration:{seat.pk}:cancelled:").exists()
    assert "1 registration was cancelled." in response.content.decode()


def test_admin_cannot_move_a_registration_to_a_full_event(organiser_client):
    series = series_create()
    leipzig, sofia = event_create(series=series), event_create(series=series, capacity=1)
    registration_create(participant=participant_create(), event=sofia)
    moving = registration_create(participant=participant_create(), event=leipzig)
    url = reverse("admin:registrations_registration_change", args=[moving.pk])

    assert "event" not in form_fields(organiser_client, url)
    admin_change(organiser_client, moving, event=sofia.pk, participant=participant_create().pk)

    moving.refresh_from_db()
    assert (moving.event, moving.state) == (leipzig, Registration.State.CONFIRMED)
    assert sofia.registrations.holding_seat().count() == 1


def test_admin_neither_adds_nor_deletes_registrations(organiser_client):
    registration = registration_create(participant=participant_create(),
                                       event=event_create(series=series_create()))

    delete = organiser_client.post(
        reverse("admin:registrations_registration_delete", args=[registration.pk]),
        {"post": "yes"})
    add = organiser_client.get(reverse("admin:registrations_registration_add"))
    changelist = organiser_client.get(reverse("admin:registrations_registration_changelist"))

    assert (delete.status_code, add.status_code) == (403, 403)
    assert Registration.objects.filter(pk=registration.pk).exists()
    assert 'value="delete_selected"' not in changelist.content.decode()
    assert 'value="cancel"' in changelist.content.decode()


# Participants


def test_admin_deletes_personal_data_and_the_waiting_list_moves_up(organiser_client):
    event = event_create(series=series_create(), capacity=1)
    alice = participant_create(email="alice@example.org", name="Alice Adler")
    bob = participant_create(email="bob@example.org")
    seat = registration_create(participant=alice, event=event)
    waiting = registration_create(participant=bob, event=event,
                                  state=Registration.State.WAITLISTED)

    changelist = reverse("admin:registrations_participant_changelist")
    chosen = {"action": "delete_personal_data", "_selected_action": [alice.pk]}

    asked = organiser_client.post(changelist, chosen).content.decode()
    alice.refresh_from_db()
    assert "will be deleted for good" in asked and "alice@example.org" in asked
    assert alice.anonymised_at is None  # nothing happens before the confirmation
    organiser_client.post(changelist, chosen | {"post": "yes"})

    alice.refresh_from_db()
    assert (alice.name, alice.email) == ("", f"deleted-{alice.pk}@anonymised.invalid")
    assert alice.anonymised_at is not None
    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert (seat.state, waiting.state) == (Registration.State.CANCELLED,
                                           Registration.State.CONFIRMED)
    assert Mail.objects.filter(to="bob@example.org",
                               cause__startswith=f"registration:{waiting.pk}:promoted:").exists()


def test_admin_refuses_to_delete_a_participant(organiser_client):
    alice = participant_create()

    response = organiser_client.post(
        reverse("admin:registrations_participant_delete", args=[alice.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Participant.objects.filter(pk=alice.pk, anonymised_at__isnull=True).exists()


# Consent texts


def test_admin_keeps_an_agreed_consent_text_as_it_was(organiser_client):
    series = series_create()
    agreed = consent_text_create(series=series, version=1, text_en="We keep your data.")
    Consent.objects.create(participant=participant_create(), text=agreed,
                           given_at=datetime(2030, 1, 1, tzinfo=UTC))
    url = reverse("admin:registrations_consenttext_change", args=[agreed.pk])

    page = organiser_client.get(url).content.decode()
    admin_submit(organiser_client, url, text_en="We sell your data.", version="7")
    delete = organiser_client.post(
        reverse("admin:registrations_consenttext_delete", args=[agreed.pk]), {"post": "yes"})

    assert "We keep your data." in page and 'name="text_en"' not in page
    agreed.refresh_from_db()
    assert (agreed.version, agreed.text_en) == (1, "We keep your data.")
    assert delete.status_code == 403
    assert ConsentText.objects.filter(pk=agreed.pk).exists()


def test_admin_edits_a_consent_text_nobody_agreed_to_yet(organiser_client):
    draft = consent_text_create(series=series_create(), version=2)

    admin_change(organiser_client, draft, text_en="The new notice.")

    draft.refresh_from_db()
    assert draft.text_en == "The new notice."


# Times in the event's zone


def test_admin_reads_and_shows_event_times_in_the_event_zone(organiser_client):
    series = series_create()

    admin_submit(organiser_client, reverse("admin:events_event_add"), series=series.pk,
                 slug="sofia", title_en="Sofia", time_zone="Europe/Sofia",
                 start_0="2031-01-15", start_1="10:00:00", end_0="2031-01-15",
                 end_1="12:00:00", registration_opens_0="2030-12-01",
                 registration_opens_1="09:00:00", registration_closes_0="2031-01-14",
                 registration_closes_1="18:00:00")

    sofia = Event.objects.get(slug="sofia")
    assert (sofia.start, sofia.end, sofia.registration_opens, sofia.registration_closes) == (
        datetime(2031, 1, 15, 8, 0, tzinfo=UTC), datetime(2031, 1, 15, 10, 0, tzinfo=UTC),
        datetime(2030, 12, 1, 7, 0, tzinfo=UTC), datetime(2031, 1, 14, 16, 0, tzinfo=UTC))
    url = reverse("admin:events_event_change", args=[sofia.pk])
    shown = form_fields(organiser_client, url)
    assert (shown["start_1"], shown["registration_closes_1"]) == (["10:00"], ["18:00"])
    page = organiser_client.get(url).content.decode()
    assert "In the time zone of the event: Sofia." in page
    # the browser's own inputs: the admin's would note the server's zone and offer its "Now"
    assert 'type="date" name="start_0"' in page and 'type="time" name="start_1"' in page
    assert "vDateField" not in page

    admin_change(organiser_client, sofia, start_0="2031-07-15", end_0="2031-07-15")

    sofia.refresh_from_db()
    assert sofia.start == datetime(2031, 7, 15, 7, 0, tzinfo=UTC)  # summer time
    assert form_fields(organiser_client, url)["start_1"] == ["10:00"]


def test_admin_refuses_a_time_the_clocks_skip_in_the_event_zone(organiser_client):
    event = event_create(series=series_create(), time_zone="Europe/Sofia",
                         start=datetime(2031, 3, 29, 8, 0, tzinfo=UTC))
    url = reverse("admin:events_event_change", args=[event.pk])

    response = admin_submit(organiser_client, url, expect=200, start_0="2031-03-30",
                            start_1="03:30:00", end_0="2031-03-30", end_1="12:00:00")

    assert ("This time is skipped or repeated in Sofia when the clocks change."
            in response.content.decode())
    event.refresh_from_db()
    assert event.start == datetime(2031, 3, 29, 8, 0, tzinfo=UTC)


def test_admin_reads_talk_times_in_the_event_zone(organiser_client):
    event = event_create(series=series_create(), time_zone="Europe/Sofia",
                         start=datetime(2031, 1, 15, 8, 0, tzinfo=UTC))  # 10:00–13:00 there
    talk = talk_create(event=event)
    url = reverse("admin:events_event_change", args=[event.pk])
    assert form_fields(organiser_client, url)["talks-0-start_1"] == ["10:00"]

    admin_submit(organiser_client, url, **{"talks-0-start_1": "10:40:00"})
    talk.refresh_from_db()
    assert talk.start == datetime(2031, 1, 15, 8, 40, tzinfo=UTC)

    admin_change(organiser_client, talk, start_1="11:00:00")
    talk.refresh_from_db()
    assert talk.start == datetime(2031, 1, 15, 9, 0, tzinfo=UTC)


def test_admin_reads_the_talks_of_a_new_event_in_the_zone_chosen_for_it(organiser_client):
    series = series_create()

    admin_submit(organiser_client, reverse("admin:events_event_add"), series=series.pk,
                 slug="sofia", title_en="Sofia", time_zone="Europe/Sofia",
                 start_0="2031-01-15", start_1="10:00:00", end_0="2031-01-15",
                 end_1="12:00:00", **{
                     "talks-TOTAL_FORMS": 1, "talks-0-order": 1, "talks-0-kind": "talk",
                     "talks-0-start_0": "2031-01-15", "talks-0-start_1": "10:20:00",
                     "talks-0-duration": "00:20:00", "talks-0-title_en": "Welcome"})

    talk = Talk.objects.get(event__slug="sofia")
    assert talk.start == datetime(2031, 1, 15, 8, 20, tzinfo=UTC)


def test_admin_lists_event_and_talk_starts_in_the_event_zone(organiser_client):
    event = event_create(series=series_create(), time_zone="Europe/Sofia",
                         start=datetime(2031, 1, 15, 8, 0, tzinfo=UTC))
    talk_create(event=event)

    events = organiser_client.get(reverse("admin:events_event_changelist")).content.decode()
    talks = organiser_client.get(reverse("admin:events_talk_changelist")).content.decode()

    assert '<td class="field-local_start">01/15/2031 10 a.m. (Europe/Sofia)</td>' in events
    assert '<td class="field-local_start">01/15/2031 10 a.m. (Europe/Sofia)</td>' in talks


def test_admin_deletes_only_events_nobody_registered_for(organiser_client):
    """Registrations may not be deleted, and so neither may an event that has some."""
    series = series_create()
    draft = event_create(series=series, status=Event.Status.DRAFT)
    held = event_create(series=series)
    registration_create(participant=participant_create(), event=held)

    refused = organiser_client.post(reverse("admin:events_event_delete", args=[held.pk]),
                                    {"post": "yes"})
    for event in (held, draft):  # the first refused: its registrations may not be deleted
        organiser_client.post(reverse("admin:events_event_changelist"), {
            "action": "delete_selected", "_selected_action": [event.pk], "post": "yes"})

    assert refused.status_code == 403
    assert list(Event.objects.filter(series=series)) == [held]
    assert held.registrations.count() == 1


def test_admin_shows_series_registrations_without_changing_them(organiser_client):
    from registrations.models import SeriesRegistration
    from tests.test_registrations_factories import series_registration_create

    series_registration = series_registration_create(participant=participant_create(),
                                                     series=series_create())
    url = reverse("admin:registrations_seriesregistration_change",
                  args=[series_registration.pk])

    assert organiser_client.get(url).status_code == 200
    assert organiser_client.post(url, {}).status_code == 403
    assert organiser_client.post(
        reverse("admin:registrations_seriesregistration_delete", args=[series_registration.pk]),
        {"post": "yes"}).status_code == 403
    assert SeriesRegistration.objects.filter(pk=series_registration.pk).exists()


def test_admin_keeps_a_cancelled_event_cancelled(organiser_client):
    series = series_create()
    cancelled = event_create(series=series, status=Event.Status.CANCELLED)
    url = reverse("admin:events_event_change", args=[cancelled.pk])

    response = admin_submit(organiser_client, url, expect=200, status=Event.Status.PUBLISHED)
    organiser_client.post(reverse("admin:events_event_changelist"), {
        "action": "publish", "_selected_action": [cancelled.pk]})

    assert "A cancelled event cannot be opened again." in response.content.decode()
    cancelled.refresh_from_db()
    assert cancelled.status == Event.Status.CANCELLED
