"""Writes of the agenda editor: an event's talks (added, changed, deleted, moved), and the
speakers and organisations created on the way. Each in one transaction with its audit
entries.

**One writer per agenda at a time.** Every function locks the event's row FOR NO KEY
UPDATE first (the third step of the lock order of registrations.services, with nothing
of the first two taken) and reads the talks only then, so that two organisers editing one
agenda at once are served one after the other, each seeing the other's result.

**Talk order.** The order of an event's talks is unique (the constraint
talk_order_unique_per_event, checked row by row on PostgreSQL, not deferred). A new order is
written in two steps — first every talk that moves to a number above all the agenda's
numbers, then to its place — so no statement ever meets a number still taken; the agenda is
numbered 1, 2, 3, … afterwards. The agenda follows the times: a talk added or given another
start is placed after the talks that start no later; moving a talk up or down swaps it with
its neighbour and, where the two follow each other, their times too (the pair keeps its
span and its gap, the moved talk first).
"""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from django.db import IntegrityError, transaction
from django.db.models import Case, Value, When
from django.utils.text import slugify

from core.db import retry_on_conflict
from events import page_cache
from events.content_language import content_languages
from events.models import Event, Organisation, Speaker, Talk, TalkSpeaker, Theme
from orga.services.audit import audit_record, changes_between


class TalkGone(Exception):
    """The talk (or its event) was deleted by somebody else before this change could be
    made."""


@dataclass(frozen=True)
class NewOrganisation:
    name: str
    kind: str
    country: str


@dataclass(frozen=True)
class NewSpeaker:
    name: str
    roles: dict[str, str] = field(default_factory=dict)   # language -> text
    organisation: Organisation | None = None
    new_organisation: NewOrganisation | None = None


@dataclass(frozen=True)
class SpeakerInput:
    name: str
    organisation: Organisation | None
    roles: dict[str, str]       # language -> text ("" for none)
    bios: dict[str, str]


@dataclass(frozen=True)
class TalkInput:
    """A talk as the organiser wrote it (orga.forms.agenda.TalkForm.talk_input)."""

    kind: str
    start: datetime                       # aware
    duration: timedelta
    titles: dict[str, str]                # language -> text ("" for none)
    abstracts: dict[str, str]
    themes: list[Theme] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)   # in order
    new_speaker: NewSpeaker | None = None                    # after `speakers`


@retry_on_conflict
@transaction.atomic
def talk_create(*, event: Event, actor, data: TalkInput) -> Talk:
    """Add a talk to an event's agenda.

    Steps: 1. lock the event and read its times as they are; 2. check the talk lies within
    them (ValidationError on "start" otherwise); 3. create the new speaker (and their
    organisation), each recorded in the audit log; 4. create the talk and place it after
    the talks that start no later (renumbering the agenda); 5. its themes and speakers in
    order; 6. record "talk.create" with what it holds.
    """
    locked = _event_lock(event=event)
    talk = Talk(event=locked, kind=data.kind, start=data.start, duration=data.duration)
    _within_event_check(talk)
    speakers = _speakers_with_new(event=locked, actor=actor, data=data)
    talks = _talks(locked)
    _texts_set(talk, data)
    talk.order = _free_order(talks)
    talk.save()
    place = _place(talks, talk)
    _orders_write([*talks[:place], talk, *talks[place:]])
    talk.themes.set(data.themes)
    _speakers_set(talk, speakers)
    audit_record(series=locked.series, actor=actor, action="talk.create", obj=talk,
                 event=locked, data=_snapshot(talk))
    return talk


