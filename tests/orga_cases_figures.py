"""Permission cases of the figures: an event's dashboard is there for who runs the event
(the organiser, the Leipzig coordinator for the Leipzig event); the series' dashboard and
the funder's export are for organisers only (coordinators learn it is forbidden); an event
of another series under this series' address is there for nobody.

The cases fill the world with something to count first (a past Leipzig event with
attendance, a survey's answers and a mail to participants), so that the accessibility test
(tests/test_browser_orga_a11y.py) checks the dashboards with their charts and tables."""

from datetime import timedelta

from django.utils import timezone

from feedback.models import FeedbackAnswer
from mail.models import ComposedMail
from registrations.models import Registration
from tests.factories import event_create, talk_create
from tests.orga_cases import (
    NOT_FOUND,
    Case,
    leipzig_runners,
    nobody_in,
    organisers,
    other_series_event,
)
from tests.test_registrations_factories import participant_create, registration_create


def counted_world(world) -> dict:
    """Fill the world with figures (once: the permission matrix asks again for each
    persona, inside a savepoint rolled back) and give the series' URL arguments."""
    if not world.series.events.filter(slug="leipzig-spring").exists():
        _past_leipzig_event(world)
    return {"series": world.series.slug}


def _past_leipzig_event(world):
    now = timezone.now()
    event = event_create(series=world.series, slug="leipzig-spring",
                         title_en="Leipzig spring showcase", region=world.leipzig_region,
                         start=now - timedelta(days=10))
    keynote = talk_create(event=event, title_en="Hydrogen valleys", title_de="Wasserstofftäler")
    theme = world.extra["theme"]
    people = [("DE", "sme", "de", True, 5, "Wasserstofflogistik", ""),
              ("BG", "research", "bg", True, 4, "", "Добри лектори"),
              ("IT", "sme", "it", False, None, "", ""),
              ("DE", "public_administration", "en", True, 3, "=Funding calls", "Too short")]
    for index, (country, kind, language, attended, rating, topics, comment) in (
            enumerate(people)):
        participant = participant_create(country=country, organisation_kind=kind,
                                         language=language)
        participant.themes.add(theme)
        registration = registration_create(
            participant=participant, event=event, attended=attended,
            requested_at=now - timedelta(days=30 - index))
        if rating:
            FeedbackAnswer.objects.create(
                registration=registration, rating=rating, most_useful_talk=keynote,
                come_again="yes" if rating > 3 else "maybe", next_topics=topics,
                comment=comment, answered_at=now - timedelta(days=9))
    registration_create(participant=participant_create(country="ES"), event=event,
                        state=Registration.State.CANCELLED, cancelled_at=now,
                        requested_at=now - timedelta(days=25))
    registration_create(participant=world.leipzig_participant, event=event,
                        requested_at=now - timedelta(days=20), attended=True)
    mail = ComposedMail.objects.create(series=world.series, texts={"en": {}},
                                       states=["confirmed"], recipient_count=5,
                                       key="figures-case", send_at=now - timedelta(days=27))
    mail.events.add(event)
    return event


def _event(world) -> dict:
    counted_world(world)
    return {"series": world.series.slug,
            "event": world.series.events.get(slug="leipzig-spring").pk}


def _export(file_format: str):
    return lambda world: counted_world(world) | {"file_format": file_format}


CASES = [
    Case("figures", counted_world, organisers()),
    Case("figures", lambda world: {"series": world.other_series.slug},
         {"organiser": NOT_FOUND, "leipzig": NOT_FOUND, "sofia": NOT_FOUND,
          "participant": NOT_FOUND, "outsider": "ok", "anonymous": "login"},
         label="other series"),
    Case("event_figures", _event, leipzig_runners()),
    Case("event_figures", lambda world: {"series": world.series.slug,
                                         "event": world.leipzig_event.pk},
         leipzig_runners(), label="upcoming"),
    Case("event_figures", other_series_event, nobody_in(), label="other series"),
    Case("figures_export", _export("xlsx"), organisers(), label="xlsx"),
    Case("figures_export", _export("csv"), organisers(), label="csv"),
    Case("figures_export", _export("pdf"), organisers() | {"organiser": NOT_FOUND},
         label="unknown format"),
]
