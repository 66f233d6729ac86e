"""Load (or refresh) the demo series from the seed, with its privacy notice."""

from datetime import date

from django.core.management.base import BaseCommand

from events.demo import demo_load
from registrations.demo import consent_demo_load


class Command(BaseCommand):
    help = "Create or update the SmartCT Clusters demo series, dated around today."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
            help="Date the demo is relative to (default: today; 2021-06-18 gives the seed's).",
        )

    def handle(self, *args, today: date | None = None, **options) -> None:
        series = demo_load(today=today)
        consent_demo_load(series=series)
        events = series.events.order_by("start")
        first, last = events.first(), events.last()
        self.stdout.write(self.style.SUCCESS(
            f"Demo series “{series.title}” ({series.slug}): {events.count()} events "
            f"from {first.local_start:%Y-%m-%d} to {last.local_start:%Y-%m-%d}."
        ))