@retry_on_conflict
@transaction.atomic
def talk_update(*, talk: Talk, actor, data: TalkInput) -> Talk:
    """Change a talk.

    Steps: 1. lock the event, re-read the talk (TalkGone if it was deleted); 2. check it
    lies within the event; 3. create the new speaker (and organisation), recorded; 4. save
    kind, times, texts, themes and speakers; a new start places it anew among the talks;
    5. record "talk.change" with each changed field's before and after (nothing when
    nothing changed).
    """
    locked = _event_lock(event=talk.event)
    talks = _talks(locked)
    current = next((item for item in talks if item.pk == talk.pk), None)
    if current is None:
        raise TalkGone
    before = _snapshot(current)
    current.kind, current.start, current.duration = data.kind, data.start, data.duration
    _within_event_check(current)
    speakers = _speakers_with_new(event=locked, actor=actor, data=data)
    _texts_set(current, data)
    current.save()
    current.themes.set(data.themes)
    _speakers_set(current, speakers)
    if before["start"] != _iso(current.start):
        others = [item for item in talks if item.pk != current.pk]
        place = _place(others, current)
        _orders_write([*others[:place], current, *others[place:]])
    after = _snapshot(current)
    changes = changes_between(before, after)
    if changes:
        audit_record(series=locked.series, actor=actor, action="talk.change", obj=current,
                     event=locked, changes=changes)
    return current


@retry_on_conflict
@transaction.atomic
def talk_delete(*, talk: Talk, actor) -> None:
    """Delete a talk (its speakers stay: they may speak elsewhere).

    Steps: 1. lock the event, re-read the talk (TalkGone if it was deleted meanwhile);
    2. delete it; 3. record "talk.delete" with what it held.
    """
    locked = _event_lock(event=talk.event)
    current = next((item for item in _talks(locked) if item.pk == talk.pk), None)
    if current is None:
        raise TalkGone
    before = _snapshot(current)
    pk = current.pk
    current.delete()
    current.pk = pk
    audit_record(series=locked.series, actor=actor, action="talk.delete", obj=current,
                 event=locked, data=before)


