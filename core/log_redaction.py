"""A logging filter that keeps link tokens and query strings out of every log line.

Django logs the path of every request it answers with 4xx or 5xx ("Bad Request:
/en/registration/me/<token>/", "Forbidden (CSRF token missing.): …"), and the development
server logs every request line; a personal link's path carries the token that opens the
participant's page. settings.LOGGING puts `TokenRedactingFilter` on those loggers and on
every handler, so that each record leaves with its paths redacted:

- a path segment that the URL configuration reads as a `token` argument becomes
  `[token]`, and so does any other segment that looks like a signed or random token
  (20 or more URL-safe characters with upper and lower case letters, or a signed value's
  `:`, percent-encoded or not), or a password reset token (orga's reset link), for paths
  that no longer resolve (a tampered or truncated link);
- the values of a query string become `[redacted]` (their names stay).

The rest of the line (method, status, the route, sizes) stays as it was.
"""

import logging
import re
from collections.abc import Mapping

from django.conf import settings
from django.urls import resolve
from django.utils import translation

PLACEHOLDER = "[token]"
REDACTED = "[redacted]"
TOKEN_ARGUMENTS = ("token",)

# A path in a message: starts with "/" not preceded by a word character ("HTTP/1.1" stays),
# runs to the next space or quote.
_PATH = re.compile(r"(?<![\w/])/[^\s\"'<>]*")
_TOKEN_LIKE = re.compile(r"[A-Za-z0-9_\-:.=~%]{20,}")  # "%": as a raw request line has it
_PERCENT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
# Django's password reset token: a base-36 time, "-", a hex digest (lower case only)
_RESET_TOKEN = re.compile(r"[0-9a-z]{1,13}-[0-9a-f]{20,}")


def _looks_like_token(segment: str) -> bool:
    if _RESET_TOKEN.fullmatch(segment):
        return True
    if not _TOKEN_LIKE.fullmatch(segment):
        return False
    if ":" in segment or "%3a" in segment.lower():
        return True
    letters = _PERCENT_ESCAPE.sub("", segment)  # "%C3%A9" is no upper-case letter
    return any(c.isupper() for c in letters) and any(c.islower() for c in letters)


def _token_arguments(path: str) -> list[str]:
    """The values of the token arguments the URL configuration reads in this path (the
    site's pages, below a language prefix)."""
    language = path.split("/", 2)[1] if path.count("/") >= 2 else ""
    if not path.startswith("/") or language not in dict(settings.LANGUAGES):
        return []
    try:
        with translation.override(language):
            match = resolve(path)
    except Exception:  # Resolver404, or any other: a log filter must never raise
        return []
    return [str(match.kwargs[name]) for name in TOKEN_ARGUMENTS if match.kwargs.get(name)]


def redact_path(path: str) -> str:
    """The path with its token segments and query values redacted."""
    path, question, query = path.partition("?")
    tokens = set(_token_arguments(path))
    segments = [PLACEHOLDER if segment in tokens or _looks_like_token(segment) else segment
                for segment in path.split("/")]
    redacted = "/".join(segments)
    if question:
        redacted += "?" + "&".join(
            f"{part.partition('=')[0]}={REDACTED}" if part else part
            for part in query.split("&"))
    return redacted


def redact(text: str) -> str:
    """Every path in a text, redacted."""
    return _PATH.sub(lambda found: redact_path(found[0]), text)


def _redacted(value):
    return redact(value) if isinstance(value, str) else value


class TokenRedactingFilter(logging.Filter):
    """Redacts the paths in a record's message and arguments; lets every record through."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, Mapping):
            record.args = {name: _redacted(value) for name, value in record.args.items()}
        elif isinstance(record.args, tuple):
            record.args = tuple(_redacted(value) for value in record.args)
        return True
