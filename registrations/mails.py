"""The mails of a registration's life, one function per kind, in the reader's language.

Each writes the outbox row through mail_queue in the caller's transaction (see services);
the many mails of one change to an event are written to be rendered by the sender
(mails_registration_deferred).
"""

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core import local_forms
from core.choices import choice_label
from core.i18n import url_language
from events.calendars import calendar_content_type
from events.content_language import translated, translated_entry
from events.models import Event, Series
from mail.services import (
    Attachment,
    DeferredMail,
    MailContent,
    mail_queue,
    mails_queue_deferred,
)
from registrations import links
from registrations.calendars import (
    calendar_sequence_next,
    registration_message,
    registration_method,
    shows_join_link,
)
from registrations.models import Participant, Registration

State = Registration.State
# Agenda times in mails: 24-hour in every language (an international audience), as
# clustermeet/formats writes them on the pages.
MAIL_TIME_FORMAT = "H:i"


def stamp(moment: datetime) -> str:
    """A moment as it appears in a mail's cause key."""
    return str(int(moment.timestamp() * 1_000_000))


def event_item(registration: Registration, *, language: str) -> dict:
    """What a mail says about one registration, formatted in the reader's language."""
    event = registration.event
    with translation.override(language):
        when = local_forms.when(event.start, event.end, event.time_zone)
        item = {
            # texts in the reader's language or marked with their own (content_language)
            **translated_entry("title", event, "title", language=language),
            **translated_entry("series", event.series, "title", language=language),
            "when": f"{when.start}–{when.end}", "zone": when.zone, "state": registration.state,
            "state_label": choice_label(State, registration.state),
            "format": choice_label(Event.Format, event.format),
            "join_url": event.join_url if shows_join_link(registration) else "",
        }
        with translation.override(url_language(language)):
            item["url"] = settings.SITE_URL + event.get_absolute_url()
    return item


def calendar_attachments(registrations: Sequence[Registration], *, participant: Participant,
                         name: Callable[[], str]) -> list[Attachment]:
    """One calendar message per registration that has one (registrations.calendars:
    REQUEST for a seat or a waiting-list place, CANCEL for a cancelled one), each in a file
    of its own (one UID per iTIP message) named after its series and event, in the reader's language
    (`name` is read in it too). Counts up the registrations' calendar sequence: call it in
    the transaction that queues the mail."""
    with translation.override(participant.language):
        calendar_name = name()
        numbers = calendar_sequence_next([registration for registration in registrations
                                          if registration_method(registration)])
        attachments = []
        for registration in registrations:
            if registration.pk not in numbers:
                continue
            method, content = registration_message(
                registration, participant=participant, name=calendar_name,
                sequence=numbers[registration.pk])
            event = registration.event
            attachments.append(Attachment(filename=f"{event.series.slug}-{event.slug}.ics",
                                          content=content,
                                          content_type=calendar_content_type(method)))
    return attachments


def series_id_of(registrations: Sequence[Registration]) -> int | None:
    """The series a mail about these registrations belongs to (its outbox in the
    workspace): theirs when they are all of one, else none."""
    series_ids = {registration.event.series_id for registration in registrations}
    return series_ids.pop() if len(series_ids) == 1 else None


def participant_personal(participant: Participant, extra: dict | None = None) -> dict:
    """What only this participant's mail says: name and personal link (and `extra`)."""
    return ({"name": participant.name,
             "personal_url": links.personal_url(participant=participant)} | (extra or {}))


def participant_mail_queue(*, participant: Participant, cause: str, template: str, context: dict,
           attachments: Sequence[Attachment] = (), personal: dict | None = None,
           series_id: int | None = None) -> None:
    """Queue a mail to the participant: `context` is what it says of events and series,
    `personal` what only this participant's mail says (name and personal link added);
    `series_id` the series it is about, if one."""
    mail_queue(cause=cause, to=participant.email, language=participant.language,
               template=template, attachments=attachments, context=context,
               personal=participant_personal(participant, personal), series_id=series_id)


def mail_confirm_request(*, participant: Participant, registrations: Sequence[Registration],
                          series: Series) -> None:
    language = participant.language
    participant_mail_queue(participant=participant, template="registration_confirm_request",
           cause=f"participant:{participant.pk}:confirm-request:{participant.confirm_nonce}",
           personal={"confirm_url": links.confirm_url(participant=participant)},
           series_id=series.pk,
           context={**translated_entry("series_title", series, "title", language=language),
                    "pending_hours": settings.REGISTRATION_PENDING_HOURS,
                    "events": [event_item(item, language=language) for item in registrations]})


