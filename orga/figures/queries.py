"""The figures' reads: every count is aggregated in the database (GROUP BY with conditional
counts), grouped by event so that one query serves one event or fifty alike; the number of
queries does not grow with the number of events or registrations.

Which registrations count (the definitions the pages and the export state in words):

- pending registrations (address never confirmed) never count;
- a *participant* of an event is a confirmed registration; waitlisted and cancelled ones
  are counted apart;
- *attended*: a confirmed registration marked attended (Registration.attended, from the
  attendance import or the check-in); *no-shows*: confirmed registrations not marked
  attended, once the event has ended and its attendance is known (at least one of its
  registrations has an attendance recorded); the *attendance rate* is attended / confirmed;
- *returning* (to an event): a participant who had a confirmed registration for an earlier
  event of the series; across the series: a person with confirmed registrations for two or
  more of its events (registered), of whom those marked attended at two or more (attended);
- the series' breakdowns (country, kind, theme, language) count persons once, however many
  events they registered for; an event's count its participants;
- the survey counts every answer given for a registration of the event.

The pitch session's figures (events of kind "pitch session"; PitchFigures) count the
applications to its call by the furthest step they reached, so that a later withdrawal or
decline takes nothing away:

- *applications*: every application submitted, withdrawn ones included;
- *shortlisted*: applications shortlisted at any time (shortlisted_at), and those offered a
  slot at any time (a slot is offered to shortlisted applications, or straight to
  submitted ones);
- *accepted*: applications offered a slot at any time (offer_number > 0: accepted now,
  confirmed, lapsed, or withdrawn or declined after the offer);
- *confirmed*: applications whose slot was confirmed at any time (confirmed_at), also when
  withdrawn afterwards;
- by country and by theme: of all applications; *votes*: every vote of the audience, per
  pitch (each pitch that was confirmed, with no votes too).

The matchmaking figures (events with networking blocks; MatchmakingFigures) count the
meeting requests of the events' blocks:

- *profiles*: of an event, the matchmaking profiles of its participants (confirmed
  registrations); of the series, every profile in it (a profile goes with its person's
  data);
- *requests sent*: every request, whatever became of it; *accepted*: requests accepted at
  any time (also when the meeting was cancelled afterwards); *declined*: requests declined;
- *meetings scheduled*: accepted meetings with a slot now; *held*: of these, those whose
  slot has ended without a no-show being reported;
- *cross-border meetings*: accepted meetings (not cancelled) between people of two
  countries, by pair of countries — from the countries the requests keep, so that they
  stay when a profile is deleted.

Registrations of people who deleted their data stay (anonymised), with their organisation's
kind, their countries, language and themes of interest, so that no figure changes.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from events.models import Event, Organisation, Series, Talk, Theme
from feedback.models import FeedbackAnswer
from mail.models import ComposedMail
from matchmaking.models import MatchmakingProfile, MeetingRequest, NetworkingBlock
from pitches.models import PitchApplication, PitchVote
from registrations.models import Participant, Registration

State = Registration.State
CONFIRMED = Q(state=State.CONFIRMED)
RATINGS = (1, 2, 3, 4, 5)
COME_AGAIN = tuple(FeedbackAnswer.ComeAgain.values)
RETURNING_CAP = 5  # the histogram of events per person: 1, 2, 3, 4, "5 or more"


@dataclass(frozen=True)
class FreeText:
    """An answer's free text and the language its author reads (their mails' language:
    the page marks the text with it); never who wrote it."""

    text: str
    language: str

    def __str__(self) -> str:
        return self.text


@dataclass
class Survey:
    answers: int = 0
    rating_sum: int = 0
    ratings: dict[int, int] = field(default_factory=lambda: dict.fromkeys(RATINGS, 0))
    come_again: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COME_AGAIN, 0))
    talks: Counter = field(default_factory=Counter)           # talk id -> answers naming it
    next_topics: list[FreeText] = field(default_factory=list)
    comments: list[FreeText] = field(default_factory=list)

    @property
    def mean_rating(self) -> float | None:
        return self.rating_sum / self.answers if self.answers else None

    @property
    def come_again_unanswered(self) -> int:
        return self.answers - sum(self.come_again.values())

    def add(self, other: Survey) -> None:
        self.answers += other.answers
        self.rating_sum += other.rating_sum
        for rating, count in other.ratings.items():
            self.ratings[rating] += count
        for answer, count in other.come_again.items():
            self.come_again[answer] += count
        self.talks.update(other.talks)


@dataclass
class PitchFigures:
    """The pitch session's applications by the furthest step reached, and its votes."""

    applications: int = 0
    shortlisted: int = 0
    accepted: int = 0
    confirmed: int = 0
    votes: int = 0
    countries: Counter = field(default_factory=Counter)   # code -> applications
    themes: Counter = field(default_factory=Counter)      # theme id (None: none) -> applications
    pitches: dict[int, tuple[str, int]] = field(default_factory=dict)  # application id ->
    # (company, votes), for each pitch confirmed at some time

    def add(self, other: PitchFigures) -> None:
        self.applications += other.applications
        self.shortlisted += other.shortlisted
        self.accepted += other.accepted
        self.confirmed += other.confirmed
        self.votes += other.votes
        self.countries.update(other.countries)
        self.themes.update(other.themes)
        self.pitches.update(other.pitches)


