"""Permission cases of the audience vote in the workspace: its page, the live counts,
opening, closing and announcing (tests/test_orga_permissions.py runs them).

The vote is the organisers' (orga.run_pitch_vote): coordinators and the reviewer are in
the team and learn it is forbidden. A pitch session of another series under Connect's
address, or an event without a call, is there for nobody."""

from datetime import timedelta

from django.utils import timezone

from events.models import Event
from pitches.models import PitchCall
from tests.factories import event_create
from tests.orga_cases import OK, Case, nobody_in, organisers
from tests.pitch_factories import pitch_call_create


def _call(series, slug: str, *, closed: bool) -> PitchCall:
    """The series' pitch session `slug` with its call (the same one each time asked for);
    `closed`: its vote ran and is closed, so that announcing it succeeds."""
    event = series.events.filter(slug=slug).first()
    call = PitchCall.objects.filter(event=event).first() if event else None
    if call is None:
        event = event_create(series=series, slug=slug, title_en="SME pitch session",
                             title_de="KMU-Pitch-Session",
                             title_es="Sesión de presentaciones de pymes",
                             title_it="Sessione di pitch delle PMI",
                             title_bg="Сесия с представяния на МСП",
                             kind=Event.Kind.PITCH_SESSION,
                             start=timezone.now() + timedelta(days=21))
        call = pitch_call_create(series=series, event=event)
    if closed and call.voting_closes_at is None:
        call.voting_opens_at = timezone.now() - timedelta(hours=1)
        call.voting_closes_at = timezone.now() - timedelta(minutes=1)
        call.save()
    return call


def _session(world) -> dict:
    return {"series": world.series.slug,
            "event": _call(world.series, "pitch-session", closed=False).event_id}


def _closed_session(world) -> dict:
    return {"series": world.series.slug,
            "event": _call(world.series, "pitch-session-closed", closed=True).event_id}


def _other_session(world) -> dict:
    """The other series' pitch session under Connect's address: a forged id."""
    return {"series": world.series.slug,
            "event": _call(world.other_series, "pitch-session", closed=False).event_id}


def _no_call(world) -> dict:
    return {"series": world.series.slug, "event": world.leipzig_event.pk}


def forged() -> dict:
    """Coordinators may not run the vote at all: they learn that (and nothing else)."""
    return nobody_in() | {"leipzig": 403, "sofia": 403}


CASES = [
    Case("pitch_votes", _session, organisers()),
    Case("pitch_votes", _other_session, forged(), label="other series"),
    Case("pitch_votes", _no_call, forged(), label="no call"),
    Case("pitch_votes", lambda world: {"series": world.other_series.slug,
                                       "event": _call(world.other_series, "pitch-session",
                                                      closed=False).event_id},
         nobody_in() | {"outsider": OK}, label="own series"),
    Case("pitch_vote_counts", _session, organisers()),
    Case("pitch_vote_counts", _other_session, forged(), label="other series"),
    Case("pitch_vote_open", _session, organisers(), method="post"),
    Case("pitch_vote_open", _other_session, forged(), method="post", label="other series"),
    Case("pitch_vote_close", _session, organisers(), method="post"),
    Case("pitch_vote_close", _other_session, forged(), method="post", label="other series"),
    Case("pitch_vote_announce", _closed_session, organisers(), method="post"),
    Case("pitch_vote_announce", _other_session, forged(), method="post",
         label="other series"),
]
