"""Profiles: create or change one's matchmaking profile in a series, delete it (and with
it every standing request and meeting), and what a participant's data export and deletion
do with their profiles.

Locks: the participant (first in the registrations' order: their registrations and
anonymisation do not change under us), then the profile (first in matchmaking's order,
matchmaking.models); deleting cancels the requests (matchmaking.services.requests), which
take the block's and the requests' locks after it.
"""

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.conf import global_settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import retry_on_conflict
from events.models import Organisation, Series, Theme
from matchmaking import queries
from matchmaking.models import TEXT_MAX, Availability, MatchmakingProfile
from matchmaking.services import MatchmakingError
from matchmaking.services.requests import requests_cancel_for_profile
from registrations.models import Participant
from registrations.services.base import participant_lock

logger = logging.getLogger(__name__)
LANGUAGE_CODES = frozenset(code for code, _name in global_settings.LANGUAGES)
TEXT_FIELDS = ("organisation_name", "organisation_kind", "country", "offer", "need", "phone")


@retry_on_conflict
@transaction.atomic
def profile_save(*, participant: Participant, series: Series, fields: Mapping[str, Any],
                 availability: Mapping[int, int], now: datetime | None = None
                 ) -> MatchmakingProfile:
    """Create the participant's profile in `series`, or change it.

    `fields`: organisation_name, organisation_kind, country (a code), offer, need, phone,
    languages (codes), offer_themes and need_themes (themes of the series);
    `availability`: {networking block id: bit mask of the slots they can meet in}, for
    blocks of events they are registered for (a block left out keeps what it had).

    Steps:
    1. lock the participant; refuse one whose data is deleted, a series whose matchmaking
       is closed, and anyone without a confirmed registration in it;
    2. check the fields: a theme of another series, an unknown language or kind, a text
       too long, a block of an event they are not registered for (or over), slots the
       block does not have — each refused;
    3. lock their profile, or create it; set the fields, themes and availability rows;
    4. log the profile's id.
    """
    now = now or timezone.now()
    participant = participant_lock(participant_id=participant.pk)
    if participant.is_anonymised:
        raise MatchmakingError(_("The data of this participant has been deleted."))
    if not queries.is_open(series):
        raise MatchmakingError(_("Matchmaking is not open in this series."))
    if not queries.registered_event_ids(participant=participant, series=series):
        raise MatchmakingError(_("Only participants registered for an event of this series "
                                 "can take part in its matchmaking."))
    _fields_check(series=series, fields=fields)
    blocks = {block.pk: block for block in queries.blocks_for(participant=participant,
                                                              series=series)}
    for block_id, mask in availability.items():
        block = blocks.get(block_id)
        if block is None:
            raise MatchmakingError(_("You can only give your times for the networking of "
                                     "events you are registered for."))
        if not 0 <= mask <= block.all_slots:
            raise MatchmakingError(_("This networking block has no such time slot."))

    profile = (MatchmakingProfile.objects.select_for_update(no_key=True)
               .filter(participant=participant, series=series).first())
    created = profile is None
    if created:
        profile = MatchmakingProfile(participant=participant, series=series, created_at=now)
    for name in TEXT_FIELDS:
        setattr(profile, name, fields.get(name) or "")
    profile.languages = list(dict.fromkeys(fields.get("languages") or []))
    profile.updated_at = now
    profile.save()
    profile.offer_themes.set(fields.get("offer_themes") or [])
    profile.need_themes.set(fields.get("need_themes") or [])
    for block_id, mask in availability.items():
        Availability.objects.update_or_create(profile=profile, block_id=block_id,
                                              defaults={"slots": mask})
    logger.info("Matchmaking profile %s %s", profile.pk, "created" if created else "changed")
    return profile


def _fields_check(*, series: Series, fields: Mapping[str, Any]) -> None:
    if not (fields.get("organisation_name") or "").strip():
        raise MatchmakingError(_("Please name your organisation."))
    if fields.get("organisation_kind") not in Organisation.Kind.values:
        raise MatchmakingError(_("Please choose the kind of your organisation."))
    if not fields.get("country"):
        raise MatchmakingError(_("Please name the country of your organisation."))
    if any(len(fields.get(name) or "") > TEXT_MAX for name in ("offer", "need")):
        raise MatchmakingError(_("Please keep each text to %(count)d characters.") % {
            "count": TEXT_MAX})
    themes: list[Theme] = [*(fields.get("offer_themes") or []),
                           *(fields.get("need_themes") or [])]
    if any(theme.series_id != series.pk for theme in themes):
        raise MatchmakingError(_("Please choose among the themes of this series."))
    if not set(fields.get("languages") or []) <= LANGUAGE_CODES:
        raise MatchmakingError(_("Please choose the languages from the list."))


@retry_on_conflict
@transaction.atomic
def profile_delete(*, profile_id: int, participant_id: int, now: datetime | None = None
                   ) -> None:
    """Delete a participant's profile, and with it their part in the matchmaking.

    Steps:
    1. lock the profile (it must be the participant's own, else refused);
    2. cancel its standing requests and meetings, telling the other sides
       (matchmaking.services.requests.requests_cancel_for_profile);
    3. delete it (its availability goes with it; requests keep the countries);
    4. log its id.
    """
    profile = (MatchmakingProfile.objects.select_for_update(no_key=True)
               .filter(pk=profile_id, participant_id=participant_id).first())
    if profile is None:
        raise MatchmakingError(_("This profile does not exist (any more)."))
    _delete(profile=profile, now=now or timezone.now())


def _delete(*, profile: MatchmakingProfile, now: datetime) -> None:
    profile_id = profile.pk
    cancelled = requests_cancel_for_profile(profile_id=profile_id, now=now)
    profile.delete()
    logger.info("Matchmaking profile %s deleted (%d requests cancelled)", profile_id, cancelled)


@retry_on_conflict
@transaction.atomic
def participant_profiles_erase(participant: Participant) -> None:
    """Delete every profile of a participant whose data is deleted (in participant_delete's
    transaction): as profile_delete, each in id order (their requests and meetings are
    cancelled, the other sides told)."""
    now = timezone.now()
    for profile in (MatchmakingProfile.objects.select_for_update(no_key=True)
                    .filter(participant=participant).order_by("pk")):
        _delete(profile=profile, now=now)


def participant_profiles_export(participant: Participant) -> list[dict]:
    """The participant's profiles, for their data export (JSON-ready)."""
    profiles = (MatchmakingProfile.objects.filter(participant=participant)
                .select_related("series").prefetch_related("offer_themes", "need_themes",
                                                           "availabilities__block__event")
                .order_by("pk"))
    return [{
        "series": profile.series.slug,
        "organisation": {"name": profile.organisation_name, "kind": profile.organisation_kind,
                         "country": profile.country.code},
        "offer": profile.offer, "need": profile.need,
        "offer_themes": [theme.name for theme in profile.offer_themes.all()],
        "need_themes": [theme.name for theme in profile.need_themes.all()],
        "languages": profile.languages, "phone": profile.phone,
        "availability": [
            {"event": row.block.event.slug, "block_start": row.block.starts_at.isoformat(),
             "slot_minutes": row.block.slot_minutes,
             "slots": queries.slots_of(row.slots & row.block.all_slots)}
            for row in sorted(profile.availabilities.all(), key=lambda row: row.block_id)],
        "created_at": profile.created_at.isoformat(),
        "updated_at": profile.updated_at.isoformat(),
    } for profile in profiles]
