"""Matchmaking's writes: profiles (profiles.py), meeting requests and their one
state-change function (requests.py), booking, cancelling and reminding meetings
(meetings.py), and the organisers' "schedule all" (schedule.py). Every refusal is a
MatchmakingError whose message, translated, says why."""


class MatchmakingError(Exception):
    """A change refused; the message (translated) tells the user why. Nothing changed."""
