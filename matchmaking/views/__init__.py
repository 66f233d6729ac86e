"""Matchmaking's pages for participants, all behind the personal link
(registrations.links): the profile (profiles.py), finding people (people.py), meeting
requests (requests.py), the meeting agenda, its calendar file and the room link
(meetings.py)."""

# the personal pages of matchmaking in a series, under the personal link
PREFIX = "registration/me/<str:token>/matchmaking/<slug:series>/"
