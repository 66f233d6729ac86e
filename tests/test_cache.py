"""The shared cache as deployed (core.cache.RedisCache on Redis): what the rate limit and
the public pages rely on."""

import pytest
from django.core.cache import cache

from events import page_cache
from registrations.ratelimit import rate_limit_hit


@pytest.fixture
def redis_cache(settings, redis_url):
    """The cache on its own Redis database, emptied before and after."""
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    settings.CACHES = {"default": {"BACKEND": "core.cache.RedisCache", "LOCATION": redis_url}}
    yield client
    client.flushdb()
    client.close()


pytestmark = pytest.mark.redis


def test_values_round_trip_and_expire_by_key(redis_cache):
    cache.set("greeting", {"text": "Grüß Gott", "count": 3}, 60)
    assert cache.get("greeting") == {"text": "Grüß Gott", "count": 3}
    assert cache.add("greeting", "other", 60) is False
    cache.delete("greeting")
    assert cache.get("greeting") is None
    assert redis_cache.dbsize() == 0


def test_the_rate_limit_counts_in_redis(redis_cache):
    hits = [rate_limit_hit(scope="ip", key="192.0.2.7", limit=2, window_seconds=60)
            for _ in range(3)]

    assert hits == [False, False, True]
    assert rate_limit_hit(scope="ip", key="192.0.2.8", limit=2, window_seconds=60) is False
    assert any(0 < redis_cache.ttl(key) <= 60 for key in redis_cache.keys("*ratelimit:ip:*"))


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
