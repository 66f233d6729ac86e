"""The figures as the dashboards and the export show them, in the active language: labelled
tables (each a Breakdown, its chart's geometry beside it) and the definitions in words.
The pages and the files are built from the same objects, so they always agree."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.countries import country_names
from core.local_forms import zone_city
from events.content_language import translated
from events.models import Event, Organisation
from feedback.models import FeedbackAnswer
from orga.figures.queries import (
    RATINGS,
    RETURNING_CAP,
    Figures,
    FreeText,
    MatchmakingFigures,
    PitchFigures,
    SeriesFigures,
)

# the charts' drawing: SVG user units (the SVG scales to its box)
BAR_WIDTH = 640
BAR_ROW = 28
BAR_LABEL = 230
BAR_MAX = 330
TIME_WIDTH = 640
TIME_HEIGHT = 220
TIME_LEFT, TIME_RIGHT, TIME_TOP, TIME_BOTTOM = 44, 12, 24, 34
LABEL_CHARACTERS = 28


@dataclass
class Row:
    label: str
    count: int | None
    share: float | None = None
    lang: str = ""          # the label's language when a content text falls back
    width: float = 0.0      # the bar's length in SVG units
    y: float = 0.0          # the row's top
    text_y: float = 0.0
    value_x: float = 0.0

    @property
    def share_shown(self) -> str:
        return Fact("", self.share, "share").shown

    @property
    def short_label(self) -> str:
        if len(self.label) <= LABEL_CHARACTERS:
            return self.label
        return self.label[:LABEL_CHARACTERS - 1].rstrip() + "…"


@dataclass
class Breakdown:
    slug: str
    title: str
    definition: str
    key: str                # the header of the rows' labels
    column: str             # the header of the counts
    rows: list[Row]
    base: int = 0
    height: int = 0         # the chart's height (SVG units); 0: no chart

    @property
    def empty(self) -> bool:
        return not self.rows


@dataclass
class Fact:
    label: str
    value: int | float | None
    kind: str = "count"     # count, share, mean

    @property
    def shown(self) -> str:
        if self.value is None:
            return "–"
        if self.kind == "share":
            return formats.number_format(round(self.value * 100, 1), decimal_pos=1) + " %"
        if self.kind == "mean":
            return formats.number_format(round(self.value, 2), decimal_pos=2)
        return formats.number_format(self.value, use_l10n=True, force_grouping=True)


@dataclass
class Day:
    date: datetime.date
    count: int
    total: int
    mails: int
    x: float = 0.0
    y: float = 0.0
    height: float = 0.0
    mid: float = 0.0


@dataclass
class Timeline:
    days: list[Day]
    zone: str
    bar_width: float = 0.0
    top: int = 0
    axis_y: float = TIME_HEIGHT - TIME_BOTTOM
    width: int = TIME_WIDTH
    height: int = TIME_HEIGHT
    left: int = TIME_LEFT
    right: int = TIME_WIDTH - TIME_RIGHT
    top_y: int = TIME_TOP
    first: str = ""
    last: str = ""

    @property
    def active_days(self) -> list[Day]:
        return [day for day in self.days if day.count or day.mails]

    @property
    def mail_days(self) -> list[Day]:
        return [day for day in self.days if day.mails]


@dataclass
class Dashboard:
    title: str
    date_range: str
    facts: list[Fact]
    timeline: Timeline
    breakdowns: list[Breakdown]
    survey_facts: list[Fact]
    survey: list[Breakdown]
    next_topics: list[FreeText] = field(default_factory=list)
    comments: list[FreeText] = field(default_factory=list)
    returning: list[Fact] = field(default_factory=list)
    pitch_facts: list[Fact] = field(default_factory=list)   # none: no pitch session
    pitch: list[Breakdown] = field(default_factory=list)
    matchmaking_facts: list[Fact] = field(default_factory=list)  # none: no networking block
    matchmaking: list[Breakdown] = field(default_factory=list)


def definitions(*, zone: str) -> list[tuple[str, str]]:
    """Every figure's definition in words (the pages and each sheet of the export)."""
    return [
        (_("Registrations"), _("Every registration whose address was confirmed: confirmed, "
                               "on the waiting list or cancelled. Pending registrations "
                               "(address never confirmed) never count.")),
        (_("Participants"), _("Confirmed registrations: a seat at the event. In the "
                              "series' breakdowns each person counts once, however many "
                              "events they registered for.")),
        (_("On the waiting list"), _("Registrations still waiting for a seat.")),
        (_("Cancelled"), _("Registrations cancelled by the participant, an organiser or "
                           "the cancellation of the event; shown apart, never counted as "
                           "participants.")),
        (_("Attended"), _("Participants marked as attended: imported from the video "
                          "tool's attendance report or checked in at the door.")),
        (_("No-shows"), _("Participants not marked as attended, for events that have ended "
                          "and whose attendance is known (at least one registration has "
                          "its attendance recorded).")),
        (_("Attendance rate"), _("Attended divided by participants, for events whose "
                                 "attendance is known.")),
        (_("Countries"), _("The country participants gave when they registered.")),
        (_("SME share"), _("Participants whose organisation is an SME (as they stated it), "
                           "divided by all participants.")),
        (_("Returning participants"), _(
            "At an event: participants who held a confirmed registration for an earlier "
            "event of the series. Across the series: persons with confirmed registrations "
            "for two or more of its events (registered), and those marked as attended at "
            "two or more (attended).")),
        (_("Registrations by day"), _(
            "The day a registration was made (by the clock of %(zone)s), of the "
            "registrations that count; a marked day is one on which a mail to participants "
            "went out.")
         % {"zone": zone}),
        (_("Survey"), _("The answers to the survey after the event, at most one per "
                        "registration. They are anonymous: the free texts are shown "
                        "without names, in alphabetical order.")),
        (_("Pitch applications"), _(
            "Every application to the call for pitches, withdrawn ones included. The "
            "applications of the pitch session count by the furthest step they reached: a "
            "later withdrawal or decline takes nothing away.")),
        (_("Applications shortlisted"), _(
            "Applications shortlisted at any time, and those offered a slot (a slot may be "
            "offered without a shortlist).")),
        (_("Applications accepted"), _(
            "Applications offered a slot at any time: accepted, confirmed, not confirmed in "
            "time, or withdrawn or declined after the offer.")),
        (_("Confirmed pitches"), _("Applications whose slot was confirmed, also when "
                                   "withdrawn afterwards.")),
        (_("Votes"), _("The audience's votes in the pitch session: one per participant with "
                       "a confirmed registration, for one confirmed pitch.")),
        (_("Matchmaking profiles"), _(
            "At an event: the matchmaking profiles of its participants. Across the series: "
            "every profile in its matchmaking. A profile is deleted with its person's "
            "data.")),
        (_("Meeting requests sent"), _("Every request for a meeting in a networking block, "
                                       "whatever became of it.")),
        (_("Requests accepted"), _("Requests accepted at any time, also when the meeting "
                                   "was cancelled afterwards.")),
        (_("Requests declined"), _("Requests the person asked declined.")),
        (_("Meetings scheduled"), _("Accepted meetings with a time slot (booked by the two "
                                    "people or placed by the organisers), not cancelled.")),
        (_("Meetings held"), _("Scheduled meetings whose time slot has ended without "
                               "either side reporting that the other did not come.")),
        (_("Cross-border meetings"), _(
            "Accepted meetings, not cancelled, between people of two different countries, "
            "by pair of countries; they stay when a person deletes their data.")),
        (_("Deleted data"), _("Participants who deleted their data still count: their "
                              "registrations stay, anonymised, with the kind of "
                              "organisation, countries, language and themes of interest.")),
    ]