@dataclass
class MatchmakingFigures:
    """The meeting requests of networking blocks and the meetings they became."""

    profiles: int = 0
    requests: int = 0
    accepted: int = 0
    declined: int = 0
    scheduled: int = 0
    held: int = 0
    pairs: Counter = field(default_factory=Counter)   # (code, code), in code order ->
    # cross-border meetings

    @property
    def cross_border(self) -> int:
        return sum(self.pairs.values())

    def add(self, other: MatchmakingFigures) -> None:
        """Adds the requests and meetings (a series counts its profiles itself)."""
        self.requests += other.requests
        self.accepted += other.accepted
        self.declined += other.declined
        self.scheduled += other.scheduled
        self.held += other.held
        self.pairs.update(other.pairs)


@dataclass
class Figures:
    """The figures of one event, or of the series (its totals and its persons)."""

    confirmed: int = 0
    waitlisted: int = 0
    cancelled: int = 0
    attended: int | None = None          # None: attendance not known (yet)
    attendance_known_confirmed: int = 0  # confirmed registrations of events with attendance
    returning: int = 0
    countries: Counter = field(default_factory=Counter)   # code -> participants
    kinds: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    themes: Counter = field(default_factory=Counter)      # theme id -> participants
    country_count: int = 0
    sme: int = 0
    days: Counter = field(default_factory=Counter)        # date -> registrations that day
    mail_days: Counter = field(default_factory=Counter)   # date -> composed mails sent
    survey: Survey = field(default_factory=Survey)
    pitch: PitchFigures | None = None   # a pitch session's (or the series' pitch sessions')
    matchmaking: MatchmakingFigures | None = None  # an event's with networking blocks (or
    # the series')

    @property
    def registrations(self) -> int:
        """Every registration that counts: confirmed, waitlisted and cancelled."""
        return self.confirmed + self.waitlisted + self.cancelled

    @property
    def no_shows(self) -> int | None:
        return None if self.attended is None else self.attendance_known_confirmed - self.attended

    @property
    def attendance_rate(self) -> float | None:
        if self.attended is None or not self.attendance_known_confirmed:
            return None
        return self.attended / self.attendance_known_confirmed

    @property
    def sme_share(self) -> float | None:
        return self.sme / self.confirmed if self.confirmed else None


