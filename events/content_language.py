"""Fall back to the series' default language where a text has no translation.

django-modeltranslation resolves a missing translation through one global table of
fallback languages. A series names its own default language, so while a page of a series
renders, that language is put first in the table for the current context (a ContextVar,
safe across threads and requests): German visitors of an English-first series read English
where German is missing, and vice versa. Outside a series the settings' chain applies.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from modeltranslation import settings as mt_settings

_series_language: ContextVar[str | None] = ContextVar("series_language", default=None)


class SeriesFallbacks(dict):
    """The fallback table, with the current series' default language first."""

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
    """Replace modeltranslation's fallback table by the series-aware one (at start-up)."""
    if not isinstance(mt_settings.FALLBACK_LANGUAGES, SeriesFallbacks):
        mt_settings.FALLBACK_LANGUAGES = SeriesFallbacks(mt_settings.FALLBACK_LANGUAGES)


@contextmanager
def series_fallback(language: str) -> Iterator[None]:
    """Inside this block, missing translations fall back to `language` first."""
    token = _series_language.set(language)
    try:
        yield
    finally:
        _series_language.reset(token)
