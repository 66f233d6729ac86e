"""Every catalogue is whole: each message of the German, Spanish, Italian and Bulgarian
catalogues is translated, none fuzzy (English is the source). The web interface is served
in German and English; mails are written in all five languages (test_mail_languages)."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(path.relative_to(ROOT) for language in ("de", "es", "it", "bg")
                    for path in ROOT.glob(f"*/locale/{language}/LC_MESSAGES/django.po"))


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed")
@pytest.mark.parametrize("catalogue", CATALOGUES, ids=str)
def test_every_message_is_translated(catalogue):
    statistics = subprocess.run(  # noqa: S603 — our own catalogue
        [shutil.which("msgfmt"), "--check", "--statistics", "-o", "/dev/null",
         str(ROOT / catalogue)],
        capture_output=True, text=True, check=True).stderr
    assert "fuzzy" not in statistics and "untranslated" not in statistics, statistics