@dataclass
class SeriesFigures:
    series: Series
    events: list[Event]
    per_event: dict[int, Figures]
    totals: Figures                     # registrations summed over the events
    persons: Figures                    # distinct persons (breakdowns, returning)
    returning_registered: int
    returning_attended: int
    events_per_person: dict[int, tuple[int, int]]  # n (capped) -> (registered, attended)
    themes: dict[int, Theme]
    talks: dict[int, Talk]
    zone: datetime.tzinfo


def events_counted(*, series: Series) -> list[Event]:
    """The events the series' figures cover: every one not a draft, by start."""
    return list(series.events.exclude(status=Event.Status.DRAFT)
                .select_related("region").order_by("start", "pk"))


def event_figures(*, series: Series, event: Event, now: datetime.datetime | None = None
                  ) -> tuple[Figures, dict[int, Theme], dict[int, Talk]]:
    """One event's figures with every breakdown and the survey's free texts."""
    per_event, themes, talks = _collect(series=series, events=[event], detail=True,
                                        texts=True, now=now)
    return per_event[event.pk], themes, talks


def series_figures(*, series: Series, events: list[Event], detail: bool = False,
                   texts: bool = False, now: datetime.datetime | None = None) -> SeriesFigures:
    """The series' figures: each event's (with their breakdowns when `detail`, the
    survey's free texts when `texts`), the totals, and the persons across the events."""
    per_event, themes, talks = _collect(series=series, events=events, detail=detail,
                                        texts=texts, now=now)
    totals = Figures(attended=None)
    for figures in per_event.values():
        _add(totals, figures)
    totals.mail_days = _mail_days_of_series(series=series, now=now)
    if totals.matchmaking is not None:
        totals.matchmaking.profiles = MatchmakingProfile.objects.filter(series=series).count()
    persons = _persons(events=events)
    registered, attended, histogram = _returning(events=events)
    return SeriesFigures(series=series, events=events, per_event=per_event, totals=totals,
                         persons=persons, returning_registered=registered,
                         returning_attended=attended, events_per_person=histogram,
                         themes=themes, talks=talks, zone=timezone.get_current_timezone())


def _add(totals: Figures, figures: Figures) -> None:
    totals.confirmed += figures.confirmed
    totals.waitlisted += figures.waitlisted
    totals.cancelled += figures.cancelled
    totals.sme += figures.sme
    totals.returning += figures.returning
    if figures.attended is not None:
        totals.attended = (totals.attended or 0) + figures.attended
        totals.attendance_known_confirmed += figures.attendance_known_confirmed
    totals.days.update(figures.days)
    totals.survey.add(figures.survey)
    if figures.pitch is not None:
        if totals.pitch is None:
            totals.pitch = PitchFigures()
        totals.pitch.add(figures.pitch)
    if figures.matchmaking is not None:
        if totals.matchmaking is None:
            totals.matchmaking = MatchmakingFigures()
        totals.matchmaking.add(figures.matchmaking)


