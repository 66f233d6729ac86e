"""A rate limit per key (an address, an IP) in Django's shared cache: a fixed window."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def rate_limit_hit(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt for `key`; True once more than `limit` fell in the current window."""
    digest = hashlib.sha256(key.strip().lower().encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}"
    if cache.add(cache_key, 1, window_seconds):
        return limit < 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window_seconds)
        count = 1
    return count > limit


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
