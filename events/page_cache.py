"""Whole-page cache for the anonymous public pages, per language, invalidated on change.

Public pages look the same for every visitor, so a rendered page is kept in the shared
cache under the path, the language and a content version. Any change to the content
(a save or delete of a model of the public site, through the admin or a service) sets a
new version, which makes every cached page stale at once: in this process at once, in
every other worker process within a second (each reads the version at most once a
second). The version is set again when the change commits: a page rendered from the old
rows while the change was still uncommitted is never kept under the new version.

`content_cached` keeps other reads of the public content (the registration form's events,
themes and privacy notice) under the same version, and under a signature of the models
(the values are pickled model instances: after a deploy that changes a model or Django,
what the old code kept is not read); `form_page_cached` keeps a page with a form (all but
its CSRF token and a visitor's own values); `watch_model` adds a model of another app to
what counts as public content.
"""

import copy
import hashlib
import logging
import pickle
import re
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from functools import cache as memoise
from functools import wraps
from typing import TypeVar

import django
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import ResolverMatch
from django.utils.html import escape
from django.utils.translation import get_language

T = TypeVar("T")
logger = logging.getLogger(__name__)

VERSION_KEY = "public-pages:version"
PUBLIC_APPS = {"events", "reports"}
_watched_models: set[str] = set()


# The version as this process last read it, and until when (time.monotonic) it may be used
# without asking the shared cache again: one read per process and second instead of several
# per request. A change made in this process is seen at once; one made in another process
# within VERSION_READ_SECONDS.
VERSION_READ_SECONDS = 1.0
_version_read: tuple[float, str] | None = None


