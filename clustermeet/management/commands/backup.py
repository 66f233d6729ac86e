"""Back up the embedded deployment (SQLite database and media) while the site runs."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clustermeet.backup import BackupError, backup_create


class Command(BaseCommand):
    help = ("Write a consistent backup of the SQLite database and the media folder into one "
            "archive, while the site runs. On PostgreSQL, use pg_dump (README, Backups).")

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output", type=Path, default=None, metavar="DIR",
            help="Folder for the archive (default: DATA_DIR/backups).")

    def handle(self, *args, output: Path | None = None, **options) -> None:
        try:
            archive = backup_create(output_dir=output or settings.DATA_DIR / "backups")
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