def event_dashboard(*, event: Event, figures: Figures, themes: dict, talks: dict) -> Dashboard:
    zone = zone_name()
    return Dashboard(
        title=translated(event, "title").text,
        date_range=_event_range(event),
        facts=_facts(figures, returning=_("Returning participants")),
        timeline=_timeline(figures, zone=zone),
        breakdowns=_breakdowns(figures, themes=themes, persons=False),
        survey_facts=_survey_facts(figures),
        survey=_survey_breakdowns(figures, talks=talks),
        next_topics=figures.survey.next_topics, comments=figures.survey.comments,
        **_pitch(figures.pitch, themes=themes), **_matchmaking(figures.matchmaking))


def series_dashboard(*, figures: SeriesFigures) -> Dashboard:
    zone = zone_name()
    totals, persons = figures.totals, figures.persons
    facts = _facts(totals, returning=None)
    facts.insert(1, Fact(_("Persons (each counted once)"), persons.confirmed))
    return Dashboard(
        title=translated(figures.series, "title").text,
        date_range=_series_range(figures.events),
        facts=facts,
        timeline=_timeline(totals, zone=zone),
        breakdowns=_breakdowns(persons, themes=figures.themes, persons=True),
        survey_facts=_survey_facts(totals),
        survey=_survey_breakdowns(totals, talks=figures.talks),
        returning=[
            Fact(_("Registered for two or more events"), figures.returning_registered),
            Fact(_("Attended two or more events"), figures.returning_attended),
        ],
        **_pitch(totals.pitch, themes=figures.themes), **_matchmaking(totals.matchmaking))


