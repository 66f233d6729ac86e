"""Factories of the pitch session: a pitch session with its call, and applications."""

from datetime import datetime, timedelta
from itertools import count

from django.utils import timezone

from events.models import Event, Series
from pitches.models import PitchApplication, PitchCall, PitchCriterion, organisation_key
from registrations.models import Participant
from tests.factories import event_create

_numbers = count(1)


def pitch_call_create(*, series: Series, event: Event | None = None,
                      opens_at: datetime | None = None, closes_at: datetime | None = None,
                      criteria: tuple[str, ...] = ("Innovation", "Fit to the themes"),
                      **fields) -> PitchCall:
    """The call of a pitch session (made, three weeks ahead, unless `event` is given), open
    from a week ago until a week from now."""
    now = timezone.now()
    if event is None:
        number = next(_numbers)
        event = event_create(series=series, slug=f"pitch-session-{number}",
                             title_en="SME pitch session", title_de="KMU-Pitch-Session",
                             kind=Event.Kind.PITCH_SESSION, start=now + timedelta(days=21))
    call = PitchCall.objects.create(event=event, opens_at=opens_at or now - timedelta(days=7),
                                    closes_at=closes_at or now + timedelta(days=7), **fields)
    for position, name in enumerate(criteria):
        PitchCriterion.objects.create(call=call, name_en=name, position=position)
    return call


def pitch_application_create(*, call: PitchCall, participant: Participant,
                             **fields) -> PitchApplication:
    name = fields.pop("organisation_name", None) or f"Company {next(_numbers)} GmbH"
    defaults = {"organisation_name": name, "organisation_key": organisation_key(name),
                "country": "DE", "presenter_name": participant.name,
                "summary_en": f"{name} makes things.", "description_en": f"{name} in detail."}
    return PitchApplication.objects.create(call=call, participant=participant,
                                           **(defaults | fields))
