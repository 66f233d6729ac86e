"""`manage.py backup` into a folder it cannot write (issue 10, point 9): a clear message,
exit status 1, and no archive nor temporary file left behind."""

import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_backup import ROOT, site_environment


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A data folder whose database holds about 400 KB."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with sqlite3.connect(data_dir / "clustermeet.sqlite3") as database:
        database.execute("CREATE TABLE filler (data BLOB)")
        database.executemany("INSERT INTO filler VALUES (randomblob(4000))", [()] * 100)
    return data_dir


def backup(data_dir: Path, output: Path, *, file_size_limit: int | None = None
           ) -> subprocess.CompletedProcess:
    def limit_file_size() -> None:  # a full disk: writing past it fails (EFBIG)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(  # noqa: S603 — our own manage.py
        [sys.executable, "manage.py", "backup", "--output", str(output)], cwd=ROOT,
        env=site_environment(data_dir), capture_output=True, text=True, timeout=120,
        preexec_fn=limit_file_size if file_size_limit else None)  # noqa: PLW1509


def test_backup_into_a_full_folder_says_so_and_leaves_nothing(data_dir, tmp_path):
    output = tmp_path / "backups"

    result = backup(data_dir, output, file_size_limit=100_000)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"CommandError: Could not write a backup into {output}" in result.stderr
    assert "Nothing was written." in result.stderr
    assert list(output.iterdir()) == []


def test_backup_into_a_file_instead_of_a_folder_says_so(data_dir, tmp_path):
    output = tmp_path / "not-a-folder"
    output.write_text("keep me")

    result = backup(data_dir, output)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"CommandError: Could not write a backup into {output}" in result.stderr
    assert output.read_text() == "keep me"


def test_backup_into_a_good_folder_still_writes_the_archive(data_dir, tmp_path):
    result = backup(data_dir, tmp_path / "backups")

    assert result.returncode == 0, result.stderr
    [archive] = (tmp_path / "backups").iterdir()
    assert result.stdout.strip() == str(archive)
    assert archive.name.endswith(".tar.gz")
