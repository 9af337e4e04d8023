"""Redis for the `default` cache (site chrome, Wagtail's own caching), with a circuit breaker.

The `default` cache ignores Redis errors (`IGNORE_EXCEPTIONS`), so a page still renders without
it. But a Redis that hangs rather than refuses makes every cache call wait out its socket
timeout, and a page makes several: the site would slow to seconds a page, which under load is
down. So after one connection error or timeout this process stops asking Redis for
RETRY_AFTER_SECONDS (the calls fail at once, and the cache treats them as misses), then tries
again. The page cache has its own, equivalent pause (protecting_babies/cache.py).
"""

import logging
import time

import redis

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30

_state = {"open_until": 0.0}


def is_open():
    """Whether Redis is being left alone after a recent failure."""
    return time.monotonic() < _state["open_until"]


def reset():
    _state["open_until"] = 0.0


class CircuitBreakerRedis(redis.Redis):
    """redis-py's client, failing at once while the breaker is open (django-redis's
    REDIS_CLIENT_CLASS)."""

    def execute_command(self, *args, **options):
        if is_open():
            raise redis.ConnectionError("Redis not asked: it failed in the last 30 seconds")
        try:
            return super().execute_command(*args, **options)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            logger.warning(
                "Redis unavailable, the default cache is off for %d s: %s",
                RETRY_AFTER_SECONDS,
                error,
            )
            _state["open_until"] = time.monotonic() + RETRY_AFTER_SECONDS
            raise