def _collect(*, series: Series, events: list[Event], detail: bool, texts: bool,
             now: datetime.datetime | None):
    now = now or timezone.now()
    ids = [event.pk for event in events]
    per_event = {event.pk: Figures() for event in events}
    ended = {event.pk for event in events if event.end <= now}
    # .order_by(): no ordering (the models' default would join the events into each GROUP BY)
    counted = (Registration.objects.filter(event_id__in=ids).exclude(state=State.PENDING)
               .order_by())
    confirmed = counted.filter(CONFIRMED)
    for row in counted.values("event_id").annotate(
            n_confirmed=Count("pk", filter=CONFIRMED),
            n_waitlisted=Count("pk", filter=Q(state=State.WAITLISTED)),
            n_cancelled=Count("pk", filter=Q(state=State.CANCELLED)),
            n_attended=Count("pk", filter=CONFIRMED & Q(attended=True)),
            n_recorded=Count("pk", filter=Q(attended__isnull=False))):
        figures = per_event[row["event_id"]]
        figures.confirmed, figures.waitlisted = row["n_confirmed"], row["n_waitlisted"]
        figures.cancelled = row["n_cancelled"]
        if row["event_id"] in ended and row["n_recorded"]:
            figures.attended = row["n_attended"]
            figures.attendance_known_confirmed = row["n_confirmed"]
    earlier = Registration.objects.filter(
        CONFIRMED, participant_id=OuterRef("participant_id"), event__series=series,
        event__start__lt=OuterRef("event__start")).exclude(event__status=Event.Status.DRAFT)
    for row in (confirmed.filter(Exists(earlier)).values("event_id")
                .annotate(count=Count("pk"))):
        per_event[row["event_id"]].returning = row["count"]
    zone = timezone.get_current_timezone()
    for row in (counted.annotate(day=TruncDate("requested_at", tzinfo=zone))
                .values("event_id", "day").annotate(count=Count("pk"))):
        per_event[row["event_id"]].days[row["day"]] += row["count"]
    for row in (_composed_sent(series=series, now=now).filter(events__in=ids)
                .annotate(day=TruncDate("send_at", tzinfo=zone))
                .values("events", "day").annotate(count=Count("pk"))):
        per_event[row["events"]].mail_days[row["day"]] += row["count"]
    # one pass for the participants' countries and kinds (and languages): a row per event
    # and combination present, however many registrations share it
    dimensions = {"participant__country": "countries",
                  "participant__organisation_kind": "kinds"}
    if detail:
        dimensions["participant__language"] = "languages"
    for row in confirmed.values("event_id", *dimensions).annotate(count=Count("pk")):
        figures = per_event[row["event_id"]]
        for dimension, attribute in dimensions.items():
            getattr(figures, attribute)[row[dimension]] += row["count"]
    if detail:
        for row in (confirmed.filter(participant__themes__isnull=False)
                    .values("event_id", "participant__themes").annotate(count=Count("pk"))):
            per_event[row["event_id"]].themes[row["participant__themes"]] = row["count"]
    for figures in per_event.values():
        figures.country_count = len(figures.countries)
        figures.sme = figures.kinds.get(Organisation.Kind.SME, 0)
    _pitches(per_event, events=events)
    _matchmaking(per_event, events=events, now=now)
    talk_ids = _survey(per_event, ids=ids, texts=texts)
    themes = {theme.pk: theme for theme in series.themes.all()}
    talks = {talk.pk: talk for talk in Talk.objects.filter(pk__in=talk_ids)} if talk_ids else {}
    return per_event, themes, talks


def _pitches(per_event: dict[int, Figures], *, events: list[Event]) -> None:
    """The pitch sessions' applications and votes (the definitions in this module's text):
    four queries, whatever the number of sessions and applications."""
    ids = [event.pk for event in events if event.kind == Event.Kind.PITCH_SESSION]
    if not ids:
        return
    for event_id in ids:
        per_event[event_id].pitch = PitchFigures()
    applications = PitchApplication.objects.filter(call__event_id__in=ids).order_by()
    offered = Q(offer_number__gt=0)
    for row in applications.values("call__event_id").annotate(
            n=Count("pk"),
            n_shortlisted=Count("pk", filter=Q(shortlisted_at__isnull=False) | offered),
            n_accepted=Count("pk", filter=offered),
            n_confirmed=Count("pk", filter=Q(confirmed_at__isnull=False))):
        pitch = per_event[row["call__event_id"]].pitch
        pitch.applications, pitch.shortlisted = row["n"], row["n_shortlisted"]
        pitch.accepted, pitch.confirmed = row["n_accepted"], row["n_confirmed"]
    for row in applications.values("call__event_id", "country", "theme_id").annotate(
            count=Count("pk")):
        pitch = per_event[row["call__event_id"]].pitch
        pitch.countries[row["country"]] += row["count"]
        pitch.themes[row["theme_id"]] += row["count"]
    votes = dict(PitchVote.objects.filter(call__event_id__in=ids).order_by()
                 .values("application_id").annotate(count=Count("pk"))
                 .values_list("application_id", "count"))
    for event_id, application_id, name in (
            applications.filter(Q(confirmed_at__isnull=False) | Q(pk__in=list(votes)))
            .values_list("call__event_id", "pk", "organisation_name")):
        per_event[event_id].pitch.pitches[application_id] = (name, votes.get(application_id, 0))
        per_event[event_id].pitch.votes += votes.get(application_id, 0)


