"""Factories for participants and registrations (no tests here; imported by the others).

Each factory makes one valid object, every default visible here. Personas of the
registration tests: alice (registers for the whole series), bob (chosen events),
charlie (the one who comes too late and waits).
"""

import itertools

from django.utils import timezone

from events.models import Event, Organisation, Series
from registrations.models import ConsentText, Participant, Registration, SeriesRegistration

_numbers = itertools.count(1)


def consent_text_create(*, series: Series, version: int = 1, **fields) -> ConsentText:
    defaults = {"text_en": f"Privacy notice v{version}: we keep your data for the series.",
                "text_de": f"Datenschutzhinweis v{version}."}
    return ConsentText.objects.create(series=series, version=version, **(defaults | fields))


def participant_create(**fields) -> Participant:
    number = next(_numbers)
    defaults = {"email": f"person{number}@example.org", "name": f"Person {number}",
                "organisation_name": f"Company {number}",
                "organisation_kind": Organisation.Kind.SME, "organisation_country": "DE",
                "job_title": "Engineer", "country": "DE", "language": "en",
                "link_key": f"key{number:029d}", "confirmed_at": timezone.now()}
    return Participant.objects.create(**(defaults | fields))


def registration_create(*, participant: Participant, event: Event, **fields) -> Registration:
    now = timezone.now()
    defaults = {"state": Registration.State.CONFIRMED, "requested_at": now, "confirmed_at": now}
    return Registration.objects.create(participant=participant, event=event,
                                       **(defaults | fields))


def series_registration_create(*, participant: Participant, series: Series,
                               **fields) -> SeriesRegistration:
    now = timezone.now()
    defaults = {"requested_at": now, "confirmed_at": now}
    return SeriesRegistration.objects.create(participant=participant, series=series,
                                             **(defaults | fields))


def participant_data(**fields):
    """What alice enters in the registration form."""
    from registrations.services import ParticipantData

    defaults = {"email": "alice@example.org", "name": "Alice Adler",
                "organisation_name": "Adler Robotics GmbH",
                "organisation_kind": Organisation.Kind.SME, "organisation_country": "DE",
                "country": "DE", "language": "en", "job_title": "CEO"}
    return ParticipantData(**(defaults | fields))
