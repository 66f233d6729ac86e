"""The organisers' view of the networking blocks: per block its meetings (accepted,
scheduled, not yet scheduled), per slot the meetings and tables used."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from events.models import Series
from matchmaking.models import MeetingRequest, NetworkingBlock


@dataclass(frozen=True)
class BlockRow:
    block: NetworkingBlock
    accepted: int
    scheduled: int
    requests: int

    @property
    def unscheduled(self) -> int:
        return self.accepted - self.scheduled


@dataclass(frozen=True)
class SlotRow:
    number: int           # from 1
    starts_at: datetime
    ends_at: datetime
    meetings: int
    tables: int | None    # None: online

    @property
    def tables_free(self) -> int | None:
        return None if self.tables is None else self.tables - self.meetings


ACCEPTED = Q(requests__state=MeetingRequest.State.ACCEPTED)


def block_rows(*, series: Series) -> list[BlockRow]:
    """Every networking block of the series' events, by start, with its counts (one
    query)."""
    blocks = (NetworkingBlock.objects.of_series(series).select_related("event")
              .annotate(n_requests=Count("requests"),
                        n_accepted=Count("requests", filter=ACCEPTED),
                        n_scheduled=Count("requests", filter=ACCEPTED
                                          & Q(requests__slot__isnull=False)))
              .order_by("starts_at", "pk"))
    return [BlockRow(block, block.n_accepted, block.n_scheduled, block.n_requests)
            for block in blocks]


def block_row(*, block: NetworkingBlock) -> BlockRow:
    counts = MeetingRequest.objects.filter(block=block).aggregate(
        requests=Count("pk"), accepted=Count("pk", filter=Q(state=MeetingRequest.State.ACCEPTED)),
        scheduled=Count("pk", filter=Q(state=MeetingRequest.State.ACCEPTED, slot__isnull=False)))
    return BlockRow(block, counts["accepted"], counts["scheduled"], counts["requests"])


def slot_rows(*, block: NetworkingBlock) -> list[SlotRow]:
    """Each slot of the block with its scheduled meetings (one query)."""
    counts = dict(MeetingRequest.objects.scheduled().filter(block=block).order_by()
                  .values("slot").annotate(count=Count("pk")).values_list("slot", "count"))
    return [SlotRow(slot + 1, block.slot_start(slot), block.slot_end(slot),
                    counts.get(slot, 0), block.tables)
            for slot in range(block.slot_count)]
