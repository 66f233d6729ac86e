"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django's RedisCacheClient builds a new `redis.Redis` for every cache operation, and
redis-py's constructor fills a table of ~170 response callbacks each time: a third of a
cached page's CPU went there. A client holds no state of its own besides its pool (which
hands out connections and is safe across threads and, by its pid check, across fork), so
one client per pool does the same work.
"""

from django.core.cache.backends import redis as django_redis
from django.utils.functional import cached_property


class _ReusedClientRedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    """settings.CACHES backend `core.cache.RedisCache`: Django's, one client per pool."""

    @cached_property
    def _cache(self):
        return _ReusedClientRedisCacheClient(self._servers, **self._options)

    def get_master_client(self):
        """The shared client, for django-rq's `USE_REDIS_CACHE` (settings.RQ_QUEUES): the task
        queue on the cache's Redis uses this connection pool. Configured by URL, django-rq
        builds a new client and pool for every enqueue, so each enqueue connected anew, and
        redis-py reads its own package metadata for every new connection (2.1 ms an enqueue
        against 0.4 ms for the database queue)."""
        return self._cache.get_client(write=True)

    def incr_in_window(self, keys: list[str], window_seconds: int) -> list[int]:
        """Count one more for each key, in one round trip: a key's count starts at 1 and
        ends `window_seconds` after its first count (a fixed window). One script, run by
        Redis as one step: with SET NX and INCR sent apart, a key that expired between
        the two was created again by INCR without an expiry, and kept counting for ever."""
        client = self._cache.get_client(write=True)
        keys = [self.make_and_validate_key(key) for key in keys]
        return client.eval(_INCR_IN_WINDOW, len(keys), *keys, window_seconds)


# KEYS: the counters; ARGV[1]: the window in seconds. A counter without an expiry (new, or
# left by an older version of this code) gets the window's.
_INCR_IN_WINDOW = """
local counts = {}
for index, key in ipairs(KEYS) do
    counts[index] = redis.call('INCR', key)
    if redis.call('TTL', key) < 0 then
        redis.call('EXPIRE', key, ARGV[1])
    end
end
return counts
"""
