"""Writes of the workspace's mails: a mail organisers write to a filtered set of a series'
participants (sent now or at a set time, through the outbox), its withdrawal, and sending a
failed mail again; and the rendering of a composed mail for one recipient, used alike when
it is sent and for the preview.

A composed mail's outbox rows are written in one transaction, in bulk and unrendered
(mail.services.mails_queue_deferred): each is rendered for its recipient when it goes out
(composed_mail_render), in their language's version, or the version the language rule
falls back to (events.content_language: the reader's language → the series' main language
→ English → the others), with the placeholders filled in that version's language.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Exists
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import local_forms
from core.db import insert_unless_taken, retry_on_conflict
from events.content_language import content_chain, translated
from events.models import Event, Series
from mail.models import ComposedMail, Mail
from mail.services import DeferredMail, MailContent, mail_render, mail_retry, mails_queue_deferred
from orga import mail_queries
from orga.services.audit import audit_record
from registrations import links
from registrations.calendars import shows_join_link
from registrations.models import Participant, Registration

COMPOSED_MAIL = "orga_composed"  # the kind of its deferred mails (mail_renderer_register)
TEMPLATE = "orga_composed"
MAILS_PER_TASK = 200

# The placeholders a composed mail may use; those about one event need exactly one event
# among its recipients' events (with several, {events} lists each recipient's).
PLACEHOLDERS = ("name", "personal_link", "event_title", "event_date", "join_link", "events")
EVENT_PLACEHOLDERS = ("event_title", "event_date", "join_link")
# Anything in braces (up to 40 characters on one line) is a placeholder, known or not.
PLACEHOLDER_PATTERN = re.compile(r"\{([^{}\n]{0,40})\}")


class MailActionError(Exception):
    """An action on a mail that cannot be done; the message (translated) says why."""


def placeholders_in(text: str) -> list[str]:
    """The placeholders `text` names, as written (stripped), in order, once each."""
    return list(dict.fromkeys(match.strip() for match in PLACEHOLDER_PATTERN.findall(text)))


def version_language(*, texts: Mapping[str, Any], language: str, series: Series) -> str:
    """The language of the version a reader of `language` gets: theirs, else along the
    content language rule, else the first written."""
    return next((code for code in content_chain(language, series.default_language)
                 if code in texts), next(iter(texts)))


def placeholder_values(*, participant: Participant, registrations: Sequence[Registration],
                       series: Series, language: str) -> dict[str, str]:
    """The placeholders' values for one recipient, in `language` (the version's): the
    event ones from their first registration (the only one when the mail names an event)."""
    with translation.override(language):
        items = [_event_values(registration, series=series, language=language)
                 for registration in registrations]
        lines = []
        for item in items:
            lines.append(f"- {item['event_title']}: {item['event_date']}")
            if item["has_join_link"]:
                lines.append("  " + _("Join: %(link)s") % {"link": item["join_link"]})
    values = {"name": participant.name,
              "personal_link": links.personal_url(participant=participant),
              "events": "\n".join(lines)}
    if items:
        values |= {key: items[0][key] for key in EVENT_PLACEHOLDERS}
    return values


def _event_values(registration: Registration, *, series: Series, language: str) -> dict:
    event: Event = registration.event
    when = local_forms.when(event.start, event.end, event.time_zone)
    if shows_join_link(registration):
        join_link = event.join_url
    elif not event.is_online:
        join_link = _("(this event is held on site: there is no join link)")
    elif registration.state == Registration.State.CONFIRMED:
        join_link = _("(the join link will follow)")
    else:
        join_link = _("(the join link comes with a confirmed seat)")
    return {"event_title": translated(event, "title", language=language,
                                      series_language=series.default_language).text,
            "event_date": f"{when.start}–{when.end}, {when.zone}",
            "join_link": join_link, "has_join_link": shows_join_link(registration)}


def placeholders_fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with each placeholder replaced by its value (an unknown one is left as is)."""
    return PLACEHOLDER_PATTERN.sub(
        lambda match: values.get(match.group(1).strip(), match.group(0)), text)


