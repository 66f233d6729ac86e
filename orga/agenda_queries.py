"""Reads of the agenda editor (orga/views/agenda.py, {% agenda_editor %}): an event's talks
with everything the editor shows, the speakers and organisations a talk may name, the texts
still missing in a content language, and the event as its public page shows it.

Each read is a constant number of queries, whatever the number of talks and speakers.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from events.content_language import content_languages
from events.models import Event, Organisation, Series, Speaker, Talk
from events.queries import talks_with_speakers
from reports.models import Report


def series_languages(series: Series) -> list[str]:
    """The languages a series writes its texts in: its content languages (and its main
    language, should the list leave it out), in the order of settings.CONTENT_LANGUAGES;
    its main language alone when it names none."""
    chosen = {code for code in (series.content_languages or []) if isinstance(code, str)}
    chosen.add(series.default_language)
    return [code for code in content_languages() if code in chosen]


def agenda_talks(*, event: Event) -> list[Talk]:
    """The event's talks in agenda order, with their themes and speakers (and the
    speakers' organisations). Three queries."""
    talks = list(talks_with_speakers().filter(event=event))
    for talk in talks:
        talk.event = event
    return talks


def speaker_choices(*, series: Series) -> QuerySet[Speaker]:
    """The speakers a talk of `series` may name: those of the series' own talks, and those
    the public site already shows (speakers of published events of published series). A
    speaker known only to another series' drafts stays unknown here."""
    public = Q(talks__event__status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED],
               talks__event__series__is_published=True)
    ids = Speaker.objects.filter(Q(talks__event__series=series) | public).values("pk")
    return Speaker.objects.filter(pk__in=ids).select_related("organisation").order_by(
        "name", "pk")


def organisation_choices() -> QuerySet[Organisation]:
    """Organisations a new speaker may belong to: every organisation (each has its public
    page)."""
    return Organisation.objects.order_by("name", "pk")


@dataclass(frozen=True)
class MissingText:
    """A translatable text of the event's page that one or more languages lack."""

    kind: str            # "event", "talk" or "speaker"
    obj: object
    field: str           # "title", "summary", "abstract", "role", "bio"
    missing: tuple[str, ...]


@dataclass
class MissingTexts:
    languages: list[str]
    texts: list[MissingText] = field(default_factory=list)

    @property
    def by_language(self) -> list[tuple[str, int]]:
        """(language, how many texts lack it), for each language that lacks any."""
        counts = [(code, sum(code in text.missing for text in self.texts))
                  for code in self.languages]
        return [(code, count) for code, count in counts if count]


# (kind, field, required): a required text is missing in every language it lacks; another
# only where some language has it (an event may have no summary at all).
_EVENT_TEXTS = [("title", True), ("summary", False)]
_TALK_TEXTS = [("title", True), ("abstract", False)]
_SPEAKER_TEXTS = [("role", False), ("bio", False)]


def missing_texts(*, event: Event, talks: list[Talk], languages: list[str]) -> MissingTexts:
    """The texts of the event's page (its title and summary, its talks' titles and
    abstracts, its speakers' roles and bios) still missing in some of `languages`. No
    query: `talks` come from agenda_talks."""
    found = MissingTexts(languages=languages)

    def check(kind: str, obj: object, texts: list[tuple[str, bool]]) -> None:
        for name, required in texts:
            values = {code: getattr(obj, f"{name}_{code}", None) or "" for code in languages}
            missing = tuple(code for code, value in values.items() if not value.strip())
            if missing and (required or len(missing) < len(languages)):
                found.texts.append(MissingText(kind, obj, name, missing))

    check("event", event, _EVENT_TEXTS)
    speakers: dict[int, Speaker] = {}
    for talk in talks:
        check("talk", talk, _TALK_TEXTS)
        for speaker in talk.ordered_speakers:
            speakers.setdefault(speaker.pk, speaker)
    for speaker in speakers.values():
        check("speaker", speaker, _SPEAKER_TEXTS)
    return found


def event_for_preview(*, event: Event) -> Event:
    """The event (any status) with what its public page shows: region, themes, agenda and
    published reports, as events.queries.event_get_public reads them for the public."""
    series = event.series
    event = (
        Event.objects.filter(pk=event.pk)
        .select_related("region__coordinator")
        .prefetch_related(
            "themes",
            Prefetch("talks", queryset=talks_with_speakers()),
            Prefetch("reports", queryset=Report.objects.published().filter(series=series),
                     to_attr="published_reports"),
        )
        .get()
    )
    event.series = series
    for report in event.published_reports:
        report.series = series
    return event

