"""The audience vote's reads: the pitches one may vote for, the count per pitch, a
participant's vote and the announced result (pitches.services.votes writes)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q

from pitches.models import PitchApplication, PitchCall, PitchVote
from registrations.models import Participant, Registration


@dataclass
class VoteCount:
    application: PitchApplication
    votes: int
    winner: bool = False

    @property
    def name(self) -> str:
        return self.application.organisation_name


@dataclass
class VoteResult:
    call: PitchCall
    rows: list[VoteCount]     # most votes first (then the agenda's order)
    total: int

    @property
    def winners(self) -> list[VoteCount]:
        return [row for row in self.rows if row.winner]

    @property
    def winner_names(self) -> str:
        return ", ".join(row.name for row in self.winners)


def vote_pitches(*, call: PitchCall) -> list[PitchApplication]:
    """The confirmed pitches of the call, in the agenda's order (those with a talk by its
    start), then by company name."""
    return list(call.applications.filter(state=PitchApplication.State.CONFIRMED)
                .select_related("talk", "theme")
                .order_by(F("talk__start").asc(nulls_last=True), "organisation_name", "pk"))


def vote_counts(*, call: PitchCall) -> tuple[list[VoteCount], int]:
    """The count per confirmed pitch, in the agenda's order, and all votes cast; one query
    for the counts."""
    counts = dict(PitchVote.objects.filter(call=call).order_by().values("application_id")
                  .annotate(count=Count("pk")).values_list("application_id", "count"))
    rows = [VoteCount(application, counts.get(application.pk, 0))
            for application in vote_pitches(call=call)]
    return rows, sum(counts.values())


def vote_result(call: PitchCall | None) -> VoteResult | None:
    """The result, once the organisers announced it (else None): every confirmed pitch with
    its votes, most first; the pitches with the most votes (at least one) are the winners."""
    if call is None or call.results_announced_at is None:
        return None
    rows, total = vote_counts(call=call)
    order = {row.application.pk: index for index, row in enumerate(rows)}
    rows.sort(key=lambda row: (-row.votes, order[row.application.pk]))
    top = rows[0].votes if rows else 0
    for row in rows:
        row.winner = top > 0 and row.votes == top
    return VoteResult(call=call, rows=rows, total=total)


def vote_registration(*, call: PitchCall, participant: Participant) -> Registration | None:
    """The participant's confirmed registration for the pitch session, if they hold one."""
    return (Registration.objects.filter(event_id=call.event_id, participant=participant,
                                        state=Registration.State.CONFIRMED)
            .order_by("pk").first())


def vote_of(*, call: PitchCall, registration: Registration | None) -> PitchVote | None:
    if registration is None:
        return None
    return (PitchVote.objects.filter(call=call, registration=registration)
            .select_related("application").first())


def calls_voting(*, participant: Participant, now=None) -> list[PitchCall]:
    """The calls whose voting window is open now and for whose session the participant
    holds a confirmed registration (the personal page's link to the vote)."""
    from django.utils import timezone

    now = now or timezone.now()
    return list(PitchCall.objects.filter(
        Q(voting_closes_at__isnull=True) | Q(voting_closes_at__gt=now),
        voting_opens_at__lte=now,
        event__registrations__participant=participant,
        event__registrations__state=Registration.State.CONFIRMED,
    ).select_related("event__series").distinct().order_by("voting_opens_at", "pk"))