def composed_content(*, texts: Mapping[str, Mapping[str, str]], series: Series,
                     participant: Participant, registrations: Sequence[Registration],
                     language: str) -> MailContent:
    """The mail to one recipient (a reader of `language`): the version of their language
    or its fallback, the placeholders filled in that version's language."""
    used = version_language(texts=texts, language=language, series=series)
    values = placeholder_values(participant=participant, registrations=registrations,
                                series=series, language=used)
    return MailContent(template=TEMPLATE, context={
        "composed_subject": placeholders_fill(texts[used]["subject"], values),
        "body": placeholders_fill(texts[used]["body"], values), "body_language": used})


@dataclass(frozen=True)
class _Composed:
    """What every mail of a composed mail needs of it (which never changes once stored)."""

    key: str
    created_at: datetime
    series: Series
    texts: Mapping[str, Mapping[str, str]]
    event_ids: tuple[int, ...]
    states: tuple[str, ...]


_composed_kept: dict[int, _Composed] = {}
COMPOSED_KEPT = 32


def _composed_facts(composed_id: int) -> _Composed | None:
    """The composed mail's texts, events and states, read once per process (the sender
    renders thousands of mails of one in a row)."""
    facts = _composed_kept.get(composed_id)
    if facts is None:
        composed = ComposedMail.objects.select_related("series").filter(pk=composed_id).first()
        if composed is None:
            return None
        facts = _Composed(key=composed.key, created_at=composed.created_at,
                          series=composed.series, texts=composed.texts,
                          states=tuple(composed.states),
                          event_ids=tuple(composed.events.values_list("pk", flat=True)))
        while len(_composed_kept) >= COMPOSED_KEPT:
            del _composed_kept[next(iter(_composed_kept))]
        _composed_kept[composed_id] = facts
    return facts


def composed_mail_render(arguments: Mapping[str, Any], language: str) -> MailContent | None:
    """The renderer of a composed mail's outbox rows (registered in orga.apps): its content
    for the recipient now; None (withdrawn) when the composed mail was withdrawn, the
    participant's data deleted, or they no longer hold a registration it was sent for.
    One query a mail (the registrations, their participant, and whether it still stands)."""
    facts = _composed_facts(arguments["composed"])
    registrations = [] if facts is None else _recipient_registrations(arguments, facts)
    if not registrations and arguments["composed"] in _composed_kept:
        del _composed_kept[arguments["composed"]]  # kept from a composed mail rolled back?
        facts = _composed_facts(arguments["composed"])
        registrations = [] if facts is None else _recipient_registrations(arguments, facts)
    if not registrations:
        return None
    return composed_content(texts=facts.texts, series=facts.series,
                            participant=registrations[0].participant,
                            registrations=registrations, language=language)


def _recipient_registrations(arguments: Mapping[str, Any], facts: _Composed
                             ) -> list[Registration]:
    """The recipient's registrations the composed mail was sent for, with their participant
    (not deleted); none once the composed mail (still the one of `facts`) is withdrawn."""
    standing = ComposedMail.objects.filter(pk=arguments["composed"], key=facts.key,
                                           created_at=facts.created_at,
                                           withdrawn_at__isnull=True)
    return list(
        Registration.objects.filter(participant_id=arguments["participant"],
                                    participant__anonymised_at__isnull=True,
                                    event_id__in=facts.event_ids, state__in=facts.states)
        .filter(Exists(standing)).select_related("event", "participant")
        .order_by("event__start", "pk"))


def composed_preview(*, texts: Mapping[str, Mapping[str, str]], series: Series,
                     participant: Participant, event_ids: Sequence[int],
                     states: Sequence[str]) -> tuple[str, str, str]:
    """Subject, text and HTML of the mail as `participant` would get it if sent now:
    rendered by the same steps as when it goes out."""
    content = composed_content(
        texts=texts, series=series, participant=participant, language=participant.language,
        registrations=mail_queries.recipient_registrations(
            participant=participant, event_ids=event_ids, states=states))
    return mail_render(template=content.template, language=participant.language,
                       context=content.context)


