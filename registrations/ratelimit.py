"""A rate limit per key (an address, an IP) in Django's shared cache: a fixed window.

What is kept: per limit and window, a count under a keyed hash of the key (HMAC with the
SECRET_KEY: the cache holds no address and no IP, and an address cannot be found by hashing
guesses without the secret), which expires with its window. An address counts in lower case
and without the `+tag` of its local part: a+x@example.org counts with a@example.org.

The count is exact under concurrency on every cache backend: on Redis, one atomic script
(core.cache.RedisCache.incr_in_window); on the file cache (the embedded default, shared by
the processes of one host), read and write under an exclusive lock on a file in the
counters' folder (fcntl.flock: Django's add() and incr() are each a read then a write, so
40 simultaneous requests once got 6 past a limit of 5); on any other backend (the
local-memory cache of tests and development, one process) under a lock of the process.

On the file cache the counts live in a folder of their own below the cache's: Django's file
cache deletes a third of its entries at random once it holds MAX_ENTRIES (300) files, so
300 page requests with distinct query strings would have forgotten the counts.
"""

import fcntl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache as memoise
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from core.cache import RedisCache

KEY_SALT = "registrations.ratelimit"
COUNTERS_FOLDER = "ratelimit"  # below the file cache's folder
COUNTERS_MAX_ENTRIES = 100_000  # distinct addresses and IPs in a window, before culling
LOCK_FILE = "counters.lock"
_process_lock = threading.Lock()


@dataclass(frozen=True)
class Limit:
    """At most `limit` attempts per `key` (an address, an IP) of a `scope` in a window."""
    scope: str
    key: str
    limit: int


def rate_limits_hit(*limits: Limit, window_seconds: int) -> bool:
    """Count one attempt against each limit; True once one of them had more than its limit
    of attempts in the current window."""
    keys = [f"ratelimit:{limit.scope}:{_digest(limit)}" for limit in limits]
    backend = caches["default"]
    if isinstance(backend, RedisCache):  # one round trip for all of them
        counts = backend.incr_in_window(keys, window_seconds)
    else:
        if isinstance(backend, FileBasedCache):
            backend = _file_counters(str(Path(backend._dir) / COUNTERS_FOLDER))
        with _exclusive(backend):
            counts = [_count(backend, key, window_seconds) for key in keys]
    return any(count > limit.limit for count, limit in zip(counts, limits, strict=True))


def address_normalised(address: str) -> str:
    """The address as the per-address limit counts it: lower case, without `+tag`."""
    local, at, domain = address.strip().lower().rpartition("@")
    if not at:
        return domain
    return f"{local.split('+', 1)[0] or local}@{domain}"


def _digest(limit: Limit) -> str:
    key = address_normalised(limit.key) if limit.scope == "address" else limit.key.strip().lower()
    return salted_hmac(KEY_SALT, f"{limit.scope}:{key}", algorithm="sha256").hexdigest()[:32]


@memoise
def _file_counters(folder: str) -> FileBasedCache:
    """The counters' own file cache (one object per folder and process: it keeps no state)."""
    return FileBasedCache(folder, {"OPTIONS": {"MAX_ENTRIES": COUNTERS_MAX_ENTRIES}})


@contextmanager
def _exclusive(backend) -> Iterator[None]:
    """Hold the lock that makes a count's read and write one step for this backend."""
    if not isinstance(backend, FileBasedCache):
        with _process_lock:
            yield
        return
    folder = Path(backend._dir)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_FILE, "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)  # released when the file closes
        yield


def _count(backend, cache_key: str, window_seconds: int) -> int:
    """One more attempt in the key's window (the caller holds the lock): the count and the
    window's end are kept together, and the entry expires with the window."""
    now = time.time()
    kept = backend.get(cache_key)
    if isinstance(kept, tuple) and kept[1] > now:
        count, ends = kept[0] + 1, kept[1]
    else:
        count, ends = 1, now + window_seconds
    backend.set(cache_key, (count, ends), max(1, round(ends - now)))
    return count


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