def returning_breakdowns(figures: SeriesFigures) -> list[Breakdown]:
    """How many persons registered for (and attended) 1, 2, … events of the series."""
    labels = {n: str(n) for n in range(1, RETURNING_CAP)}
    labels[RETURNING_CAP] = _("%(count)d or more") % {"count": RETURNING_CAP}
    registered = [Row(labels[n], counts[0]) for n, counts in
                  figures.events_per_person.items()]
    attended = [Row(labels[n], counts[1]) for n, counts in figures.events_per_person.items()]
    return [
        _chart(Breakdown("events-registered", _("Persons by the number of events they "
                                                 "registered for"),
                         _("Confirmed registrations per person."), _("Events"), _("Persons"),
                         registered,
                         base=sum(row.count for row in registered))),
        _chart(Breakdown("events-attended", _("Persons by the number of events they "
                                               "attended"),
                         _("Attendances per person, of those who attended at least once."),
                         _("Events"), _("Persons"), attended,
                         base=sum(row.count for row in attended))),
    ]


@dataclass
class EventRow:
    event: Event
    title: str
    date: datetime.date
    figures: Figures

    @property
    def cells(self) -> list[str]:
        return event_row_cells(self)


def event_table(figures: SeriesFigures) -> tuple[list[str], list[EventRow]]:
    """The series' events side by side: the columns' headers and a row per event."""
    headers = [_("Event"), _("Date"), _("Participants"), _("On the waiting list"),
               _("Cancelled"), _("Attended"), _("No-shows"), _("Attendance rate"),
               _("Countries"), _("SME share"), _("Returning participants"),
               _("Survey answers"), _("Mean rating")]
    rows = [EventRow(event, translated(event, "title").text,
                     event.local_start.date(), figures.per_event[event.pk])
            for event in figures.events]
    return headers, rows


def event_row_cells(row: EventRow) -> list[str]:
    """The row's figures as the page shows them (after the title and the date)."""
    kinds = ["count"] * 5 + ["share", "count", "share", "count", "count", "mean"]
    return [Fact("", value, kind).shown
            for value, kind in zip(event_row_values(row)[2:], kinds, strict=True)]


def event_row_values(row: EventRow) -> list:
    figures = row.figures
    return [row.title, row.date, figures.confirmed, figures.waitlisted, figures.cancelled,
            figures.attended, figures.no_shows, figures.attendance_rate, figures.country_count,
            figures.sme_share, figures.returning, figures.survey.answers,
            figures.survey.mean_rating]


def _facts(figures: Figures, *, returning: str | None) -> list[Fact]:
    facts = [
        Fact(_("Participants"), figures.confirmed),
        Fact(_("On the waiting list"), figures.waitlisted),
        Fact(_("Cancelled"), figures.cancelled),
        Fact(_("Attended"), figures.attended),
        Fact(_("No-shows"), figures.no_shows),
        Fact(_("Attendance rate"), figures.attendance_rate, "share"),
        Fact(_("Countries"), figures.country_count),
        Fact(_("SME share"), figures.sme_share, "share"),
    ]
    if returning:
        facts.append(Fact(returning, figures.returning))
    return facts


