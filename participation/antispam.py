"""Spam checks that need no third party and no puzzle.

- a honeypot field people never see and bots fill in,
- a signed timestamp: a form sent back within seconds of being shown was not typed by hand,
- a limit on posts per client address, counted in Django's cache (shared through Redis).
"""

import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

SALT = "participation.form-shown-at"
MAX_AGE = 24 * 3600
TOO_FAST, EXPIRED = "too_fast", "expired"


def form_stamp():
    """The hidden value a form carries: when it was shown and a nonce naming this one form,
    signed so it cannot be forged."""
    return signing.dumps({"t": int(time.time()), "n": secrets.token_hex(8)}, salt=SALT)


def _read(stamp):
    return signing.loads(stamp, salt=SALT, max_age=MAX_AGE)


def stamp_problem(stamp):
    """None for a form filled in by a person; TOO_FAST when sent within seconds of being
    shown (or with a stamp that is not ours), EXPIRED when open for more than a day."""
    try:
        shown = _read(stamp)
    except signing.SignatureExpired:
        return EXPIRED
    except (signing.BadSignature, TypeError, ValueError):
        return TOO_FAST
    if not isinstance(shown, dict) or time.time() - shown.get("t", 0) < (
        settings.PARTICIPATION_MIN_FILL_SECONDS
    ):
        return TOO_FAST
    return None


def _sent_key(stamp):
    return f"participation:sent:{_read(stamp)['n']}"


def already_sent(stamp):
    """The token of the input this very form already gave, if it was sent before (a double
    click, or the back button and «send» again)."""
    return cache.get(_sent_key(stamp))


def remember_sent(stamp, token):
    cache.set(_sent_key(stamp), token, MAX_AGE)


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
