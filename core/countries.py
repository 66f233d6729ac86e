"""Countries by their names in the site's languages (django-countries' translations).

A visitor types a country's name in their own language, or in any of the site's five, or
its ISO code; `country_code` finds it, ignoring case, accents, punctuation and spacing.
"""

import unicodedata
from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django_countries import countries

NAME_MAX = 100


def name_key(text: str) -> str:
    """A name as it is compared and sorted: "Côte d’Ivoire" → "cote d ivoire"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(char if char.isalnum() else " " for char in decomposed
                   if not unicodedata.combining(char))
    return " ".join(kept.split())


@lru_cache(maxsize=16)
def country_names(language: str) -> tuple[tuple[str, str], ...]:
    """Every country as (code, name) in `language`, sorted by name as a reader of it
    expects (django-countries without pyuca sorts Cyrillic names in English order)."""
    with translation.override(language):
        names = [(code, str(name).strip()) for code, name in countries]
    return tuple(sorted(names, key=lambda item: (name_key(item[1]), item[1])))


@lru_cache(maxsize=16)
def _codes_by_name(language: str) -> dict[str, str]:
    return {name_key(name): code for code, name in country_names(language)}


def country_code(text: str, *, language: str) -> str | None:
    """The two-letter code of the country named `text` — by its name in `language`, then
    in the site's other languages, or by its ISO 3166 code (DE, DEU, 276) — or None."""
    key = name_key(text[:NAME_MAX])
    if not key or len(text) > NAME_MAX:
        return None
    languages = [language] + [code for code, _name in settings.LANGUAGES if code != language]
    for candidate in languages:
        code = _codes_by_name(candidate).get(key)
        if code:
            return code
    try:
        return countries.alpha2(text.strip()) or None
    except ValueError:  # digits int() does not read, such as "²" (django-countries' isdigit())
        return None