@retry_on_conflict
@transaction.atomic
def talk_move(*, talk: Talk, actor, direction: Literal["up", "down"]) -> Talk | None:
    """Move a talk one place up or down the agenda; the neighbour it swapped places with
    (None at either end of the agenda: nothing changes).

    Steps: 1. lock the event, re-read the agenda (TalkGone if the talk was deleted);
    2. swap the talk with its neighbour in the agenda's order, and where the earlier of
    the two ends before the later starts, their times too: the one now first starts when
    the pair started, the other after it with the same gap between them; 3. renumber the
    agenda; 4. record "talk.move" with the talk's order and start before and after, and the
    neighbour's.
    """
    locked = _event_lock(event=talk.event)
    talks = _talks(locked)
    index = _index(talks, talk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(talks):
        return None
    other = talks[other_index]
    _moves_write(locked, talks, talk=talks[index], steps=[other_index], actor=actor,
                 data={"direction": direction})
    return other


@retry_on_conflict
@transaction.atomic
def talk_place(*, talk: Talk, actor, position: int) -> bool:
    """Move a talk to `position` in the agenda (1: first; past the end: last), as moving it
    up or down one place at a time would (drag and drop); whether it moved.

    Steps: 1. lock the event, re-read the agenda (TalkGone if the talk was deleted); 2. swap
    the talk with each neighbour it passes, times as talk_move swaps them; 3. renumber the
    agenda; 4. record one "talk.move" with the talk's order and start before and after,
    and the neighbours' starts.
    """
    locked = _event_lock(event=talk.event)
    talks = _talks(locked)
    index = _index(talks, talk)
    target = min(max(position, 1), len(talks)) - 1
    if target == index:
        return False
    step = 1 if target > index else -1
    _moves_write(locked, talks, talk=talks[index], actor=actor, data={"position": target + 1},
                 steps=list(range(index + step, target + step, step)))
    return True


def _index(talks: list[Talk], talk: Talk) -> int:
    index = next((i for i, item in enumerate(talks) if item.pk == talk.pk), None)
    if index is None:
        raise TalkGone
    return index


def _moves_write(event: Event, talks: list[Talk], *, talk: Talk, steps: list[int], actor,
                 data: dict[str, Any]) -> None:
    """Move `talk` through the places `steps` (each next to the one before), swapping it
    with the talk at each; write the starts that changed and the new order; record it."""
    before = {"order": talks.index(talk) + 1, "start": _iso(talk.start)}
    starts = {item.pk: item.start for item in talks}
    passed = [talks[other_index].pk for other_index in steps]
    for other_index in steps:
        index = talks.index(talk)
        other = talks[other_index]
        first, second = (other, talk) if other_index < index else (talk, other)
        if first.end <= second.start:  # one after the other: the pair swaps its slots
            gap = second.start - first.end
            second.start, first.start = first.start, first.start + second.duration + gap
        talks[index], talks[other_index] = other, talk
    for item in talks:
        if item.start != starts[item.pk]:
            Talk.objects.filter(pk=item.pk).update(start=item.start)
    _orders_write(talks)
    _public_pages_changed()
    neighbours = {str(item.pk): [_iso(starts[item.pk]), _iso(item.start)] for item in talks
                  if item.pk != talk.pk and item.start != starts[item.pk]}
    audit_record(series=event.series, actor=actor, action="talk.move", obj=talk, event=event,
                 changes=changes_between(before, {"order": talks.index(talk) + 1,
                                                  "start": _iso(talk.start)}),
                 data=data | {"passed": passed}
                 | ({"neighbour_starts": neighbours} if neighbours else {}))


def speaker_create(*, event: Event, actor, data: NewSpeaker) -> Speaker:
    """Create a speaker (and their organisation, when new) for a talk of `event`; inside
    the caller's transaction. Recorded as "organisation.create" and "speaker.create"."""
    organisation = data.organisation
    if data.new_organisation is not None:
        organisation = _with_unique_slug(Organisation(
            name=data.new_organisation.name, kind=data.new_organisation.kind,
            country=data.new_organisation.country), data.new_organisation.name)
        audit_record(series=event.series, actor=actor, action="organisation.create",
                     obj=organisation, event=event,
                     data={"kind": organisation.kind, "country": organisation.country.code})
    speaker = Speaker(name=data.name, organisation=organisation)
    for code, text in data.roles.items():
        setattr(speaker, f"role_{code}", text or None)
    speaker = _with_unique_slug(speaker, data.name)
    audit_record(series=event.series, actor=actor, action="speaker.create", obj=speaker,
                 event=event, data={"organisation": speaker.organisation_id,
                                    **{f"role_{code}": text for code, text in data.roles.items()
                                       if text}})
    return speaker


@retry_on_conflict
@transaction.atomic
def speaker_update(*, speaker: Speaker, event: Event, actor, data: SpeakerInput) -> Speaker:
    """Change a speaker's name, organisation, roles and biographies (those of the languages
    given; the others stay).

    Steps: 1. lock the speaker's row and read it as it is; 2. set and save; 3. record
    "speaker.change" (in the series of `event`, whose page the change came from) with each
    changed field's before and after.
    """
    locked = Speaker.objects.select_for_update(no_key=True).get(pk=speaker.pk)
    fields = ["name", "organisation_id", *(f"role_{code}" for code in data.roles),
              *(f"bio_{code}" for code in data.bios)]
    before = {name: getattr(locked, name) or "" for name in fields}
    locked.name, locked.organisation = data.name, data.organisation
    for code, text in data.roles.items():
        setattr(locked, f"role_{code}", text or None)
    for code, text in data.bios.items():
        setattr(locked, f"bio_{code}", text or None)
    locked.save()
    after = {name: getattr(locked, name) or "" for name in fields}
    if changes := changes_between(before, after):
        audit_record(series=event.series, actor=actor, action="speaker.change", obj=locked,
                     event=event, changes=changes)
    return locked


# --- the parts -------------------------------------------------------------------------


def _event_lock(*, event: Event) -> Event:
    """The event's row locked FOR NO KEY UPDATE, read as it is now (its series kept)."""
    locked = Event.objects.select_for_update(no_key=True).filter(pk=event.pk).first()
    if locked is None:
        raise TalkGone
    locked.series = event.series
    return locked


def _public_pages_changed() -> None:
    """Retire the cached public pages once this transaction commits: the talks' order and
    times were written with UPDATE statements, which the page cache does not hear of."""
    transaction.on_commit(page_cache.invalidate)


def _talks(event: Event) -> list[Talk]:
    """The event's talks in agenda order, with their themes (for the audit entries), read
    under the event's lock."""
    talks = list(Talk.objects.filter(event=event).prefetch_related("themes")
                 .order_by("order", "pk"))
    for talk in talks:
        talk.event = event
    return talks


def _within_event_check(talk: Talk) -> None:
    """The talk lies within its event (the model's rule and message, in the event's zone)."""
    talk.clean()


def _place(talks: list[Talk], talk: Talk) -> int:
    """Where `talk` goes among `talks` (in agenda order): after those starting no later."""
    place = 0
    for index, other in enumerate(talks):
        if other.start <= talk.start:
            place = index + 1
    return place


def _free_order(talks: list[Talk]) -> int:
    """A number above every one in use, for a talk not yet placed."""
    return max([len(talks), *(talk.order for talk in talks)]) + 1


def _orders_write(talks: list[Talk]) -> None:
    """Number the talks 1, 2, 3, … in this order, never meeting a number in use: the talks
    that move go first to numbers above all in use, then to their places (one UPDATE
    each)."""
    moving = [(talk, number) for number, talk in enumerate(talks, start=1)
              if talk.order != number]
    if not moving:
        return
    top = _free_order(talks)
    ids = [talk.pk for talk, _number in moving]
    for numbers in ({talk.pk: top + i for i, (talk, _number) in enumerate(moving)},
                    {talk.pk: number for talk, number in moving}):
        Talk.objects.filter(pk__in=ids).update(order=Case(
            *(When(pk=pk, then=Value(number)) for pk, number in numbers.items())))
    for talk, number in moving:
        talk.order = number
    _public_pages_changed()


def _texts_set(talk: Talk, data: TalkInput) -> None:
    for code, text in data.titles.items():
        setattr(talk, f"title_{code}", text or None)
    for code, text in data.abstracts.items():
        setattr(talk, f"abstract_{code}", text or None)


def _speakers_with_new(*, event: Event, actor, data: TalkInput) -> list[Speaker]:
    speakers = list(data.speakers)
    if data.new_speaker is not None:
        speakers.append(speaker_create(event=event, actor=actor, data=data.new_speaker))
    return speakers


def _speakers_set(talk: Talk, speakers: Iterable[Speaker]) -> None:
    """The talk's speakers, in this order (the links rewritten only where they differ)."""
    wanted = [speaker.pk for speaker in speakers]
    current = [link.speaker_id for link in
               TalkSpeaker.objects.filter(talk=talk).order_by("position", "pk")]
    if current == wanted:
        return
    TalkSpeaker.objects.filter(talk=talk).delete()
    TalkSpeaker.objects.bulk_create([TalkSpeaker(talk=talk, speaker_id=pk, position=position)
                                     for position, pk in enumerate(wanted)])


def _snapshot(talk: Talk) -> dict[str, Any]:
    """What a talk holds, for the audit log: texts, times (ISO, UTC), themes and speakers
    by id (speakers in order)."""
    snapshot: dict[str, Any] = {"kind": talk.kind, "start": _iso(talk.start),
                                "duration_minutes": int(talk.duration.total_seconds() // 60)}
    for code in content_languages():
        snapshot[f"title_{code}"] = getattr(talk, f"title_{code}", None) or ""
        snapshot[f"abstract_{code}"] = getattr(talk, f"abstract_{code}", None) or ""
    snapshot["themes"] = sorted(theme.pk for theme in talk.themes.all())
    snapshot["speakers"] = [link.speaker_id for link in
                            TalkSpeaker.objects.filter(talk=talk).order_by("position", "pk")]
    return snapshot


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


SLUG_MAX = 80


def _with_unique_slug(obj: Speaker | Organisation, name: str):
    """Save `obj` under a slug made from `name` that no other row of its model has: the
    name's, else with -2, -3, …; should another transaction take it first, with a random
    tail (inside a savepoint, so the caller's transaction goes on)."""
    model = type(obj)
    base = (slugify(name, allow_unicode=False) or model._meta.model_name)[:SLUG_MAX - 12]
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    obj.slug = next(candidate for candidate in
                    (base, *(f"{base}-{number}" for number in range(2, 10_000)))
                    if candidate not in taken)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                obj.save()
            return obj
        except IntegrityError:
            obj.pk = None
            obj.slug = f"{base}-{secrets.token_hex(4)}"
    raise IntegrityError(f"no free slug for a new {model._meta.model_name}")

