"""Apply the demo data to the database (see events.demo)."""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from events.demo import data
from events.demo.data import Row, Text
from events.demo.programme import EVENTS, LOWER_CASE_MONTHS, REPORT, REPORT_DATE_FORMATS
from events.models import (
    Event,
    Organisation,
    Region,
    Series,
    Speaker,
    Talk,
    TalkSpeaker,
    Theme,
)
from reports.models import Report

M = TypeVar("M", bound=Model)
# Keys of a data row that are no model field.
_NOT_COLUMNS = ("slug", "fictional", "organisations", "speakers", "agenda", "themes",
                "region", "coordinator", "organiser", "organisation", "start", "minutes",
                "event")


def _with_mark(text: Text, mark: Text) -> Text:
    """A text with the demo-data sentence appended, in each language."""
    return {language: f"{value} {mark[language]}" for language, value in text.items()}


def _columns(row: Row) -> Row:
    """Model field values of a data row.

    A text {"de": .., "en": ..} fills title_de, title_en, ... and the untranslated base column
    `title` with the base language's text (set while that language is active). A row marked
    "fictional" gets the demo-data sentence after its bio (people) or description
    (organisations).
    """
    if row.get("fictional"):
        if "bio" in row:
            row = {**row, "bio": _with_mark(row["bio"], data.FICTIONAL_PERSON)}
        else:
            row = {**row, "description": _with_mark(row["description"],
                                                    data.FICTIONAL_ORGANISATION)}
    columns: Row = {}
    for name, value in row.items():
        if name in _NOT_COLUMNS:
            continue
        if isinstance(value, dict):
            columns.update({f"{name}_{language}": text for language, text in value.items()})
            columns[name] = value[data.BASE_LANGUAGE]
        else:
            columns[name] = value
    return columns


def _local(*, day: date, at: time, time_zone: str) -> datetime:
    """A wall-clock time in a zone, as an aware datetime in UTC."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(time_zone)).astimezone(UTC)


def first_event_day(today: date) -> date:
    """The kick-off's day: 2 to 6 days before `today`, so that it is over and its report
    (published the next morning) is out, while the second event is 1 to 5 days ahead; on
    the seed's Tuesday when one falls in that window, else on the weekday nearest to it
    (the events follow a week apart, so all fall on that weekday)."""
    window = {(today - timedelta(days=days)).weekday(): today - timedelta(days=days)
              for days in range(2, 7)}
    return next(window[weekday] for weekday in data.EVENT_WEEKDAYS if weekday in window)


def _differs(obj: Model, name: str, value: Any) -> bool:
    field = obj._meta.get_field(name)
    current = getattr(obj, field.attname)
    return current != (value.pk if isinstance(value, Model) else value)


# row_save's `found` when the caller did not look the row up.
LOOK_UP: Any = object()


def row_save(model: type[M], *, lookup: Row, values: Row, found: M | None = LOOK_UP) -> M:
    """The object of `model` with `lookup`, created with `values`, or updated with them where
    they differ: an unchanged row is not written, so that loading the demo again changes
    nothing (and retires no cached page). `found` is the row as the caller read it (None:
    there is none)."""
    if found is LOOK_UP:
        found = model.objects.filter(**lookup).first()
    if found is None:
        return model.objects.create(**lookup, **values)
    if any(_differs(found, name, value) for name, value in values.items()):
        for name, value in values.items():
            setattr(found, name, value)
        found.save()
    return found


def rows_save(model: type[M], rows: list[tuple[Row, Row, M | None]]) -> list[M]:
    """Many rows of `model` at once, each (lookup, values, found): those found are updated
    as row_save does, the others created in one statement (without signals: only for
    models no cached page shows)."""
    created = [model(**lookup, **values) for lookup, values, found in rows if found is None]
    model.objects.bulk_create(created)
    new = iter(created)
    return [row_save(model, lookup=lookup, values=values, found=found) if found is not None
            else next(new) for lookup, values, found in rows]


def _organisations_load() -> dict[str, Organisation]:
    rows = [data.ORGANISER] + [row for event in EVENTS for row in event["organisations"]]
    found = Organisation.objects.in_bulk([row["slug"] for row in rows], field_name="slug")
    return {row["slug"]: row_save(Organisation, lookup={"slug": row["slug"]},
                                  values=_columns(row), found=found.get(row["slug"]))
            for row in rows}


def _series_load(*, organisations: dict[str, Organisation]) -> Series:
    values = _columns(data.SERIES)
    values["organiser"] = organisations[data.SERIES["organiser"]]
    return row_save(Series, lookup={"slug": data.SERIES["slug"]}, values=values)


def _themes_load(*, series: Series) -> dict[str, Theme]:
    found = {theme.slug: theme for theme in series.themes.all()}
    return {
        row["slug"]: row_save(Theme, lookup={"series": series, "slug": row["slug"]},
                              values={**_columns(row), "position": position},
                              found=found.get(row["slug"]))
        for position, row in enumerate(data.THEMES, start=1)
    }


def _regions_load(
    *, series: Series, organisations: dict[str, Organisation]
) -> dict[str, Region]:
    found = {region.slug: region for region in series.regions.all()}
    regions = {}
    for position, row in enumerate(data.REGIONS, start=1):
        values = _columns(row)
        values.update(coordinator=organisations[row["coordinator"]], position=position)
        regions[row["slug"]] = row_save(Region, lookup={"series": series, "slug": row["slug"]},
                                        values=values, found=found.get(row["slug"]))
    return regions


def _themes_set(obj: Event | Talk, themes: list[Theme]) -> None:
    """Set the themes of an event or talk (prefetched) unless they are these already."""
    if {theme.pk for theme in obj.themes.all()} != {theme.pk for theme in themes}:
        obj.themes.set(themes)


def _events_load(
    *, series: Series, regions: dict[str, Region], themes: dict[str, Theme], first_day: date
) -> dict[str, Event]:
    found = {event.slug: event for event in series.events.prefetch_related("themes")}
    events = {}
    for number, row in enumerate(EVENTS):
        day = first_day + timedelta(days=number * data.DAYS_BETWEEN_EVENTS)
        opens, closes = data.EVENT_HOURS
        values = _columns(row)
        values.update(
            region=regions[row["region"]] if row["region"] else None,
            start=_local(day=day, at=opens, time_zone=row["time_zone"]),
            end=_local(day=day, at=closes, time_zone=row["time_zone"]),
            format=Event.Format.ONLINE,
            join_url=data.JOIN_URL.format(slug=row["slug"]),
            capacity=data.CAPACITY,
            status=Event.Status.PUBLISHED,
        )
        event = row_save(Event, lookup={"series": series, "slug": row["slug"]}, values=values,
                         found=found.get(row["slug"]))
        _themes_set(event, [themes[slug] for slug in row["themes"]])
        events[row["slug"]] = event
    return events


def _speakers_load(*, organisations: dict[str, Organisation]) -> dict[str, Speaker]:
    rows = [row for event in EVENTS for row in event["speakers"]]
    found = Speaker.objects.in_bulk([row["slug"] for row in rows], field_name="slug")
    speakers = {}
    for row in rows:
        values = _columns(row)
        values["organisation"] = organisations[row["organisation"]]
        speakers[row["slug"]] = row_save(Speaker, lookup={"slug": row["slug"]}, values=values,
                                         found=found.get(row["slug"]))
    return speakers


def _agenda_load(
    *, event: Event, rows: list[Row], speakers: dict[str, Speaker], themes: dict[str, Theme]
) -> None:
    """Make the event's talks exactly `rows`, matched by their order (1, 2, ...)."""
    day = event.local_start.date()
    found = {talk.order: talk for talk in
             event.talks.prefetch_related("themes", "talk_speakers")}
    theme_links, speaker_links = [], []
    for order, row in enumerate(rows, start=1):
        values = {"abstract": "", **{f"abstract_{language}": "" for language in
                                     data.LANGUAGES}, **_columns(row)}
        values.update(
            start=_local(day=day, at=row["start"], time_zone=event.time_zone),
            duration=timedelta(minutes=row["minutes"]),
        )
        talk = row_save(Talk, lookup={"event": event, "order": order}, values=values,
                        found=found.get(order))
        talk_themes = [themes[slug] for slug in row["themes"]]
        wanted = [TalkSpeaker(talk=talk, speaker=speakers[slug], position=position)
                  for position, slug in enumerate(row["speakers"], start=1)]
        if order not in found:  # a new talk: its links are written below, in two statements
            theme_links += [Talk.themes.through(talk=talk, theme=theme) for theme in talk_themes]
            speaker_links += wanted
            continue
        _themes_set(talk, talk_themes)
        if [(link.speaker_id, link.position) for link in wanted] != [
                (link.speaker_id, link.position) for link in talk.talk_speakers.all()]:
            talk.talk_speakers.all().delete()
            speaker_links += wanted
    Talk.themes.through.objects.bulk_create(theme_links)
    TalkSpeaker.objects.bulk_create(speaker_links)
    event.talks.filter(order__gt=len(rows)).delete()


