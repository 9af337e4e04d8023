"""One circuit breaker for the caches: after a failure, this process leaves them alone for a while.

The caches are a speed-up, never a dependency: a cache that refuses is a miss. But a Redis that
hangs rather than refuses makes every cache call wait out its socket timeout, and a page makes
several: the site would slow to seconds a page, which under load is down. So after one
connection error or timeout, this process stops asking for RETRY_AFTER_SECONDS (the calls fail
at once, and the callers treat them as misses), then tries again. The page cache and the
`default` cache (site chrome, Wagtail's own caching) share the one breaker: they share the
one Redis.

A write refused or failed meanwhile may have been one that mattered (a purge after a publish,
a new site chrome version after the helpline changed), so when the caches answer again the
callbacks registered with on_recovery() run first: they make good whatever a lost write could
have left stale.
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
    """Run callback() in this process when the caches answer again after writes were lost."""
    if callback not in _recovery_callbacks:
        _recovery_callbacks.append(callback)


def is_open():
    """Whether the caches are being left alone after a recent failure."""
    return time.monotonic() < _state["open_until"]


def reset():
    _state.update(open_until=0.0, writes_lost=False)


def allow(writes=False):
    """Whether to ask the cache now. First, once the pause is over, redo what lost writes would
    have done; while paused, a write that is not asked for counts as lost."""
    if _state["writes_lost"] and not is_open():
        # Before anything is read again (if the cache still fails, the callbacks' own writes
        # are lost again and this waits its turn).
        _state["writes_lost"] = False
        logger.warning("Trying the cache again: making good the writes lost while it was away")
        try:
            for callback in _recovery_callbacks:
                callback()
        except Exception as error:  # still down: the writes are lost again, try later
            failed(error, writes=True)
    if is_open():
        _state["writes_lost"] = _state["writes_lost"] or writes
        return False
    return True


def failed(error, writes=False):
    """A cache call failed: leave the caches alone for RETRY_AFTER_SECONDS."""
    if not is_open():
        logger.warning(
            "Cache unavailable, pages served uncached for %d s: %s", RETRY_AFTER_SECONDS, error
        )
    _state["open_until"] = time.monotonic() + RETRY_AFTER_SECONDS
    _state["writes_lost"] = _state["writes_lost"] or writes


class CircuitBreakerRedis(redis.Redis):
    """redis-py's client, failing at once while the breaker is open (django-redis's
    REDIS_CLIENT_CLASS, for every cache on Redis)."""

    def execute_command(self, *args, **options):
        writes = str(args[0]).upper() in WRITE_COMMANDS
        if not allow(writes):
            raise redis.ConnectionError(
                f"Redis not asked: it failed in the last {RETRY_AFTER_SECONDS} seconds"
            )
        try:
            return super().execute_command(*args, **options)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            failed(error, writes)
            raise
