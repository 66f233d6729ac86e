"""Matchmaking's shared reads: whose profile, which blocks, who is available when.
The pages' own reads: queries_people.py (finding people), queries_meetings.py (requests,
agenda), queries_schedule.py (the organisers' view of a block)."""

from django.utils import timezone

from events.models import Event, Series
from matchmaking.models import (
    Availability,
    MatchmakingProfile,
    MatchmakingSettings,
    NetworkingBlock,
)
from registrations.models import Participant, Registration


def settings_of(series: Series) -> MatchmakingSettings | None:
    return MatchmakingSettings.objects.filter(series=series).first()


def is_open(series: Series) -> bool:
    return MatchmakingSettings.objects.filter(series=series, is_open=True).exists()


def profile_of(*, participant: Participant, series: Series) -> MatchmakingProfile | None:
    return (MatchmakingProfile.objects.select_related("series")
            .filter(participant=participant, series=series).first())


def registered_event_ids(*, participant: Participant, series: Series) -> set[int]:
    """The events of the series the participant holds a confirmed registration for."""
    return set(Registration.objects.filter(
        participant=participant, event__series=series, state=Registration.State.CONFIRMED,
        event__status=Event.Status.PUBLISHED).values_list("event_id", flat=True))


def blocks_for(*, participant: Participant, series: Series) -> list[NetworkingBlock]:
    """The blocks of the published events the participant is registered for (confirmed),
    not over."""
    events = registered_event_ids(participant=participant, series=series)
    now = timezone.now()
    return [block for block in NetworkingBlock.objects.of_series(series).select_related("event")
            .filter(event__in=events) if not block.is_over(now)]


def availability_of(*, block: NetworkingBlock, profile_ids) -> dict[int, int]:
    """The slots of `block` in which each profile's person can meet (three queries):
    {profile id: bit mask} — their availability row, or every slot when they set none;
    nothing when they hold no confirmed registration for the block's event."""
    profiles = dict(MatchmakingProfile.objects.filter(pk__in=profile_ids)
                    .values_list("pk", "participant_id"))
    registered = set(Registration.objects.filter(
        participant_id__in=profiles.values(), event_id=block.event_id,
        state=Registration.State.CONFIRMED).values_list("participant_id", flat=True))
    rows = dict(Availability.objects.filter(block=block, profile_id__in=profiles)
                .values_list("profile_id", "slots"))
    return {pk: (rows.get(pk, block.all_slots) & block.all_slots) if participant in registered
            else 0 for pk, participant in profiles.items()}


def slots_of(mask: int) -> list[int]:
    return [slot for slot in range(mask.bit_length()) if mask >> slot & 1]
