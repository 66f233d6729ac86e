"""Profiles: create, change, delete (TO BE WRITTEN by the profiles work)."""

from registrations.models import Participant


def participant_profiles_erase(participant: Participant) -> None:
    """Delete every profile of a participant whose data is deleted (in participant_delete's
    transaction): their requests and meetings are cancelled, the other side told."""


def participant_profiles_export(participant: Participant) -> list[dict]:
    """The participant's profiles, requests and meetings, for their data export."""
    return []
