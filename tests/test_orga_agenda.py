"""The agenda editor (issue 12, point 3): an event's talks added, changed, deleted and
moved on the event's page, with htmx and without JavaScript; texts in the series' languages
side by side and what is still missing; speakers picked or made on the spot; times checked
against the event; the preview of the public page; an audit entry for every change."""

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from playwright.sync_api import expect

from events.models import Event, Organisation, Speaker, Talk
from orga.models import AuditEntry
from orga.services import agenda as services
from orga.services import events as event_services
from registrations import services as registration_services
from tests.factories import event_create, speaker_create, talk_create, theme_create
from tests.orga_world import World, client_as, orga_world
from tests.test_browser_matrix import AXE_SCRIPT
from tests.test_registrations_factories import participant_data

BERLIN = ZoneInfo("Europe/Berlin")
SOFIA = ZoneInfo("Europe/Sofia")


@dataclass
class Agenda:
    world: World
    event: Event
    welcome: Talk     # 09:00–09:20
    keynote: Talk     # 09:30–10:00
    panel: Talk       # 10:00–10:45

    @property
    def keys(self) -> dict:
        return {"series": self.world.series.slug, "event": self.event.pk}

    def url(self, name: str, **more) -> str:
        return reverse(f"orga:{name}", kwargs=self.keys | more)


@pytest.fixture
def agenda(db) -> Agenda:
    """The Leipzig event of the personas' world on 5 March 2030, 09:00–12:00 Berlin time,
    with three talks (its own talk of the world removed)."""
    world = orga_world()
    event = world.leipzig_event
    event.start = datetime(2030, 3, 5, 9, 0, tzinfo=BERLIN)
    event.end = datetime(2030, 3, 5, 12, 0, tzinfo=BERLIN)
    event.save()
    event.talks.all().delete()
    welcome = talk_create(event=event, order=1, title_en="Welcome", title_de="Begrüßung",
                          kind=Talk.Kind.WELCOME, start=event.start,
                          duration=timedelta(minutes=20))
    keynote = talk_create(event=event, order=2, title_en="Keynote", title_de="Hauptvortrag",
                          kind=Talk.Kind.KEYNOTE, start=event.start + timedelta(minutes=30),
                          duration=timedelta(minutes=30))
    panel = talk_create(event=event, order=3, title_en="Panel", title_de="Podium",
                        kind=Talk.Kind.PANEL, start=event.start + timedelta(minutes=60),
                        duration=timedelta(minutes=45))
    return Agenda(world=world, event=event, welcome=welcome, keynote=keynote, panel=panel)


@pytest.fixture
def organiser(client, agenda) -> Client:
    return client_as(client, agenda.world, "organiser")


def talk_form(**fields) -> dict:
    data = {"kind": "talk", "start_date": "2030-03-05", "start_time": "11:00",
            "duration": "30", "title_en": "Regional strengths", "title_de": "Regionale Stärken"}
    return {name: value for name, value in (data | fields).items() if value is not None}


def agenda_order(event: Event) -> list[tuple[str, str, int]]:
    """The agenda as (English title, local start, order)."""
    return [(talk.title_en, talk.start.astimezone(event.tzinfo).strftime("%H:%M"), talk.order)
            for talk in Talk.objects.filter(event=event).order_by("order")]


def event_page(agenda: Agenda) -> str:
    """Where a plain form POST lands: the workspace's event page at its agenda (the
    agenda's own page while the workspace has no event page)."""
    try:
        return reverse("orga:event_detail", kwargs=agenda.keys) + "#agenda-editor"
    except NoReverseMatch:
        return agenda.url("agenda")


def audit_actions(event: Event) -> list[str]:
    return list(AuditEntry.objects.filter(event=event).order_by("id")
                .values_list("action", flat=True))


# --- the section -----------------------------------------------------------------------


