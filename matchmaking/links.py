"""The links of matchmaking's mails and pages: the personal pages (under the personal link,
registrations.links) and the room link of an online meeting.

A room link is our own address (matchmaking:room) carrying a django.core.signing token that
names the request, the profile it was made for and the request's room key; the page checks
it and sends the browser on to the video room (the series' room_url_pattern, else
settings.MATCHMAKING_ROOM_URL, with {room} replaced by the request's room key: the same
room for both sides). A cancelled meeting's link leads to a page that says so.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.i18n import url_language
from matchmaking.models import MatchmakingProfile, MeetingRequest
from registrations import links as personal_links
from registrations.models import Participant

ROOM_SALT = "matchmaking.room"


class RoomLinkError(Exception):
    """A room link that cannot be used; the message (translated) says why."""


def personal_page_url(name: str, *, participant: Participant, series_slug: str,
                      language: str, **kwargs) -> str:
    """The absolute address of one of matchmaking's personal pages, in `language`."""
    token = personal_links.personal_token(participant=participant)
    with translation.override(url_language(language)):
        return settings.SITE_URL + reverse(f"matchmaking:{name}", kwargs={
            "token": token, "series": series_slug, **kwargs})


def room_token(*, request: MeetingRequest, profile: MatchmakingProfile) -> str:
    return signing.dumps({"r": request.pk, "p": profile.pk, "k": request.room},
                         salt=ROOM_SALT, compress=False)


def room_path(*, request: MeetingRequest, profile: MatchmakingProfile) -> str:
    """`profile`'s link into the video room of `request`, in the active language (pages)."""
    return reverse("matchmaking:room",
                   kwargs={"token": room_token(request=request, profile=profile)})


def room_url(*, request: MeetingRequest, profile: MatchmakingProfile, language: str) -> str:
    """The absolute address of `profile`'s link into the video room of `request` (mails,
    calendar files)."""
    with translation.override(url_language(language)):
        return settings.SITE_URL + room_path(request=request, profile=profile)


def room_address(request: MeetingRequest) -> str:
    """The video room's external address: the series' pattern or the platform's."""
    series_settings = getattr(request.block.event.series, "matchmaking", None)
    pattern = ((series_settings.room_url_pattern if series_settings else "")
               or settings.MATCHMAKING_ROOM_URL)
    return pattern.replace("{room}", request.room)


def request_from_room_token(token: str) -> MeetingRequest:
    """The meeting a room link names, with its block, event and series read; RoomLinkError
    for a tampered link or one whose meeting or profile is gone. Whether the meeting is
    (still) scheduled is the caller's question."""
    invalid = _("This room link is not valid. Please use the link from your e-mail or "
                "your meeting agenda exactly as it is.")
    try:
        data = signing.loads(token, salt=ROOM_SALT)
    except signing.BadSignature as error:
        raise RoomLinkError(invalid) from error
    if not isinstance(data, dict) or not all(
            isinstance(data.get(key), int) for key in ("r", "p")):
        raise RoomLinkError(invalid)
    request = (MeetingRequest.objects.select_related("block__event__series__matchmaking")
               .filter(pk=data["r"]).first())
    if (request is None or data.get("k") != request.room
            or data["p"] not in (request.sender_id, request.receiver_id)):
        raise RoomLinkError(_("This meeting does not exist (any more)."))
    return request
