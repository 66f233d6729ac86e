"""Addresses of pages, worked out once per process for the same arguments.

A public page links dozens of speakers, organisations and events, and Django's `reverse`
walks the URL patterns for each one (about 20 µs, a few per cent of an uncached page). Its
result depends only on the URL configuration, the script prefix, the active language (the
`/de/`, `/bg/`, … prefixes) and the arguments, so it is kept under exactly those.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def page_url(viewname: str, **kwargs: str) -> str:
    """`reverse(viewname, kwargs=kwargs)`, kept for the same configuration and language."""
    return _page_url(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(),
                     get_language(), viewname, tuple(sorted(kwargs.items())))


@lru_cache(maxsize=8192)
def _page_url(urlconf: str, _script_prefix: str, _language: str | None, viewname: str,
              kwargs: tuple[tuple[str, str], ...]) -> str:
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))
