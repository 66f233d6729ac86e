"""How the preview of a report matches its rows: names compared without case, accents,
punctuation or word order; suggestions by closeness, each registration once; organisers
and presenters recognised; minutes of several rows of one person added."""

import pytest

from attendance.matching import MATCHED, STAFF, SUGGESTED, UNMATCHED, name_key, preview_build
from events.models import Event
from tests.factories import event_create, series_create
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db


def row(name="", email="", minutes=20, role="") -> dict:
    return {"name": name, "email": email, "minutes": minutes, "role": role, "joins": 1}


@pytest.fixture
def event() -> Event:
    event = event_create(series=series_create(attendance_threshold_minutes=30))
    event.series.refresh_from_db()
    for name in ("José Álvarez", "Kristina Petrova", "Christina Petersen", "Anna Schmidt"):
        registration_create(participant=participant_create(name=name), event=event)
    return event


@pytest.mark.parametrize(("one", "other"), [
    ("Müller, Anna", "anna muller"), ("ÁLVAREZ José", "jose alvarez"),
    ("Jean-Luc Picard", "Picard Jean Luc"), ("Straße", "strasse")])
def test_names_compare_without_case_accents_punctuation_or_word_order(one, other):
    assert name_key(one) == name_key(other)


def test_a_name_close_to_a_registrations_is_suggested_the_closest_first(event):
    preview = preview_build(event=event, rows=[
        row("Alvarez Jose"), row("Kristina Petrowa"), row("Someone Else"), row("")])
    kinds = [(item.kind, item.candidate.name if item.candidate else None, item.score)
             for item in preview.rows]
    assert kinds[0] == (SUGGESTED, "José Álvarez", 100)
    assert kinds[1][:2] == (SUGGESTED, "Kristina Petrova") and 82 <= kinds[1][2] < 100
    assert kinds[2:] == [(UNMATCHED, None, 0), (UNMATCHED, None, 0)]


def test_a_registration_is_suggested_for_one_row_only(event):
    preview = preview_build(event=event, rows=[row("Anna Schmid"), row("Anna Schmidt")])
    assert [item.kind for item in preview.rows] == [UNMATCHED, SUGGESTED]


def test_a_row_matched_by_address_takes_its_registration_out_of_the_suggestions(event):
    anna = event.registrations.get(participant__name="Anna Schmidt").participant
    preview = preview_build(event=event, rows=[row("Anna Schmidt"),
                                               row("A. S.", anna.email.upper(), 10),
                                               row("Anna S.", anna.email, 25)])
    assert [item.kind for item in preview.rows] == [UNMATCHED, MATCHED, MATCHED]
    assert [item.total_minutes for item in preview.matched] == [35, 35]
    assert [item.attended for item in preview.matched] == [True, True]
    assert preview.attended_count == 1


def test_organisers_presenters_and_the_team_are_staff(event):
    preview = preview_build(event=event, rows=[
        row("Host", role="organiser"), row("Talker", role="presenter"),
        row("Team Mate", "TEAM@example.org")], team_emails=["team@example.org"])
    assert [(item.kind, item.staff_reason) for item in preview.rows] == [
        (STAFF, "role"), (STAFF, "role"), (STAFF, "team")]


def test_a_row_without_a_valid_address_cannot_be_added(event):
    preview = preview_build(event=event, rows=[row("X", "not an address"),
                                               row("Y", "y@example.org")])
    assert [item.can_add for item in preview.rows] == [False, True]
