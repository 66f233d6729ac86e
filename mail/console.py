"""The embedded default's mail backend (EMAIL_URL=console://): one short line per mail on
the console, the whole message in an .eml file.

`make run` shows what the platform sends as it happens without burying the server's log
under whole messages: the line names the mail, its recipient, its subject, the links in
it and the file that holds it all (text, HTML and attachments), which any mail program
opens, or Python's `email` package reads.
"""

import contextlib
import re
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

LINK = re.compile(r"https?://[^\s<>\"')\]]+")
MAIL_ID = re.compile(r"<mail-(\d+)\.")  # the outbox's Message-ID (mail.services.mail_message)


def mail_folder() -> Path:
    """Where the .eml files go: EMAIL_FILE_PATH, or data/mail."""
    return Path(getattr(settings, "EMAIL_FILE_PATH", "") or Path(settings.DATA_DIR) / "mail")


def message_links(message: EmailMessage) -> list[str]:
    """The links of a message's text, each once, in order."""
    return list(dict.fromkeys(link.rstrip(".,;:") for link in LINK.findall(message.body)))


def message_line(message: EmailMessage, *, path: Path) -> str:
    """The console line of one mail: id, recipient, subject, links, file."""
    mail_id = MAIL_ID.match(message.extra_headers.get("Message-ID", ""))
    links = " ".join(message_links(message)) or "-"
    with contextlib.suppress(ValueError):  # inside the current folder: data/mail/…
        path = path.relative_to(Path.cwd())
    return (f"Mail {mail_id.group(1) if mail_id else '-'} to {', '.join(message.to)}: "
            f"“{message.subject}” {links} ({path})")


class ConsoleEmailBackend(BaseEmailBackend):
    """Writes each message to <mail folder>/<UTC time>-<mail id>.eml and prints its line."""

    _lock = threading.Lock()
    _count = 0

    def __init__(self, *args, stream=None, send_by: float | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stream = stream or sys.stdout

    def send_messages(self, email_messages) -> int:
        folder = mail_folder()
        folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            path = self._write(folder, message)
            with self._lock:
                self.stream.write(message_line(message, path=path) + "\n")
                self.stream.flush()
            sent += 1
        return sent

    def _write(self, folder: Path, message: EmailMessage) -> Path:
        mail_id = MAIL_ID.match(message.extra_headers.get("Message-ID", ""))
        with self._lock:
            ConsoleEmailBackend._count += 1
            name = mail_id.group(1) if mail_id else f"x{ConsoleEmailBackend._count}"
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = folder / f"{stamp}-{name}.eml"
        path.write_bytes(message.message().as_bytes(linesep="\r\n"))
        return path