def test_agenda_page_lists_the_talks_in_order_with_times_in_the_event_zone(organiser, agenda):
    response = organiser.get(agenda.url("agenda"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="agenda-editor"' in html
    positions = [html.index(f"<h3>{title}</h3>") for title in ("Welcome", "Keynote", "Panel")]
    assert positions == sorted(positions)
    assert ">09:30</time>–<time" in html and ">10:00</time>" in html
    assert "Times: Berlin time (CET, UTC+1)." in html


def test_sofia_talks_are_shown_and_typed_in_sofia_time(client, agenda):
    world = agenda.world
    client_as(client, world, "sofia")
    sofia = world.sofia_event
    sofia.start, sofia.end = (datetime(2030, 3, 12, 10, 0, tzinfo=SOFIA),
                              datetime(2030, 3, 12, 13, 0, tzinfo=SOFIA))
    sofia.save()
    keys = {"series": world.series.slug, "event": sofia.pk}

    response = client.post(reverse("orga:talk_add", kwargs=keys),
                           talk_form(start_date="2030-03-12", start_time="10:30"))

    assert response.status_code == 302
    talk = sofia.talks.get(title_en="Regional strengths")
    assert talk.start == datetime(2030, 3, 12, 8, 30, tzinfo=ZoneInfo("UTC"))
    page = client.get(reverse("orga:agenda", kwargs=keys)).content.decode()
    assert ">10:30</time>–<time" in page and "Times: Sofia time (EET, UTC+2)." in page


def test_the_section_renders_from_event_and_series_alone_as_the_event_page_includes_it(
        rf, agenda):
    """The workspace's event page includes the section with `event` and `series` in its
    context: the section reads the rest itself ({% agenda_editor %})."""
    request = rf.get("/")
    request.user = agenda.world.users["leipzig"]

    html = render_to_string("orga/events/agenda_section.html",
                            {"event": agenda.event, "series": agenda.world.series}, request)

    assert html.lstrip().startswith('<section id="agenda-editor"')
    assert "<h3>Keynote</h3>" in html and 'action="' + agenda.url("talk_add") + '"' in html


def test_names_in_the_forms_choices_are_escaped(organiser, agenda):
    Organisation.objects.create(slug="bold", name="<b>Bold & Co</b>", kind="sme", country="DE")

    html = organiser.get(agenda.url("agenda")).content.decode()

    assert "&lt;b&gt;Bold &amp; Co&lt;/b&gt;" in html and "<b>Bold" not in html


def test_agenda_section_costs_the_same_queries_for_few_and_many_talks(organiser, agenda):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = organiser.get(agenda.url("agenda"))
        assert response.status_code == 200
        return len(captured)

    few = queries()
    theme = agenda.world.extra["theme"]
    for number in range(12):
        talk = talk_create(event=agenda.event, order=10 + number, title_en=f"Extra {number}",
                           start=agenda.event.start + timedelta(minutes=105 + 5 * number),
                           duration=timedelta(minutes=5),
                           speakers=[speaker_create(name=f"Speaker {number}"),
                                     speaker_create(name=f"Co-speaker {number}")])
        talk.themes.add(theme)

    assert queries() == few


# --- adding a talk ---------------------------------------------------------------------


def test_a_talk_is_added_with_its_texts_themes_speakers_and_a_new_speaker(organiser, agenda):
    theme = agenda.world.extra["theme"]
    existing = speaker_create(name="Erika Muster")
    agenda.welcome.talk_speakers.create(speaker=existing, position=0)

    response = organiser.post(agenda.url("talk_add"), talk_form(
        abstract_en="What the region offers.", abstract_bg="Какво предлага регионът.",
        title_bg="Силните страни на региона", themes=[theme.pk], speaker_0=existing.pk,
        new_speaker_name="Nina Neu", new_speaker_role_en="Founder",
        new_speaker_role_de="Gründerin", new_organisation_name="Neu Robotics",
        new_organisation_kind="sme", new_organisation_country="DE"))

    assert response.status_code == 302
    assert response["Location"] == event_page(agenda)
    talk = agenda.event.talks.get(title_en="Regional strengths")
    assert (talk.title_de, talk.title_bg) == ("Regionale Stärken", "Силните страни на региона")
    assert (talk.abstract_en, talk.abstract_bg, talk.abstract_de) == (
        "What the region offers.", "Какво предлага регионът.", None)
    assert talk.kind == "talk" and talk.duration == timedelta(minutes=30)
    assert talk.start == datetime(2030, 3, 5, 11, 0, tzinfo=BERLIN)
    assert list(talk.themes.all()) == [theme]
    nina = Speaker.objects.get(name="Nina Neu")
    assert talk.ordered_speakers == [existing, nina]
    assert (nina.role_en, nina.role_de, nina.slug) == ("Founder", "Gründerin", "nina-neu")
    assert (nina.organisation.name, nina.organisation.kind, nina.organisation.country.code) == (
        "Neu Robotics", "sme", "DE")
    assert audit_actions(agenda.event) == ["organisation.create", "speaker.create",
                                           "talk.create"]
    created = AuditEntry.objects.get(action="talk.create")
    assert created.object_id == str(talk.pk)
    assert created.actor == agenda.world.users["organiser"]
    assert created.data["speakers"] == [existing.pk, nina.pk]
    assert created.data["title_de"] == "Regionale Stärken"
    assert created.data["start"] == "2030-03-05T10:00:00+00:00"


def test_a_new_talk_takes_its_place_by_time_and_the_agenda_is_renumbered(organiser, agenda):
    organiser.post(agenda.url("talk_add"), talk_form(start_time="09:20", duration="10",
                                                     title_en="Warm-up"))

    assert agenda_order(agenda.event) == [("Welcome", "09:00", 1), ("Warm-up", "09:20", 2),
                                          ("Keynote", "09:30", 3), ("Panel", "10:00", 4)]


def test_a_new_speaker_may_join_an_existing_organisation(organiser, agenda):
    organisation = Organisation.objects.create(slug="leipzig-cluster", name="Leipzig Cluster",
                                               kind="network", country="DE")

    organiser.post(agenda.url("talk_add"), talk_form(
        new_speaker_name="Otto Org", new_speaker_organisation=organisation.pk))

    assert Speaker.objects.get(name="Otto Org").organisation == organisation
    assert audit_actions(agenda.event) == ["speaker.create", "talk.create"]


def test_a_second_speaker_of_the_same_name_gets_a_slug_of_their_own(organiser, agenda):
    speaker_create(name="Nina Neu", slug="nina-neu")

    organiser.post(agenda.url("talk_add"), talk_form(new_speaker_name="Nina Neu"))

    assert sorted(Speaker.objects.filter(name="Nina Neu").values_list("slug", flat=True)) == [
        "nina-neu", "nina-neu-2"]


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"start_time": "11:45"}, "start_time",
     "A talk must lie within its event: 5 March 2030, 09:00–12:00 (Berlin)."),
    ({"start_date": "2030-03-04", "start_time": "10:00"}, "start_time",
     "A talk must lie within its event: 5 March 2030, 09:00–12:00 (Berlin)."),
    ({"title_en": "", "title_de": ""}, "title_de", "Give the title in at least one language."),
    ({"duration": "0"}, "duration", "Ensure this value is greater than or equal to 1."),
    ({"new_speaker_role_en": "CEO"}, "new_speaker_name",
     "Give the new speaker's name, or leave the new speaker's fields empty."),
    ({"new_speaker_name": "Nina Neu", "new_organisation_name": "Neu Robotics"},
     "new_organisation_kind", "Choose the kind of the new organisation."),
    ({"new_speaker_name": "Nina Neu", "new_organisation_name": "Neu Robotics",
      "new_organisation_kind": "sme"},
     "new_organisation_country", "Choose the country of the new organisation."),
    ({"new_speaker_name": "Nina Neu", "new_organisation_country": "DE"},
     "new_organisation_name", "Give the new organisation's name."),
    ({"kind": "party"}, "kind", "Select a valid choice. party is not one of the available "
                                "choices."),
])
def test_a_wrong_talk_is_refused_with_its_message_and_nothing_changes(
        organiser, agenda, fields, field, message):
    before = agenda_order(agenda.event)

    response = organiser.post(agenda.url("talk_add"), talk_form(**fields))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert agenda_order(agenda.event) == before
    assert not Speaker.objects.filter(name="Nina Neu").exists()
    assert not Organisation.objects.filter(name="Neu Robotics").exists()
    assert audit_actions(agenda.event) == []


