"""Reads of the public site, each a constant number of queries; and what an organiser may
change of an event."""

import calendar
from datetime import datetime

from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from events.models import Event, Organisation, Series, Speaker, Talk, TalkSpeaker
from reports.models import Report


def series_get_published(*, slug: str) -> Series:
    return get_object_or_404(Series.objects.published().select_related("organiser"), slug=slug)


def events_for_listing(*, series: Series) -> QuerySet[Event]:
    """Published and cancelled events of a series, with region, themes and reports."""
    return (
        Event.objects.filter(series=series)
        .exclude(status=Event.Status.DRAFT)
        .select_related("region", "series")
        .prefetch_related(
            "themes",
            Prefetch("reports", queryset=Report.objects.published().select_related("series"),
                     to_attr="published_reports"),
        )
        .order_by("start")
    )


def talks_with_speakers() -> QuerySet[Talk]:
    return Talk.objects.prefetch_related(
        "themes",
        Prefetch(
            "talk_speakers",
            queryset=TalkSpeaker.objects.select_related("speaker__organisation"),
        ),
    ).order_by("order")


def event_get_public(*, series: Series, slug: str) -> Event:
    """A published or cancelled event of `series` with its agenda, themes and published
    reports. The event and its reports hold `series` itself (no second read of its row)."""
    queryset = (
        series.events.exclude(status=Event.Status.DRAFT)
        .select_related("region__coordinator")
        .prefetch_related(
            "themes",
            Prefetch("talks", queryset=talks_with_speakers()),
            Prefetch("reports", queryset=Report.objects.published().filter(series=series),
                     to_attr="published_reports"),
        )
    )
    event = get_object_or_404(queryset, slug=slug)
    for report in event.published_reports:
        report.series = series
    return event


def public_talks() -> QuerySet[Talk]:
    return talks_with_speakers().filter(
        event__status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED],
        event__series__is_published=True,
    ).select_related("event__series").order_by("start")


def speaker_get_public(*, slug: str) -> tuple[Speaker, list[Talk]]:
    speaker = get_object_or_404(Speaker.objects.select_related("organisation"), slug=slug)
    talks = list(public_talks().filter(speakers=speaker))
    if not talks:
        raise Http404("A speaker without public talks has no public page.")
    return speaker, talks


def organisation_get_public(*, slug: str) -> tuple[Organisation, list[Talk]]:
    organisation = get_object_or_404(Organisation, slug=slug)
    talks = list(public_talks().filter(speakers__organisation=organisation).distinct())
    return organisation, talks


def event_status_refusal(*, event: Event, status: str) -> str | None:
    """Why the event cannot take `status`, or None. A cancelled event stays cancelled: its
    participants were told and their registrations ended (publishing it again would give
    them nothing back)."""
    if event.status == Event.Status.CANCELLED and status != Event.Status.CANCELLED:
        return _("A cancelled event cannot be opened again. Please add a new event instead.")
    return None


def series_past_retention(*, now: datetime) -> set[int]:
    """The ids of the series whose participants' personal data is due for deletion: their
    last event (of any status) ended at least `retention_months` months before `now`. A
    series without events is never due (nothing to count from). One query."""
    rows = (Series.objects.annotate(last_end=Max("events__end"))
            .filter(last_end__isnull=False)
            .values_list("pk", "last_end", "retention_months"))
    return {pk for pk, last_end, months in rows if months_later(last_end, months) <= now}


def months_later(moment: datetime, months: int) -> datetime:
    """The same day and time `months` months later (the month's last day where it is
    shorter: 31 January + 1 month is 28 or 29 February)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month,
                          day=min(moment.day, calendar.monthrange(year, month)[1]))
