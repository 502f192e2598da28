"""A Redis cache the site survives losing.

Django's RedisCache raises when Redis does not answer, so one stopped Redis gave every page,
the API, the feeds and the form a 500. This backend answers as Redis would for a key it does
not hold: `get` gives the default, `add`, `set` and `delete` store nothing, `incr` raises
ValueError as for a missing key. Callers need no change of their own: the page frame and
Wagtail's site and rendition lookups are built from the database, and the post and password
reset limits count nothing, so they let requests through (fail open) while Redis is away.

Short socket timeouts make a dead Redis cost milliseconds. After a failure the backend leaves
Redis alone for RETRY_AFTER seconds, so a Redis that does not even refuse (its host gone,
packets dropped) costs one timeout per process now and then, not one per call. A warning is
logged when Redis goes away, again at most every WARN_EVERY seconds while it stays away (with
the number of calls answered without it), and a line when it answers again.
"""

import logging
import threading
import time
from functools import wraps
from urllib.parse import urlsplit

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

# Redis on the same network answers in well under a millisecond; beyond these it is away.
SOCKET_TIMEOUTS = {"socket_connect_timeout": 0.2, "socket_timeout": 0.5}
RETRY_AFTER = 2.0  # seconds without asking Redis after it failed to answer
WARN_EVERY = 60.0  # seconds between warnings while it stays away


class _Availability:
    """Whether one Redis answers, shared by all threads of a process (Django builds a cache
    backend per thread, so the backend itself cannot hold this)."""

    def __init__(self, server):
        self.server = server
        self._lock = threading.Lock()
        self._retry_at = 0.0
        self._away_since = None
        self._warned_at = None
        self._missed = 0  # calls answered without Redis since the last warning

    def worth_asking(self):
        if time.monotonic() >= self._retry_at:
            return True
        with self._lock:
            self._missed += 1
        return False

    def failed(self, error):
        now = time.monotonic()
        with self._lock:
            self._retry_at = now + RETRY_AFTER
            self._missed += 1
            if self._away_since is None:
                self._away_since = now
            if self._warned_at is not None and now - self._warned_at < WARN_EVERY:
                return
            self._warned_at, missed, self._missed = now, self._missed, 0
        log.warning(
            "Redis på %s svarer ikke (%s): sidene bygges fra databasen, og grensene for innspill "
            "og e-post om nytt passord telles ikke før Redis svarer igjen (%d kall uten Redis)",
            self.server,
            error,
            missed,
        )

    def answered(self):
        if self._away_since is None:  # the usual case, without taking the lock
            return
        with self._lock:
            if self._away_since is None:
                return
            away = time.monotonic() - self._away_since
            self._away_since = self._warned_at = None
            self._retry_at, self._missed = 0.0, 0
        log.info("Redis på %s svarer igjen etter %.0f s", self.server, away)


_availability = {}
_availability_lock = threading.Lock()


def _without_password(server):
    parts = urlsplit(server)
    return parts.netloc.rpartition("@")[2] or parts.path  # host:port, or a unix socket's path


def _availability_of(servers):
    # Named without the password the address may hold, since the name goes to the log.
    name = ",".join(_without_password(server) for server in servers)
    with _availability_lock:
        return _availability.setdefault(name, _Availability(name))


def _fail_open(fallback):
    """Run the cache call; when Redis does not answer, return what `fallback` gives for the
    same arguments."""

    def decorate(method):
        @wraps(method)
        def guarded(self, *args, **kwargs):
            if not self.availability.worth_asking():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except RedisError as error:
                self.availability.failed(error)
                return fallback(*args, **kwargs)
            self.availability.answered()
            return result

        return guarded

    return decorate


def _not_found(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found.")


class FailOpenRedisCache(RedisCache):
    """Django's Redis cache, answering as an empty cache that keeps nothing while Redis is away.

    decr, get_or_set and the async methods are built on these in BaseCache."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._options = {**SOCKET_TIMEOUTS, **self._options}
        self.availability = _availability_of(self._servers)

    get = _fail_open(lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = _fail_open(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _fail_open(lambda *args, **kwargs: False)(RedisCache.has_key)
    add = _fail_open(lambda *args, **kwargs: False)(RedisCache.add)
    set = _fail_open(lambda *args, **kwargs: None)(RedisCache.set)
    # The keys that were not stored: all of them.
    set_many = _fail_open(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    touch = _fail_open(lambda *args, **kwargs: False)(RedisCache.touch)
    incr = _fail_open(_not_found)(RedisCache.incr)
    delete = _fail_open(lambda *args, **kwargs: False)(RedisCache.delete)
    delete_many = _fail_open(lambda *args, **kwargs: None)(RedisCache.delete_many)
    clear = _fail_open(lambda *args, **kwargs: False)(RedisCache.clear)

    def ping(self):
        """Whether Redis answers now, asked even during the pause after a failure (the
        readiness check uses it, so a Redis that is back is used again at once)."""
        try:
            self._cache.get_client(write=True).ping()
        except RedisError as error:
            self.availability.failed(error)
            return False
        self.availability.answered()
        return True
