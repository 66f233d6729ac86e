"""Reads of the requests and meetings pages: one's requests, one's agenda, the free
common slots of a meeting, the request panel of a person's page. Times in the event's zone
(in the active language); the other side's e-mail and phone only for accepted meetings."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from core import local_forms
from events.content_language import translated
from matchmaking.models import MatchmakingProfile, MeetingRequest, NetworkingBlock
from matchmaking.queries import availability_of, blocks_for, registered_event_ids

State = MeetingRequest.State


def _requests() -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.select_related(
        "block__event__series", "sender__participant", "receiver__participant")


def request_of(*, profile: MatchmakingProfile, request_id: int) -> MeetingRequest | None:
    """The request `request_id` if `profile` is one of its two sides."""
    return _requests().involving(profile).filter(pk=request_id).first()


@dataclass
class RequestLists:
    received: list[MeetingRequest]  # waiting for one's answer
    sent: list[MeetingRequest]  # waiting for the other's
    answered: list[MeetingRequest]  # the rest, newest first


def requests_of(*, profile: MatchmakingProfile) -> RequestLists:
    """One's requests: received and pending first, then sent and pending, then the rest."""
    rows = list(_requests().involving(profile).annotate(group=Case(
        When(state=State.PENDING, receiver=profile, then=Value(0)),
        When(state=State.PENDING, sender=profile, then=Value(1)),
        default=Value(2), output_field=IntegerField())).order_by("group", "-created_at", "-pk"))
    return RequestLists(received=[row for row in rows if row.group == 0],
                        sent=[row for row in rows if row.group == 1],
                        answered=[row for row in rows if row.group == 2])


def slot_when(block: NetworkingBlock, slot: int) -> local_forms.When:
    return local_forms.when(block.slot_start(slot), block.slot_end(slot),
                            block.event.time_zone)


@dataclass
class AgendaItem:
    request: MeetingRequest
    other: MatchmakingProfile | None
    when: local_forms.When | None  # None: not scheduled yet
    can_book: bool
    can_cancel: bool
    can_report: bool
    room_url: str = ""  # an online meeting's room link (the page's, per viewer)


def agenda_of(*, profile: MatchmakingProfile, now: datetime) -> list[AgendaItem]:
    """One's accepted meetings: the scheduled ones in time order, then the unscheduled."""
    meetings = sorted(_requests().meetings().involving(profile),
                      key=lambda item: (item.slot is None, item.slot is None or
                                        item.block.slot_start(item.slot), item.pk))
    items = []
    for meeting in meetings:
        block = meeting.block
        scheduled = meeting.slot is not None
        begun = scheduled and block.slot_start(meeting.slot) <= now
        items.append(AgendaItem(
            request=meeting, other=meeting.other(profile),
            when=slot_when(block, meeting.slot) if scheduled else None,
            can_book=not block.is_over(now) and not begun,
            can_cancel=not begun and not block.is_over(now),
            can_report=begun and meeting.no_show_reported_at is None))
    return items


@dataclass
class FreeSlot:
    slot: int
    when: local_forms.When
    table: int | None = field(default=None)


def free_common_slots(*, request: MeetingRequest, now: datetime) -> list[FreeSlot]:
    """The slots the meeting could be booked into now: not begun, both sides available and
    without another meeting in it, on site a table free (not the slot it is in)."""
    block = request.block
    sides = [request.sender_id, request.receiver_id]
    masks = availability_of(block=block, profile_ids=sides)
    common = masks.get(sides[0], 0) & masks.get(sides[1], 0)
    taken: dict[int, int] = {}
    busy: set[int] = set()
    for slot, sender_id, receiver_id in (
            MeetingRequest.objects.scheduled().filter(block=block).exclude(pk=request.pk)
            .values_list("slot", "sender_id", "receiver_id")):
        taken[slot] = taken.get(slot, 0) + 1
        if sender_id in sides or receiver_id in sides:
            busy.add(slot)
    return [FreeSlot(slot=slot, when=slot_when(block, slot))
            for slot in range(block.slot_count)
            if common >> slot & 1 and slot not in busy and slot != request.slot
            and block.slot_start(slot) > now
            and (block.is_online or taken.get(slot, 0) < block.tables)]


def request_between(*, viewer: MatchmakingProfile,
                    person: MatchmakingProfile) -> MeetingRequest | None:
    """The standing (pending or accepted) request between two profiles, if any."""
    return (_requests().standing()
            .filter(Q(sender=viewer, receiver=person) | Q(sender=person, receiver=viewer))
            .first())


def common_blocks(*, viewer: MatchmakingProfile,
                  person: MatchmakingProfile) -> list[NetworkingBlock]:
    """The blocks a request from `viewer` to `person` may name: of events both are
    registered for, not over."""
    theirs = registered_event_ids(participant=person.participant, series=viewer.series)
    return [block for block in blocks_for(participant=viewer.participant,
                                          series=viewer.series)
            if block.event_id in theirs]


def block_labels(blocks) -> dict[int, str]:
    """Each block named by its event and its time in the event's zone."""
    labels = {}
    for block in blocks:
        when = slot_when(block, 0)
        end = slot_when(block, block.slot_count - 1).end
        labels[block.pk] = (f"{translated(block.event, 'title').text}: {when.start}–{end}, "
                           f"{when.zone}")
    return labels