def _breakdowns(figures: Figures, *, themes: dict, persons: bool) -> list[Breakdown]:
    column = _("Persons") if persons else _("Participants")
    base = figures.confirmed
    names = dict(country_names(get_language()))
    kinds = dict(Organisation.Kind.choices)
    languages = dict(settings.CONTENT_LANGUAGES)
    theme_rows = []
    for theme_id, count in figures.themes.items():
        theme = themes.get(theme_id)
        if theme is not None:
            text, language = translated(theme, "name")
            theme_rows.append(Row(text, count, lang=_foreign(language)))
    return [_chart(breakdown) for breakdown in (
        Breakdown("countries", _("By country"), _("The country participants gave."),
                  _("Country"), column,
                  _rows(figures.countries, lambda code: names.get(code, code)), base),
        Breakdown("kinds", _("By kind of organisation"),
                  _("The kind of organisation participants stated."),
                  _("Kind of organisation"), column,
                  _rows(figures.kinds, lambda kind: str(kinds.get(kind, kind))), base),
        Breakdown("themes", _("By theme of interest"),
                  _("Themes participants ticked when registering; one person may tick "
                    "several, so the shares may add up to more than 100 %."),
                  _("Theme"), column,
                  _sorted(theme_rows), base),
        Breakdown("languages", _("By language"),
                  _("The language participants chose for their mails."), _("Language"),
                  column,
                  _rows(figures.languages, lambda code: str(languages.get(code, code))), base),
    )]


def _pitch(pitch: PitchFigures | None, *, themes: dict) -> dict:
    """The pitch session's key figures and breakdowns (nothing for other events)."""
    if pitch is None:
        return {}
    names = dict(country_names(get_language()))
    theme_rows = []
    for theme_id, count in pitch.themes.items():
        theme = themes.get(theme_id)
        if theme is None:
            theme_rows.append(Row(_("No theme"), count))
        else:
            text, language = translated(theme, "name")
            theme_rows.append(Row(text, count, lang=_foreign(language)))
    column = _("Applications")
    return {
        "pitch_facts": [
            Fact(_("Pitch applications"), pitch.applications),
            Fact(_("Applications shortlisted"), pitch.shortlisted),
            Fact(_("Applications accepted"), pitch.accepted),
            Fact(_("Confirmed pitches"), pitch.confirmed),
            Fact(_("Votes"), pitch.votes),
        ],
        "pitch": [_chart(breakdown) for breakdown in (
            Breakdown("pitch-countries", _("Pitch applications by country"),
                      _("The country each application gave for its company."), _("Country"),
                      column, _rows(pitch.countries, lambda code: names.get(code, code)),
                      pitch.applications),
            Breakdown("pitch-themes", _("Pitch applications by theme"),
                      _("The theme each application chose."), _("Theme"), column,
                      _sorted(theme_rows), pitch.applications),
            Breakdown("pitch-votes", _("Votes per pitch"),
                      _("The audience's votes for each confirmed pitch."), _("Company"),
                      _("Votes"), _sorted([Row(name, votes) for name, votes
                                           in pitch.pitches.values()]), pitch.votes),
        )],
    }


def _matchmaking(figures: MatchmakingFigures | None) -> dict:
    """The matchmaking's key figures and its cross-border pairs (nothing for events
    without networking blocks)."""
    if figures is None:
        return {}
    names = dict(country_names(get_language()))

    def pair(codes: tuple[str, str]) -> str:
        return " – ".join(sorted((names.get(code, code) for code in codes), key=str.casefold))

    return {
        "matchmaking_facts": [
            Fact(_("Matchmaking profiles"), figures.profiles),
            Fact(_("Meeting requests sent"), figures.requests),
            Fact(_("Requests accepted"), figures.accepted),
            Fact(_("Requests declined"), figures.declined),
            Fact(_("Meetings scheduled"), figures.scheduled),
            Fact(_("Meetings held"), figures.held),
            Fact(_("Cross-border meetings"), figures.cross_border),
        ],
        "matchmaking": [_chart(Breakdown(
            "meeting-pairs", _("Cross-border meetings by pair of countries"),
            _("Accepted meetings between people of two different countries."),
            _("Countries"), _("Meetings"), _rows(figures.pairs, pair), figures.cross_border))],
    }


def _survey_facts(figures: Figures) -> list[Fact]:
    survey = figures.survey
    return [Fact(_("Answers"), survey.answers),
            Fact(_("Mean rating (1 to 5)"), survey.mean_rating, "mean")]


