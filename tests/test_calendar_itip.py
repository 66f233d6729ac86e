"""Calendar entries in mails are iTIP messages mail programs apply (RFC 5546, RFC 6047): a
place is a REQUEST, a cancellation — by the participant or of the event by its organisers —
a CANCEL of the same UID with a higher SEQUENCE, and a later registration outranks the
cancellation. Each names its method in its Content-Type; downloads are PUBLISH."""

import email
import email.policy

import pytest
from icalendar import Calendar

from events.calendars import Method
from events.models import Event
from mail.models import Mail
from mail.services import mail_message, mail_send
from orga.services.events import event_cancel
from registrations import services
from registrations.models import Registration
from tests.factories import event_create, series_create
from tests.test_registrations_factories import consent_text_create, participant_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://events.example.org"
    settings.DEFAULT_FROM_EMAIL = "Cluster Bridges <events@example.org>"


def register(series, events, *, email="ivana@example.org"):
    participant = services.registration_request(
        series=series, consent=series.consent_texts.first() or consent_text_create(series=series),
        events=events,
        data=participant_data(email=email, name="Ivana Petrova", language="bg"))
    participant.refresh_from_db()
    services.registration_confirm(participant_id=participant.pk, nonce=participant.confirm_nonce)
    return participant


def entries(mail: Mail) -> list[tuple[str, str, dict]]:
    """Each calendar attachment of a mail: its Content-Type, its method, and its one VEVENT."""
    found = []
    for attachment in mail.attachments.all():
        calendar = Calendar.from_ical(bytes(attachment.content))
        (vevent,) = calendar.walk("VEVENT")
        found.append((attachment.content_type, str(calendar["METHOD"]), vevent))
    return found


def last_mail(cause_part: str) -> Mail:
    return Mail.objects.filter(cause__contains=cause_part).order_by("pk").last()


def test_cancelling_sends_a_cancel_of_the_same_entry_and_a_new_registration_outranks_it():
    series = series_create(title_en="Cluster Bridges")
    sofia = event_create(series=series, title_en="Robots in Sofia", time_zone="Europe/Sofia")
    participant = register(series, [sofia])
    assert last_mail(":confirm-request:").attachments.count() == 0  # no seat claimed yet

    ((content_type, method, seat),) = entries(last_mail(":confirmed:"))
    assert content_type == "text/calendar; charset=utf-8; method=REQUEST"
    assert method == Method.REQUEST
    assert str(seat["UID"]) == f"event-{sofia.pk}@events.example.org"
    assert str(seat["STATUS"]) == "CONFIRMED"
    assert str(seat["ORGANIZER"]) == "mailto:events@example.org"
    assert str(seat["ATTENDEE"]) == "mailto:ivana@example.org"
    assert seat["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"

    registration = Registration.objects.get(participant=participant, event=sofia)
    services.registration_cancel(registration=registration)

    ((content_type, method, cancel),) = entries(last_mail(f"registration:{registration.pk}"
                                                          ":cancelled:"))
    assert content_type == "text/calendar; charset=utf-8; method=CANCEL"
    assert method == Method.CANCEL
    assert str(cancel["UID"]) == str(seat["UID"])
    assert str(cancel["STATUS"]) == "CANCELLED"
    assert cancel["SEQUENCE"] > seat.get("SEQUENCE", 0)

    register(series, [sofia])  # changed their mind

    ((content_type, method, again),) = entries(last_mail(":confirmed:"))
    assert method == Method.REQUEST and str(again["STATUS"]) == "CONFIRMED"
    assert str(again["UID"]) == str(seat["UID"])
    assert again["SEQUENCE"] > cancel["SEQUENCE"]


def test_an_event_cancelled_by_its_organisers_cancels_the_entry_in_the_mail_sent():
    series = series_create()
    sofia = event_create(series=series, time_zone="Europe/Sofia")
    register(series, [sofia])
    ((_type, _method, seat),) = entries(last_mail(":confirmed:"))

    event_cancel(event=sofia)
    mail = last_mail(":event-cancelled")
    assert mail_send(mail_id=mail.pk) == Mail.State.SENT  # rendered when sent

    ((content_type, method, cancel),) = entries(mail)
    assert (content_type, method) == ("text/calendar; charset=utf-8; method=CANCEL", "CANCEL")
    assert str(cancel["UID"]) == str(seat["UID"]) and str(cancel["STATUS"]) == "CANCELLED"
    assert cancel["SEQUENCE"] > seat.get("SEQUENCE", 0)
    # The sent message names the method in the part's Content-Type, for mail programs.
    raw = mail_message(mail=Mail.objects.get(pk=mail.pk)).message().as_bytes()
    (part,) = email.message_from_bytes(raw, policy=email.policy.default).iter_attachments()
    assert part.get_content_type() == "text/calendar" and part.get_param("method") == "CANCEL"


def test_a_waiting_list_place_is_tentative_and_the_promotion_outranks_it():
    series = series_create()
    full = event_create(series=series, capacity=1)
    holder = register(series, [full], email="first@example.org")
    register(series, [full], email="second@example.org")

    ((_type, method, waiting),) = entries(last_mail(":confirmed:"))
    assert method == Method.REQUEST
    assert str(waiting["STATUS"]) == "TENTATIVE"
    assert waiting["ATTENDEE"].params["PARTSTAT"] == "TENTATIVE"
    assert "meet.example.org" not in waiting.to_ical().decode()  # no seat, no join link

    services.registration_cancel(registration=Registration.objects.get(participant=holder))
    promoted = last_mail(":promoted:")
    assert mail_send(mail_id=promoted.pk) == Mail.State.SENT

    ((_type, method, seat),) = entries(promoted)
    assert method == Method.REQUEST and str(seat["STATUS"]) == "CONFIRMED"
    assert str(seat["UID"]) == str(waiting["UID"])
    assert seat["SEQUENCE"] > waiting["SEQUENCE"]


def test_downloads_are_published_copies_with_the_sites_uids(client):
    series = series_create()
    sofia = event_create(series=series, slug="sofia", status=Event.Status.PUBLISHED)

    response = client.get(f"/en/series/{series.slug}/calendar.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8; method=PUBLISH"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{sofia.pk}@events.example.org"
    assert "ATTENDEE" not in vevent