def registered_content(*, participant: Participant, registrations: Sequence[Registration],
                       template: str = "registration_registered") -> MailContent:
    """The 'registered' mail (and its kinds 'promoted', 'event added'): seats, waiting-list
    places, the calendar file with the join links of the seats at online events."""
    language = participant.language
    items = [event_item(item, language=language) for item in registrations]
    attachments = calendar_attachments(registrations, participant=participant,
                                       name=lambda: "clustermeet")
    return MailContent(
        template=template, attachments=attachments,
        personal=participant_personal(participant),
        context={"events": items,
                 "confirmed": [item for item in items if item["state"] == State.CONFIRMED],
                 "waitlisted": [item for item in items if item["state"] == State.WAITLISTED],
                 # nothing placed: no event open yet (or any more) for this registration
                 "for_series": not items and participant.series_registrations.filter(
                     confirmed_at__isnull=False, cancelled_at__isnull=True).exists(),
                 "calendar": bool(attachments)})


def mail_registered(*, participant: Participant, registrations: Sequence[Registration],
                     cause: str, template: str = "registration_registered") -> None:
    if participant.is_anonymised:
        return
    content = registered_content(participant=participant, registrations=registrations,
                                 template=template)
    mail_queue(cause=cause, to=participant.email, language=participant.language,
               template=content.template, context=content.context,
               attachments=content.attachments, personal=content.personal,
               series_id=series_id_of(registrations))


def mail_cancelled(*, participant: Participant, registrations: Sequence[Registration],
                    cause: str) -> None:
    if participant.is_anonymised:
        return
    language = participant.language
    participant_mail_queue(participant=participant, template="registration_cancelled", cause=cause,
           context={"events": [event_item(item, language=language) for item in registrations]},
           series_id=series_id_of(registrations),
           attachments=calendar_attachments(registrations, participant=participant,
                                            name=lambda: "clustermeet"))


def event_cancelled_content(*, participant: Participant,
                            registration: Registration) -> MailContent:
    """The organisers cancelled the event; the calendar message cancels its entry."""
    return MailContent(
        template="registration_event_cancelled", personal=participant_personal(participant),
        context={"events": [event_item(registration, language=participant.language)]},
        attachments=calendar_attachments([registration], participant=participant,
                                         name=lambda: translated(registration.event.series,
                                                                 "title").text))


def mail_personal_link(*, participant: Participant, now: datetime) -> None:
    participant_mail_queue(participant=participant, template="participant_link",
           cause=f"participant:{participant.pk}:link:{stamp(now)}",
           context={"max_age_days": settings.PERSONAL_LINK_MAX_AGE_DAYS})


def mail_registration_refused(*, to: str, name: str, language: str, series: Series,
                              reason: str, cause: str) -> None:
    """A registration the worker could no longer take (registration closed, or the privacy
    notice changed, after the form was sent): why, and where to register again. Written to
    the address as entered, which may belong to nobody yet; `reason` is in `language`."""
    with translation.override(url_language(language)):
        register_url = settings.SITE_URL + reverse("registrations:register",
                                                   kwargs={"series": series.slug})
    mail_queue(cause=cause, to=to, language=language, template="registration_refused",
               context={**translated_entry("series_title", series, "title",
                                           language=language),
                        "reason": reason, "register_url": register_url},
               personal={"name": name}, series_id=series.pk)


# Mails of one registration, many at once under the locks of an event's change (the series
# grew by it, it was cancelled, seats freed up): written as what to render, rendered by the
# sender (mail.services.mails_queue_deferred) as the functions above render them.
REGISTRATION_MAIL = "registration"
REGISTRATION_TEMPLATES = ("registration_event_added", "registration_promoted",
                          "registration_event_cancelled")


def mails_registration_deferred(*, registrations: Sequence[Registration], template: str,
                                cause: str) -> None:
    """Queue one of REGISTRATION_TEMPLATES about each registration (its participant loaded),
    in its state of now, to be rendered when it is sent; the cause of each is
    `registration:<id>:<cause>`. Nothing to participants whose data was deleted."""
    if not registrations:
        return
    mails_queue_deferred(series_id=series_id_of(registrations), mails=[
        DeferredMail(cause=f"registration:{registration.pk}:{cause}",
                     to=registration.participant.email,
                     language=registration.participant.language, kind=REGISTRATION_MAIL,
                     arguments={"registration": registration.pk, "state": registration.state,
                                "template": template})
        for registration in registrations if not registration.participant.is_anonymised])


def registration_mail_render(arguments: Mapping[str, Any], language: str) -> MailContent | None:
    """The content of a mail of mails_registration_deferred, as it was when queued: the
    registration's state and the participant's language of then; None once the participant's
    data is deleted or the registration is gone — or, for a seat or a waiting-list place
    ('event added', 'promoted'), cancelled since: its 'cancelled' mail says what holds."""
    registration = (Registration.objects.select_related("participant", "event__series")
                    .filter(pk=arguments["registration"]).first())
    if registration is None or registration.participant.is_anonymised:
        return None
    if (arguments["template"] != "registration_event_cancelled"
            and registration.state == State.CANCELLED):
        return None
    registration.state = arguments["state"]
    participant = registration.participant
    participant.language = language
    if arguments["template"] == "registration_event_cancelled":
        return event_cancelled_content(participant=participant, registration=registration)
    return registered_content(participant=participant, registrations=[registration],
                              template=arguments["template"])