def content_version() -> str:
    global _version_read
    read, now = _version_read, time.monotonic()
    if read is not None and now < read[0]:
        return read[1]
    version = cache.get(VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        cache.set(VERSION_KEY, version, timeout=None)
    _version_read = (now + VERSION_READ_SECONDS, version)
    return version


@memoise
def models_signature() -> str:
    """A hash of Django's version and every model's stored fields, once per process: what a
    pickled model instance depends on."""
    models = sorted(f"{model._meta.label}:" + ",".join(
        f"{field.attname}:{field.get_internal_type()}" for field in model._meta.concrete_fields)
        for model in apps.get_models())
    return hashlib.sha256("|".join([django.get_version(), *models]).encode()).hexdigest()[:16]


def invalidate() -> None:
    global _version_read
    _version_read = None
    cache.set(VERSION_KEY, str(time.time_ns()), timeout=None)


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve GET requests of `view` from the cache; store successful responses."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
            return view(request, *args, **kwargs)
        key = f"public-page:{content_version()}:{get_language()}:{request.get_full_path()}"
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not request.META.get("CSRF_COOKIE_USED"):
            headers = {name: value for name, value in response.items()
                       if name in ("Content-Type", "Content-Disposition", "Content-Language")}
            seconds = min(settings.PAGE_CACHE_SECONDS,  # a view may keep its page shorter
                          getattr(response, "page_cache_seconds", settings.PAGE_CACHE_SECONDS))
            cache.set(key, (response.content, headers), seconds)
        return response

    return wrapper


def content_cached(key: str, build: Callable[[], T]) -> T:
    """What `build()` returns, kept in the shared cache until the public content changes
    (or PAGE_CACHE_SECONDS pass). `build` must read public content only, and return
    something picklable and not None.

    A copy of what was read is kept in this process for LOCAL_SECONDS, pickled (each read
    gets objects of its own), under the same versioned key: reading it again costs no
    round trip to the shared cache, and a change is seen as soon as the new version is."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return build()
    full_key = f"public-content:{models_signature()}:{content_version()}:{key}"
    now = time.monotonic()
    kept = _local.get(full_key)
    if kept is not None and now < kept[0]:
        return pickle.loads(kept[1])  # noqa: S301 — what this process pickled itself
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, settings.PAGE_CACHE_SECONDS)
    _local_keep(full_key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL),
                until=now + min(LOCAL_SECONDS, settings.PAGE_CACHE_SECONDS))
    return value


# content_cached's copies in this process: key → (until, pickled value), the oldest first,
# at most LOCAL_BYTES in all.
LOCAL_SECONDS = 10.0
LOCAL_BYTES = 8 * 1024 * 1024
_local: dict[str, tuple[float, bytes]] = {}
_local_size = 0
_local_lock = threading.Lock()


def _local_keep(key: str, pickled: bytes, *, until: float) -> None:
    global _local_size
    if len(pickled) > LOCAL_BYTES:
        return
    with _local_lock:  # threaded workers
        old = _local.pop(key, None)
        _local_size -= len(old[1]) if old else 0
        while _local and _local_size + len(pickled) > LOCAL_BYTES:
            _local_size -= len(_local.pop(next(iter(_local)))[1])
        _local[key], _local_size = (until, pickled), _local_size + len(pickled)


def forget() -> None:
    """Forget what this process read of the shared cache (the content version and the
    local copies): for when the shared cache itself is replaced, as each test does."""
    global _version_read, _local_size
    with _local_lock:
        _version_read, _local_size = None, 0
        _local.clear()


_URL_SAFE = re.compile(r"[A-Za-z0-9_:.~-]+")  # what reverse() writes into a path as it is


def form_page_cached(request: HttpRequest, *, key: str, template: str,
                     context: Callable[[], dict],
                     personal: Mapping[str, str] | None = None) -> HttpResponse:
    """A page with a form that is the same for every visitor but for the CSRF token and the
    `personal` values: values of the template's context (a name) or arguments of the page's
    URL (the token of a link), which the page's own links (the language switch) repeat.

    The page is rendered once, from `context()`, with a slot in the place of each of them
    (the template's `{% csrf_token %}` too); kept per language, page (its URL but for the
    personal arguments, with the query string), `key` (all else the page shows) and
    content version; and each visitor gets it with their own values filled in,
    HTML-escaped as the template escapes them. A personal URL argument that reverse()
    would write differently (other than letters, digits and `_:.~-`, as signed links are)
    is rendered directly, and so is a page that shows one of them other than through a slot
    (a context value holding the token): a visitor's link never reaches another visitor.
    """
    personal = dict(personal or {})
    match = request.resolver_match
    in_url = {name: value for name, value in personal.items()
              if match is not None and name in match.kwargs}
    kept = None
    if match is not None and all(_URL_SAFE.fullmatch(value) for value in in_url.values()):
        page = (get_language(), match.view_name, match.args,
                sorted((name, value) for name, value in match.kwargs.items() if name not in in_url),
                request.META.get("QUERY_STRING", ""), key)
        try:
            kept = content_cached(
                f"form-page:{hashlib.sha256(repr(page).encode()).hexdigest()}",
                lambda: _render_with_slots(request, template=template, context=context(),
                                           personal=personal, in_url=in_url))
        except _SlotMissed:
            logger.warning("%s shows a personal URL argument outside its slot: not kept",
                           template)
    if kept is None:
        return HttpResponse(render_to_string(template, context() | personal, request))
    marker, html = kept
    values = {name: escape(value) for name, value in personal.items()}
    return HttpResponse(re.sub(
        f"{marker}(\\w+?){marker}",
        lambda found: get_token(request) if found[1] == "csrf_token" else values[found[1]],
        html))


class _SlotMissed(Exception):
    pass


def _render_with_slots(request: HttpRequest, *, template: str, context: dict,
                       personal: dict[str, str], in_url: dict[str, str]) -> tuple[str, str]:
    """(marker, page): the page rendered with marker + name + marker for each personal
    value and the CSRF token, the marker drawn anew (no text of the page can forge a slot).
    The URL arguments are replaced in a copy of the request the template sees."""
    marker = "slot" + secrets.token_hex(8)
    slots = {name: f"{marker}{name}{marker}" for name in [*personal, "csrf_token"]}
    match, slotted = request.resolver_match, copy.copy(request)
    slotted.resolver_match = ResolverMatch(
        match.func, match.args, match.kwargs | {name: slots[name] for name in in_url},
        url_name=match.url_name, app_names=match.app_names, namespaces=match.namespaces,
        route=match.route)
    for name, value in in_url.items():
        slotted.path = slotted.path.replace(value, slots[name])
        slotted.path_info = slotted.path_info.replace(value, slots[name])
    slotted.META = slotted.environ = {  # the path, the raw URI, a referrer
        name: value for name, value in request.META.items()
        if not any(personal_value in str(value) for personal_value in in_url.values())}
    html = render_to_string(template, context | {name: slots[name] for name in personal
                                                  if name not in in_url}
                            | {"csrf_token": slots["csrf_token"]}, slotted)
    if any(value in html for value in in_url.values()):
        raise _SlotMissed(template)
    return marker, html


def freshness_register(hook: Callable[..., float | None]) -> None:
    """Another app tells how long a series' pages stay right at most: hook(series=…)
    returns seconds, or None for no limit (pitches: until a call for pitches opens or
    closes, since the series' pages show its notice)."""
    if hook not in _freshness_hooks:
        _freshness_hooks.append(hook)


def series_fresh_seconds(*, series) -> float | None:
    """The least of what the registered hooks allow for `series`' pages (None: no limit)."""
    limits = [limit for hook in _freshness_hooks
              if (limit := hook(series=series)) is not None]
    return min(limits) if limits else None


_freshness_hooks: list[Callable[..., float | None]] = []


def watch_model(label: str) -> None:
    """Count saves and deletes of this model ("app_label.modelname") as content changes."""
    _watched_models.add(label.lower())


def _on_change(sender, **kwargs) -> None:
    if sender._meta.app_label in PUBLIC_APPS or sender._meta.label_lower in _watched_models:
        invalidate()
        transaction.on_commit(invalidate)


def connect_invalidation() -> None:
    """Cache invalidation is infrastructure, not a business rule: it listens to every save."""
    post_save.connect(_on_change, dispatch_uid="public-pages-save")
    post_delete.connect(_on_change, dispatch_uid="public-pages-delete")
    m2m_changed.connect(_on_change, dispatch_uid="public-pages-m2m")