def _matchmaking(per_event: dict[int, Figures], *, events: list[Event],
                 now: datetime.datetime) -> None:
    """The meeting requests of the events' networking blocks (the definitions in this
    module's text): five queries, whatever the number of blocks, requests and profiles."""
    ids = set(NetworkingBlock.objects.filter(event_id__in=[event.pk for event in events])
              .values_list("event_id", flat=True))
    if not ids:
        return
    for event_id in ids:
        per_event[event_id].matchmaking = MatchmakingFigures()
    states = MeetingRequest.State
    requests = MeetingRequest.objects.filter(block__event_id__in=ids).order_by()
    accepted = Q(state=states.ACCEPTED) | Q(state=states.CANCELLED, answered_at__isnull=False)
    for row in requests.values("block__event_id").annotate(
            n=Count("pk"), n_accepted=Count("pk", filter=accepted),
            n_declined=Count("pk", filter=Q(state=states.DECLINED))):
        figures = per_event[row["block__event_id"]].matchmaking
        figures.requests, figures.accepted = row["n"], row["n_accepted"]
        figures.declined = row["n_declined"]
    for row in (requests.scheduled().values("block__event_id", "block__starts_at",
                                            "block__slot_minutes", "slot")
                .annotate(n=Count("pk"), n_kept=Count("pk", filter=Q(
                    no_show_reported_at__isnull=True)))):
        figures = per_event[row["block__event_id"]].matchmaking
        figures.scheduled += row["n"]
        ends = row["block__starts_at"] + datetime.timedelta(
            minutes=row["block__slot_minutes"] * (row["slot"] + 1))
        if ends <= now:
            figures.held += row["n_kept"]
    for row in (requests.meetings().exclude(sender_country=F("receiver_country"))
                .values("block__event_id", "sender_country", "receiver_country")
                .annotate(n=Count("pk"))):
        pair = tuple(sorted((row["sender_country"], row["receiver_country"])))
        per_event[row["block__event_id"]].matchmaking.pairs[pair] += row["n"]
    for row in (Registration.objects.filter(CONFIRMED, event_id__in=ids).order_by()
                .filter(participant__matchmaking_profiles__series_id=F("event__series_id"))
                .values("event_id").annotate(n=Count("pk"))):
        per_event[row["event_id"]].matchmaking.profiles = row["n"]


def _survey(per_event: dict[int, Figures], *, ids: list[int], texts: bool) -> set[int]:
    answers = FeedbackAnswer.objects.filter(registration__event_id__in=ids).order_by()
    for row in (answers.values("registration__event_id", "rating", "come_again")
                .annotate(count=Count("pk"))):
        survey = per_event[row["registration__event_id"]].survey
        survey.answers += row["count"]
        survey.rating_sum += row["rating"] * row["count"]
        survey.ratings[row["rating"]] = survey.ratings.get(row["rating"], 0) + row["count"]
        if row["come_again"]:
            survey.come_again[row["come_again"]] = (
                survey.come_again.get(row["come_again"], 0) + row["count"])
    talk_ids = set()
    for row in (answers.filter(most_useful_talk__isnull=False)
                .values("registration__event_id", "most_useful_talk")
                .annotate(count=Count("pk"))):
        per_event[row["registration__event_id"]].survey.talks[row["most_useful_talk"]] = (
            row["count"])
        talk_ids.add(row["most_useful_talk"])
    if texts:  # the texts alone, in the order of their words: nothing ties them to a person
        for event_id, topics, comment, language in (
                answers.filter(~Q(next_topics="") | ~Q(comment=""))
                .values_list("registration__event_id", "next_topics", "comment",
                             "registration__participant__language")
                .order_by("registration__event_id", "next_topics", "comment")):
            survey = per_event[event_id].survey
            if topics.strip():
                survey.next_topics.append(FreeText(topics.strip(), language))
            if comment.strip():
                survey.comments.append(FreeText(comment.strip(), language))
        for figures in per_event.values():
            figures.survey.next_topics.sort(key=lambda item: item.text.casefold())
            figures.survey.comments.sort(key=lambda item: item.text.casefold())
    return talk_ids


