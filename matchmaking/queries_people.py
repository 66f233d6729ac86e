"""Finding people: the profiles a viewer (a profile) may see, the search among them, the
suggestions for them (matchmaking.suggest), one person's page, and the personal page's
matchmaking section.

Only a participant with a profile sees others, and only those of the same series whose
participants' data is not deleted; their e-mail address and phone number only once the two
have an accepted meeting (contact_visible)."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from events.models import Event, Series, Theme
from matchmaking import suggest
from matchmaking.models import MatchmakingProfile, MatchmakingSettings, MeetingRequest
from registrations.models import Participant, Registration

PAGE_SIZE = 30
SUGGESTIONS_SHOWN = 20

# What the search text is matched against (besides the organisation's name), and which
# themes the theme filter looks at.
IN_BOTH, IN_OFFER, IN_NEED = "both", "offer", "need"


def series_by_slug(slug: str) -> Series | None:
    return Series.objects.filter(slug=slug, is_published=True).first()


def visible_profiles(*, viewer: MatchmakingProfile) -> QuerySet[MatchmakingProfile]:
    """The other profiles of the viewer's series, of participants whose data is kept,
    with their themes (two queries more when read)."""
    return (MatchmakingProfile.objects
            .filter(series_id=viewer.series_id, participant__anonymised_at__isnull=True)
            .exclude(pk=viewer.pk)
            .select_related("participant")
            .prefetch_related("offer_themes", "need_themes"))


def profiles_search(*, viewer: MatchmakingProfile, text: str = "", theme: Theme | None = None,
                    country: str = "", kind: str = "", field: str = IN_BOTH
                    ) -> QuerySet[MatchmakingProfile]:
    """The visible profiles matching every filter given: `text` (case-insensitively in the
    organisation's name and, by `field`, what they offer, look for, or both), `theme`
    (among their offer or need themes, by `field`), `country`, organisation `kind`."""
    profiles = visible_profiles(viewer=viewer)
    if text:
        match = Q(organisation_name__icontains=text)
        if field in (IN_BOTH, IN_OFFER):
            match |= Q(offer__icontains=text)
        if field in (IN_BOTH, IN_NEED):
            match |= Q(need__icontains=text)
        profiles = profiles.filter(match)
    if theme is not None:
        having = {IN_OFFER: Q(offer_themes=theme), IN_NEED: Q(need_themes=theme)}.get(
            field, Q(offer_themes=theme) | Q(need_themes=theme))
        profiles = profiles.filter(pk__in=MatchmakingProfile.objects.filter(having)
                                   .values("pk"))
    if country:
        profiles = profiles.filter(country=country)
    if kind:
        profiles = profiles.filter(organisation_kind=kind)
    return profiles


def countries_present(*, viewer: MatchmakingProfile) -> list[str]:
    """The countries of the profiles the viewer may see (codes, each once)."""
    return sorted(set(MatchmakingProfile.objects
                      .filter(series_id=viewer.series_id,
                              participant__anonymised_at__isnull=True)
                      .exclude(pk=viewer.pk).values_list("country", flat=True)))


def person_of(*, viewer: MatchmakingProfile, profile_id: int) -> MatchmakingProfile | None:
    """Another profile of the viewer's series, or None (unknown, deleted, other series,
    the viewer's own)."""
    return visible_profiles(viewer=viewer).filter(pk=profile_id).first()


def contact_visible(*, viewer: MatchmakingProfile, person: MatchmakingProfile) -> bool:
    """Whether the two have an accepted meeting request between them: only then each sees
    the other's e-mail address and phone number."""
    return MeetingRequest.objects.meetings().filter(
        Q(sender=viewer, receiver=person) | Q(sender=person, receiver=viewer)).exists()


def _as_person(profile: MatchmakingProfile) -> suggest.Person:
    """A profile as matchmaking.suggest sees it (themes and interests prefetched)."""
    def names(themes) -> tuple[str, ...]:
        return tuple(theme.name for theme in themes.all())

    return suggest.Person(id=profile.pk, offer_themes=names(profile.offer_themes),
                          need_themes=names(profile.need_themes),
                          interests=names(profile.participant.themes), offer=profile.offer,
                          need=profile.need, country=profile.country.code)


def suggestions_for(*, viewer: MatchmakingProfile,
                    limit: int = SUGGESTIONS_SHOWN) -> list[tuple[MatchmakingProfile,
                                                                  suggest.Suggestion]]:
    """The profiles that complement the viewer's best (matchmaking.suggest), with why:
    without those they have a standing request with, and with the countries of the people
    they have a standing request or meeting with counted as known. A fixed number of
    queries, however many profiles."""
    standing = list(MeetingRequest.objects.standing().involving(viewer)
                    .values_list("sender_id", "receiver_id", "sender_country",
                                 "receiver_country"))
    excluded = {sender if receiver == viewer.pk else receiver
                for sender, receiver, _one, _two in standing} - {None}
    known = {receiver_country if sender == viewer.pk else sender_country
             for sender, _receiver, sender_country, receiver_country in standing}
    themes = Prefetch("participant__themes", queryset=Theme.objects.filter(
        series_id=viewer.series_id))
    profiles = {profile.pk: profile for profile in visible_profiles(viewer=viewer)
                .exclude(pk__in=excluded).prefetch_related(themes)}
    viewer_full = (MatchmakingProfile.objects.select_related("participant")
                   .prefetch_related("offer_themes", "need_themes", themes).get(pk=viewer.pk))
    ranked = suggest.suggestions(_as_person(viewer_full),
                                 [_as_person(profile) for profile in profiles.values()],
                                 known_countries=known, excluded=excluded, limit=limit)
    return [(profiles[suggestion.person.id], suggestion) for suggestion in ranked]


@dataclass(frozen=True)
class PersonalEntry:
    """The personal page's matchmaking of one series: the profile (None: none yet) and how
    many requests wait for its answer."""

    series: Series
    profile: MatchmakingProfile | None
    waiting: int


def personal_entries(*, participant: Participant) -> list[PersonalEntry]:
    """For each series whose matchmaking is open and where the participant holds a
    confirmed registration: their profile and the requests waiting for their answer. One
    query when there is none, two otherwise."""
    open_series = {settings.series_id: settings.series for settings in (
        MatchmakingSettings.objects.filter(
            is_open=True, series__events__status=Event.Status.PUBLISHED,
            series__events__registrations__participant=participant,
            series__events__registrations__state=Registration.State.CONFIRMED)
        .select_related("series").distinct())}
    if not open_series:
        return []
    profiles = {profile.series_id: profile for profile in MatchmakingProfile.objects.filter(
        participant=participant, series_id__in=open_series).annotate(waiting=Count(
            "requests_received", filter=Q(requests_received__state=MeetingRequest.State.PENDING)))}
    return [PersonalEntry(series=series, profile=profiles.get(series.pk),
                          waiting=getattr(profiles.get(series.pk), "waiting", 0))
            for series in sorted(open_series.values(), key=lambda series: (series.title,
                                                                           series.pk))]
