"""The organiser's admin for every model, and the database's invariants."""

from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from events.models import Event
from mail.models import Mail
from registrations.models import Registration
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
from tests.test_registrations_factories import (
    participant_create,
    registration_create,
    series_registration_create,
)

pytestmark = pytest.mark.django_db


def test_admin_lists_and_edits_every_model(organiser_client):
    series = series_create()
    event = event_create(series=series, region=region_create(series=series))
    talk = talk_create(event=event, speakers=[speaker_create()])
    objects = [series, event, talk, theme_create(series=series), report_create(series=series),
               organisation_create(), speaker_create(), event.region]

    for obj in objects:
        meta = obj._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        assert organiser_client.get(changelist + "?q=x").status_code == 200, changelist
        response = organiser_client.get(change)
        assert response.status_code == 200, change
        assert str(obj) in response.content.decode()


def test_admin_edits_talks_inline_in_their_event(organiser_client):
    event = event_create(series=series_create())
    talk_create(event=event, title_en="Opening keynote")

    page = organiser_client.get(reverse("admin:events_event_change", args=[event.pk]))

    assert 'name="talks-0-title_en"' in page.content.decode()
    assert "Opening keynote" in page.content.decode()


def test_admin_publish_action_publishes_drafts(organiser_client):
    event = event_create(series=series_create(), status=Event.Status.DRAFT)

    organiser_client.post(reverse("admin:events_event_changelist"),
                          {"action": "publish", "_selected_action": [event.pk]})

    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


class _FormFields(HTMLParser):
    """What a browser would submit from the admin's change form, as it stands."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            checkable = attrs.get("type") in ("checkbox", "radio")
            if checkable and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value", "on" if checkable else ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data


def admin_change(client, obj, **changes):
    """Open the object's change form in the admin, change some fields, save."""
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    admin_submit(client, url, **changes)


def admin_submit(client, url, *, expect: int = 302, **changes):
    fields = _FormFields()
    fields.feed(client.get(url).content.decode())
    data = fields.data | {name: [str(value)] for name, value in changes.items()}
    response = client.post(url, data)
    assert response.status_code == expect, response.context["adminform"].form.errors
    return response


def test_admin_form_changes_status_and_capacity_through_the_services(organiser_client):
    series = series_create()
    leipzig = event_create(series=series, capacity=1)
    alice, bob = (participant_create(email=f"{name}@example.org") for name in ("alice", "bob"))
    registration_create(participant=alice, event=leipzig)
    registration_create(participant=bob, event=leipzig, state=Registration.State.WAITLISTED)
    charlie = participant_create(email="charlie@example.org")
    series_registration_create(participant=charlie, series=series)
    sofia = event_create(series=series, status=Event.Status.DRAFT)

    admin_change(organiser_client, leipzig, capacity=2)
    admin_change(organiser_client, sofia, status=Event.Status.PUBLISHED)

    assert leipzig.registrations.get(participant=bob).state == Registration.State.CONFIRMED
    assert Mail.objects.filter(to="bob@example.org", cause__contains=":promoted:").exists()
    assert sofia.registrations.get(participant=charlie).state == Registration.State.CONFIRMED

    dave = participant_create(email="dave@example.org")
    registration_create(participant=dave, event=leipzig, state=Registration.State.WAITLISTED)
    admin_change(organiser_client, leipzig, status=Event.Status.CANCELLED, title_en="Leipzig!",
                 capacity=5)

    leipzig.refresh_from_db()
    assert (leipzig.status, leipzig.title_en, leipzig.capacity) == (
        Event.Status.CANCELLED, "Leipzig!", 5)
    assert not Mail.objects.filter(to="dave@example.org", cause__contains=":promoted:").exists()
    assert set(leipzig.registrations.values_list("state", flat=True)) == {
        Registration.State.CANCELLED}
    assert Mail.objects.filter(cause__contains=":event-cancelled").count() == 3


def test_admin_form_adding_a_published_event_grows_the_series(organiser_client):
    series = series_create()
    charlie = participant_create(email="charlie@example.org")
    series_registration_create(participant=charlie, series=series)

    admin_submit(organiser_client, reverse("admin:events_event_add"), series=series.pk,
                 slug="sofia", title_en="Sofia", time_zone="Europe/Sofia",
                 start_0="2030-05-04", start_1="10:00:00", end_0="2030-05-04",
                 end_1="12:00:00", status=Event.Status.PUBLISHED)

    sofia = Event.objects.get(slug="sofia")
    assert sofia.status == Event.Status.PUBLISHED
    assert sofia.registrations.get(participant=charlie).state == Registration.State.CONFIRMED


def test_admin_refuses_a_talk_outside_its_event(organiser_client):
    event = event_create(series=series_create(), time_zone="Europe/Berlin",
                         start=datetime(2031, 5, 4, 8, 0, tzinfo=UTC))  # 10:00–13:00 there
    talk = talk_create(event=event, title_en="Opening")
    url = reverse("admin:events_event_change", args=[event.pk])

    response = admin_submit(organiser_client, url, expect=200, **{
        "talks-0-start_0": "2031-05-04", "talks-0-start_1": "12:50:00"})

    assert "A talk must lie within its event: " in response.content.decode()
    assert "13:00 (Berlin)." in response.content.decode()  # the zone by its city
    organiser_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"  # a German organiser
    german = admin_submit(organiser_client, url, expect=200,
                          **{"talks-0-start_0": "04.05.2031", "talks-0-start_1": "14:00:00"})
    assert "Ein Vortrag muss innerhalb seiner Veranstaltung liegen: " in german.content.decode()
    talk.refresh_from_db()
    assert talk.start == event.start


def test_admin_needs_a_staff_login(client):
    response = client.get(reverse("admin:events_event_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_event_must_end_after_it_starts():
    event = event_create(series=series_create())
    event.end = event.start - timedelta(minutes=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_talk_order_is_unique_per_event():
    event = event_create(series=series_create())
    talk_create(event=event, order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        talk_create(event=event, order=1)
    talk_create(event=event_create(series=event.series), order=1)  # another event: fine


def test_talk_needs_a_positive_duration():
    event = event_create(series=series_create())
    with pytest.raises(IntegrityError), transaction.atomic():
        talk_create(event=event, duration=timedelta(0))


def test_event_slug_is_unique_per_series():
    series = series_create()
    event_create(series=series, slug="leipzig")
    with pytest.raises(IntegrityError), transaction.atomic():
        event_create(series=series, slug="leipzig")
    event_create(series=series_create(), slug="leipzig")
