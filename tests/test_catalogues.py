"""The German interface is whole: every message of its catalogues is translated (the
partner languages es, it and bg translate the mails only: test_mail_languages)."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GERMAN = sorted(path.relative_to(ROOT) for path in ROOT.glob("*/locale/de/LC_MESSAGES/django.po"))


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed")
@pytest.mark.parametrize("catalogue", GERMAN, ids=str)
def test_every_german_message_is_translated(catalogue):
    statistics = subprocess.run(  # noqa: S603 — our own catalogue
        [shutil.which("msgfmt"), "--statistics", "-o", "/dev/null", str(ROOT / catalogue)],
        capture_output=True, text=True, check=True).stderr
    assert "fuzzy" not in statistics and "untranslated" not in statistics, statistics
