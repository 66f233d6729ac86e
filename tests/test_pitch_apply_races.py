"""Two people of one organisation apply to the same call at the same moment, on
PostgreSQL: one application stands, the other is refused with the translated reason."""

import threading

import pytest
from django.db import connection

from pitches.models import PitchApplication
from pitches.services import PitchError
from pitches.services.applications import application_submit
from tests.factories import event_create, series_create
from tests.pitch_factories import pitch_call_create
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_applications_of_one_organisation_at_once_one_stands():
    series = series_create()
    call = pitch_call_create(series=series)
    people = []
    for name in ("Acme Robotics GmbH", "acme  robotics gmbh"):
        participant = participant_create(organisation_name=name)
        registration_create(participant=participant, event=event_create(series=series))
        people.append(participant)
    barrier = threading.Barrier(2)
    results: list = []

    def apply(participant):
        try:
            barrier.wait(timeout=10)
            application_submit(call_id=call.pk, participant_id=participant.pk, fields={
                "country": "DE", "presenter_name": participant.name,
                "summary_en": "We make robots."})
            results.append("applied")
        except PitchError as error:
            results.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=apply, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == 2 and results.count("applied") == 1
    refusal = next(result for result in results if result != "applied")
    assert "has already applied to this call; one application per organisation." in refusal
    assert PitchApplication.objects.standing().count() == 1
