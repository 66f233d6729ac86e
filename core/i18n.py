"""Languages: the site's interface (settings.LANGUAGES) and its content and mails
(settings.CONTENT_LANGUAGES) speak the same five languages today; a content language the
interface does not speak gets its links in the default language."""

import re

from django.conf import settings


def url_language(language: str) -> str:
    """The interface language for a link given to a reader of `language`: theirs if the
    site speaks it, else the default."""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


# One entry of an Accept-Language header (RFC 9110 12.5.4): a language range and an
# optional weight; anything else in an entry makes it garbage.
_ACCEPT_LANGUAGE_ENTRY = re.compile(
    r"\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)"
    r"\s*(?:;\s*q\s*=\s*(0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?))?\s*")
ACCEPT_LANGUAGE_READ = 1000  # characters of the header looked at (Django reads 500)


def accept_language_clean(header: str) -> str:
    """The well-formed entries of an Accept-Language header, the garbage ones left out
    (Django ignores a whole header for one bad entry, and then a Bulgarian browser that also
    sent `xx;q=abc` would get English). Only the first ACCEPT_LANGUAGE_READ characters are
    read; what is cut at that end is dropped."""
    entries = header[:ACCEPT_LANGUAGE_READ].split(",")
    if len(header) > ACCEPT_LANGUAGE_READ:
        entries = entries[:-1]
    kept = []
    for entry in entries:
        match = _ACCEPT_LANGUAGE_ENTRY.fullmatch(entry)
        if match is not None:
            code, weight = match.groups()
            kept.append(code if weight is None else f"{code};q={weight}")
    return ", ".join(kept)
