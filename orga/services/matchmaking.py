"""B2B matchmaking set up from the workspace: the series' settings, its networking blocks
(create, change, delete) and "schedule all" (matchmaking.services.schedule), each recorded
in the audit log in its own transaction.

A block is changed under its lock (FOR NO KEY UPDATE, as every change of its meetings
holds it), so that what is checked against its meetings holds when it is saved: the
meetings people were told about keep their time, their slot and their table.
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from core.db import retry_on_conflict
from core.local_forms import zone_city
from events.models import Series
from matchmaking.models import MatchmakingSettings, MeetingRequest, NetworkingBlock
from matchmaking.services import MatchmakingError
from matchmaking.services.schedule import ScheduleReport, block_schedule_all
from orga.services.audit import audit_record, changes_between

SETTINGS_FIELDS = ("is_open", "max_open_requests", "room_url_pattern")
BLOCK_FIELDS = ("event", "starts_at", "slot_minutes", "slot_count", "tables")

__all__ = ["BLOCK_FIELDS", "SETTINGS_FIELDS", "MatchmakingError", "matchmaking_settings_save",
           "networking_block_delete", "networking_block_save", "networking_block_schedule_all"]


@retry_on_conflict
@transaction.atomic
def matchmaking_settings_save(*, actor, series: Series,
                              values: Mapping[str, Any]) -> MatchmakingSettings:
    """Create or change the series' matchmaking settings (SETTINGS_FIELDS). Steps: 1. lock
    them (or create them); 2. set and save; 3. record it (matchmaking.settings, with what
    changed)."""
    settings, created = MatchmakingSettings.objects.get_or_create(series=series)
    if not created:
        settings = MatchmakingSettings.objects.select_for_update().get(pk=settings.pk)
    before = {name: getattr(settings, name) for name in SETTINGS_FIELDS}
    for name in SETTINGS_FIELDS:
        setattr(settings, name, values[name])
    settings.save()
    after = {name: getattr(settings, name) for name in SETTINGS_FIELDS}
    audit_record(series=series, actor=actor, action="matchmaking.settings", obj=settings,
                 changes=changes_between(before, after))
    return settings


def _locked(*, series: Series, block_id: int) -> NetworkingBlock:
    block = (NetworkingBlock.objects.select_for_update(no_key=True, of=("self",))
             .select_related("event").filter(pk=block_id, event__series=series).first())
    if block is None:
        raise MatchmakingError(_("This networking block has been deleted meanwhile."))
    return block


@retry_on_conflict
@transaction.atomic
def networking_block_save(*, actor, series: Series, block: NetworkingBlock | None,
                          values: Mapping[str, Any]) -> NetworkingBlock:
    """Create a networking block (`block` None) or change it (BLOCK_FIELDS).

    Steps: 1. refuse a block outside its event's time (outside_event_refusal); 2. lock the
    block; 3. refuse a change its meetings forbid (block_change_refusal); 4. save; 5. record
    it (networking_block.create / .update)."""
    if refusal := outside_event_refusal(values=values):
        raise MatchmakingError(refusal)
    before = {}
    if block is not None:
        block = _locked(series=series, block_id=block.pk)
        before = {name: getattr(block, name) for name in BLOCK_FIELDS}
        if refusal := block_change_refusal(block=block, values=values):
            raise MatchmakingError(refusal)
    else:
        block = NetworkingBlock()
    for name in BLOCK_FIELDS:
        setattr(block, name, values[name])
    block.save()
    after = {name: getattr(block, name) for name in BLOCK_FIELDS}
    audit_record(series=series, actor=actor,
                 action="networking_block.update" if before else "networking_block.create",
                 obj=block, event=block.event,
                 changes=changes_between(before, after) if before else None)
    return block


def outside_event_refusal(*, values: Mapping[str, Any]) -> str | None:
    """Why a block of `values` (event, starts_at, slot_minutes, slot_count) does not lie
    within its event's time, or None; the times in the event's zone."""
    event, start = values["event"], values["starts_at"]
    block = NetworkingBlock(event=event, starts_at=start, slot_minutes=values["slot_minutes"],
                            slot_count=values["slot_count"])
    if event.start <= start and block.ends_at <= event.end:
        return None
    zone = event.tzinfo
    return _("The block must lie within its event's time, %(start)s to %(end)s (%(zone)s); "
             "as entered it runs from %(block_start)s to %(block_end)s.") % {
        "start": formats.date_format(event.start.astimezone(zone), "DATETIME_FORMAT"),
        "end": formats.date_format(event.end.astimezone(zone), "DATETIME_FORMAT"),
        "zone": zone_city(event.time_zone),
        "block_start": formats.date_format(start.astimezone(zone), "DATETIME_FORMAT"),
        "block_end": formats.date_format(block.ends_at.astimezone(zone), "DATETIME_FORMAT")}


def block_change_refusal(*, block: NetworkingBlock, values: Mapping[str, Any]) -> str | None:
    """Why `block` may not take `values`, or None. A block with meeting requests stays with
    its event (its people registered for that one); one with meetings scheduled keeps its
    start and the minutes per meeting (people were told the times), stays online or on site,
    and keeps the slots and the tables its meetings are in."""
    requests = MeetingRequest.objects.filter(block=block)
    if values["event"] != block.event and requests.exists():
        return _("This block has meeting requests: it cannot move to another event.")
    scheduled = list(requests.scheduled().values_list("slot", "table"))
    if not scheduled:
        return None
    if values["starts_at"] != block.starts_at or values["slot_minutes"] != block.slot_minutes:
        return _("Meetings are scheduled in this block and their people have been told the "
                 "times: its start and the minutes per meeting cannot change.")
    if (values["tables"] is None) != (block.tables is None):
        return _("Meetings are scheduled in this block: it cannot change between online "
                 "and on site.")
    last_slot = max(slot for slot, _table in scheduled) + 1
    if values["slot_count"] < last_slot:
        return _("A meeting is scheduled in slot %(slot)d: the block needs at least "
                 "%(slot)d slots.") % {"slot": last_slot}
    last_table = max((table or 0 for _slot, table in scheduled), default=0)
    if values["tables"] is not None and values["tables"] < last_table:
        return _("A meeting is scheduled at table %(table)d: the block needs at least "
                 "%(table)d tables.") % {"table": last_table}
    return None


@retry_on_conflict
@transaction.atomic
def networking_block_delete(*, actor, series: Series, block: NetworkingBlock) -> None:
    """Delete a networking block that has no meeting requests. A block with requests stays:
    deleting it would take its meetings from the people's agendas without a word and its
    requests from the figures. Steps: 1. lock it; 2. refuse if it has requests; 3. delete;
    4. record it (networking_block.delete)."""
    block = _locked(series=series, block_id=block.pk)
    if MeetingRequest.objects.filter(block=block).exists():
        raise MatchmakingError(_("This block has meeting requests, so it stays: its meetings "
                                 "are in people's agendas and its requests count in the "
                                 "figures."))
    audit_record(series=series, actor=actor, action="networking_block.delete", obj=block,
                 event=block.event, data={"starts_at": block.starts_at,
                                          "slot_count": block.slot_count})
    block.delete()


def networking_block_schedule_all(*, actor, series: Series,
                                  block: NetworkingBlock) -> ScheduleReport:
    """"Schedule all" for the block (matchmaking.services.schedule.block_schedule_all),
    recorded as matchmaking.schedule_all in the transaction that places the meetings."""

    def record(locked: NetworkingBlock, data: dict) -> None:
        audit_record(series=series, actor=actor, action="matchmaking.schedule_all",
                     obj=locked, event=locked.event, data=data)

    return block_schedule_all(block_id=block.pk, actor_id=getattr(actor, "pk", None),
                              record=record)
