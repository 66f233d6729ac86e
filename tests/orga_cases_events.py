"""Permission cases of an event's pages in the workspace (orga/views/events.py): the Leipzig
event is there for the organiser and the Leipzig coordinator, not for the Sofia
coordinator; the other series' event under this series' URL is there for nobody. Creating
an event: every team member (a coordinator in their own region)."""

from datetime import timedelta

from tests.orga_cases import (
    LOGIN,
    NOT_FOUND,
    OK,
    Case,
    leipzig_event,
    leipzig_runners,
    nobody_in,
    other_series_event,
    series,
    team,
)


def event_form_data(world) -> dict:
    """A valid form for the Leipzig event, changing its title and capacity."""
    start = world.leipzig_event.local_start.replace(tzinfo=None)
    return {"kind": "showcase", "region": world.leipzig_region.pk,
            "title_en": "Leipzig showcase (main hall)", "time_zone": "Europe/Berlin",
            "start": start.strftime("%Y-%m-%dT%H:%M"),
            "end": (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "format": "online", "capacity": "60", "slug": "leipzig"}


def new_event_data(world) -> dict:
    return event_form_data(world) | {"title_en": "Leipzig again", "slug": ""}


def duplicate_data(world) -> dict:
    return {"start_date": (world.leipzig_event.local_start.date()
                           + timedelta(days=14)).isoformat()}


EVENT_PAGES = ["event_detail", "event_edit", "event_duplicate", "event_publish",
               "event_unpublish", "event_cancel"]
POSTS = {"event_edit": event_form_data, "event_duplicate": duplicate_data,
         "event_publish": lambda world: {}, "event_unpublish": lambda world: {},
         "event_cancel": lambda world: {}}

CASES = [
    *(Case(name, leipzig_event, leipzig_runners()) for name in EVENT_PAGES),
    *(Case(name, other_series_event, nobody_in(), label="other series' event")
      for name in EVENT_PAGES),
    *(Case(name, leipzig_event, leipzig_runners(), method="post", data=data)
      for name, data in POSTS.items()),
    *(Case(name, other_series_event, nobody_in(), method="post", data=data,
           label="other series' event") for name, data in POSTS.items()),
    Case("event_create", series, team()),
    Case("event_create", series, team(), method="post", data=new_event_data),
    Case("event_create", lambda world: {"series": world.other_series.slug},
         {"organiser": NOT_FOUND, "leipzig": NOT_FOUND, "sofia": NOT_FOUND,
          "participant": NOT_FOUND, "outsider": OK, "anonymous": LOGIN}, label="other series"),
]
