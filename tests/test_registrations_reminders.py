"""Reminders: a day before (with the agenda) and an hour before online events (with the join
link), to confirmed participants only, once per registration and event time."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import time_format

from events.models import Event
from mail.models import Mail
from registrations.models import Registration
from registrations.reminders import reminders_send_due
from tests.factories import event_create, series_create, speaker_create, talk_create
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db
State = Registration.State


@pytest.fixture
def now():
    """20:00 UTC (tomorrow, so that it is ahead of the clock): the events 10 or 20 hours
    later start on the next day in Europe, as a day-before reminder says ("tomorrow")."""
    return (timezone.now() + timedelta(days=1)).replace(hour=20, minute=0, second=0,
                                                         microsecond=0)


@pytest.fixture
def series():
    return series_create(title_en="Cluster Bridges", title_de="Cluster-Brücken")


def reminders(kind: str) -> list[Mail]:
    return list(Mail.objects.filter(cause__startswith=f"reminder:{kind}:").order_by("to"))


def test_day_before_reminder_goes_to_confirmed_participants_only_with_the_agenda(series, now):
    start = (now + timedelta(hours=20)).replace(second=0, microsecond=0)
    event = event_create(series=series, start=start, title_en="Robots in Sofia",
                         format=Event.Format.ON_SITE, time_zone="Europe/Sofia")
    talk_create(event=event, title_en="Welcome", start=start,
                speakers=[speaker_create(name="Vera Velikova")])
    talk_create(event=event, title_en="Grippers at scale", start=start + timedelta(minutes=20),
                speakers=[speaker_create(name="Bob Berger"), speaker_create(name="Ida Ivanova")])
    alice = participant_create(email="alice@example.org", name="Alice Adler")
    registration_create(participant=alice, event=event)
    for email, state in [("bob@example.org", State.WAITLISTED),
                         ("charlie@example.org", State.CANCELLED),
                         ("dora@example.org", State.PENDING)]:
        registration_create(participant=participant_create(email=email), event=event,
                            state=state, confirmed_at=now if state == State.WAITLISTED else None)

    assert reminders_send_due(now=now) == 1

    (mail,) = reminders("day_before")
    assert mail.to == "alice@example.org"
    assert mail.subject == "Tomorrow: Robots in Sofia"
    assert re.search(r"Agenda — Sofia time \(EES?T, UTC\+[23]\):", mail.text)
    welcome = mail.text.index("Welcome")
    grippers = mail.text.index("Grippers at scale")
    assert welcome < grippers
    assert "Vera Velikova" in mail.text
    assert "Bob Berger, Ida Ivanova" in mail.text
    assert "Grippers at scale<br>Bob Berger, Ida Ivanova" in mail.html
    assert reminders("hour_before") == []


def test_the_agenda_is_read_once_per_event_however_many_are_reminded(series, now):
    event = event_create(series=series, start=now + timedelta(hours=20))
    talk_create(event=event, speakers=[speaker_create()])
    for number in range(5):
        registration_create(participant=participant_create(email=f"p{number}@example.org"),
                            event=event)

    with CaptureQueriesContext(connection) as queries:
        queued = reminders_send_due(now=now)

    assert queued == 5
    talk_reads = [query for query in queries if 'FROM "events_talk"' in query["sql"]]
    assert len(talk_reads) == 1


def test_agenda_times_are_in_the_events_time_zone(series, now):
    start = (now + timedelta(hours=20)).replace(second=0, microsecond=0)
    event = event_create(series=series, start=start, time_zone="America/New_York",
                         format=Event.Format.ON_SITE)
    talk_create(event=event, title_en="Opening", start=start, duration=timedelta(minutes=30))
    registration_create(participant=participant_create(), event=event)

    reminders_send_due(now=now)

    (mail,) = reminders("day_before")
    local_start = start.astimezone(event.tzinfo)  # five or four hours behind UTC
    local_end = local_start + timedelta(minutes=30)
    with translation.override("en"):
        times = f"{time_format(local_start, 'H:i')}–{time_format(local_end, 'H:i')}"
    assert local_start.hour != start.hour
    assert re.search(r"Agenda — New York time \(E[SD]T, UTC\u2212[45]\):\n\n"
                     + re.escape(f"{times}  Opening"), mail.text)


def test_hour_before_reminder_carries_the_join_link_for_online_and_hybrid_only(series, now):
    start = now + timedelta(minutes=45)
    online = event_create(series=series, start=start, format=Event.Format.ONLINE,
                          title_en="Online talk", join_url="https://meet.example.org/online")
    hybrid = event_create(series=series, start=start, format=Event.Format.HYBRID,
                          title_en="Hybrid talk", join_url="https://meet.example.org/hybrid")
    on_site = event_create(series=series, start=start, format=Event.Format.ON_SITE,
                           title_en="On site")
    alice = participant_create(email="alice@example.org")
    for event in (online, hybrid, on_site):
        registration_create(participant=alice, event=event)

    assert reminders_send_due(now=now) == 3  # the hour before twice, the day before on site

    mails = {mail.subject: mail for mail in reminders("hour_before")}
    assert set(mails) == {"Starting in an hour: Online talk", "Starting in an hour: Hybrid talk"}
    assert "https://meet.example.org/online" in mails["Starting in an hour: Online talk"].text
    assert ('href="https://meet.example.org/hybrid"'
            in mails["Starting in an hour: Hybrid talk"].html)
    # less than an hour left: the hour reminder covers the online ones; the one on site is
    # reminded of late rather than not at all
    (late,) = reminders("day_before")
    assert late.subject == "Today: On site"
    assert "a reminder: you have a place at this event today:" in late.text


def test_running_twice_queues_each_reminder_once(series, now):
    event = event_create(series=series, start=now + timedelta(hours=10))
    registration_create(participant=participant_create(), event=event)

    assert reminders_send_due(now=now) == 1
    assert reminders_send_due(now=now + timedelta(minutes=5)) == 0

    assert len(reminders("day_before")) == 1


def test_a_moved_event_gets_a_new_reminder_at_its_new_time(series, now):
    event = event_create(series=series, start=now + timedelta(hours=10))
    registration = registration_create(participant=participant_create(), event=event)
    reminders_send_due(now=now)

    event.start += timedelta(days=1)
    event.end += timedelta(days=1)
    event.save()
    assert reminders_send_due(now=now) == 0  # not yet due at the new time
    assert reminders_send_due(now=now + timedelta(days=1)) == 1

    causes = {mail.cause for mail in reminders("day_before")}
    old_start = event.start - timedelta(days=1)
    assert causes == {f"reminder:day_before:{registration.pk}:{old_start.isoformat()}",
                      f"reminder:day_before:{registration.pk}:{event.start.isoformat()}"}


def test_a_cancelled_event_or_registration_gets_no_reminder(series, now):
    cancelled_event = event_create(series=series, start=now + timedelta(hours=10),
                                   status=Event.Status.CANCELLED)
    registration_create(participant=participant_create(), event=cancelled_event)
    event = event_create(series=series, start=now + timedelta(hours=10))
    registration = registration_create(participant=participant_create(), event=event)
    registration.state, registration.cancelled_at = State.CANCELLED, now
    registration.save()

    assert reminders_send_due(now=now) == 0
    assert Mail.objects.filter(cause__startswith="reminder:").count() == 0


def test_nothing_is_sent_before_the_reminder_is_due_or_after_the_start(series, now):
    later = event_create(series=series, start=now + timedelta(hours=25))
    started = event_create(series=series, start=now - timedelta(minutes=5))
    for event in (later, started):
        registration_create(participant=participant_create(), event=event)

    assert reminders_send_due(now=now) == 0
    assert Mail.objects.filter(cause__startswith="reminder:").count() == 0


def test_a_german_participant_gets_the_reminder_in_german(series, now):
    event = event_create(series=series, start=now + timedelta(hours=10),
                         title_de="Roboter in Sofia")
    registration_create(participant=participant_create(language="de"), event=event)

    reminders_send_due(now=now)

    (mail,) = reminders("day_before")
    assert mail.language == "de"
    assert mail.subject == "Morgen: Roboter in Sofia"
    assert "zur Erinnerung: Sie haben morgen einen Platz" in mail.text


def test_the_reminders_task_queues_due_reminders(series):
    from registrations.tasks import reminders_send_due as task

    event = event_create(series=series, start=timezone.now() + timedelta(hours=10))
    registration_create(participant=participant_create(), event=event)

    assert task.call() == 1


def test_a_reminder_waiting_in_the_outbox_is_checked_again_when_it_is_sent(series, now,
                                                                          mailoutbox):
    """A reminder may wait (a mail server outage, the worker down) while the registration
    is cancelled, the data deleted, the event moved or cancelled: it is withdrawn then."""
    from mail.services import mail_send
    from orga.services.events import event_cancel
    from registrations.services import participant_delete, registration_cancel

    event = event_create(series=series, start=now + timedelta(hours=10))
    moved = event_create(series=series, start=now + timedelta(hours=10))
    cancelled = event_create(series=series, start=now + timedelta(hours=10))
    kept, withdrawn_registration, deleted = (
        registration_create(participant=participant_create(email=f"{name}@example.org"),
                            event=event) for name in ("kept", "cancels", "deletes"))
    registration_create(participant=participant_create(email="moved@example.org"), event=moved)
    registration_create(participant=participant_create(email="gone@example.org"),
                        event=cancelled)
    assert reminders_send_due(now=now) == 5

    registration_cancel(registration=withdrawn_registration)
    participant_delete(participant=deleted.participant)
    moved.start += timedelta(hours=2)
    moved.end += timedelta(hours=2)
    moved.save()
    event_cancel(event=cancelled)
    later = now + timedelta(minutes=30)
    states = {mail.to: mail_send(mail_id=mail.pk, now=later) for mail in reminders("day_before")}

    assert states == {"kept@example.org": Mail.State.SENT,
                      "cancels@example.org": Mail.State.WITHDRAWN,
                      "moved@example.org": Mail.State.WITHDRAWN,
                      "gone@example.org": Mail.State.WITHDRAWN,
                      "": None}  # the deleted participant's mails were anonymised and dropped
    assert [message.to for message in mailoutbox if "Tomorrow" in message.subject] == [
        ["kept@example.org"]]


def test_a_reminder_late_for_its_moment_is_withdrawn_not_sent(series, now, mailoutbox):
    """Retried after a long outage: the day-before reminder no longer in the last hour
    (an online event has its hour-before reminder then), no reminder after the start."""
    from mail.services import mail_send, mails_send_due

    online = event_create(series=series, start=now + timedelta(hours=10),
                          format=Event.Format.ONLINE, join_url="https://meet.example.org/a")
    registration_create(participant=participant_create(email="ada@example.org"), event=online)
    reminders_send_due(now=now)
    reminders_send_due(now=now + timedelta(hours=9, minutes=30))
    day, hour = reminders("day_before")[0], reminders("hour_before")[0]

    assert mail_send(mail_id=day.pk, now=now + timedelta(hours=9, minutes=30)) == (
        Mail.State.WITHDRAWN)
    assert mails_send_due(now=now + timedelta(hours=10, minutes=1)) == 0
    hour.refresh_from_db()
    assert hour.state == Mail.State.WITHDRAWN
    assert mailoutbox == []


@pytest.mark.parametrize("sent_at, subject", [
    ("2031-03-10T20:00+00:00", "Tomorrow: Robots in Berlin"),
    ("2031-03-10T23:30+00:00", "Today: Robots in Berlin"),  # 00:30 in Berlin: the same day
])
def test_the_day_before_reminder_says_today_when_it_goes_out_late(series, sent_at, subject):
    from datetime import datetime

    start = datetime.fromisoformat("2031-03-11T08:00+00:00")  # 09:00 in Berlin
    event = event_create(series=series, start=start, title_en="Robots in Berlin",
                         format=Event.Format.ON_SITE, time_zone="Europe/Berlin")
    registration_create(participant=participant_create(), event=event)

    reminders_send_due(now=datetime.fromisoformat(sent_at))

    (mail,) = reminders("day_before")
    assert mail.subject == subject