def test_a_time_the_clocks_skip_is_refused(organiser, agenda):
    agenda.event.start = datetime(2030, 3, 31, 0, 0, tzinfo=BERLIN)  # summer time at 02:00
    agenda.event.end = datetime(2030, 3, 31, 6, 0, tzinfo=BERLIN)
    agenda.event.save()

    response = organiser.post(agenda.url("talk_add"),
                              talk_form(start_date="2030-03-31", start_time="02:30"))

    assert response.context["form"].errors["start_time"] == [
        "This time is skipped or repeated in Berlin when the clocks change."]


def test_another_series_theme_or_an_unknown_speaker_is_refused(organiser, agenda):
    foreign_theme = theme_create(series=agenda.world.other_series, slug="foreign")
    draft_speaker = speaker_create(name="Hidden Draft")  # only on the other series' talk
    other = agenda.world.other_event
    other.status = Event.Status.DRAFT
    other.save()
    talk_create(event=other, speakers=[draft_speaker])

    response = organiser.post(agenda.url("talk_add"), talk_form(
        themes=[foreign_theme.pk], speaker_0=draft_speaker.pk))

    errors = response.context["form"].errors
    assert errors["themes"] == [f"Select a valid choice. {foreign_theme.pk} is not one of the "
                                "available choices."]
    assert errors["speaker_0"] == [f"Select a valid choice. {draft_speaker.pk} is not one of "
                                   "the available choices."]
    assert "Hidden Draft" not in response.content.decode()
    assert agenda.event.talks.count() == 3


def test_a_speaker_named_twice_is_refused(organiser, agenda):
    speaker = speaker_create(name="Erika Muster")
    agenda.welcome.talk_speakers.create(speaker=speaker, position=0)

    response = organiser.post(agenda.url("talk_add"),
                              talk_form(speaker_0=speaker.pk, speaker_1=speaker.pk))

    assert response.context["form"].errors["speaker_1"] == ["This speaker is on the talk already."]


def test_the_refusal_is_in_the_organisers_language(organiser, agenda):
    url = agenda.url("talk_add").replace("/en/", "/de/", 1)

    response = organiser.post(url, talk_form(title_en="", title_de=""))

    assert response.context["form"].errors["title_de"] == [
        "Geben Sie den Titel in mindestens einer Sprache an."]


