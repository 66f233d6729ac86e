"""Load (or refresh) the demo series from the seed, with its privacy notice, the
participants of its past Leipzig event, the call for pitches of its closing session and
the matchmaking around it."""

from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction

from events.demo import demo_load
from matchmaking.demo import matchmaking_demo_load
from pitches.demo import pitch_call_demo_load
from registrations.demo import consent_demo_load, participants_demo_load


class Command(BaseCommand):
    help = "Create or update the SmartCT Clusters demo series, dated around today."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
            help="Date the demo is relative to (default: today; 2021-06-18 gives the seed's).",
        )

    def handle(self, *args, today: date | None = None, **options) -> None:
        with transaction.atomic():
            series = demo_load(today=today)
            consent = consent_demo_load(series=series)
            registrations = participants_demo_load(series=series, consent=consent)
            pitch_call_demo_load(series=series)
            matchmaking_demo_load(series=series)
        events = series.events.order_by("start")
        first, last = events.first(), events.last()
        self.stdout.write(self.style.SUCCESS(
            f"Demo series “{series.title}” ({series.slug}): {events.count()} events "
            f"from {first.local_start:%Y-%m-%d} to {last.local_start:%Y-%m-%d}, "
            f"{len(registrations)} participants at the first."
        ))
