"""One rule for content in a missing language, used by pages, mails, calendar files and feeds.

A text that visitors read (a title, a summary, a bio, …) is stored once per content language
(django-modeltranslation: a column per language). Where the reader's language has none, the
text falls back along one chain (`content_chain`):

    the reader's language → the series' main language (Series.default_language)
    → English → the other content languages, in the order of settings.CONTENT_LANGUAGES

`translated(obj, "title")` returns the text and the language it is actually in, so that a
page, a mail or a file can mark a fallback with its own language (`lang="de"`, iCalendar's
`LANGUAGE=de`, Atom's `xml:lang`); the template filters of events/templatetags/content.py
use it. Reading a field directly (`event.title`) goes through modeltranslation, whose
fallback table `install()` makes the same chain; while a page of a series renders,
`series_fallback` names that series (a ContextVar, safe across threads and requests).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any, NamedTuple

from django.conf import settings
from django.db.models import Model
from django.utils import translation
from modeltranslation import settings as mt_settings

from events.models import Series

_series_language: ContextVar[str | None] = ContextVar("series_language", default=None)

FALLBACK_LANGUAGE = "en"


def content_languages() -> tuple[str, ...]:
    """The content languages, in the order of settings.CONTENT_LANGUAGES."""
    return tuple(code for code, _name in settings.CONTENT_LANGUAGES)


@lru_cache(maxsize=128)
def content_chain(language: str | None, series_language: str | None = None) -> tuple[str, ...]:
    """The languages to try for a text, in order: the reader's, the series' main language,
    English, then the other content languages (unknown codes are left out)."""
    codes = content_languages()
    order = (language, series_language, FALLBACK_LANGUAGE, *codes)
    return tuple(dict.fromkeys(code for code in order if code in codes))


class Translated(NamedTuple):
    """A text and the content language it is in."""

    text: str
    language: str


def _series_language_of(obj: Any) -> str | None:
    """The main language of the series `obj` belongs to, where known without a query: a
    series itself, or an object whose series (or event) is already loaded."""
    for _depth in range(3):
        if isinstance(obj, Series):
            return obj.default_language
        if not isinstance(obj, Model):
            return None
        cached = obj._state.fields_cache
        obj = cached.get("series") or cached.get("event")
    return None


def translated(obj: Any, field: str, *, language: str | None = None,
               series_language: str | None = None) -> Translated:
    """The text of `obj.field` for a reader of `language` (default: the active language),
    falling back along `content_chain`, and the language it is actually in. The series'
    language is, unless given: that of the series `obj` belongs to (when loaded), else that
    of the page of a series being rendered (`series_fallback`). No translation at all gives
    an empty text in the reader's language."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if series_language is None:
        series_language = _series_language_of(obj) or _series_language.get()
    for code in content_chain(language, series_language):
        value = getattr(obj, f"{field}_{code}", None)  # modeltranslation's column names
        if value not in (None, ""):
            return Translated(value, code)
    return Translated("", language)


class SeriesFallbacks(dict):
    """modeltranslation's fallback table, with the current series' main language first."""

    def _with_series_language(self, languages: tuple[str, ...]) -> tuple[str, ...]:
        first = _series_language.get()
        if first is None:
            return tuple(languages)
        return (first, *(code for code in languages if code != first))

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return self._with_series_language(super().__getitem__(key))

    def get(self, key, default=None):
        if key in self:
            return self[key]
        if default is None:
            return default
        return self._with_series_language(default)


def install() -> None:
    """Make modeltranslation's fallbacks the chain of `content_chain` (at start-up): after
    the reader's language, the series' (while `series_fallback` names one), then English and
    the other content languages."""
    if not isinstance(mt_settings.FALLBACK_LANGUAGES, SeriesFallbacks):
        mt_settings.FALLBACK_LANGUAGES = SeriesFallbacks({"default": content_chain(None)})


@contextmanager
def series_fallback(language: str) -> Iterator[None]:
    """Inside this block, missing translations fall back to `language` first."""
    token = _series_language.set(language)
    try:
        yield
    finally:
        _series_language.reset(token)


def translated_entry(key: str, obj: Any, field: str, *, language: str,
                     series_language: str | None = None) -> dict[str, str]:
    """For plain data (a mail's context): {key: the text, key_language: its language}, which
    the template filters read like a model's field ({{ item|content:"key" }})."""
    text, used = translated(obj, field, language=language, series_language=series_language)
    return {key: text, f"{key}_language": used}
