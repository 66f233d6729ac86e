"""The invariants of the meetings, as checks of `manage.py check_integrity` (registered
with registrations.integrity; read-only, grouped in SQL, ids only, at most MAX_FINDINGS
each). The racing tests run them after their rush."""

from datetime import datetime

from django.db.models import Count, Exists, F, OuterRef, Q

from matchmaking.models import MatchmakingProfile, MeetingRequest, NetworkingBlock
from registrations.integrity import Finding, _capped, _first

State = MeetingRequest.State


def meetings_one_per_person_and_slot(*, now: datetime) -> list[Finding]:
    """Nobody has two meetings in one slot of a block (ERROR): a meeting is booked or
    placed only under the block's lock, in a slot where neither side has one."""
    scheduled = MeetingRequest.objects.scheduled()
    clash = scheduled.filter(block=OuterRef("block"), slot=OuterRef("slot")).exclude(
        pk=OuterRef("pk")).filter(
        Q(sender=OuterRef("sender")) | Q(receiver=OuterRef("sender"))
        | Q(sender=OuterRef("receiver")) | Q(receiver=OuterRef("receiver")))
    rows = _first(scheduled.filter(Exists(clash)).order_by("pk")
                  .values_list("pk", "block_id", "slot"))
    return _capped("meetings_one_per_person_and_slot", [Finding(
        "meetings_one_per_person_and_slot",
        f"meeting {pk} shares slot {slot} of networking block {block} with another meeting "
        f"of one of its two people") for pk, block, slot in rows], len(rows))


def meetings_within_blocks_and_tables(*, now: datetime) -> list[Finding]:
    """Every scheduled meeting is in a slot of its block and, on site, at a table of it;
    no slot holds more meetings than the block has tables (ERROR)."""
    outside = _first(MeetingRequest.objects.scheduled().filter(
        Q(slot__gte=F("block__slot_count"))
        | Q(block__tables__isnull=False, table__isnull=True)
        | Q(block__tables__isnull=False, table__gt=F("block__tables"))
        | Q(table__lt=1)).order_by("pk").values_list("pk", "block_id", "slot", "table"))
    findings = [Finding("meetings_within_blocks_and_tables",
                        f"meeting {pk} sits in slot {slot}, table {table} outside networking "
                        f"block {block}") for pk, block, slot, table in outside]
    full = _first(NetworkingBlock.objects.filter(tables__isnull=False).values(
        "pk", "tables", "requests__slot").annotate(held=Count("requests", filter=Q(
            requests__state=State.ACCEPTED, requests__slot__isnull=False)))
        .filter(held__gt=F("tables")).order_by("pk").values_list("pk", "requests__slot",
                                                                 "held", "tables"))
    findings += [Finding("meetings_within_blocks_and_tables",
                         f"networking block {pk}: {held} meetings in slot {slot} for "
                         f"{tables} tables") for pk, slot, held, tables in full]
    return _capped("meetings_within_blocks_and_tables", findings, len(outside) + len(full))


def anonymised_have_no_profile(*, now: datetime) -> list[Finding]:
    """Deleting a participant's data deletes their profiles (ERROR)."""
    rows = _first(MatchmakingProfile.objects.filter(participant__anonymised_at__isnull=False)
                  .order_by("pk").values_list("pk", "participant_id"))
    return _capped("anonymised_have_no_profile", [Finding(
        "anonymised_have_no_profile",
        f"profile {pk} of anonymised participant {participant} still exists")
        for pk, participant in rows], len(rows))


CHECKS = [meetings_one_per_person_and_slot, meetings_within_blocks_and_tables,
          anonymised_have_no_profile]