def _report_load(*, series: Series, events: dict[str, Event]) -> Report:
    event = events[REPORT["event"]]
    next_event = events[EVENTS[1]["slug"]]
    body = {}
    for language, text in REPORT["body"].items():
        with translation.override(language):
            next_date = date_format(next_event.local_start.date(),
                                    REPORT_DATE_FORMATS[language])
            body[language] = text.format(
                next_date=next_date.lower() if language in LOWER_CASE_MONTHS else next_date,
                register_url=reverse("events:series", kwargs={"series": series.slug}),
            )
    values = _columns({**REPORT, "body": body})
    values.update(
        event=event,
        is_published=True,
        published_at=_local(day=event.local_start.date() + timedelta(days=1), at=time(10),
                            time_zone=event.time_zone),
    )
    return row_save(Report, lookup={"series": series, "slug": REPORT["slug"]}, values=values)


@transaction.atomic
def demo_load(*, today: date | None = None) -> Series:
    """Create or update the demo series, its events a week apart around `today`.

    Steps: 1. organisations, 2. series, themes and regions, 3. events (the kick-off in
    Leipzig 2 to 6 days before `today`: first_event_day), 4. speakers and every event's
    agenda, 5. the Leipzig report.
    """
    today = today or timezone.localdate()
    with translation.override(data.BASE_LANGUAGE):
        organisations = _organisations_load()
        series = _series_load(organisations=organisations)
        themes = _themes_load(series=series)
        regions = _regions_load(series=series, organisations=organisations)
        events = _events_load(series=series, regions=regions, themes=themes,
                              first_day=first_event_day(today))
        speakers = _speakers_load(organisations=organisations)
        for row in EVENTS:
            _agenda_load(event=events[row["slug"]], rows=row["agenda"], speakers=speakers,
                         themes=themes)
        _report_load(series=series, events=events)
    return series
