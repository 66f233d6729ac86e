"""The drafted report of a pitch session names the companies that pitched (its confirmed
applications, in the agenda's order), in a sentence of each language's grammar."""

from datetime import datetime, timedelta

import pytest

from events.models import Event
from orga.drafting import report_draft
from pitches.models import PitchApplication
from reports.markup import render_markdown
from tests.factories import event_create, talk_create
from tests.pitch_factories import pitch_application_create, pitch_call_create
from tests.test_drafting import BERLIN, world
from tests.test_registrations_factories import participant_create

pytestmark = pytest.mark.django_db
State = PitchApplication.State


def pitch_session(names_and_states, *, agenda=()):
    """A past pitch session of the five-language series with these applications; the
    companies in `agenda` get a pitch talk, in that order."""
    series, _showcase = world()
    event = event_create(series=series, kind=Event.Kind.PITCH_SESSION, slug="pitch",
                         start=datetime(2026, 3, 17, 9, 30, tzinfo=BERLIN))
    call = pitch_call_create(series=series, event=event)
    for name, state in names_and_states:
        application = pitch_application_create(call=call, participant=participant_create(),
                                               organisation_name=name, state=state)
        if name in agenda:
            application.talk = talk_create(
                event=event, kind="pitch", title_en=name,
                start=event.start + timedelta(minutes=10 * agenda.index(name)))
            application.save()
    return event


def test_the_draft_names_the_confirmed_companies_in_the_agenda_order():
    event = pitch_session([("Alpha GmbH", State.CONFIRMED), ("Beta & Co SRL", State.CONFIRMED),
                           ("Gamma OOD", State.CONFIRMED), ("Delta SL", State.DECLINED),
                           ("Epsilon AG", State.WITHDRAWN)],
                          agenda=("Gamma OOD", "Alpha GmbH"))

    drafts = report_draft(event=event)

    assert ("The companies that pitched were **Gamma OOD**, **Alpha GmbH** and "
            "**Beta &amp; Co SRL**.") in drafts["en"].body
    assert ("Es präsentierten sich die Unternehmen **Gamma OOD**, **Alpha GmbH** und "
            "**Beta &amp; Co SRL**.") in drafts["de"].body
    assert ("Se presentaron las empresas **Gamma OOD**, **Alpha GmbH** y "
            "**Beta &amp; Co SRL**.") in drafts["es"].body
    assert ("Si sono presentate le aziende **Gamma OOD**, **Alpha GmbH** e "
            "**Beta &amp; Co SRL**.") in drafts["it"].body
    assert ("Представиха се компаниите **Gamma OOD**, **Alpha GmbH** и "
            "**Beta &amp; Co SRL**.") in drafts["bg"].body
    assert "Delta" not in drafts["en"].body and "Epsilon" not in drafts["en"].body
    assert "<strong>Beta &amp; Co SRL</strong>" in render_markdown(drafts["en"].body)


def test_the_draft_agrees_in_number_with_one_company():
    event = pitch_session([("Alpha GmbH", State.CONFIRMED), ("Beta SRL", State.LAPSED)])

    drafts = report_draft(event=event)

    assert "The company that pitched was **Alpha GmbH**." in drafts["en"].body
    assert "Es präsentierte sich das Unternehmen **Alpha GmbH**." in drafts["de"].body
    assert "Si è presentata l'azienda **Alpha GmbH**." in drafts["it"].body


def test_the_spanish_draft_says_e_before_an_i_sound():
    event = pitch_session([("Alpha GmbH", State.CONFIRMED), ("Iberia Tech SL", State.CONFIRMED)])

    drafts = report_draft(event=event)

    assert "Se presentaron las empresas **Alpha GmbH** e **Iberia Tech SL**." in \
        drafts["es"].body


def test_a_session_without_confirmed_pitches_and_other_events_say_nothing_of_them():
    event = pitch_session([("Alpha GmbH", State.SUBMITTED)])
    _series, showcase = world()

    assert "pitched were" not in report_draft(event=event)["en"].body
    assert "that pitched" not in report_draft(event=showcase)["en"].body
