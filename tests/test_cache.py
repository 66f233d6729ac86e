"""The shared cache as deployed (core.cache.RedisCache on Redis): what the rate limit and
the public pages rely on."""

import pytest
from django.core.cache import cache

from events import page_cache
from registrations.ratelimit import Limit, rate_limits_hit

pytestmark = pytest.mark.redis


def test_values_round_trip_and_expire_by_key(redis_cache):
    cache.set("greeting", {"text": "Grüß Gott", "count": 3}, 60)
    assert cache.get("greeting") == {"text": "Grüß Gott", "count": 3}
    assert cache.add("greeting", "other", 60) is False
    cache.delete("greeting")
    assert cache.get("greeting") is None
    assert redis_cache.dbsize() == 0


def test_the_rate_limit_counts_in_redis(redis_cache):
    def hit(ip, address="ada@example.org"):
        return rate_limits_hit(Limit("ip", ip, 2), Limit("address", address, 5),
                               window_seconds=60)

    assert [hit("192.0.2.7") for _ in range(3)] == [False, False, True]
    assert hit("192.0.2.8") is False
    assert [hit("192.0.2.9") for _ in range(2)] == [False, True]  # the address: 5 tries, a 6th
    assert hit("192.0.2.10", "Grace@Example.org ") is False  # its own count, any letter case
    ttls = [redis_cache.ttl(key) for key in redis_cache.keys("*ratelimit:*")]
    assert len(ttls) == 6 and all(0 < ttl <= 60 for ttl in ttls)


def test_a_rate_limit_window_is_fixed_from_its_first_attempt(redis_cache):
    """Later attempts neither restart the window nor outlive it."""
    rate_limits_hit(Limit("ip", "192.0.2.7", 2), window_seconds=60)
    [key] = redis_cache.keys("*ratelimit:ip:*")
    redis_cache.expire(key, 5)
    assert rate_limits_hit(Limit("ip", "192.0.2.7", 2), window_seconds=60) is False
    assert 0 < redis_cache.ttl(key) <= 5
    redis_cache.delete(key)  # the window is over
    assert [rate_limits_hit(Limit("ip", "192.0.2.7", 2), window_seconds=60)
            for _ in range(3)] == [False, False, True]
    assert cache.get(key.decode().split(":", 2)[2]) == 3  # Django's cache reads the count


def test_one_redis_client_serves_every_call(redis_cache):
    """Django's backend built a client (and its table of ~170 callbacks) per call."""
    cache.set("a", 1)
    client = cache._cache.get_client(write=True)

    assert cache._cache.get_client() is client
    assert cache.get("a") == 1 and cache._cache.get_client(write=True) is client


@pytest.mark.django_db
def test_a_content_change_is_seen_through_redis(redis_cache, settings):
    settings.PAGE_CACHE_SECONDS = 300
    builds = []

    def build():
        builds.append(1)
        return f"page {len(builds)}"

    assert page_cache.content_cached("probe", build) == "page 1"
    assert page_cache.content_cached("probe", build) == "page 1"
    page_cache.invalidate()
    assert page_cache.content_cached("probe", build) == "page 2"
