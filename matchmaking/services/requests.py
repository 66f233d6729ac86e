"""Meeting requests: send, and the one state-change function (TO BE WRITTEN by R)."""

from datetime import datetime


def requests_cancel_for_profile(*, profile_id: int, now: datetime) -> int:
    """Cancel every standing request (pending or accepted) of a profile that is being
    deleted, freeing their slots and telling the other sides; the number cancelled. Runs in
    the caller's transaction, which holds the profile's lock."""
    return 0