def _survey_breakdowns(figures: Figures, *, talks: dict) -> list[Breakdown]:
    survey = figures.survey
    choices = dict(FeedbackAnswer.ComeAgain.choices)
    come_again = [Row(str(choices[value]), survey.come_again[value])
                  for value in FeedbackAnswer.ComeAgain.values]
    come_again.append(Row(_("No answer"), survey.come_again_unanswered))
    talk_rows = []
    for talk_id, count in survey.talks.items():
        talk = talks.get(talk_id)
        if talk is not None:
            text, language = translated(talk, "title")
            talk_rows.append(Row(text, count, lang=_foreign(language)))
    column = _("Answers")
    return [_chart(breakdown) for breakdown in (
        Breakdown("ratings", _("Overall rating"),
                  _("1 is the lowest rating, 5 the highest."), _("Rating"), column,
                  [Row(str(rating), survey.ratings.get(rating, 0)) for rating in RATINGS],
                  survey.answers),
        Breakdown("come-again", _("Would come again"), _("Shares of all answers."),
                  _("Answer"), column,
                  come_again if survey.answers else [], survey.answers),
        Breakdown("talks", _("Most useful talks"),
                  _("The talk an answer named as the most useful."), _("Talk"), column,
                  _sorted(talk_rows), survey.answers),
    )]


def _rows(counter, label) -> list[Row]:
    return _sorted([Row(label(key), count) for key, count in counter.items()])


def _sorted(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: (-(row.count or 0), row.label.casefold()))


def _chart(breakdown: Breakdown) -> Breakdown:
    """Shares of the base and the bars' geometry (longest bar: the largest count)."""
    largest = max((row.count or 0 for row in breakdown.rows), default=0)
    for index, row in enumerate(breakdown.rows):
        row.share = (row.count / breakdown.base) if breakdown.base else None
        row.width = round(BAR_MAX * row.count / largest, 1) if largest else 0
        row.y = index * BAR_ROW + 5
        row.text_y = index * BAR_ROW + 19
        row.value_x = BAR_LABEL + row.width + 6
    breakdown.height = len(breakdown.rows) * BAR_ROW if largest else 0
    return breakdown


def _timeline(figures: Figures, *, zone: str) -> Timeline:
    """Registrations by day from the first to the last day with a registration or a mail,
    every day in between (a day without any shows as a gap)."""
    known = set(figures.days) | set(figures.mail_days)
    if not known:
        return Timeline(days=[], zone=zone)
    first, last = min(known), max(known)
    days, total = [], 0
    for offset in range((last - first).days + 1):
        date = first + datetime.timedelta(days=offset)
        total += figures.days.get(date, 0)
        days.append(Day(date, figures.days.get(date, 0), total, figures.mail_days.get(date, 0)))
    top = max(day.count for day in days) or 1
    plot_width = TIME_WIDTH - TIME_LEFT - TIME_RIGHT
    plot_height = TIME_HEIGHT - TIME_TOP - TIME_BOTTOM
    step = plot_width / len(days)
    for index, day in enumerate(days):
        day.x = round(TIME_LEFT + index * step, 2)
        day.height = round(plot_height * day.count / top, 2)
        day.y = round(TIME_TOP + plot_height - day.height, 2)
        day.mid = round(day.x + step / 2, 2)
    return Timeline(days=days, zone=zone, bar_width=round(max(step * 0.8, 0.5), 2), top=top,
                    first=formats.date_format(first, "SHORT_DATE_FORMAT"),
                    last=formats.date_format(last, "SHORT_DATE_FORMAT"))


def _event_range(event: Event) -> str:
    start, end = event.local_start, event.local_end
    text = formats.date_format(start, "DATE_FORMAT")
    if end.date() != start.date():
        text += " – " + formats.date_format(end, "DATE_FORMAT")
    return text


def _series_range(events: list[Event]) -> str:
    if not events:
        return _("no events yet")
    first = formats.date_format(events[0].local_start, "DATE_FORMAT")
    last = formats.date_format(max(event.local_end for event in events), "DATE_FORMAT")
    return first if first == last else f"{first} – {last}"


def zone_name() -> str:
    return zone_city(str(timezone.get_current_timezone()))


def _foreign(language: str) -> str:
    return "" if language == get_language() else language
