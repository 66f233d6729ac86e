import re
from typing import Any

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.http import HttpRequest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse, translate_url
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.functional import SimpleLazyObject

# A path's first segment shaped like a language tag: two or three letters, a region or
# script after a hyphen or underscore (the site's own codes are two letters).
LANGUAGE_PREFIX = re.compile(r"^/([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)(?:/|$)")


def _page_in(request: HttpRequest, code: str) -> str:
    """The current page in another interface language, from the URL already resolved
    (translate_url would resolve it again for every language)."""
    match = request.resolver_match
    if match is None:  # a missing page: the same path under the other language's prefix,
        # else that language's start page (never the bare path: //evil.example/ is off the site)
        current = f"/{translation.get_language()}/"
        path = request.get_full_path()
        if path.startswith(current):
            return f"/{code}/{path[len(current):]}"
        return _unknown_prefix_replaced(request.path_info, code) or f"/{code}/"
    try:
        with translation.override(code):
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return translate_url(request.get_full_path(), code)
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{iri_to_uri(query)}" if query else path


def _foreign_prefix(path: str) -> str | None:
    """The first segment of `path` when it is shaped like a language tag but is none of the
    site's prefixes (`/xx/…`, `/pt-br/…`, `/BG/…`), else None."""
    match = LANGUAGE_PREFIX.match(path)
    if match is None or match[1] in dict(settings.LANGUAGES):
        return None
    return match[1]


def unknown_language_prefix(path: str) -> str | None:
    """The first segment of `path` when it looks like a language code the site does not
    speak (`/xx/series/…`, `/pt-br/`, `/ast/`; not `/BG/`, which it speaks in lower case,
    nor a three-letter word such as `/api/`), else None."""
    prefix = _foreign_prefix(path)
    if prefix is None or prefix.lower() in dict(settings.LANGUAGES):
        return None
    base = re.split("[-_]", prefix)[0].lower()
    return prefix if len(base) == 2 or base in LANG_INFO else None  # not /api/, /css/


def _unknown_prefix_replaced(path: str, code: str) -> str | None:
    """`/xx/series/…` as `/<code>/series/…` when the site has that page, else None."""
    prefix = _foreign_prefix(path)
    if prefix is None:
        return None
    candidate = f"/{code}/{path[len(prefix) + 2:]}"
    try:
        with translation.override(code):
            resolve(candidate)
    except Resolver404:
        return None
    return iri_to_uri(candidate)


def switch_languages(series: Any = None) -> list[tuple[str, str]]:
    """The interface languages the switch offers, as (code, name) in the settings' order:
    for a page of a series, those the series publishes (Series.content_languages; all if it
    names none) and always the current one; elsewhere all of them."""
    current = translation.get_language()
    codes = getattr(series, "content_languages", None)  # a JSON list, as the admin saved it
    published = {code for code in codes if isinstance(code, str)} if isinstance(
        codes, list) else set()
    if not published & {code for code, _name in settings.LANGUAGES}:
        return list(settings.LANGUAGES)
    return [(code, name) for code, name in settings.LANGUAGES
            if code in published or code == current]


def language_links(request: HttpRequest, *, series: Any = None) -> list[dict]:
    """The current page in each language of the switch (and its hreflang alternates)."""
    return [{"code": code, "name": name, "url": _page_in(request, code)}
            for code, name in switch_languages(series)]


def site(request: HttpRequest) -> dict:
    """The language switch outside a series: the current page in each interface language
    (base.html narrows it to a series' languages with {% site_language_links %}; lazy, so
    that it is not worked out for pages that do)."""
    return {"language_links": SimpleLazyObject(lambda: language_links(request))}