@retry_on_conflict
def composed_mail_send(*, series: Series, author, texts: Mapping[str, Mapping[str, str]],
                       events: Sequence[Event], states: Sequence[str],
                       send_at: datetime | None, key: str) -> tuple[ComposedMail, bool]:
    """Store a composed mail and write its recipients' mails to the outbox, to go out now
    or at `send_at`. Returns it and whether it is new: a form sent twice (its `key` used
    already) returns the first one and queues nothing.

    Steps, in one transaction:
    1. store the composed mail (texts by language, events, states, author, times) unless
       its key was used (core.db.insert_unless_taken: no error, no savepoint);
    2. read its recipients (participants holding a registration of `events` in `states`,
       data not deleted, each once) and write one outbox row each in bulk, unrendered
       (mails_queue_deferred: cause composed:<id>:participant:<id>, unique, so no one is
       mailed twice for it; due at `send_at`; sent by tasks of MAILS_PER_TASK mails, on
       commit);
    3. store the recipient count;
    4. audit mail.send (now) or mail.schedule (later): ids and counts only.
    """
    now = timezone.now()
    due_at = send_at if send_at is not None and send_at > now else now
    with transaction.atomic():
        composed = ComposedMail(series=series, author=author if author.pk else None,
                                texts={code: dict(text) for code, text in texts.items()},
                                states=list(states), key=key, created_at=now, send_at=due_at)
        if not insert_unless_taken(composed):
            return ComposedMail.objects.get(key=key), False
        composed.events.set(events)
        event_ids = [event.pk for event in events]
        rows = mail_queries.recipients(event_ids=event_ids, states=states).values_list(
            "pk", "email", "language")
        composed.recipient_count = mails_queue_deferred(
            mails=[DeferredMail(cause=f"composed:{composed.pk}:participant:{pk}", to=email,
                                language=language, kind=COMPOSED_MAIL,
                                arguments={"composed": composed.pk, "participant": pk})
                   for pk, email, language in rows],
            series_id=series.pk, composed_id=composed.pk, due_at=due_at,
            per_task=MAILS_PER_TASK)
        ComposedMail.objects.filter(pk=composed.pk).update(
            recipient_count=composed.recipient_count)
        audit_record(series=series, actor=author, obj=composed,
                     action="mail.send" if due_at == now else "mail.schedule",
                     event=events[0] if len(events) == 1 else None,
                     data={"recipients": composed.recipient_count, "events": event_ids,
                           "states": list(states), "languages": list(texts),
                           "send_at": due_at.isoformat()})
    return composed, True


@retry_on_conflict
def composed_mail_withdraw(*, composed: ComposedMail, actor) -> int:
    """Withdraw a composed mail: its recipients' mails not yet gone out are not sent.
    Returns how many were withdrawn.

    Steps, in one transaction: 1. lock the composed mail; refuse if it was withdrawn
    already or none of its mails waits any more (MailActionError); 2. mark its queued
    mails withdrawn (one UPDATE; a mail a sender has claimed already goes out — the claim
    and this UPDATE exclude each other row by row); 3. note the time; 4. audit
    mail.withdraw with the count.
    """
    with transaction.atomic():
        locked = ComposedMail.objects.select_for_update(no_key=True).get(pk=composed.pk)
        if locked.withdrawn_at is not None:
            raise MailActionError(_("This mail was withdrawn already."))
        withdrawn = Mail.objects.filter(composed=locked, state=Mail.State.QUEUED).update(
            state=Mail.State.WITHDRAWN, claimed_until=None)
        if not withdrawn:
            raise MailActionError(_("Nothing to withdraw: every mail of it has gone out."))
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["withdrawn_at"])
        audit_record(series=locked.series, actor=actor, obj=locked, action="mail.withdraw",
                     data={"withdrawn": withdrawn})
    composed.withdrawn_at = locked.withdrawn_at
    return withdrawn


def outbox_mail_retry(*, series: Series, mail: Mail, actor) -> Mail:
    """Send a failed or maybe delivered mail of `series` again (mail.services.mail_retry).

    Steps, in one transaction: 1. lock the mail; refuse one in another state, or
    anonymised (MailActionError); 2. queue it again, attempts counted afresh; 3. audit
    mail.retry with its state before.
    """
    with transaction.atomic():
        locked = Mail.objects.select_for_update(no_key=True).get(pk=mail.pk)
        before = locked.state
        if before not in (Mail.State.FAILED, Mail.State.UNCONFIRMED) or not locked.to:
            raise MailActionError(_("Only a failed or maybe delivered mail can be sent again."))
        locked = mail_retry(mail=locked)
        audit_record(series=series, actor=actor, obj=locked, action="mail.retry",
                     changes={"state": (before, locked.state)})
    return locked
