"""Spam checks that need no third party and no puzzle.

- a honeypot field people never see and bots fill in,
- a signed timestamp: a form sent back within seconds of being shown was not typed by hand,
- a limit on posts per client address, counted in Django's cache (shared through Redis).
"""

import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

SALT = "participation.form-shown-at"


def form_stamp():
    """The hidden value a form carries: when it was shown, signed so it cannot be forged."""
    return signing.dumps(int(time.time()), salt=SALT)


def seconds_since_shown(stamp):
    """Seconds since the form with this stamp was shown, or None if the stamp is not ours."""
    try:
        shown_at = signing.loads(stamp, salt=SALT, max_age=24 * 3600)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return time.time() - shown_at


def too_fast(stamp):
    elapsed = seconds_since_shown(stamp)
    return elapsed is None or elapsed < settings.PARTICIPATION_MIN_FILL_SECONDS


def client_address(request):
    """The client's address; behind a proxy, the last hop the proxy added to CLIENT_IP_HEADER."""
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        hops = [hop.strip() for hop in value.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def over_rate_limit(request):
    """Count this post against the address; True once the address has used up its window."""
    key = f"participation:posts:{client_address(request)}"
    window = settings.PARTICIPATION_RATE_WINDOW
    cache.add(key, 0, window)  # starts the window; a no-op while it runs
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > settings.PARTICIPATION_RATE_LIMIT
