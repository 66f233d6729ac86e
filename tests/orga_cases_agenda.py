"""Permission cases of the agenda editor (orga/views/agenda.py): the Leipzig event's agenda
is the organiser's and the Leipzig coordinator's, not there for the Sofia coordinator; a
talk or speaker of another event (of this series or another) under the Leipzig event's URL
is not there for anyone."""

from datetime import timedelta

from tests.factories import speaker_create, talk_create
from tests.orga_cases import (
    LOGIN,
    NOT_FOUND,
    OK,
    Case,
    leipzig_event,
    leipzig_runners,
    nobody_in,
    other_series_event,
)


def leipzig_talk(world) -> dict:
    return leipzig_event(world) | {"talk": world.leipzig_event.talks.get().pk}


def sofia_talk_under_leipzig(world) -> dict:
    """A talk of the same series' Sofia event under the Leipzig event's URL."""
    return leipzig_event(world) | {"talk": world.sofia_event.talks.get().pk}


def other_series_talk_under_leipzig(world) -> dict:
    talk = talk_create(event=world.other_event, title_en="Other series' talk")
    return leipzig_event(world) | {"talk": talk.pk}


def other_series_talk(world) -> dict:
    """The other series' event and its talk under Connect's URL."""
    talk = talk_create(event=world.other_event, title_en="Other series' talk")
    return other_series_event(world) | {"talk": talk.pk}


def leipzig_speaker(world) -> dict:
    speaker = speaker_create(name="Lina Leipzig")
    world.leipzig_event.talks.get().talk_speakers.create(speaker=speaker, position=0)
    return leipzig_event(world) | {"speaker": speaker.pk}


def sofia_speaker_under_leipzig(world) -> dict:
    speaker = speaker_create(name="Sava Sofia")
    world.sofia_event.talks.get().talk_speakers.create(speaker=speaker, position=0)
    return leipzig_event(world) | {"speaker": speaker.pk}


def talk_data(world) -> dict:
    """A valid talk for the Leipzig event: the second slot of its agenda."""
    start = world.leipzig_event.local_start.replace(second=0, microsecond=0)
    start += timedelta(minutes=30)
    return {"kind": "talk", "start_date": start.strftime("%Y-%m-%d"),
            "start_time": start.strftime("%H:%M"), "duration": "20",
            "title_en": "Regional strengths", "title_de": "Regionale Stärken"}


def speaker_data(world) -> dict:
    return {"name": "Lina Leipzig", "role_en": "Cluster manager"}


CASES = [
    Case("agenda", leipzig_event, leipzig_runners()),
    Case("agenda", other_series_event, nobody_in(), label="other series' event"),
    Case("talk_add", leipzig_event, leipzig_runners()),
    Case("talk_add", leipzig_event, leipzig_runners(), method="post", data=talk_data),
    Case("talk_add", other_series_event, nobody_in(), method="post", data=talk_data,
         label="other series' event"),
    Case("talk_edit", leipzig_talk, leipzig_runners()),
    Case("talk_edit", leipzig_talk, leipzig_runners(), method="post", data=talk_data),
    Case("talk_edit", sofia_talk_under_leipzig, nobody_in(), label="Sofia's talk"),
    Case("talk_edit", sofia_talk_under_leipzig, nobody_in(), method="post", data=talk_data,
         label="Sofia's talk"),
    Case("talk_edit", other_series_talk_under_leipzig, nobody_in(), method="post",
         data=talk_data, label="other series' talk"),
    Case("talk_edit", other_series_talk, nobody_in(), label="other series' event"),
    Case("talk_delete", leipzig_talk, leipzig_runners()),
    Case("talk_delete", leipzig_talk, leipzig_runners(), method="post"),
    Case("talk_delete", sofia_talk_under_leipzig, nobody_in(), method="post",
         label="Sofia's talk"),
    Case("talk_delete", other_series_talk_under_leipzig, nobody_in(), method="post",
         label="other series' talk"),
    Case("talk_move", leipzig_talk, leipzig_runners(), method="post",
         data=lambda world: {"direction": "down"}),
    Case("talk_move", sofia_talk_under_leipzig, nobody_in(), method="post",
         data=lambda world: {"direction": "down"}, label="Sofia's talk"),
    Case("talk_move", other_series_talk_under_leipzig, nobody_in(), method="post",
         data=lambda world: {"direction": "down"}, label="other series' talk"),
    Case("talk_place", leipzig_talk, leipzig_runners(), method="post",
         data=lambda world: {"position": "1"}),
    Case("talk_place", sofia_talk_under_leipzig, nobody_in(), method="post",
         data=lambda world: {"position": "1"}, label="Sofia's talk"),
    Case("talk_place", other_series_talk_under_leipzig, nobody_in(), method="post",
         data=lambda world: {"position": "1"}, label="other series' talk"),
    Case("speaker_edit", leipzig_speaker, leipzig_runners()),
    Case("speaker_edit", leipzig_speaker, leipzig_runners(), method="post", data=speaker_data),
    Case("speaker_edit", sofia_speaker_under_leipzig, nobody_in(), label="Sofia's speaker"),
    Case("speaker_edit", sofia_speaker_under_leipzig, nobody_in(), method="post",
         data=speaker_data, label="Sofia's speaker"),
    Case("event_preview", leipzig_event, leipzig_runners()),
    Case("event_preview", lambda world: leipzig_event(world) | {"event": world.sofia_event.pk},
         {"organiser": OK, "leipzig": NOT_FOUND, "sofia": OK, "participant": NOT_FOUND,
          "outsider": NOT_FOUND, "anonymous": LOGIN}, label="Sofia's event"),
    Case("event_preview", other_series_event, nobody_in(), label="other series' event"),
]
