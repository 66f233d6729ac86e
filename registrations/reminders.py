"""Reminders: a day before each event (with the agenda), an hour before online events (with
the join link), to the participants holding a seat.

`reminders_send_due` is run by the worker's sweep (registrations.tasks). It looks for what is
due now rather than scheduling mails ahead, so every reminder is re-checked when it is
written, and again when it is sent (a reminder may wait in the outbox through a mail server
outage): a cancelled or moved event or a cancelled registration gets no stale reminder. The
outbox cause names the registration and the event's start, so each reminder goes out once
per registration and event time, and a moved event is reminded of again at its new time.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Prefetch
from django.utils import formats, timezone, translation

from core.choices import choice_label
from core.db import retry_on_conflict
from events.content_language import translated_entry
from events.models import Event, Talk, TalkSpeaker
from mail.models import Mail
from registrations.mails import MAIL_TIME_FORMAT, event_item, participant_mail_queue
from registrations.models import Registration

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reminder:
    kind: str
    before: timedelta
    online_only: bool


DAY_BEFORE = Reminder(kind="day_before", before=timedelta(days=1), online_only=False)
HOUR_BEFORE = Reminder(kind="hour_before", before=timedelta(hours=1), online_only=True)
REMINDERS = (DAY_BEFORE, HOUR_BEFORE)


def reminder_cause(*, reminder: Reminder, registration: Registration, event: Event) -> str:
    return f"reminder:{reminder.kind}:{registration.pk}:{event.start.isoformat()}"


def reminder_still_wanted(cause: str, now: datetime) -> bool:
    """Whether the reminder of `cause` may still be sent at `now`: re-checked when it is
    sent, since it may wait in the outbox (a mail server outage, the worker down) while
    the registration is cancelled, the participant's data deleted, the event cancelled or
    moved, or the reminder's time passes (mail.services.mail_check_register)."""
    try:
        _prefix, kind, registration_id, start = cause.split(":", 3)
        reminder = next(reminder for reminder in REMINDERS if reminder.kind == kind)
        registration = (Registration.objects.select_related("event__series", "participant")
                        .get(pk=int(registration_id)))
    except (ValueError, StopIteration, Registration.DoesNotExist):
        return False
    event = registration.event
    return (registration.state == Registration.State.CONFIRMED
            and not registration.participant.is_anonymised
            and event.start.isoformat() == start
            and reminder in reminders_due(event=event, now=now))


def reminders_due(*, event: Event, now: datetime) -> list[Reminder]:
    """The reminders of an event that are due at `now`.

    A reminder is due from its moment (start − before) until the event starts; for an
    online or hybrid event the day-before reminder no longer once the hour-before moment
    has passed (that one covers it). The hour-before reminder is for online and hybrid
    events only, so an event on site is reminded of late rather than not at all (the
    worker was down for a day, say).
    """
    if event.status != Event.Status.PUBLISHED or not event.series.is_published:
        return []
    if event.start <= now:
        return []
    due = []
    for reminder in REMINDERS:
        if reminder.online_only and not event.is_online:
            continue
        if (reminder is DAY_BEFORE and event.is_online
                and event.start - HOUR_BEFORE.before <= now):
            continue
        if event.start - reminder.before <= now:
            due.append(reminder)
    return due


def reminders_send_due(*, now: datetime | None = None) -> int:
    """Queue every reminder that is due and not yet queued; returns how many were queued.

    Steps:
    1. list the published events of published series that start within a day;
    2. for each, the reminders due now (reminders_due) and its confirmed registrations of
       participants not anonymised, leaving out those whose reminder cause is in the outbox;
    3. queue each remaining reminder (reminder_queue), which re-checks it under a lock;
       the agenda is read once per event and language.
    """
    now = now or timezone.now()
    events = (Event.objects.published()
              .filter(start__gt=now, start__lte=now + DAY_BEFORE.before)
              .select_related("series").order_by("start", "pk"))
    queued, agendas = 0, {}
    for event in events:
        for reminder in reminders_due(event=event, now=now):
            registrations = list(event.registrations.holding_seat()
                                 .filter(participant__anonymised_at__isnull=True)
                                 .order_by("pk"))
            causes = {reminder_cause(reminder=reminder, registration=registration, event=event):
                      registration for registration in registrations}
            sent = set(Mail.objects.filter(cause__in=causes).values_list("cause", flat=True))
            for cause, registration in causes.items():
                if cause not in sent and reminder_queue(registration_id=registration.pk,
                                                        reminder=reminder, now=now,
                                                        agendas=agendas):
                    queued += 1
    return queued


@retry_on_conflict
@transaction.atomic
def reminder_queue(*, registration_id: int, reminder: Reminder, now: datetime | None = None,
                   agendas: dict | None = None) -> bool:
    """Queue one reminder if it is still due; returns whether a new mail was queued.

    `agendas` keeps the agendas read, by event, start and language, across calls.

    Steps:
    1. lock the registration and re-read it with its event and participant;
    2. give up unless the seat is still held, the participant not anonymised and the
       reminder still due for the event as it is now (status, start);
    3. give up if the outbox already holds the reminder for this registration and start;
    4. render the mail in the participant's language and queue it (sent after commit).
    """
    now = now or timezone.now()
    registration = (Registration.objects.select_for_update(no_key=True, of=("self",))
                    .select_related("event__series", "participant")
                    .filter(pk=registration_id).first())
    if registration is None or registration.state != Registration.State.CONFIRMED:
        return False
    event, participant = registration.event, registration.participant
    if participant.is_anonymised or reminder not in reminders_due(event=event, now=now):
        return False
    cause = reminder_cause(reminder=reminder, registration=registration, event=event)
    if Mail.objects.filter(cause=cause).exists():
        return False
    language = participant.language
    item = event_item(registration, language=language)  # in the participant's language
    context = {"event": item, "event_list": [item]}
    if reminder is DAY_BEFORE:  # "tomorrow", or "today" when it goes out late
        context["today"] = event.local_start.date() == now.astimezone(event.tzinfo).date()
        agendas = {} if agendas is None else agendas
        key = (event.pk, event.start, language)
        if key not in agendas:
            agendas[key] = reminder_agenda(event=event, language=language)
        context["agenda"] = agendas[key]
    participant_mail_queue(participant=participant, cause=cause,
                           template=f"reminder_{reminder.kind}", context=context,
                           series_id=event.series_id)
    logger.info("Reminder %s queued: registration %s", reminder.kind, registration.pk)
    return True


def reminder_agenda(*, event: Event, language: str) -> list[dict]:
    """The event's talks in order: times in the event's zone, title, speakers."""
    talks = event.talks.order_by("order", "pk").prefetch_related(
        Prefetch("talk_speakers", queryset=TalkSpeaker.objects.select_related("speaker")))
    agenda = []
    with translation.override(language):
        for talk in talks:
            talk: Talk
            agenda.append({
                "start": formats.time_format(talk.start.astimezone(event.tzinfo), MAIL_TIME_FORMAT),
                "end": formats.time_format(talk.end.astimezone(event.tzinfo), MAIL_TIME_FORMAT),
                **translated_entry("title", talk, "title", language=language,
                                   series_language=event.series.default_language),
                "kind": choice_label(Talk.Kind, talk.kind),
                "speakers": ", ".join(speaker.name for speaker in talk.ordered_speakers),
            })
    return agenda
