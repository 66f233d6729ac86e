"""The line-up of a pitch session: the organisers put the confirmed pitches on the agenda as
talks (company, theme, presenter of an SME organisation of the company's country), a
withdrawn pitch's talk is taken off, the public agenda and the public line-up show them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Organisation, Talk
from orga.models import AuditEntry
from orga.services.pitch_lineup import lineup_place, withdrawn_talks_remove_all
from pitches.models import PitchApplication
from pitches.services import PitchError, application_state_change
from tests.factories import (
    organisation_create,
    report_create,
    series_create,
    talk_create,
    theme_create,
)
from tests.orga_world import user_create
from tests.pitch_factories import pitch_application_create, pitch_call_create
from tests.test_registrations_factories import participant_create

pytestmark = pytest.mark.django_db
State = PitchApplication.State


@pytest.fixture
def call():
    now = timezone.now()
    series = series_create(slug="connect")
    return pitch_call_create(series=series, opens_at=now - timedelta(days=20),
                             closes_at=now - timedelta(days=1), pitch_minutes=7)


def confirmed(call, name: str, **fields) -> PitchApplication:
    return pitch_application_create(
        call=call, participant=participant_create(), organisation_name=name,
        state=State.CONFIRMED, offer_number=1, confirmed_at=timezone.now(),
        offer_expires_at=timezone.now() + timedelta(days=1), **fields)


def test_put_on_the_agenda_makes_a_pitch_talk_after_the_last_talk(call):
    event = call.event
    opening = talk_create(event=event, title_en="Welcome", duration=timedelta(minutes=15))
    theme = theme_create(series=event.series, name_en="Mobility")
    app = confirmed(call, "Sofia Sensors OOD", country="BG", theme=theme,
                    website="https://sensors.example.bg", presenter_name="Ana Petrova",
                    presenter_role="CEO", summary_en="Sensors for bridges.")

    result = lineup_place(call=call, actor=user_create("olga"))

    talk = Talk.objects.get(pk=result.placed[0].pk)
    assert PitchApplication.objects.get(pk=app.pk).talk == talk
    assert (talk.kind, talk.title, talk.abstract) == (
        Talk.Kind.PITCH, "Sofia Sensors OOD", "Sensors for bridges.")
    assert (talk.start, talk.duration) == (opening.end, timedelta(minutes=7))
    assert list(talk.themes.all()) == [theme]
    [speaker] = talk.ordered_speakers
    assert (speaker.name, speaker.role) == ("Ana Petrova", "CEO")
    organisation = speaker.organisation
    assert (organisation.name, organisation.kind, organisation.country.code,
            organisation.website) == ("Sofia Sensors OOD", Organisation.Kind.SME, "BG",
                                      "https://sensors.example.bg")
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "organisation.create", "speaker.create", "talk.create"]


def test_put_on_the_agenda_finds_the_organisation_by_name_and_places_each_pitch_once(call):
    known = organisation_create(name="Rhein Robotics GmbH", country="DE")
    first = confirmed(call, "rhein robotics gmbh")
    second = confirmed(call, "Sofia Sensors OOD")
    actor = user_create("olga")

    placed = lineup_place(call=call, actor=actor).placed
    again = lineup_place(call=call, actor=actor)

    assert [talk.title for talk in placed] == ["rhein robotics gmbh", "Sofia Sensors OOD"]
    assert placed[0].ordered_speakers[0].organisation == known
    assert placed[1].start == placed[0].end == call.event.start + timedelta(minutes=7)
    assert (again.placed, again.removed) == ([], 0)
    assert call.event.talks.count() == 2
    assert [app.talk_id for app in PitchApplication.objects.filter(
        pk__in=[first.pk, second.pk]).order_by("pk")] == [talk.pk for talk in placed]


def test_pitches_that_would_end_after_the_event_are_refused_and_nothing_changes(call):
    event = call.event
    talk_create(event=event, start=event.start, duration=event.end - event.start
                - timedelta(minutes=10))
    confirmed(call, "Sofia Sensors OOD")
    confirmed(call, "Rhein Robotics GmbH")

    with pytest.raises(PitchError, match="The 2 pitches do not fit into the agenda"):
        lineup_place(call=call, actor=user_create("olga"))

    assert event.talks.count() == 1
    assert not Organisation.objects.filter(name="Sofia Sensors OOD").exists()


def test_a_withdrawn_pitchs_talk_is_taken_off_the_agenda(call):
    app = confirmed(call, "Sofia Sensors OOD")
    lineup_place(call=call, actor=user_create("olga"))
    application_state_change(application_id=app.pk, to=State.WITHDRAWN)

    assert withdrawn_talks_remove_all() == 1

    assert call.event.talks.count() == 0
    assert PitchApplication.objects.get(pk=app.pk).talk is None
    assert withdrawn_talks_remove_all() == 0


def test_the_public_agenda_shows_each_pitch_with_company_country_theme_and_presenter(
        client, call):
    theme = theme_create(series=call.event.series, name_en="Mobility")
    confirmed(call, "Sofia Sensors OOD", country="BG", theme=theme,
              presenter_name="Ana Petrova", presenter_role="CEO")
    lineup_place(call=call, actor=user_create("olga"))

    page = client.get(call.event.get_absolute_url()).content.decode()

    assert "Sofia Sensors OOD" in page
    assert "Ana Petrova</a>, CEO" in page
    assert "Bulgaria" in page
    assert "<li>Mobility</li>" in page
    assert reverse("pitches:lineup", kwargs={"series": "connect"}) in page


def test_the_public_line_up_shows_the_confirmed_pitches_in_agenda_order(client, call):
    theme = theme_create(series=call.event.series, name_en="Mobility")
    confirmed(call, "Sofia Sensors OOD", country="BG", theme=theme,
                      website="https://sensors.example.bg", video_url="https://video.example/1",
                      summary_en="Sensors for bridges.", summary_de="Sensoren für Brücken.",
                      description_en="We watch bridges.")
    second = confirmed(call, "Rhein Robotics GmbH")
    pitch_application_create(call=call, participant=participant_create(),
                             organisation_name="Not Chosen Ltd", state=State.DECLINED)
    lineup_place(call=call, actor=user_create("olga"))
    Talk.objects.filter(pitch_application=second).update(order=0)  # moved first by hand

    page = client.get(reverse("pitches:lineup", kwargs={"series": "connect"})).content.decode()

    assert page.index("Rhein Robotics GmbH") < page.index("Sofia Sensors OOD")
    assert "Not Chosen Ltd" not in page
    assert "Bulgaria · Mobility" in page
    assert "Sensors for bridges." in page and "We watch bridges." in page
    assert 'href="https://sensors.example.bg"' in page
    assert 'href="https://video.example/1"' in page


def test_the_public_line_up_is_in_the_visitors_language_with_fallback(client, call):
    confirmed(call, "Sofia Sensors OOD", summary_en="Sensors for bridges.",
              summary_de="Sensoren für Brücken.", description_en="We watch bridges.")

    with translation.override("de"):
        url = reverse("pitches:lineup", kwargs={"series": "connect"})
    page = client.get(url).content.decode()

    assert "Sensoren für Brücken." in page
    assert '<div lang="en"><p>We watch bridges.</p></div>' in page


def test_the_public_line_up_stays_online_after_the_session(client, call):
    confirmed(call, "Sofia Sensors OOD")
    call.event.start = timezone.now() - timedelta(days=30)
    call.event.end = call.event.start + timedelta(hours=2)
    call.event.save()

    response = client.get(reverse("pitches:lineup", kwargs={"series": "connect"}))

    assert response.status_code == 200
    assert "Sofia Sensors OOD" in response.content.decode()


def test_the_public_line_up_of_a_series_without_a_call_is_not_there(client, call):
    series_create(slug="no-pitches")

    response = client.get(reverse("pitches:lineup", kwargs={"series": "no-pitches"}))

    assert response.status_code == 404


def test_the_organisers_line_up_page_puts_the_pitches_on_the_agenda(client, call):
    from orga.models import TeamMember

    olga = user_create("olga")
    TeamMember.objects.create(series=call.event.series, user=olga,
                              role=TeamMember.Role.ORGANISER)
    client.force_login(olga)
    confirmed(call, "Sofia Sensors OOD")
    url = reverse("orga:pitch_lineup", kwargs={"series": "connect"})

    before = client.get(url).content.decode()
    response = client.post(reverse("orga:pitch_lineup_place", kwargs={"series": "connect"}),
                           follow=True)

    assert "1 confirmed pitch is not on the agenda yet." in before
    assert "not registered" in before
    assert response.redirect_chain == [(url, 302)]
    assert "1 pitch put on the agenda." in response.content.decode()
    assert call.event.talks.get().title == "Sofia Sensors OOD"


def test_a_published_report_of_the_pitch_session_links_to_the_line_up(client, call):
    report = report_create(series=call.event.series, event=call.event)
    other = report_create(series=call.event.series)
    lineup_url = reverse("pitches:lineup", kwargs={"series": "connect"})

    assert lineup_url in client.get(report.get_absolute_url()).content.decode()
    assert lineup_url not in client.get(other.get_absolute_url()).content.decode()
