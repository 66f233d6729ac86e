"""A rate limit per key (an address, an IP) in Django's shared cache: a fixed window."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpRequest

from core.cache import RedisCache


@dataclass(frozen=True)
class Limit:
    """At most `limit` attempts per `key` (an address, an IP) of a `scope` in a window."""
    scope: str
    key: str
    limit: int


def rate_limits_hit(*limits: Limit, window_seconds: int) -> bool:
    """Count one attempt against each limit; True once one of them had more than its limit
    of attempts in the current window."""
    keys = [f"ratelimit:{limit.scope}:{_digest(limit.key)}" for limit in limits]
    backend = caches["default"]
    if isinstance(backend, RedisCache):  # one round trip for all of them
        counts = backend.incr_in_window(keys, window_seconds)
    else:
        counts = [_count(key, window_seconds) for key in keys]
    return any(count > limit.limit for count, limit in zip(counts, limits, strict=True))


def _digest(key: str) -> str:
    return hashlib.sha256(key.strip().lower().encode()).hexdigest()[:32]


def _count(cache_key: str, window_seconds: int) -> int:
    if cache.add(cache_key, 1, window_seconds):
        return 1
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window_seconds)
        return 1


def client_address(request: HttpRequest) -> str:
    """The visitor's IP address: the connection's, or behind TRUSTED_PROXIES proxies the
    address the outermost of them saw (X-Forwarded-For, read from the right: what a visitor
    writes into the header themselves stays to the left and is ignored)."""
    proxies = settings.TRUSTED_PROXIES
    if proxies > 0:
        forwarded = [part.strip() for part in
                     request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
