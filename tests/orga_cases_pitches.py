"""Permission cases of the pitch session's review and decisions in the workspace: the
call's settings, the reviews, the slides, the applications and the decisions
(tests/test_orga_permissions.py runs them).

Organisers set the call and decide; reviewers (and organisers) review and read the slides;
coordinators are in the team but learn that these pages are forbidden. An application of
the reviewer's own organisation (Rhein Robotics GmbH) is not there for the reviewer; an
application of another series under Connect's address is there for nobody."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from events.models import Event
from pitches.models import PitchApplication, PitchCall
from tests.factories import event_create
from tests.orga_cases import FORBIDDEN, NOT_FOUND, OK, Case, nobody_in, organisers, series
from tests.pitch_factories import pitch_application_create, pitch_call_create
from tests.test_registrations_factories import participant_create

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def reviewers() -> dict:
    """Organisers and the reviewer; coordinators learn it is forbidden."""
    return organisers() | {"reviewer": OK}


def deciders() -> dict:
    """Organisers only: the reviewer, too, learns it is forbidden."""
    return organisers() | {"reviewer": FORBIDDEN}


def _call_create(series) -> PitchCall:
    """A call whose session and criteria are named in no catalogue's words (the browser's
    check for text of another language reads every page of these cases)."""
    event = event_create(series=series, slug="startup-arena", title_en="Startup Arena",
                         title_de="Startup Arena", kind=Event.Kind.PITCH_SESSION,
                         start=timezone.now() + timedelta(days=30))
    return pitch_call_create(series=series, event=event,
                             criteria=("Innovation", "Scalability"))


def _call(world) -> PitchCall:
    return (PitchCall.objects.filter(event__series=world.series).first()
            or _call_create(world.series))


def _application(world, organisation: str) -> PitchApplication:
    call = _call(world)
    found = call.applications.filter(organisation_name=organisation).first()
    if found is not None:
        return found
    application = pitch_application_create(
        call=call, participant=participant_create(organisation_name=organisation),
        organisation_name=organisation)
    application.slides.save("slides.pdf", ContentFile(PDF), save=True)
    return application


def _other_application(world) -> PitchApplication:
    call = (PitchCall.objects.filter(event__series=world.other_series).first()
            or _call_create(world.other_series))
    return call.applications.first() or pitch_application_create(
        call=call, participant=participant_create(organisation_name="Elsewhere Ltd"),
        organisation_name="Elsewhere Ltd")


def application(world) -> dict:
    return {"series": world.series.slug,
            "application": _application(world, "Adriatic Drones d.o.o.").pk}


def own_application(world) -> dict:
    """An application of the reviewer's own organisation (spelt differently)."""
    return {"series": world.series.slug,
            "application": _application(world, "rhein  robotics gmbh").pk}


def other_application(world) -> dict:
    """An application of the other series under Connect's address: a forged id."""
    _call(world)
    return {"series": world.series.slug, "application": _other_application(world).pk}


def with_call(world) -> dict:
    _call(world)
    return series(world)


def _call_data(world) -> dict:
    call = _call(world)
    criteria = list(call.criteria.all())
    data = {"event": call.event_id, "opens_at": "2026-01-10T09:00",
            "closes_at": "2026-02-10T18:00", "pitch_minutes": 5, "pitch_count": 8,
            "open_to_non_members": "on", "confirm_days": 5,
            "criteria-TOTAL_FORMS": len(criteria), "criteria-INITIAL_FORMS": len(criteria),
            "criteria-MIN_NUM_FORMS": 0, "criteria-MAX_NUM_FORMS": 1000}
    for index, criterion in enumerate(criteria):
        data |= {f"criteria-{index}-id": criterion.pk,
                 f"criteria-{index}-name_en": criterion.name_en,
                 f"criteria-{index}-ORDER": index + 1}
    return data


def _review_data(world) -> dict:
    return {f"score_{criterion.pk}": 4 for criterion in _call(world).criteria.all()} | {
        "comment": "Convincing."}


def own() -> dict:
    """The reviewer's own organisation's application: not there for them."""
    return reviewers() | {"reviewer": NOT_FOUND}


def forged() -> dict:
    """Another series' application: there for nobody; coordinators learn the page is
    forbidden (the role is checked first)."""
    return nobody_in() | {"leipzig": FORBIDDEN, "sofia": FORBIDDEN}


CASES = [
    Case("pitch_call", series, deciders()),
    Case("pitch_call", series, deciders(), method="post", data=_call_data),
    Case("pitch_call", lambda world: {"series": world.other_series.slug},
         nobody_in() | {"outsider": OK}, label="other series"),
    Case("pitch_reviews", with_call, reviewers()),
    Case("pitch_reviews", lambda world: {"series": world.other_series.slug},
         nobody_in() | {"outsider": OK}, label="other series"),
    Case("pitch_review", application, reviewers()),
    Case("pitch_review", application, reviewers(), method="post", data=_review_data),
    Case("pitch_review", own_application, own(), label="own organisation"),
    Case("pitch_review", own_application, own(), method="post", data=_review_data,
         label="own organisation"),
    Case("pitch_review", other_application, forged() | {"reviewer": NOT_FOUND},
         label="other series"),
    Case("pitch_slides", application, reviewers()),
    Case("pitch_slides", own_application, own(), label="own organisation"),
    Case("pitch_slides", other_application, forged() | {"reviewer": NOT_FOUND},
         label="other series"),
    Case("pitch_applications", with_call, deciders()),
    Case("pitch_applications", lambda world: {"series": world.other_series.slug},
         nobody_in() | {"outsider": OK}, label="other series"),
    Case("pitch_application", application, deciders()),
    Case("pitch_application", other_application, forged() | {"reviewer": FORBIDDEN},
         label="other series"),
    Case("pitch_decide", application, deciders(), method="post",
         data=lambda world: {"decision": "shortlist"}),
    Case("pitch_decide", other_application, forged() | {"reviewer": FORBIDDEN},
         method="post", data=lambda world: {"decision": "shortlist"}, label="other series"),
]