def test_with_htmx_a_wrong_talk_comes_back_in_the_section_with_the_form_open(organiser, agenda):
    response = organiser.post(agenda.url("talk_add"), talk_form(start_time="13:00"),
                              headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith("\n<section id=\"agenda-editor\"") or "<html" not in html
    assert '<details class="agenda-add" open>' in html
    assert "A talk must lie within its event" in html
    assert agenda.event.talks.count() == 3


def test_without_javascript_a_post_without_csrf_token_is_refused(agenda):
    client = Client(enforce_csrf_checks=True)
    client.force_login(agenda.world.users["organiser"])

    response = client.post(agenda.url("talk_add"), talk_form())

    assert response.status_code == 403
    assert agenda.event.talks.count() == 3


# --- changing and deleting -------------------------------------------------------------


def test_a_talk_is_changed_and_the_audit_log_keeps_before_and_after(organiser, agenda):
    response = organiser.post(agenda.url("talk_edit", talk=agenda.keynote.pk), talk_form(
        kind="keynote", start_time="09:30", duration="40", title_en="Keynote",
        title_de="Eröffnungsvortrag"))

    assert response.status_code == 302
    keynote = Talk.objects.get(pk=agenda.keynote.pk)
    assert (keynote.title_de, keynote.duration) == ("Eröffnungsvortrag", timedelta(minutes=40))
    entry = AuditEntry.objects.get(action="talk.change")
    assert entry.changes == {"title_de": ["Hauptvortrag", "Eröffnungsvortrag"],
                             "duration_minutes": [30, 40]}
    assert entry.object_id == str(keynote.pk)


def test_a_changed_talk_keeps_its_speakers_in_the_new_order(organiser, agenda):
    anna, bert = speaker_create(name="Anna"), speaker_create(name="Bert")
    for position, speaker in enumerate([anna, bert]):
        agenda.panel.talk_speakers.create(speaker=speaker, position=position)

    organiser.post(agenda.url("talk_edit", talk=agenda.panel.pk), talk_form(
        kind="panel", start_time="10:00", duration="45", title_en="Panel", title_de="Podium",
        speaker_0=bert.pk, speaker_1=anna.pk))

    assert Talk.objects.get(pk=agenda.panel.pk).ordered_speakers == [bert, anna]
    assert AuditEntry.objects.get(action="talk.change").changes == {
        "speakers": [[anna.pk, bert.pk], [bert.pk, anna.pk]]}


def test_a_talk_given_another_start_moves_to_its_place(organiser, agenda):
    organiser.post(agenda.url("talk_edit", talk=agenda.welcome.pk), talk_form(
        kind="welcome", start_time="11:30", duration="20", title_en="Welcome",
        title_de="Begrüßung"))

    assert agenda_order(agenda.event) == [("Keynote", "09:30", 1), ("Panel", "10:00", 2),
                                          ("Welcome", "11:30", 3)]


def test_the_edit_form_shows_the_talk_as_it_is(organiser, agenda):
    response = organiser.get(agenda.url("talk_edit", talk=agenda.keynote.pk))

    form = response.context["form"]
    assert [form[name].value() for name in ("kind", "duration", "title_de")] == [
        "keynote", 30, "Hauptvortrag"]
    assert str(form["start_time"].value()) == "09:30:00"
    assert [code for code in form.languages] == ["de", "en", "bg"]  # the series' languages


def test_with_htmx_the_edit_form_opens_in_its_row(organiser, agenda):
    response = organiser.get(agenda.url("talk_edit", talk=agenda.keynote.pk),
                             headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html
    assert f'<li id="talk-{agenda.keynote.pk}" class="agenda-item kind-keynote ' \
           'agenda-item--editing">' in html
    assert f'id="talk-{agenda.keynote.pk}-title_de"' in html


def test_with_htmx_a_wrong_change_comes_back_in_its_row_and_changes_nothing(organiser, agenda):
    response = organiser.post(agenda.url("talk_edit", talk=agenda.keynote.pk),
                              talk_form(start_time="08:00", title_en="Moved keynote"),
                              headers={"HX-Request": "true"})

    html = response.content.decode()
    assert 'agenda-item--editing">' in html
    assert 'value="Moved keynote"' in html and "A talk must lie within its event" in html
    assert Talk.objects.get(pk=agenda.keynote.pk).title_en == "Keynote"
    assert audit_actions(agenda.event) == []


def test_a_talk_is_deleted_and_recorded(organiser, agenda):
    response = organiser.post(agenda.url("talk_delete", talk=agenda.keynote.pk))

    assert response.status_code == 302 and response["Location"] == event_page(agenda)
    assert [title for title, _start, _order in agenda_order(agenda.event)] == ["Welcome",
                                                                              "Panel"]
    entry = AuditEntry.objects.get(action="talk.delete")
    assert entry.object_id == str(agenda.keynote.pk)
    assert entry.data["title_en"] == "Keynote"


def test_without_javascript_deleting_asks_first(organiser, agenda):
    response = organiser.get(agenda.url("talk_delete", talk=agenda.keynote.pk))

    assert "Delete “Keynote”?" in response.content.decode()
    assert agenda.event.talks.count() == 3


def test_a_talk_deleted_meanwhile_is_reported_not_an_error(agenda):
    stale = Talk.objects.get(pk=agenda.keynote.pk)
    stale.event = agenda.event
    Talk.objects.filter(pk=stale.pk).delete()
    user = agenda.world.users["organiser"]

    for action in (lambda: services.talk_delete(talk=stale, actor=user),
                   lambda: services.talk_move(talk=stale, actor=user, direction="up")):
        with pytest.raises(services.TalkGone):
            action()
    assert audit_actions(agenda.event) == []


# --- moving ----------------------------------------------------------------------------


def test_moving_a_talk_up_swaps_it_with_its_neighbour_and_their_times(organiser, agenda):
    response = organiser.post(agenda.url("talk_move", talk=agenda.keynote.pk),
                              {"direction": "up"})

    assert response.status_code == 302 and response["Location"] == event_page(agenda)
    # the pair keeps its span (09:00–10:00) and its gap of ten minutes
    assert agenda_order(agenda.event) == [("Keynote", "09:00", 1), ("Welcome", "09:40", 2),
                                          ("Panel", "10:00", 3)]
    entry = AuditEntry.objects.get(action="talk.move")
    assert entry.changes == {"order": [2, 1], "start": ["2030-03-05T08:30:00+00:00",
                                                        "2030-03-05T08:00:00+00:00"]}
    assert entry.data == {"direction": "up", "passed": [agenda.welcome.pk],
                          "neighbour_starts": {str(agenda.welcome.pk): [
                              "2030-03-05T08:00:00+00:00", "2030-03-05T08:40:00+00:00"]}}


def test_moving_down_and_overlapping_talks_keep_their_times(organiser, agenda):
    Talk.objects.filter(pk=agenda.panel.pk).update(start=datetime(2030, 3, 5, 9, 45,
                                                                  tzinfo=BERLIN))

    organiser.post(agenda.url("talk_move", talk=agenda.keynote.pk), {"direction": "down"})

    assert agenda_order(agenda.event) == [("Welcome", "09:00", 1), ("Panel", "09:45", 2),
                                          ("Keynote", "09:30", 3)]


def test_a_talk_starting_before_the_one_above_ends_is_marked(organiser, agenda):
    Talk.objects.filter(pk=agenda.panel.pk).update(start=datetime(2030, 3, 5, 9, 45,
                                                                  tzinfo=BERLIN))

    rows = organiser.get(agenda.url("agenda")).context["agenda"].talks

    assert [(row.talk.title_en, row.overlaps) for row in rows] == [
        ("Welcome", False), ("Keynote", False), ("Panel", True)]


def test_moving_the_first_talk_up_changes_nothing(organiser, agenda):
    before = agenda_order(agenda.event)

    response = organiser.post(agenda.url("talk_move", talk=agenda.welcome.pk),
                              {"direction": "up"}, follow=True)

    assert agenda_order(agenda.event) == before
    assert "“Welcome” is first on the agenda already." in response.content.decode()
    assert audit_actions(agenda.event) == []


def test_a_move_without_a_direction_is_answered_and_changes_nothing(organiser, agenda):
    before = agenda_order(agenda.event)

    response = organiser.post(agenda.url("talk_move", talk=agenda.keynote.pk),
                              {"direction": "sideways"}, follow=True)

    assert "Nothing moved: choose up or down." in response.content.decode()
    assert agenda_order(agenda.event) == before


def test_with_htmx_a_move_answers_with_the_section_and_its_notice(organiser, agenda):
    response = organiser.post(agenda.url("talk_move", talk=agenda.welcome.pk),
                              {"direction": "down"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert '<p class="notice" role="status">“Welcome” moved down.</p>' in html
    assert html.index("<h3>Keynote</h3>") < html.index("<h3>Welcome</h3>")


def test_a_talk_dropped_on_the_first_place_passes_each_talk_above_it(organiser, agenda):
    response = organiser.post(agenda.url("talk_place", talk=agenda.panel.pk), {"position": "1"})

    assert response.status_code == 302
    # the panel takes the first slot; the others follow it, each gap kept where it was
    assert agenda_order(agenda.event) == [("Panel", "09:00", 1), ("Welcome", "09:55", 2),
                                          ("Keynote", "10:15", 3)]
    entry = AuditEntry.objects.get(action="talk.move")
    assert entry.changes == {"order": [3, 1], "start": ["2030-03-05T09:00:00+00:00",
                                                        "2030-03-05T08:00:00+00:00"]}
    assert entry.data["position"] == 1
    assert entry.data["passed"] == [agenda.keynote.pk, agenda.welcome.pk]


def test_a_place_past_the_end_is_the_last_and_a_wrong_place_moves_nothing(organiser, agenda):
    organiser.post(agenda.url("talk_place", talk=agenda.welcome.pk), {"position": "99"})
    assert [title for title, _start, _order in agenda_order(agenda.event)] == [
        "Keynote", "Panel", "Welcome"]

    response = organiser.post(agenda.url("talk_place", talk=agenda.welcome.pk),
                              {"position": "first"}, follow=True)

    assert "Nothing moved: the place is not known." in response.content.decode()
    assert AuditEntry.objects.filter(action="talk.move").count() == 1


def test_many_moves_keep_the_order_unique_and_numbered_from_one(agenda):
    user = agenda.world.users["organiser"]
    talks = [agenda.welcome, agenda.keynote, agenda.panel]
    for talk in talks:
        talk.event = agenda.event
    for talk, direction in [(agenda.panel, "up"), (agenda.panel, "up"), (agenda.welcome, "up"),
                            (agenda.keynote, "down"), (agenda.panel, "down")]:
        services.talk_move(talk=talk, actor=user, direction=direction)

    orders = list(agenda.event.talks.order_by("order").values_list("order", flat=True))
    assert orders == [1, 2, 3]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_organisers_moving_talks_at_once_on_postgresql_both_succeed():
    """The order constraint is checked row by row on PostgreSQL: concurrent moves of one
    agenda are served one after the other (the event's lock), none fails."""
    world = orga_world()
    event = world.leipzig_event
    talks = [event.talks.get()] + [
        talk_create(event=event, title_en=f"Talk {number}") for number in range(2, 9)]
    for talk in talks:
        talk.event = event
    users = [world.users["organiser"], world.users["leipzig"]]
    errors: list[BaseException] = []
    moved: list[int] = []
    barrier = threading.Barrier(6)

    def mover(talk: Talk, user, direction: str) -> None:
        try:
            barrier.wait(timeout=30)
            for _round in range(8):
                if services.talk_move(talk=talk, actor=user, direction=direction):
                    moved.append(talk.pk)  # (None: at the end of the agenda already)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=mover, args=args) for args in [
        (talks[3], users[0], "up"), (talks[4], users[1], "down"),
        (talks[2], users[0], "down"), (talks[5], users[1], "up"),
        (talks[1], users[0], "down"), (talks[6], users[1], "up")]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert list(event.talks.order_by("order").values_list("order", flat=True)) == list(
        range(1, 9))
    assert len(moved) > 4
    assert AuditEntry.objects.filter(action="talk.move").count() == len(moved)


def test_a_move_retires_the_cached_public_page(organiser, agenda, settings,
                                              django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 300
    public = agenda.event.get_absolute_url()
    before = Client().get(public).content.decode()
    assert before.index("<h3>Welcome</h3>") < before.index("<h3>Keynote</h3>")

    with django_capture_on_commit_callbacks(execute=True):
        organiser.post(agenda.url("talk_move", talk=agenda.keynote.pk), {"direction": "up"})

    after = Client().get(public).content.decode()
    assert after.index("<h3>Keynote</h3>") < after.index("<h3>Welcome</h3>")


def test_the_service_checks_the_event_times_again_under_its_lock(agenda):
    """The event's times may change between the form's check and the write: the service
    refuses a talk outside them, and writes nothing."""
    data = services.TalkInput(kind="talk", start=datetime(2030, 3, 5, 13, 0, tzinfo=BERLIN),
                              duration=timedelta(minutes=20), titles={"en": "Late"},
                              abstracts={}, new_speaker=services.NewSpeaker(name="Nina Neu"))

    with pytest.raises(ValidationError) as refusal:
        services.talk_create(event=agenda.event, actor=None, data=data)

    assert refusal.value.message_dict["start"] == [
        "A talk must lie within its event: 5 March 2030, 09:00–12:00 (Berlin)."]
    assert agenda.event.talks.count() == 3 and not Speaker.objects.filter(name="Nina Neu")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_agenda_edits_during_a_registration_rush_on_postgresql_fail_nothing():
    """The agenda locks the event's row, as seat counting does: talks added and moved while
    participants register and confirm for the event, and its capacity changes, all succeed
    (no deadlock, no constraint), and no seat is given beyond a capacity."""
    world = orga_world()
    event, series = world.leipzig_event, world.series
    consent = series.consent_texts.get()
    user = world.users["leipzig"]
    errors: list[BaseException] = []
    barrier = threading.Barrier(5)

    def run(action) -> None:
        try:
            barrier.wait(timeout=30)
            action()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    def registrations(prefix: str) -> None:
        for number in range(6):
            participant = registration_services.registration_request(
                series=series, consent=consent, events=[event],
                data=participant_data(email=f"{prefix}{number}@example.org"))
            registration_services.registration_confirm(participant_id=participant.pk,
                                                       nonce=participant.confirm_nonce)

    def agenda_writer(offset: int) -> None:
        for number in range(4):
            local = event.local_start.replace(second=0, microsecond=0)
            talk = services.talk_create(event=event, actor=user, data=services.TalkInput(
                kind="talk", start=local + timedelta(minutes=offset + 10 * number),
                duration=timedelta(minutes=5), titles={"en": f"Talk {offset}-{number}"},
                abstracts={}))
            talk.event = event
            services.talk_move(talk=talk, actor=user, direction="up")

    def capacities() -> None:
        for capacity in (5, 8, 4, 10, 6):
            event_services.event_capacity_set(event=Event.objects.get(pk=event.pk),
                                              capacity=capacity)

    threads = [threading.Thread(target=run, args=(action,)) for action in (
        lambda: registrations("rush-a-"), lambda: registrations("rush-b-"),
        lambda: agenda_writer(1), lambda: agenda_writer(2), capacities)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert list(event.talks.order_by("order").values_list("order", flat=True)) == list(
        range(1, 10))
    # a lower capacity takes no seat away: at most the highest capacity was ever given out
    assert event.registrations.filter(state="confirmed").count() <= 10


# --- texts missing in a language -------------------------------------------------------


def test_the_event_shows_which_texts_are_missing_in_which_language(organiser, agenda):
    event = agenda.event
    event.summary_en, event.title_bg, event.title_de = "A day of robots.", "Лайпциг", ""
    event.save()
    Talk.objects.filter(pk=agenda.welcome.pk).update(title_bg="Добре дошли")
    speaker = speaker_create(name="Erika Muster", role_en="CEO", role_de="Geschäftsführerin",
                             role_bg="Управител", bio_de="Erika leitet …")
    agenda.panel.talk_speakers.create(speaker=speaker, position=0)

    response = organiser.get(agenda.url("agenda"))

    rows = [(row.field_label, row.kind, row.languages)
            for row in response.context["agenda"].missing]
    assert rows == [
        ("Event title", "event", [("de", "German")]),
        ("Event summary", "event", [("de", "German"), ("bg", "Bulgarian")]),
        ("Talk title", "talk", [("bg", "Bulgarian")]),   # the keynote
        ("Talk title", "talk", [("bg", "Bulgarian")]),   # the panel
        ("Speaker's biography", "speaker", [("en", "English"), ("bg", "Bulgarian")]),
    ]
    assert response.context["agenda"].missing_by_language == [
        ("de", "German", 2), ("en", "English", 1), ("bg", "Bulgarian", 4)]
    html = response.content.decode()
    assert "4</strong> texts missing in Bulgarian" in html
    assert agenda.url("speaker_edit", speaker=speaker.pk) in html


def test_a_speakers_texts_are_written_in_each_language(organiser, agenda):
    speaker = speaker_create(name="Erika Muster", role_en="CEO")
    agenda.panel.talk_speakers.create(speaker=speaker, position=0)

    response = organiser.post(agenda.url("speaker_edit", speaker=speaker.pk), {
        "name": "Erika Muster", "organisation": speaker.organisation_id,
        "role_en": "CEO", "role_de": "Geschäftsführerin", "role_bg": "Управител",
        "bio_de": "Erika leitet den Cluster."})

    assert response.status_code == 302
    speaker.refresh_from_db()
    assert (speaker.role_de, speaker.role_bg, speaker.bio_de) == (
        "Geschäftsführerin", "Управител", "Erika leitet den Cluster.")
    assert AuditEntry.objects.get(action="speaker.change").changes == {
        "role_de": ["Ingenieurin", "Geschäftsführerin"], "role_bg": ["", "Управител"],
        "bio_de": ["", "Erika leitet den Cluster."]}


# --- the preview -----------------------------------------------------------------------


def test_the_preview_shows_a_draft_as_the_public_will_see_it(organiser, agenda):
    agenda.event.status = Event.Status.DRAFT
    agenda.event.save()
    public = agenda.event.get_absolute_url()

    response = organiser.get(agenda.url("event_preview"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "This event is a draft: this is how its page will look once it is published." in html
    assert '<h1>Leipzig showcase</h1>' in html and "<h3>Keynote</h3>" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert 'rel="canonical"' not in html and "og:title" not in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-store"
    assert Client().get(public).status_code == 404  # still not public


def test_the_preview_is_in_the_language_of_its_address(organiser, agenda):
    with translation.override("bg"):
        url = agenda.url("event_preview")
    Talk.objects.filter(pk=agenda.keynote.pk).update(title_bg="Основен доклад")

    html = organiser.get(url).content.decode()

    assert '<html lang="bg">' in html
    assert "<h3>Основен доклад</h3>" in html
    assert '<h3><span lang="en">Panel</span></h3>' in html  # the fallback, marked


def test_the_preview_is_never_cached(organiser, agenda, settings):
    settings.PAGE_CACHE_SECONDS = 300
    organiser.get(agenda.url("event_preview"))
    Talk.objects.filter(pk=agenda.keynote.pk).update(title_en="Opening keynote")

    html = organiser.get(agenda.url("event_preview")).content.decode()

    assert "<h3>Opening keynote</h3>" in html
    assert not any(":public-page:" in key for key in cache._cache)  # LocMemCache's keys


def test_the_preview_of_another_series_event_is_not_there(client, agenda):
    client_as(client, agenda.world, "outsider")
    keys = {"series": agenda.world.other_series.slug, "event": agenda.event.pk}

    response = client.get(reverse("orga:event_preview", kwargs=keys))

    assert response.status_code == 404
    assert "Leipzig showcase" not in response.content.decode()


def test_a_leipzig_talk_is_not_there_under_the_sofia_event(client, agenda):
    client_as(client, agenda.world, "organiser")
    keys = {"series": agenda.world.series.slug, "event": agenda.world.sofia_event.pk}

    response = client.post(reverse("orga:talk_delete", kwargs=keys | {"talk":
                                                                      agenda.keynote.pk}))

    assert response.status_code == 404
    assert Talk.objects.filter(pk=agenda.keynote.pk).exists()


def test_a_new_event_talk_gets_the_first_place(organiser, agenda):
    empty = event_create(series=agenda.world.series, region=agenda.world.leipzig_region,
                         start=datetime(2030, 4, 2, 9, 0, tzinfo=BERLIN))
    keys = {"series": agenda.world.series.slug, "event": empty.pk}

    organiser.post(reverse("orga:talk_add", kwargs=keys),
                   talk_form(start_date="2030-04-02", start_time="09:00"))

    assert agenda_order(empty) == [("Regional strengths", "09:00", 1)]


# --- in a browser ----------------------------------------------------------------------


def browser_context(browser, client, live_server, user, *, width: int, locale: str):
    """A Chromium context logged in as `user` (the test client's session)."""
    client.force_login(user)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale=locale,
                                  bypass_csp=True)  # axe-core is injected
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    context.add_init_script(path=str(AXE_SCRIPT))
    return context


@pytest.mark.browser
@pytest.mark.sqlite_pass_only
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_htmx_moves_and_adds_in_place_and_the_page_stays_accessible(
        browser, client, live_server, agenda):
    context = browser_context(browser, client, live_server, agenda.world.users["organiser"],
                              width=768, locale="bg-BG")
    page = context.new_page()
    with translation.override("bg"):
        page.goto(live_server.url + agenda.url("agenda"))
    page.evaluate("window.notReloaded = true")

    page.click(f"#talk-{agenda.welcome.pk}-down")
    expect(page.locator("#agenda-editor .notice")).to_have_text("„Welcome“ е преместен надолу.")
    assert page.locator("#agenda-editor h3").all_inner_texts()[:2] == ["Keynote", "Welcome"]
    assert page.evaluate("document.activeElement.id") == f"talk-{agenda.welcome.pk}-down"
    page.click("summary")  # Добавяне на доклад
    page.fill("#talk-new-title_en", "Late talk")
    page.fill("#talk-new-start_time", "11:50")
    page.click("#agenda-editor form.orga-form button[type=submit]")
    expect(page.locator("#talk-new-start_time + .errorlist, .errorlist").first).to_contain_text(
        "Докладът трябва да е в рамките на своето събитие")
    assert page.evaluate("window.notReloaded") is True

    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    assert [violation["id"] for violation in violations] == []
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


@pytest.mark.browser
@pytest.mark.sqlite_pass_only
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_every_page_of_the_agenda_editor_is_accessible_on_a_tablet_and_a_phone(
        browser, client, live_server, agenda):
    speaker = speaker_create(name="Анастасия Константинова-Петрова", role_en="CEO")
    agenda.keynote.talk_speakers.create(speaker=speaker, position=0)
    Talk.objects.filter(pk=agenda.panel.pk).update(start=datetime(2030, 3, 5, 9, 50,
                                                                  tzinfo=BERLIN))  # overlaps
    context = browser_context(browser, client, live_server, agenda.world.users["organiser"],
                              width=768, locale="bg-BG")
    page = context.new_page()
    with translation.override("bg"):
        paths = [agenda.url("agenda"), agenda.url("talk_add"),
                 agenda.url("talk_edit", talk=agenda.keynote.pk),
                 agenda.url("talk_delete", talk=agenda.keynote.pk),
                 agenda.url("speaker_edit", speaker=speaker.pk), agenda.url("event_preview")]
    found = {}
    for width in (768, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            page.goto(live_server.url + path)
            page.evaluate("() => document.querySelectorAll('details').forEach("
                          "(details) => { details.open = true; })")
            violations = page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']}))"
                ".violations.map((violation) => violation.id)")
            wide = page.evaluate("document.documentElement.scrollWidth") > width
            if violations or wide:
                found[(width, path)] = (violations, wide)
    assert found == {}
    context.close()


@pytest.mark.browser
@pytest.mark.sqlite_pass_only
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_a_talk_is_dragged_to_another_place(browser, client, live_server, agenda):
    context = browser_context(browser, client, live_server, agenda.world.users["organiser"],
                              width=1024, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + agenda.url("agenda"))

    page.drag_and_drop(f"#talk-{agenda.panel.pk}", f"#talk-{agenda.welcome.pk}")

    expect(page.locator("#agenda-editor .notice")).to_have_text("“Panel” is at place 1.")
    assert page.locator(".agenda-editor-list h3").all_inner_texts() == [
        "Panel", "Welcome", "Keynote"]
    page.drag_and_drop(f"#talk-{agenda.panel.pk}", f"#talk-{agenda.keynote.pk}")
    expect(page.locator("#agenda-editor .notice")).to_have_text("“Panel” is at place 3.")
    context.close()
