"""Plain factory functions: each makes one valid object, every default visible here."""

import itertools
from datetime import datetime, timedelta

from django.utils import timezone

from events.models import Event, Organisation, Region, Series, Speaker, Talk, TalkSpeaker, Theme
from reports.models import Report

_numbers = itertools.count(1)


def organisation_create(**fields) -> Organisation:
    number = next(_numbers)
    defaults = {"slug": f"organisation-{number}", "name": f"Organisation {number}",
                "kind": Organisation.Kind.SME, "country": "DE", "city": "Leipzig"}
    return Organisation.objects.create(**(defaults | fields))


def series_create(**fields) -> Series:
    number = next(_numbers)
    defaults = {"slug": f"series-{number}", "title_en": f"Series {number}",
                "title_de": f"Reihe {number}", "default_language": "en",
                "is_published": True, "registration_open": True}
    if "organiser" not in fields:
        defaults["organiser"] = organisation_create(kind=Organisation.Kind.NETWORK)
    return Series.objects.create(**(defaults | fields))


def theme_create(*, series: Series, **fields) -> Theme:
    number = next(_numbers)
    defaults = {"slug": f"theme-{number}", "name_en": f"Theme {number}",
                "name_de": f"Thema {number}"}
    return Theme.objects.create(series=series, **(defaults | fields))


def region_create(*, series: Series, **fields) -> Region:
    number = next(_numbers)
    defaults = {"slug": f"region-{number}", "name_en": f"Region {number}", "country": "DE"}
    return Region.objects.create(series=series, **(defaults | fields))


def event_create(*, series: Series, start: datetime | None = None, **fields) -> Event:
    number = next(_numbers)
    start = start or timezone.now() + timedelta(days=7)
    defaults = {"slug": f"event-{number}", "title_en": f"Event {number}",
                "title_de": f"Veranstaltung {number}", "start": start,
                "end": start + timedelta(hours=3), "status": Event.Status.PUBLISHED,
                "time_zone": "Europe/Berlin", "join_url": "https://meet.example.org/room"}
    return Event.objects.create(series=series, **(defaults | fields))


def speaker_create(**fields) -> Speaker:
    number = next(_numbers)
    defaults = {"slug": f"speaker-{number}", "name": f"Speaker {number}",
                "role_en": "Engineer", "role_de": "Ingenieurin"}
    if "organisation" not in fields:
        defaults["organisation"] = organisation_create()
    return Speaker.objects.create(**(defaults | fields))


def talk_create(*, event: Event, speakers: list[Speaker] = (), **fields) -> Talk:
    order = fields.pop("order", None) or event.talks.count() + 1
    defaults = {"title_en": f"Talk {order}", "title_de": f"Vortrag {order}",
                "start": event.start + timedelta(minutes=20 * (order - 1)),
                "duration": timedelta(minutes=20), "kind": Talk.Kind.TALK}
    talk = Talk.objects.create(event=event, order=order, **(defaults | fields))
    for position, speaker in enumerate(speakers):
        TalkSpeaker.objects.create(talk=talk, speaker=speaker, position=position)
    return talk


def report_create(*, series: Series, **fields) -> Report:
    number = next(_numbers)
    defaults = {"slug": f"report-{number}", "title_en": f"Report {number}",
                "title_de": f"Bericht {number}", "body_en": "Some **news**.",
                "is_published": True, "published_at": timezone.now() - timedelta(hours=1)}
    return Report.objects.create(series=series, **(defaults | fields))
