"""Factories of matchmaking: the series' settings, a networking block, profiles (of
participants registered for the block's event) and meeting requests. Each makes one valid
object, every default visible here."""

from datetime import datetime, timedelta
from itertools import count

from django.utils import timezone

from events.models import Event, Organisation, Series
from matchmaking.models import (
    Availability,
    MatchmakingProfile,
    MatchmakingSettings,
    MeetingRequest,
    NetworkingBlock,
    pair_key,
)
from registrations.models import Participant
from tests.factories import event_create
from tests.test_registrations_factories import participant_create, registration_create

_numbers = count(1)


def matchmaking_open(*, series: Series, **fields) -> MatchmakingSettings:
    settings, _created = MatchmakingSettings.objects.update_or_create(
        series=series, defaults={"is_open": True} | fields)
    return settings


def block_create(*, event: Event | None = None, series: Series | None = None,
                 starts_at: datetime | None = None, **fields) -> NetworkingBlock:
    """A block of 12 × 20 minutes, online (no tables), an hour into its event (made a week
    ahead in `series` unless `event` is given)."""
    if event is None:
        event = event_create(series=series, start=timezone.now() + timedelta(days=7))
    defaults = {"slot_minutes": 20, "slot_count": 12, "tables": None}
    return NetworkingBlock.objects.create(
        event=event, starts_at=starts_at or event.start + timedelta(hours=1),
        **(defaults | fields))


def profile_create(*, series: Series, participant: Participant | None = None,
                   events: tuple[Event, ...] = (), availability: dict | None = None,
                   **fields) -> MatchmakingProfile:
    """The profile of `participant` (made, unless given), registered (confirmed) for each of
    `events`; `availability` {block: slot bit mask} adds its rows."""
    if participant is None:
        participant = participant_create()
    for event in events:
        registration_create(participant=participant, event=event)
    number = next(_numbers)
    defaults = {"organisation_name": participant.organisation_name or f"Company {number}",
                "organisation_kind": Organisation.Kind.SME, "country": "DE",
                "offer": "Sensors for smart cities", "need": "Pilot customers",
                "languages": ["en"]}
    profile = MatchmakingProfile.objects.create(series=series, participant=participant,
                                                **(defaults | fields))
    for block, slots in (availability or {}).items():
        Availability.objects.create(profile=profile, block=block, slots=slots)
    return profile


def request_create(*, block: NetworkingBlock, sender: MatchmakingProfile,
                   receiver: MatchmakingProfile, **fields) -> MeetingRequest:
    """A pending request (accepted ones: state=ACCEPTED, answered_at set)."""
    defaults = {"message": "Shall we talk?"}
    if fields.get("state") in (MeetingRequest.State.ACCEPTED, MeetingRequest.State.DECLINED):
        defaults["answered_at"] = timezone.now()
    if fields.get("slot") is not None:
        defaults |= {"booked_by": MeetingRequest.BookedBy.PARTICIPANT,
                     "scheduled_at": timezone.now()}
    return MeetingRequest.objects.create(
        block=block, sender=sender, receiver=receiver, pair=pair_key(sender.pk, receiver.pk),
        sender_country=sender.country, receiver_country=receiver.country,
        **(defaults | fields))
