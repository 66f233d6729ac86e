"""Permission cases of the pitch line-up in the workspace: the page and "Put on the agenda"
(tests/test_orga_permissions.py runs them). The series' organisers only (decide_pitches):
the coordinators and the reviewer are in the team and learn it is forbidden; another
series' line-up is there only for its own team."""

from datetime import timedelta

from django.utils import timezone

from events.models import Event
from pitches.models import PitchCall
from tests.factories import event_create
from tests.orga_cases import OK, Case, nobody_in, organisers


def _call(world) -> PitchCall:
    """Connect's pitch session and its call, closed (made once, the same each time)."""
    existing = PitchCall.objects.filter(event__series=world.series).first()
    if existing is not None:
        return existing
    now = timezone.now()
    event = event_create(series=world.series, slug="pitch-session", title_en="Pitchfest Sofia",
                         kind=Event.Kind.PITCH_SESSION, start=now + timedelta(days=30))
    return PitchCall.objects.create(event=event, opens_at=now - timedelta(days=20),
                                    closes_at=now - timedelta(days=1))


def _lineup(world) -> dict:
    _call(world)
    return {"series": world.series.slug}


def _other_series(world) -> dict:
    return {"series": world.other_series.slug}


CASES = [
    Case("pitch_lineup", _lineup, organisers()),
    Case("pitch_lineup", _other_series, nobody_in() | {"outsider": OK}, label="other series"),
    Case("pitch_lineup_place", _lineup, organisers(), method="post"),
    Case("pitch_lineup_place", _other_series, nobody_in() | {"outsider": OK}, method="post",
         label="other series"),
]
