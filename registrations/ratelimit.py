"""A rate limit per key (an address, an IP) in the shared cache: a fixed window.

What is kept: per limit and window, a count under a keyed hash of the key (HMAC with the
SECRET_KEY: no address and no IP is stored, and an address cannot be found by hashing
guesses without the secret), which expires with its window. An address counts in lower case
and without the `+tag` of its local part: a+x@example.org counts with a@example.org.

The count is exact under concurrency on every cache backend:
- Redis: one atomic script (core.cache.RedisCache.incr_in_window).
- The file cache (the embedded default, shared by the processes of one host): Django's add()
  and incr() are each a read then a write (40 simultaneous requests once got 6 past a limit
  of 5), incr() gave the count the default timeout (the hour's limit ended 5 minutes after
  the last attempt), and the file cache deletes a third of its files at random once it
  holds 300 (300 page requests with distinct query strings reset every count). So the
  counts live in a folder of their own below the cache's, one small file per key ("count
  window-end", the file's time set to the window's end), read and written under an
  exclusive lock on a file in that folder (fcntl.flock: it holds across the processes of
  the host, as far as the cache itself is shared); ended windows are swept out at most
  once a minute.
- Any other backend (the local-memory cache of tests and development, one process): read
  and written under a lock of the process.
"""

import contextlib
import fcntl
import ipaddress
import os
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from core.cache import RedisCache

KEY_SALT = "registrations.ratelimit"
COUNTERS_FOLDER = "ratelimit"  # below the file cache's folder
LOCK_FILE = ".lock"  # its time: the last sweep
SWEEP_SECONDS = 60
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
    keys = [(limit.scope, _digest(limit)) for limit in limits]
    backend = caches["default"]
    if isinstance(backend, RedisCache):  # one round trip for all of them
        counts = backend.incr_in_window([f"ratelimit:{scope}:{digest}" for scope, digest in keys],
                                        window_seconds)
    elif isinstance(backend, FileBasedCache):
        counts = _file_counts(Path(backend._dir) / COUNTERS_FOLDER,
                              [f"{scope}-{digest}" for scope, digest in keys], window_seconds)
    else:
        with _process_lock:
            counts = [_cache_count(backend, f"ratelimit:{scope}:{digest}", window_seconds)
                      for scope, digest in keys]
    return any(count > limit.limit for count, limit in zip(counts, limits, strict=True))


def address_normalised(address: str) -> str:
    """The address as the per-address limit counts it: lower case, without `+tag` or the
    quotes of a quoted local part, and the domain as the mail is sent to it (IDNA, as
    Django's mail does: exämple.org counts with xn--exmple-cua.org, and the variants that
    reach the same mailbox — full-width letters, a zero-width space — with the plain one)."""
    local, at, domain = unicodedata.normalize("NFKC", address.strip()).rpartition("@")
    if not at:
        return domain.casefold()
    with contextlib.suppress(UnicodeError):  # else not a domain for mail: as written
        domain = domain.encode("idna").decode("ascii")
    local = local.casefold().strip('"')
    return f"{local.split('+', 1)[0] or local}@{domain.lower()}"


def _digest(limit: Limit) -> str:
    key = address_normalised(limit.key) if limit.scope == "address" else limit.key.strip().lower()
    return salted_hmac(KEY_SALT, f"{limit.scope}:{key}", algorithm="sha256").hexdigest()[:32]


def _file_counts(folder: Path, names: list[str], window_seconds: int) -> list[int]:
    """One more attempt for each counter file in `folder`, under the folder's lock."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_FILE, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        now = time.time()
        if os.fstat(lock.fileno()).st_mtime <= now - SWEEP_SECONDS:
            _sweep(folder, now)
            os.utime(lock.fileno())
        return [_file_count(folder / name, now, window_seconds) for name in names]


def _file_count(path: Path, now: float, window_seconds: int) -> int:
    with open(path, "a+") as counter:  # one open: read, then write over
        counter.seek(0)
        try:
            count_text, ends_text = counter.read().split()
            count, ends = int(count_text), float(ends_text)
        except ValueError:  # new (or cut short by a crash): a new window
            count, ends = 0, 0.0
        if ends <= now:
            count, ends = 0, now + window_seconds
        counter.truncate(0)
        counter.write(f"{count + 1} {ends}")
        counter.flush()
        os.utime(counter.fileno(), (ends, ends))
    return count + 1


def _sweep(folder: Path, now: float) -> None:
    """Delete the counters whose window has ended (their file's time is its end)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name != LOCK_FILE and entry.stat().st_mtime <= now:
                Path(entry.path).unlink(missing_ok=True)


def _cache_count(backend, cache_key: str, window_seconds: int) -> int:
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
        if len(forwarded) >= proxies and (address := _ip_address(forwarded[-proxies])):
            return address
    return request.META.get("REMOTE_ADDR", "")


def _ip_address(text: str) -> str | None:
    """The IP address in an X-Forwarded-For entry ("192.0.2.1", "192.0.2.1:4711",
    "[2001:db8::1]:443"), None for anything else ("unknown", what a visitor wrote there):
    django-axes stores it in an IP address column, which refused it with a server error."""
    for candidate in (text, text.rpartition(":")[0] if text.count(":") == 1 else text,
                      text.removeprefix("[").partition("]")[0]):
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None
