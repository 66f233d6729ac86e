"""The audience vote's race on PostgreSQL: one participant voting from two phones at once
makes exactly one vote, and the other is told they have voted (no server error)."""

import pytest
from django.utils import timezone

from pitches.models import PitchVote
from pitches.services.votes import VoteError, vote_cast
from tests.test_pitch_votes import Session
from tests.test_races_publish import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_votes_of_one_participant_at_once_make_exactly_one():
    session = Session()
    registration = session.audience[0]
    now = timezone.now()

    errors = race([lambda application=application: vote_cast(
        call=session.call, registration=registration, application_id=application.pk, now=now)
        for application in (session.alpha, session.beta, session.gamma, session.alpha)])

    assert PitchVote.objects.filter(registration=registration).count() == 1
    assert len(errors) == 3
    assert {str(error) for error in errors} == {
        "You have voted already: each participant has one vote."}
    assert all(isinstance(error, VoteError) for error in errors)


def test_many_participants_voting_at_once_are_each_counted():
    session = Session()

    errors = race([lambda registration=registration: vote_cast(
        call=session.call, registration=registration, application_id=session.beta.pk)
        for registration in session.audience])

    assert errors == []
    assert PitchVote.objects.filter(application=session.beta).count() == 4
