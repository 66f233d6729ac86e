"""Backups of the embedded deployment — the SQLite database and the media folder — taken
while the site runs, in one archive; and their restore into a fresh data folder.

On PostgreSQL the database has its own tools (pg_dump -Fc, pg_restore: see the README);
the media folder is copied the same way after the dump.
"""

import json
import shutil
import sqlite3
import tarfile
import tempfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

DATABASE = "database.sqlite3"
MEDIA = "media"
MANIFEST = "manifest.json"
POSTGRESQL_HINT = (
    "The database is not SQLite: back it up with its own tools, e.g. "
    "`pg_dump -Fc -f clustermeet.dump \"$DATABASE_URL\"`, then the media folder "
    "(README, section Backups)."
)


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why (not translated)."""


def sqlite_database_path() -> Path:
    """The file of the SQLite database; BackupError for any other database."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        raise BackupError(POSTGRESQL_HINT)
    return Path(database["NAME"])


def _quick_check(path: Path) -> None:
    with closing(sqlite3.connect(path)) as database:
        result = database.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"The database copy {path} is damaged: {result}")


def backup_create(*, output_dir: Path, now: datetime | None = None) -> Path:
    """Write a backup of the database and the media folder; returns the archive's path.

    Steps:
    1. refuse (BackupError) unless the database is a SQLite file that exists;
    2. copy the database with SQLite's online backup API in one step: one read transaction,
       so a consistent snapshot of everything committed before it began, while the site
       goes on writing (WAL mode); the copy is checked and left in rollback-journal mode,
       one self-contained file;
    3. then add the media folder: a file is stored before the row that names it commits,
       so every file the snapshot names is there (files added since come along, unused);
    4. add a manifest (time, sizes);
    5. pack it all into clustermeet-backup-<UTC time>.tar.gz (readable by its owner only),
       under a temporary name until complete;
    6. a folder that cannot be made or written (full, read-only, a file): BackupError, and
       nothing left behind.
    """
    source_path = sqlite_database_path()
    if not source_path.is_file():
        raise BackupError(f"There is no database at {source_path}.")
    now = now or datetime.now(UTC)
    archive = output_dir / f"clustermeet-backup-{now:%Y%m%dT%H%M%SZ}.tar.gz"
    try:
        output_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        if archive.exists():
            raise BackupError(f"{archive} exists already.")
        return _backup_write(source_path=source_path, output_dir=output_dir,
                             archive=archive, now=now)
    except (OSError, sqlite3.Error) as error:  # e.g. a full disk: nothing is left behind
        raise BackupError(f"Could not write a backup into {output_dir}: {error}. "
                          "Nothing was written.") from error


def _backup_write(*, source_path: Path, output_dir: Path, archive: Path,
                  now: datetime) -> Path:
    """Steps 2–5 of backup_create, in a temporary folder removed whatever happens."""
    with tempfile.TemporaryDirectory(dir=output_dir) as work:
        copy = Path(work) / DATABASE
        with closing(sqlite3.connect(source_path, timeout=20)) as source, \
                closing(sqlite3.connect(copy)) as target:
            source.backup(target)  # pages=-1: the whole database in one step
            target.execute("PRAGMA journal_mode=DELETE")
        _quick_check(copy)
        media_root = Path(settings.MEDIA_ROOT)
        media_files = [path for path in media_root.rglob("*") if path.is_file()] \
            if media_root.is_dir() else []
        manifest = Path(work) / MANIFEST
        manifest.write_text(json.dumps({
            "format": 1, "created_at": now.isoformat(), "database": DATABASE,
            "database_bytes": copy.stat().st_size, "media_files": len(media_files),
        }, indent=2))
        partial = Path(work) / archive.name
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest, arcname=MANIFEST)
            tar.add(copy, arcname=DATABASE)
            if media_root.is_dir():
                tar.add(media_root, arcname=MEDIA)
        partial.chmod(0o600)
        partial.rename(archive)
    return archive


def backup_restore(*, archive: Path) -> dict:
    """Put a backup into a fresh data folder (the configured database file and media
    folder); returns its manifest.

    Steps:
    1. refuse (BackupError) unless the database is SQLite, or if its file exists or the
       media folder holds files: a restore never overwrites a live site;
    2. unpack into a temporary folder beside the database (regular files and folders only,
       nothing outside it) and check the database;
    3. move the database into place, then the media files.
    """
    target = sqlite_database_path()
    media_root = Path(settings.MEDIA_ROOT)
    if target.exists():
        raise BackupError(f"A database exists at {target}: restore into a fresh DATA_DIR.")
    if media_root.is_dir() and any(media_root.iterdir()):
        raise BackupError(f"The media folder {media_root} is not empty: restore into a "
                          "fresh DATA_DIR.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(work, filter="data")
            manifest = json.loads((Path(work) / MANIFEST).read_text())
        except (OSError, tarfile.TarError, ValueError) as error:
            raise BackupError(f"{archive} is not a clustermeet backup: {error}") from error
        copy = Path(work) / DATABASE
        if not copy.is_file():
            raise BackupError(f"{archive} holds no database.")
        _quick_check(copy)
        copy.rename(target)
        if (Path(work) / MEDIA).is_dir():
            media_root.parent.mkdir(parents=True, exist_ok=True)
            if media_root.is_dir():
                media_root.rmdir()  # empty, checked above
            shutil.move(Path(work) / MEDIA, media_root)
    return manifest