def _composed_sent(*, series: Series, now: datetime.datetime | None):
    """The series' composed mails that went out (not withdrawn, their time come)."""
    return ComposedMail.objects.filter(series=series, withdrawn_at__isnull=True,
                                       send_at__lte=now or timezone.now()).order_by()


def _mail_days_of_series(*, series: Series, now: datetime.datetime | None) -> Counter:
    zone = timezone.get_current_timezone()
    return Counter({row["day"]: row["count"] for row in (
        _composed_sent(series=series, now=now).annotate(day=TruncDate("send_at", tzinfo=zone))
        .values("day").annotate(count=Count("pk")))})


def _persons(*, events: list[Event]) -> Figures:
    """The persons with a confirmed registration for any of `events`, each counted once."""
    people = Participant.objects.filter(pk__in=Registration.objects.filter(
        CONFIRMED, event_id__in=[event.pk for event in events]).values("participant_id")
    ).order_by()
    persons = Figures()
    for row in people.values("country", "organisation_kind", "language").annotate(
            count=Count("pk")):
        persons.confirmed += row["count"]
        persons.countries[row["country"]] += row["count"]
        persons.kinds[row["organisation_kind"]] += row["count"]
        persons.languages[row["language"]] += row["count"]
    for row in people.filter(themes__isnull=False).values("themes").annotate(
            count=Count("pk")):
        persons.themes[row["themes"]] = row["count"]
    persons.country_count = len(persons.countries)
    persons.sme = persons.kinds.get(Organisation.Kind.SME, 0)
    return persons


def _returning(*, events: list[Event]) -> tuple[int, int, dict[int, tuple[int, int]]]:
    """Persons with confirmed registrations for two or more of `events` (registered), those
    marked attended at two or more (attended), and how many persons registered for (and
    attended) 1, 2, … RETURNING_CAP or more events: one query over a per-person GROUP BY."""
    if not events:
        return 0, 0, {}
    registration = Registration._meta.db_table
    placeholders = ", ".join(["%s"] * len(events))
    sql = (f"SELECT registered, attended, COUNT(*) FROM ("  # noqa: S608 — no input in it
           f"SELECT participant_id, COUNT(*) AS registered, "
           f"SUM(CASE WHEN attended THEN 1 ELSE 0 END) AS attended FROM {registration} "
           f"WHERE state = %s AND event_id IN ({placeholders}) GROUP BY participant_id"
           f") AS per_person GROUP BY registered, attended")
    with connection.cursor() as cursor:
        cursor.execute(sql, [State.CONFIRMED.value, *[event.pk for event in events]])
        rows = cursor.fetchall()
    histogram = {n: [0, 0] for n in range(1, RETURNING_CAP + 1)}
    returning_registered = returning_attended = 0
    for registered, attended, count in rows:
        attended = int(attended or 0)
        histogram[min(registered, RETURNING_CAP)][0] += count
        if attended:
            histogram[min(attended, RETURNING_CAP)][1] += count
        returning_registered += count if registered >= 2 else 0
        returning_attended += count if attended >= 2 else 0
    return returning_registered, returning_attended, {
        n: (registered, attended) for n, (registered, attended) in histogram.items()}
