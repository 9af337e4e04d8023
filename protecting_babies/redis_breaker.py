"""Redis for the `default` cache (site chrome, Wagtail's own caching), with a circuit breaker.

The `default` cache ignores Redis errors (`IGNORE_EXCEPTIONS`), so a page still renders without
it. But a Redis that hangs rather than refuses makes every cache call wait out its socket
timeout, and a page makes several: the site would slow to seconds a page, which under load is
down. So after one connection error or timeout this process stops asking Redis for
RETRY_AFTER_SECONDS (the calls fail at once, and the cache treats them as misses), then tries
again. The page cache has its own, equivalent pause (protecting_babies/cache.py).

A write refused or failed meanwhile may have been one that mattered (a new site chrome version
after the helpline changed), so when Redis answers again the callbacks registered with
on_recovery() run: they make good whatever a lost write could have left stale.
"""

import logging
import time

import redis

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30

# Redis commands that change data: losing one may leave something stale.
WRITE_COMMANDS = frozenset(
    {"SET", "SETEX", "PSETEX", "SETNX", "MSET", "DEL", "UNLINK", "INCRBY", "DECRBY", "EXPIRE"}
)

_state = {"open_until": 0.0, "writes_lost": False}
_recovery_callbacks = []


def on_recovery(callback):
    """Run callback() in this process when Redis answers again after writes were lost."""
    _recovery_callbacks.append(callback)


def is_open():
    """Whether Redis is being left alone after a recent failure."""
    return time.monotonic() < _state["open_until"]


def reset():
    _state.update(open_until=0.0, writes_lost=False)


class CircuitBreakerRedis(redis.Redis):
    """redis-py's client, failing at once while the breaker is open (django-redis's
    REDIS_CLIENT_CLASS)."""

    def execute_command(self, *args, **options):
        writes = str(args[0]).upper() in WRITE_COMMANDS
        if _state["writes_lost"] and not is_open():
            # First, before anything is read again, redo what the lost writes would have done
            # (if Redis still fails, their own writes are lost again and this waits its turn).
            _state["writes_lost"] = False
            logger.warning("Trying Redis again: making good the writes lost while it was away")
            for callback in _recovery_callbacks:
                callback()
        if is_open():
            _state["writes_lost"] = _state["writes_lost"] or writes
            raise redis.ConnectionError(
                f"Redis not asked: it failed in the last {RETRY_AFTER_SECONDS} seconds"
            )
        try:
            return super().execute_command(*args, **options)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            logger.warning(
                "Redis unavailable, the default cache is off for %d s: %s",
                RETRY_AFTER_SECONDS,
                error,
            )
            _state["open_until"] = time.monotonic() + RETRY_AFTER_SECONDS
            _state["writes_lost"] = _state["writes_lost"] or writes
            raise
