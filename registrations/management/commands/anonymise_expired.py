from django.core.management.base import BaseCommand

from registrations import queries, services


class Command(BaseCommand):
    help = ("Delete the personal data of participants past the retention period of every "
            "series they registered for (Series.retention_months after its last event); "
            "their registrations stay, anonymous, for the statistics. The worker's sweep "
            "does the same every MAIL_SWEEP_SECONDS.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true",
                            help="Only count those due; change nothing.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        if dry_run:
            due = queries.participants_past_retention().count()
            self.stdout.write(f"{due} participants past the retention period (dry run: "
                              "nothing changed).")
            return
        anonymised = services.participants_anonymise_expired()
        self.stdout.write(f"{len(anonymised)} participants anonymised.")
