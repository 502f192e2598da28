"""Which responses a shared cache (the caching proxy in front of the app) may keep.

An anonymous GET or HEAD that answers 200 and neither sets nor reads a cookie is the same page
for every visitor: it says `Cache-Control: public, max-age=0, s-maxage=<PUBLIC_PAGE_CACHE_SECONDS>`.
The proxy keeps it that long (and is purged when an editor publishes); browsers ask again each
time, so a visitor never sees an old page from their own cache.

Everything else is never kept by anyone (`private, no-store`, Django's never-cache headers):
- what is not a read (a POST, and the page that answers it);
- the admin and Wagtail's own login and password pages (NEVER_CACHED_PREFIXES);
- any request from a logged-in user or with a session: the page may show what is theirs;
- any response that sets a cookie, or varies on Cookie for a request that sent cookies other
  than the CSRF cookie (which only a form reads). A form with CSRF protection sets its token's
  cookie on every response, so a page with a form is never cached even if its view forgot to
  say so; the views with forms say it themselves too (`never_cache`).
- any status but 200, 304, 301 and 404: a 302 to a login, a 400 with a form's errors, a 5xx.

A 301 or a 404 is kept for PUBLIC_ERROR_CACHE_SECONDS only: they are the same for everyone and
a flood of requests for a missing address should not reach the database each time, but a page
published at that address must appear soon even if no purge reaches the proxy.

A view that set Cache-Control itself keeps its own, unless one of the rules above forbids caching.
Static files never come here: WhiteNoise answers them before this middleware.

`conditional()` and `etag_of()` give feeds and the API ETags and 304 Not Modified, from what
the answer is built from rather than from the answer itself.
"""

import hashlib

from django.conf import settings
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import http_date

READS = ("GET", "HEAD")
# A 304 carries the headers of the 200 it stands for: the same policy, or it would mark the copy
# a cache holds as never to be kept.
SHARED = (200, 304)
SHORT_LIVED = (301, 404)


def _setting(name, default):
    return getattr(settings, name, default)


def never_cached_prefixes():
    return tuple(_setting("NEVER_CACHED_PREFIXES", ("/admin/", "/_util/")))


def varies_on_cookie(response):
    vary = response.get("Vary", "")
    return any(part.strip().lower() == "cookie" for part in vary.split(","))


def is_personal(request, response):
    """The answer may hold something of this visitor's, or change what the browser keeps."""
    if request.method not in READS:
        return True
    if request.path.startswith(never_cached_prefixes()):
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    if response.cookies:
        return True
    # Computed with this visitor's cookies: only a request without any makes the shared page.
    # (Almost every page says `Vary: Cookie`, as Wagtail's user bar looks for a logged-in editor;
    # without cookies that is the anonymous page, the same for everyone.) The CSRF cookie alone
    # does not count: only a form reads it, and a form sets it again, so it is private anyway.
    sent = set(request.COOKIES) - {settings.CSRF_COOKIE_NAME}
    return varies_on_cookie(response) and bool(sent)


def make_private(response):
    """Nobody keeps it: not the proxy, not the browser's cache."""
    cache_control = response.get("Cache-Control", "")
    if "public" in cache_control or "s-maxage" in cache_control:
        del response["Cache-Control"]  # what the view allowed no longer holds
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)


def make_public(response, seconds):
    patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)


class HttpCachingMiddleware:
    """Sets the caching policy above on every response that passes through it.

    It sits before SessionMiddleware, CsrfViewMiddleware and AuthenticationMiddleware in
    MIDDLEWARE, so it sees the cookies and Vary headers they add on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_personal(request, response):
            make_private(response)
        elif "Cache-Control" in response:
            pass  # the view decided (never_cache, the API's own lifetime)
        elif response.status_code in SHARED:
            make_public(response, _setting("PUBLIC_PAGE_CACHE_SECONDS", 300))
        elif response.status_code in SHORT_LIVED:
            make_public(response, _setting("PUBLIC_ERROR_CACHE_SECONDS", 60))
        else:
            make_private(response)
        return response


def etag_of(*parts):
    """A strong ETag from what a response is built from (ids, times, the language), so it is
    known before the response is made."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f'"{digest}"'


def conditional(request, respond, *, etag, last_modified=None):
    """304 Not Modified when the client's copy is current (If-None-Match, or If-Modified-Since
    without it); otherwise `respond()`. Either carries the validators.

    `etag` comes from etag_of(); `last_modified` is an aware datetime or None."""
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = respond()
        if response.status_code != 200:
            return response
    response["ETag"] = etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    return response
