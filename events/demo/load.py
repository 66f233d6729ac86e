"""Apply the demo data to the database (see events.demo)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from events.demo import data
from events.demo.data import Row
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


def _columns(row: Row, *, skip: tuple[str, ...] = ()) -> Row:
    """Model field values of a data row.

    A text {"de": .., "en": ..} fills title_de and title_en, and the untranslated base column
    `title` with the base language's text (set while that language is active).
    """
    columns: Row = {}
    for name, value in row.items():
        if name in skip:
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


def _organisations_load() -> dict[str, Organisation]:
    return {
        row["slug"]: Organisation.objects.update_or_create(
            slug=row["slug"], defaults=_columns(row, skip=("slug",))
        )[0]
        for row in data.ORGANISATIONS
    }


def _series_load(*, organisations: dict[str, Organisation]) -> Series:
    defaults = _columns(data.SERIES, skip=("slug", "organiser"))
    defaults["organiser"] = organisations[data.SERIES["organiser"]]
    series, _created = Series.objects.update_or_create(slug=data.SERIES["slug"], defaults=defaults)
    return series


def _themes_load(*, series: Series) -> dict[str, Theme]:
    return {
        row["slug"]: Theme.objects.update_or_create(
            series=series, slug=row["slug"],
            defaults={**_columns(row, skip=("slug",)), "position": position},
        )[0]
        for position, row in enumerate(data.THEMES, start=1)
    }


def _regions_load(
    *, series: Series, organisations: dict[str, Organisation]
) -> dict[str, Region]:
    regions = {}
    for position, row in enumerate(data.REGIONS, start=1):
        defaults = _columns(row, skip=("slug", "coordinator"))
        defaults.update(coordinator=organisations[row["coordinator"]], position=position)
        regions[row["slug"]], _created = Region.objects.update_or_create(
            series=series, slug=row["slug"], defaults=defaults
        )
    return regions


def _events_load(
    *, series: Series, regions: dict[str, Region], themes: dict[str, Theme], first_day: date
) -> dict[str, Event]:
    events = {}
    for number, row in enumerate(data.EVENTS):
        day = first_day + timedelta(days=number * data.DAYS_BETWEEN_EVENTS)
        opens, closes = data.EVENT_HOURS
        defaults = _columns(row, skip=("slug", "region", "themes"))
        defaults.update(
            region=regions[row["region"]] if row["region"] else None,
            start=_local(day=day, at=opens, time_zone=row["time_zone"]),
            end=_local(day=day, at=closes, time_zone=row["time_zone"]),
            format=Event.Format.ONLINE,
            join_url=data.JOIN_URL.format(slug=row["slug"]),
            capacity=data.CAPACITY,
            status=Event.Status.PUBLISHED,
        )
        event, _created = Event.objects.update_or_create(
            series=series, slug=row["slug"], defaults=defaults
        )
        event.themes.set([themes[slug] for slug in row["themes"]])
        events[row["slug"]] = event
    return events


def _speakers_load(*, organisations: dict[str, Organisation]) -> dict[str, Speaker]:
    speakers = {}
    for row in data.SPEAKERS:
        defaults = _columns(row, skip=("slug", "organisation"))
        defaults["organisation"] = organisations[row["organisation"]]
        speakers[row["slug"]], _created = Speaker.objects.update_or_create(
            slug=row["slug"], defaults=defaults
        )
    return speakers


def _agenda_load(
    *, event: Event, rows: list[Row], speakers: dict[str, Speaker], themes: dict[str, Theme]
) -> None:
    """Make the event's talks exactly `rows`, matched by their order (1, 2, ...)."""
    day = event.local_start.date()
    for order, row in enumerate(rows, start=1):
        defaults = _columns(row, skip=("start", "minutes", "speakers", "themes"))
        defaults.update(
            start=_local(day=day, at=row["start"], time_zone=event.time_zone),
            duration=timedelta(minutes=row["minutes"]),
        )
        talk, _created = Talk.objects.update_or_create(event=event, order=order,
                                                       defaults=defaults)
        talk.themes.set([themes[slug] for slug in row["themes"]])
        talk_speakers = [speakers[slug] for slug in row["speakers"]]
        talk.talk_speakers.exclude(speaker__in=talk_speakers).delete()
        for position, speaker in enumerate(talk_speakers, start=1):
            TalkSpeaker.objects.update_or_create(talk=talk, speaker=speaker,
                                                 defaults={"position": position})
    event.talks.filter(order__gt=len(rows)).delete()


def _report_load(*, series: Series, events: dict[str, Event]) -> Report:
    event = events[data.REPORT["event"]]
    next_event = events[data.EVENTS[1]["slug"]]
    body = {}
    for language, text in data.REPORT["body"].items():
        with translation.override(language):
            body[language] = text.format(
                next_date=date_format(next_event.local_start.date(),
                                      data.REPORT_DATE_FORMATS[language]),
                register_url=reverse("events:series", kwargs={"series": series.slug}),
            )
    defaults = _columns({**data.REPORT, "body": body}, skip=("slug", "event"))
    defaults.update(
        event=event,
        is_published=True,
        published_at=_local(day=event.local_start.date() + timedelta(days=1), at=time(10),
                            time_zone=event.time_zone),
    )
    report, _created = Report.objects.update_or_create(
        series=series, slug=data.REPORT["slug"], defaults=defaults
    )
    return report


@transaction.atomic
def demo_load(*, today: date | None = None) -> Series:
    """Create or update the demo series, its events a week apart around `today`.

    Steps: 1. organisations, 2. series, themes and regions, 3. events (Leipzig three days
    before `today`), 4. speakers and the Leipzig agenda, 5. the Leipzig report.
    """
    today = today or timezone.localdate()
    with translation.override(data.BASE_LANGUAGE):
        organisations = _organisations_load()
        series = _series_load(organisations=organisations)
        themes = _themes_load(series=series)
        regions = _regions_load(series=series, organisations=organisations)
        events = _events_load(series=series, regions=regions, themes=themes,
                              first_day=today - timedelta(days=data.LEIPZIG_DAYS_AGO))
        speakers = _speakers_load(organisations=organisations)
        for slug, rows in data.AGENDAS.items():
            _agenda_load(event=events[slug], rows=rows, speakers=speakers, themes=themes)
        _report_load(series=series, events=events)
    return series
