"""Restore a backup written by `manage.py backup` into a fresh data folder."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clustermeet.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = ("Put a backup (from `manage.py backup`) into a fresh DATA_DIR: the database "
            "file and the media folder. Refuses to overwrite an existing database.")
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path, help="The .tar.gz written by backup.")

    def handle(self, *args, archive: Path, **options) -> None:
        try:
            manifest = backup_restore(archive=archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        database = settings.DATABASES["default"]["NAME"]
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} into {database} and "
            f"{settings.MEDIA_ROOT} ({manifest['media_files']} media files). Next: "
            "manage.py migrate, manage.py check_integrity.")
