"""The registration rate limit as an attacker meets it: exact under concurrency on every
cache backend, one count per address whatever its letter case and `+tag`, and keys that
name nobody and expire."""

import multiprocessing
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from registrations.models import Participant
from registrations.ratelimit import Limit, address_normalised, rate_limits_hit
from tests.factories import event_create, series_create
from tests.test_registrations_factories import consent_text_create

CLIENTS = 40
ROUNDS = 5  # attempts per process: more of them overlap


@pytest.fixture
def file_cache(settings, tmp_path):
    """The embedded default: Django's file cache in a folder."""
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp_path / "cache")}}
    return tmp_path / "cache"


def attempt(number: int, address: str = "ada@example.org") -> bool:
    """One registration attempt from its own IP: only the per-address limit (5) can hit."""
    return rate_limits_hit(Limit("ip", f"192.0.2.{number}", 30), Limit("address", address, 5),
                           window_seconds=3600)


def attempts_in_threads(count: int = CLIENTS) -> list[bool]:
    start = threading.Barrier(count)

    def one(number: int) -> bool:
        start.wait()
        return attempt(number)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, range(count)))


def _attempt_in_process(number: int, start, results) -> None:
    start.wait()
    results.put([attempt(number) for _ in range(ROUNDS)])


def test_the_address_limit_holds_for_40_threads_on_the_file_cache(file_cache):
    assert attempts_in_threads().count(False) == 5


def test_the_address_limit_holds_for_40_processes_on_the_file_cache(file_cache):
    """As gunicorn's workers share the folder: each process its own cache object."""
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(CLIENTS), context.Queue()
    processes = [context.Process(target=_attempt_in_process, args=(number, start, results))
                 for number in range(CLIENTS)]
    for process in processes:
        process.start()
    answers = [answer for _ in processes for answer in results.get(timeout=60)]
    for process in processes:
        process.join(timeout=60)

    assert answers.count(False) == 5
    assert all(process.exitcode == 0 for process in processes)


def test_the_address_limit_holds_for_40_threads_on_the_local_memory_cache():
    assert attempts_in_threads().count(False) == 5


@pytest.mark.redis
def test_the_address_limit_holds_for_40_threads_on_redis(redis_cache):
    assert attempts_in_threads().count(False) == 5


def test_the_file_cache_window_is_fixed_and_ends(file_cache):
    """Django's incr() wrote the count with the default timeout (300 s): the hour's limit
    was forgotten five minutes after the last attempt, and every attempt pushed it on."""
    hits = [rate_limits_hit(Limit("ip", "192.0.2.7", 2), window_seconds=1) for _ in range(3)]
    time.sleep(1.1)

    assert hits == [False, False, True]
    assert rate_limits_hit(Limit("ip", "192.0.2.7", 2), window_seconds=1) is False


def test_addresses_differing_by_case_and_tag_count_together(file_cache):
    answers = [attempt(number, address) for number, address in enumerate([
        "ada@example.org", "Ada+news@Example.org", "ada+1@example.org", " ADA@EXAMPLE.ORG",
        "ada+a+b@example.org", "ada+x@example.org"])]

    assert answers == [False] * 5 + [True]
    assert attempt(9, "adam@example.org") is False  # another address, its own count


def test_address_normalised():
    assert address_normalised(" Ada+Tag@Example.ORG ") == "ada@example.org"
    assert address_normalised("+only@example.org") == "+only@example.org"
    assert address_normalised("a.b+c+d@x.org") == "a.b@x.org"


def test_the_keys_are_keyed_hashes_that_name_nobody(file_cache, settings):
    import hashlib

    attempt(1, "grace@example.org")
    files = b"".join(path.read_bytes() + path.name.encode()
                     for path in file_cache.rglob("*") if path.is_file())
    plain_hash = hashlib.sha256(b"grace@example.org").hexdigest()[:32]
    key_before = _only_address_key(settings)

    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    key_after = _only_address_key(settings)

    assert b"grace" not in files and plain_hash.encode() not in files
    assert plain_hash not in key_before and key_before != key_after


def _only_address_key(settings) -> str:
    from registrations.ratelimit import _digest

    return _digest(Limit("address", "grace@example.org", 5))


@pytest.mark.redis
def test_a_redis_counter_without_expiry_gets_one(redis_cache):
    """SET NX and INCR sent apart: a key that expired between them came back from INCR
    without an expiry and blocked its address for ever."""
    attempt(1)
    [key] = redis_cache.keys("*ratelimit:address:*")
    redis_cache.persist(key)

    attempt(2)

    assert 0 < redis_cache.ttl(key) <= 3600
    assert cache.get(key.decode().split(":", 2)[2]) == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_40_simultaneous_registrations_of_one_address_get_5_through(file_cache, tasks_immediate):
    series = series_create(slug="rush")
    consent_text_create(series=series)
    event_create(series=series, capacity=100)
    start = threading.Barrier(CLIENTS)

    def register(number: int) -> int:
        client = Client(REMOTE_ADDR=f"198.51.100.{number}")
        start.wait()
        try:
            return client.post("/en/series/rush/register/", {
                "email": f"ada+{number}@example.org", "name": "Ada", "organisation_name": "A",
                "organisation_kind": "sme", "organisation_country": "DE", "country": "DE",
                "language": "en", "scope": "series", "consent": "on", "consent_version": "1",
                "website": ""}).status_code
        finally:
            connection.close()  # this thread's

    with ThreadPoolExecutor(CLIENTS) as pool:
        statuses = list(pool.map(register, range(CLIENTS)))

    assert (statuses.count(302), statuses.count(400)) == (5, CLIENTS - 5)
    assert Participant.objects.count() == 5


def test_a_full_file_cache_does_not_forget_the_counts(file_cache):
    """Django's file cache deletes a third of its files at random once it holds 300: a
    visitor requesting 300 pages with distinct query strings reset every count."""
    answers = [attempt(1) for _ in range(5)]
    for number in range(400):  # cached pages
        cache.set(f"public-page:/en/events/?q={number}", b"<html>", 300)
    answers += [attempt(2) for _ in range(5)]

    assert answers == [False] * 5 + [True] * 5


def test_ended_windows_are_swept_out_of_the_file_cache(file_cache):
    for number in range(3):
        rate_limits_hit(Limit("ip", f"192.0.2.{number}", 2), window_seconds=1)
    counters = file_cache / "ratelimit"
    assert len(list(counters.glob("ip-*"))) == 3
    time.sleep(1.1)
    os.utime(counters / ".lock", (0, 0))  # the last sweep was long ago

    rate_limits_hit(Limit("ip", "192.0.2.9", 2), window_seconds=60)

    assert len(list(counters.glob("ip-*"))) == 1
