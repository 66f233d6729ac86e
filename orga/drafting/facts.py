"""The facts of an event's report, gathered once for every language of the draft.

`report_facts(event=…)` reads the event with its series and organiser, the series' regions
and themes, the agenda with speakers and their organisations, the attendance counts and
the next event: eight queries whatever the size of the event. The texts of the data
(titles, names, roles) are kept per content language as the site shows them
(events.content_language.translated: the language, else the series' language, English,
…); an abstract only in the languages it was written in (a draft quotes no other).
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q
from django.utils import translation

from events.content_language import translated
from events.models import Event, Speaker, Talk, TalkSpeaker
from registrations.models import Registration

Text = dict[str, str]  # language code → text


@dataclass(frozen=True)
class SpeakerFacts:
    name: str
    role: Text
    organisation: str  # empty when the speaker has none
    country: str  # the organisation's country code, or empty


@dataclass(frozen=True)
class TalkFacts:
    kind: str
    title: Text
    excerpt_source: Text  # the abstract, in the languages it exists in
    speakers: tuple[SpeakerFacts, ...]


@dataclass(frozen=True)
class NextEventFacts:
    day: date  # in the next event's zone
    kind: str
    title: Text
    region: Text | None
    country: str  # the region's country code, or empty
    url: Text  # absolute address of its public page, per language


@dataclass(frozen=True)
class Attendance:
    known: bool  # someone is marked as attended (by an import of the video tool's report
    # or a check-in); until then the draft names the registered and leaves a placeholder
    attended: int
    attended_countries: int
    registered: int  # holding a place (confirmed)
    registered_countries: int


@dataclass(frozen=True)
class ReportFacts:
    languages: tuple[str, ...]
    series_title: Text
    organiser: str
    ordinal: int  # 1 for the series' first event by start
    kind: str
    title: Text
    day: date  # in the event's zone
    format: str
    venue: Text
    region: Text | None
    region_country: str
    partner_countries: tuple[str, ...]  # country codes of the series' regions, in order
    themes: tuple[Text, ...]
    showcases: int  # regional showcases of the series
    has_pitch_session: bool
    attendance: Attendance
    welcome: TalkFacts | None  # the first welcome with a speaker
    keynotes: tuple[TalkFacts, ...]
    talks: tuple[TalkFacts, ...]  # talks, panels and pitches before the closing one
    closing: TalkFacts | None  # the last of them, when there are two or more
    talks_regional: bool  # every speaker of `talks` comes from the event's region's country
    next_event: NextEventFacts | None
    # a pitch session's companies that pitched (its confirmed applications), in the
    # agenda's order (those with a talk by its start), then by name
    pitched: tuple[str, ...] = ()


MAIN_KINDS = (Talk.Kind.TALK, Talk.Kind.PANEL, Talk.Kind.PITCH)


def report_facts(*, event: Event) -> ReportFacts:
    """Everything the draft states about `event`, in a fixed number of queries."""
    event = Event.objects.select_related("series__organiser", "region").get(pk=event.pk)
    series = event.series
    languages = tuple(series.content_languages or [series.default_language])

    def text(obj, field: str) -> Text:
        return {language: translated(obj, field, language=language,
                                     series_language=series.default_language).text
                for language in languages}

    def exact(obj, field: str) -> Text:
        values = {language: getattr(obj, f"{field}_{language}", "") or "" for language in languages}
        return {language: value for language, value in values.items() if value.strip()}

    def speaker(item: Speaker) -> SpeakerFacts:
        organisation = item.organisation
        return SpeakerFacts(name=item.name, role=text(item, "role"),
                            organisation=organisation.name if organisation else "",
                            country=organisation.country.code if organisation else "")

    def talk(item: Talk) -> TalkFacts:
        return TalkFacts(kind=item.kind, title=text(item, "title"),
                         excerpt_source=exact(item, "abstract"),
                         speakers=tuple(speaker(link.speaker)
                                        for link in item.talk_speakers.all()))

    regions = list(series.regions.order_by("position", "pk"))
    themes = [text(theme, "name") for theme in series.themes.order_by("position", "pk")]
    agenda = list(event.talks.order_by("order").prefetch_related(Prefetch(
        "talk_speakers", TalkSpeaker.objects.select_related("speaker__organisation"))))
    welcome = next((talk(item) for item in agenda
                    if item.kind == Talk.Kind.WELCOME and item.talk_speakers.all()), None)
    keynotes = tuple(talk(item) for item in agenda if item.kind == Talk.Kind.KEYNOTE)
    main = [talk(item) for item in agenda if item.kind in MAIN_KINDS]
    closing = main.pop() if len(main) >= 2 else None
    region_country = event.region.country.code if event.region else ""
    talks_regional = bool(region_country) and all(
        person.country == region_country for item in main for person in item.speakers)

    return ReportFacts(
        languages=languages, series_title=text(series, "title"),
        organiser=series.organiser.name, kind=event.kind,
        title=text(event, "title"), day=event.local_start.date(), format=event.format,
        venue=text(event, "venue"),
        region=text(event.region, "name") if event.region else None,
        region_country=region_country,
        partner_countries=tuple(dict.fromkeys(region.country.code for region in regions)),
        themes=tuple(themes), **_series_places(event), attendance=_attendance(event),
        welcome=welcome, keynotes=keynotes, talks=tuple(main), closing=closing,
        talks_regional=talks_regional, next_event=_next_event(event, languages, text),
        pitched=_pitched(event),
    )


def _pitched(event: Event) -> tuple[str, ...]:
    """The companies of the pitch session's confirmed applications: one query (none for
    other events)."""
    if event.kind != Event.Kind.PITCH_SESSION:
        return ()
    from pitches.models import PitchApplication

    return tuple(PitchApplication.objects.filter(
        call__event=event, state=PitchApplication.State.CONFIRMED)
        .order_by(F("talk__start").asc(nulls_last=True), "organisation_name", "pk")
        .values_list("organisation_name", flat=True))


def _series_places(event: Event) -> dict:
    """Its place among the series' published events by start (cancelled and draft ones not
    counted; the event itself counts even if it is not published), how many regional
    showcases the series has and whether it has a pitch session: one query."""
    published = Q(status=Event.Status.PUBLISHED)
    earlier = published & (Q(start__lt=event.start) | Q(start=event.start, pk__lt=event.pk))
    counts = event.series.events.filter(published | Q(pk=event.pk)).aggregate(
        earlier=Count("pk", filter=earlier),
        showcases=Count("pk", filter=Q(kind=Event.Kind.SHOWCASE)),
        pitch_sessions=Count("pk", filter=Q(kind=Event.Kind.PITCH_SESSION)))
    return {"ordinal": counts["earlier"] + 1, "showcases": counts["showcases"],
            "has_pitch_session": counts["pitch_sessions"] > 0}


def _attendance(event: Event) -> Attendance:
    """Attended: confirmed registrations marked so, as the figures count them
    (orga.figures.queries; an anonymised participant keeps their country and still counts);
    registered: those holding a place."""
    holding = Q(state=Registration.State.CONFIRMED)
    attended = holding & Q(attended=True)
    counts = Registration.objects.filter(event=event).aggregate(
        came=Count("pk", filter=attended),
        came_from=Count("participant__country", filter=attended, distinct=True),
        holding=Count("pk", filter=holding),
        holding_from=Count("participant__country", filter=holding, distinct=True))
    return Attendance(known=counts["came"] > 0, attended=counts["came"],
                      attended_countries=counts["came_from"], registered=counts["holding"],
                      registered_countries=counts["holding_from"])


def _next_event(event: Event, languages: tuple[str, ...], text) -> NextEventFacts | None:
    """The series' next published event by start, with its address in every language."""
    following = (event.series.events.filter(status=Event.Status.PUBLISHED)
                 .filter(Q(start__gt=event.start) | Q(start=event.start, pk__gt=event.pk))
                 .select_related("region").order_by("start", "pk").first())
    if following is None:
        return None
    following.series = event.series
    urls = {}
    for language in languages:
        with translation.override(language):
            urls[language] = settings.SITE_URL + following.get_absolute_url()
    return NextEventFacts(
        day=following.local_start.date(), kind=following.kind, title=text(following, "title"),
        region=text(following.region, "name") if following.region else None,
        country=following.region.country.code if following.region else "", url=urls)
