"""The audience vote of a pitch session: the organisers open and close the window and
announce the result; each participant with a confirmed registration for the session gives
one vote for one confirmed pitch through their personal link; every bad input gets a
clear message and changes nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from orga.models import AuditEntry
from orga.services.pitch_votes import result_announce, voting_close, voting_open
from pitches.models import PitchApplication, PitchVote
from pitches.queries_votes import calls_voting, vote_counts, vote_result
from pitches.services.votes import VoteError, vote_cast
from registrations.links import personal_token
from registrations.models import Registration
from tests.factories import event_create, series_create, talk_create
from tests.orga_world import client_as, orga_world
from tests.pitch_factories import pitch_application_create, pitch_call_create
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db
State = PitchApplication.State


class Session:
    """A pitch session with three confirmed pitches, one still submitted, and audience."""

    def __init__(self, series=None, *, open_vote: bool = True):
        self.series = series or series_create()
        self.call = pitch_call_create(series=self.series)
        self.event = self.call.event
        presenters = [participant_create() for _number in range(4)]
        self.alpha, self.beta, self.gamma = (
            pitch_application_create(call=self.call, participant=person, state=State.CONFIRMED,
                                     organisation_name=name, confirmed_at=timezone.now())
            for person, name in zip(presenters, ("Alpha GmbH", "Beta SRL", "Gamma OOD"),
                                    strict=False))
        self.submitted = pitch_application_create(call=self.call, participant=presenters[3],
                                                  organisation_name="Delta SL")
        self.audience = [registration_create(participant=participant_create(),
                                             event=self.event) for _number in range(4)]
        if open_vote:
            self.call.voting_opens_at = timezone.now() - timedelta(minutes=10)
            self.call.save()

    def vote(self, registration, application, **kwargs):
        return vote_cast(call=self.call, registration=registration,
                         application_id=application.pk, **kwargs)


@pytest.fixture
def session():
    return Session()


def vote_url(registration: Registration, call) -> str:
    return reverse("pitches:vote", kwargs={
        "token": personal_token(participant=registration.participant), "call": call.pk})


# --- the rules -----------------------------------------------------------------------------

def test_vote_cast_records_one_vote_for_a_confirmed_pitch(session):
    vote = session.vote(session.audience[0], session.beta)

    assert (vote.call, vote.registration, vote.application) == (
        session.call, session.audience[0], session.beta)
    rows, total = vote_counts(call=session.call)
    assert [(row.name, row.votes) for row in rows] == [
        ("Alpha GmbH", 0), ("Beta SRL", 1), ("Gamma OOD", 0)]
    assert total == 1


def test_vote_cast_refuses_a_second_vote_and_keeps_the_first(session):
    session.vote(session.audience[0], session.beta)

    with pytest.raises(VoteError, match="You have voted already"):
        session.vote(session.audience[0], session.alpha)

    assert list(PitchVote.objects.values_list("application__organisation_name", flat=True)) \
        == ["Beta SRL"]


@pytest.mark.parametrize(("opens", "closes", "message"), [
    (None, None, "The vote has not opened yet."),
    (timedelta(minutes=5), None, "The vote has not opened yet."),
    (timedelta(minutes=-30), timedelta(minutes=-1), "The vote is closed."),
])
def test_vote_cast_outside_the_window_is_refused(session, opens, closes, message):
    now = timezone.now()
    session.call.voting_opens_at = opens and now + opens
    session.call.voting_closes_at = closes and now + closes
    session.call.save()

    with pytest.raises(VoteError, match=message):
        session.vote(session.audience[0], session.alpha, now=now)

    assert PitchVote.objects.count() == 0


@pytest.mark.parametrize("state", [Registration.State.WAITLISTED, Registration.State.CANCELLED,
                                   Registration.State.PENDING])
def test_vote_cast_refuses_a_registration_that_is_not_confirmed(session, state):
    registration = registration_create(participant=participant_create(), event=session.event,
                                       state=state)

    with pytest.raises(VoteError, match="confirmed registration for the pitch session"):
        session.vote(registration, session.alpha)

    assert PitchVote.objects.count() == 0


def test_vote_cast_refuses_a_registration_for_another_event(session):
    other = event_create(series=session.series, slug="showcase")
    registration = registration_create(participant=participant_create(), event=other)

    with pytest.raises(VoteError, match="confirmed registration for the pitch session"):
        session.vote(registration, session.alpha)

    assert PitchVote.objects.count() == 0


def test_vote_cast_refuses_an_application_not_confirmed_or_of_another_call(session):
    other = Session()

    for application in (session.submitted, other.alpha):
        with pytest.raises(VoteError, match="choose one of the pitches of this session"):
            session.vote(session.audience[0], application)
    with pytest.raises(VoteError, match="choose one of the pitches of this session"):
        vote_cast(call=session.call, registration=session.audience[0], application_id="x")

    assert PitchVote.objects.count() == 0


# --- the window ----------------------------------------------------------------------------

def test_the_organisers_open_close_and_announce_each_audited(session):
    world_user = None
    call = session.call
    call.voting_opens_at = None
    call.save()
    start = timezone.now()

    voting_open(call=call, actor=world_user, now=start)
    call.refresh_from_db()
    session.vote(session.audience[0], session.gamma, now=start + timedelta(minutes=1))
    voting_close(call=call, actor=world_user, now=start + timedelta(minutes=10))
    result_announce(call=call, actor=world_user, now=start + timedelta(minutes=12))

    call.refresh_from_db()
    assert (call.voting_opens_at, call.voting_closes_at, call.results_announced_at) == (
        start, start + timedelta(minutes=10), start + timedelta(minutes=12))
    assert list(AuditEntry.objects.order_by("pk").values_list("action", "object_id", "data")) == [
        ("pitch_vote.open", str(call.pk), {}),
        ("pitch_vote.close", str(call.pk), {"votes": 1}),
        ("pitch_vote.announce", str(call.pk), {"votes": 1})]


def test_the_window_refuses_changes_out_of_order(session):
    call, now = session.call, timezone.now()
    with pytest.raises(VoteError, match="The vote is open already."):
        voting_open(call=call, actor=None, now=now)
    with pytest.raises(VoteError, match="Please close the vote before announcing"):
        result_announce(call=call, actor=None, now=now)
    voting_close(call=call, actor=None, now=now)
    with pytest.raises(VoteError, match="The vote is not open."):
        voting_close(call=call, actor=None, now=now + timedelta(minutes=1))
    result_announce(call=call, actor=None, now=now + timedelta(minutes=1))
    with pytest.raises(VoteError, match="The result is announced already."):
        result_announce(call=call, actor=None, now=now + timedelta(minutes=2))
    with pytest.raises(VoteError, match="cannot open again"):
        voting_open(call=call, actor=None, now=now + timedelta(minutes=2))

    assert AuditEntry.objects.count() == 2


def test_the_vote_opens_again_after_closing_keeping_its_votes(session):
    now = timezone.now()
    session.vote(session.audience[0], session.alpha, now=now)
    voting_close(call=session.call, actor=None, now=now + timedelta(minutes=1))

    voting_open(call=session.call, actor=None, now=now + timedelta(minutes=2))

    session.call.refresh_from_db()
    assert session.call.voting_closes_at is None
    session.vote(session.audience[1], session.alpha, now=now + timedelta(minutes=3))
    assert PitchVote.objects.count() == 2


def test_vote_result_is_none_until_announced_then_most_votes_first(session):
    for registration, application in zip(session.audience, (session.beta, session.gamma,
                                                            session.beta, session.alpha),
                                         strict=True):
        session.vote(registration, application)
    assert vote_result(session.call) is None

    session.call.voting_closes_at = timezone.now()
    session.call.results_announced_at = timezone.now()
    session.call.save()

    result = vote_result(session.call)
    assert [(row.name, row.votes, row.winner) for row in result.rows] == [
        ("Beta SRL", 2, True), ("Alpha GmbH", 1, False), ("Gamma OOD", 1, False)]
    assert (result.total, result.winner_names) == (4, "Beta SRL")


def test_vote_pitches_follow_the_agenda_order(session):
    for application, minutes in ((session.gamma, 0), (session.alpha, 10)):
        application.talk = talk_create(event=session.event, kind="pitch",
                                       start=session.event.start + timedelta(minutes=minutes))
        application.save()

    rows, _total = vote_counts(call=session.call)

    assert [row.name for row in rows] == ["Gamma OOD", "Alpha GmbH", "Beta SRL"]


def test_calls_voting_names_the_open_votes_of_the_participants_sessions(session):
    participant = session.audience[0].participant

    assert calls_voting(participant=participant) == [session.call]
    assert calls_voting(participant=participant_create()) == []


# --- the vote page -------------------------------------------------------------------------

def test_the_vote_page_lists_the_confirmed_pitches_and_counts_a_vote(client, session):
    url = vote_url(session.audience[0], session.call)

    page = client.get(url).content.decode()
    assert ["Alpha GmbH" in page, "Beta SRL" in page, "Delta SL" in page] == [True, True, False]
    response = client.post(url, {"application": session.beta.pk}, follow=True)

    assert "Thank you: your vote for Beta SRL is counted." in response.content.decode()
    assert "You voted for Beta SRL" in response.content.decode()
    assert PitchVote.objects.get().application == session.beta


@pytest.mark.parametrize("posted", [{}, {"application": "abc"}, {"application": "-1"},
                                    {"application": "99999999999999"}])
def test_the_vote_page_answers_garbage_with_a_message(client, session, posted):
    response = client.post(vote_url(session.audience[0], session.call), posted, follow=True)

    assert response.status_code == 200
    assert "Please choose one of the pitches of this session." in response.content.decode()
    assert PitchVote.objects.count() == 0


def test_the_vote_page_refuses_a_second_vote_with_a_message(client, session):
    url = vote_url(session.audience[0], session.call)
    client.post(url, {"application": session.beta.pk})

    response = client.post(url, {"application": session.alpha.pk}, follow=True)

    assert "You have voted already: each participant has one vote." in \
        response.content.decode()
    assert PitchVote.objects.get().application == session.beta


def test_the_vote_page_speaks_the_language_of_its_address(client, session):
    url = vote_url(session.audience[0], session.call).replace("/en/", "/de/", 1)
    client.post(url, {"application": session.submitted.pk})

    response = client.get(url)

    assert "Bitte" in response.content.decode()
    assert PitchVote.objects.count() == 0


def test_the_vote_page_refuses_someone_not_confirmed_for_the_session(client, session):
    outsider = registration_create(participant=participant_create(),
                                   event=event_create(series=session.series, slug="other"))
    url = vote_url(outsider, session.call)

    page = client.get(url).content.decode()
    response = client.post(url, {"application": session.alpha.pk}, follow=True)

    assert "Only participants with a confirmed registration" in page
    assert 'name="application"' not in page
    assert "Only participants with a confirmed registration" in response.content.decode()
    assert PitchVote.objects.count() == 0


def test_a_tampered_token_is_refused_without_a_change(client, session):
    url = vote_url(session.audience[0], session.call)
    token = personal_token(participant=session.audience[0].participant)
    tampered = url.replace(token, token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))

    response = client.post(tampered, {"application": session.alpha.pk})

    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    assert PitchVote.objects.count() == 0


def test_an_unknown_call_is_not_found(client, session):
    url = reverse("pitches:vote", kwargs={
        "token": personal_token(participant=session.audience[0].participant), "call": 999999})

    assert client.get(url).status_code == 404


def test_the_vote_page_shows_the_result_only_once_announced(client, session):
    session.vote(session.audience[1], session.gamma)
    url = vote_url(session.audience[0], session.call)
    session.call.voting_closes_at = timezone.now()
    session.call.save()

    before = client.get(url).content.decode()
    session.call.results_announced_at = timezone.now()
    session.call.save()
    after = client.get(url).content.decode()

    assert "The vote is closed." in before and "Most votes" not in before
    assert "Most votes: Gamma OOD" in after


def test_the_personal_vote_include_links_to_an_open_vote(session):
    from django.template.loader import render_to_string

    registration = session.audience[0]
    token = personal_token(participant=registration.participant)
    html = render_to_string("pitches/includes/personal_vote.html",
                            {"registration": registration, "token": token})
    session.call.voting_closes_at = timezone.now()
    session.call.save()
    registration = Registration.objects.get(pk=registration.pk)
    closed = render_to_string("pitches/includes/personal_vote.html",
                              {"registration": registration, "token": token})

    assert vote_url(registration, session.call) in html
    assert closed.strip() == ""


# --- the organisers' page ------------------------------------------------------------------

@pytest.fixture
def world():
    return orga_world()


@pytest.fixture
def world_session(world):
    return Session(world.series, open_vote=False)


def orga_url(name: str, world, session) -> str:
    return reverse(f"orga:{name}", kwargs={"series": world.series.slug,
                                            "event": session.event.pk})


def test_the_organiser_opens_watches_closes_and_announces(client, world, world_session):
    client_as(client, world, "organiser")
    session = world_session

    client.post(orga_url("pitch_vote_open", world, session))
    page = client.get(orga_url("pitch_votes", world, session)).content.decode()
    session.call.refresh_from_db()
    session.vote(session.audience[0], session.alpha)
    session.vote(session.audience[1], session.alpha)
    counts = client.get(orga_url("pitch_vote_counts", world, session),
                        headers={"HX-Request": "true"}).content.decode()
    client.post(orga_url("pitch_vote_close", world, session))
    closed = client.get(orga_url("pitch_vote_counts", world, session)).content.decode()
    response = client.post(orga_url("pitch_vote_announce", world, session), follow=True)

    assert 'hx-trigger="every 5s"' in page
    assert "<th scope=\"row\">Alpha GmbH</th><td class=\"number\">2</td>" in counts
    assert 'hx-get="' in counts and "hx-get" not in closed
    assert "The result is announced" in response.content.decode()
    assert "Most votes: Alpha GmbH" in response.content.decode()
    assert list(AuditEntry.objects.order_by("pk").values_list("action", "actor")) == [
        ("pitch_vote.open", world.users["organiser"].pk),
        ("pitch_vote.close", world.users["organiser"].pk),
        ("pitch_vote.announce", world.users["organiser"].pk)]


def test_announcing_before_closing_is_refused_with_a_message(client, world, world_session):
    client_as(client, world, "organiser")
    client.post(orga_url("pitch_vote_open", world, world_session))

    response = client.post(orga_url("pitch_vote_announce", world, world_session), follow=True)

    assert "Please close the vote before announcing its result." in response.content.decode()
    world_session.call.refresh_from_db()
    assert world_session.call.results_announced_at is None


def test_an_event_without_a_call_has_no_vote_page(client, world):
    client_as(client, world, "organiser")

    response = client.get(reverse("orga:pitch_votes", kwargs={
        "series": world.series.slug, "event": world.leipzig_event.pk}))

    assert response.status_code == 404
