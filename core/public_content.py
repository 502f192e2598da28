"""The main content of the public pages, rendered once and kept in the cache until something
public changes.

A plan page costs 14 queries and ~15 ms of Python to render, most of it the plan's own sections
(rounds, milestones, people, goals, documents), which change only when something is published.
A page type that renders its `{% block content %}` inside `{% public_content %}` (the template
tag in core.templatetags.public_content_tags) and mixes in CachedContentMixin keeps that HTML in
the default cache and, while it is there, skips the queries of `get_context` for it. The site
frame around it (banner, menu, footer) has its own cache (asker.site_frame).

When it is renewed: the key holds PublicContentVersion's number, which goes up in the same
transaction as every change the cache in front is purged for (core.front_cache: a page
published, unpublished or moved, input published or answered, a round's moment come, a change
to a snippet or document the plans show). So every process, with Redis or its own memory cache,
renders afresh after a change, and never keeps a version older than the database's. The key also
holds the day (milestones are drawn as done or coming by date), the language, the site, the
page's own cache key and the code's release, so a deploy never serves the old templates' HTML.

Never kept: previews, requests with a query string, anything but GET and HEAD, and everything
when PUBLIC_CONTENT_CACHE_SECONDS is 0 (tests, `make run` with DEBUG on).
"""

import hashlib
import os
from functools import cache as once
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.translation import get_language
from wagtail.models import Page, Site

TABLE = "core_publiccontentversion"
RENEW = f"UPDATE {TABLE} SET number = number + 1 WHERE id = 1"
READ = f"SELECT number FROM {TABLE} WHERE id = 1"
# The code, templates and wording that render the pages: their contents name the release.
SOURCE_SUFFIXES = (".py", ".html", ".po")
# Not walked: tools, tests and docs, built files, and the uploads `make run` keeps in the checkout.
SOURCE_SKIPPED = {
    ".venv",
    "tests",
    "bench",
    "docs",
    "node_modules",
    "staticfiles",
    "build",
    "media",
    "private-media",
}


def seconds():
    return settings.PUBLIC_CONTENT_CACHE_SECONDS


def renew():
    """Every page's cached content is out of date."""
    with connection.cursor() as cursor:
        cursor.execute(RENEW)


def version(request):
    """The number now, read once per request (the route and the content share it)."""
    number = getattr(request, "_public_content_version", None)
    if number is None:
        with connection.cursor() as cursor:
            cursor.execute(READ)
            row = cursor.fetchone()
        number = request._public_content_version = row[0] if row else 0
    return number


@once
def release():
    """A digest of the project's Python and templates, read once per process: two releases
    sharing one Redis never serve each other's HTML."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.md5(usedforsecurity=False)
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(
            name for name in subfolders if name not in SOURCE_SKIPPED and not name.startswith(".")
        )
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES):
                path = Path(folder, name)
                digest.update(force_bytes(path.relative_to(root)))
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cacheable(request):
    """Whether what this request sees may come from the cache: a plain GET or HEAD."""
    return (
        seconds() > 0
        and request.method in ("GET", "HEAD")
        and not request.GET
        and not getattr(request, "is_preview", False)
    )


def key(request, *parts):
    """A cache key for `parts` as this request sees them, at this release and version."""
    joined = ":".join(str(part) for part in (release(), version(request), *parts))
    return hashlib.md5(force_bytes(joined), usedforsecurity=False).hexdigest()


def _content_key(request, page):
    site = Site.find_for_request(request)
    parts = (site.pk if site else "", page.pk, page.cache_key, get_language())
    return "public-content:" + key(request, *parts, timezone.localdate().isoformat())


def lookup(request, page):
    """The page's cached content, or None; a miss notes on the request where to keep it."""
    if not cacheable(request):
        return None
    content_key = _content_key(request, page)
    html = cache.get(content_key)
    if html is None:
        request._public_content_key = content_key
    return html


def keep(request, html):
    """Store the content just rendered for this request, if lookup() found none."""
    content_key = getattr(request, "_public_content_key", None)
    if content_key is not None:
        cache.set(content_key, html, seconds())


# The context variable that holds the cached HTML.
CACHED_CONTENT = "cached_content"


class CachedContentMixin:
    """For a page type whose template wraps its content in `{% public_content %}`: with the
    content cached, the context holds only the page and CACHED_CONTENT, and the mixins after
    this one add nothing. The page type's own get_context returns at once when it finds
    CACHED_CONTENT. Only the page itself calls get_context (its routes below, such as the
    feeds and the forms, render their own context)."""

    def get_context(self, request, *args, **kwargs):
        html = lookup(request, self)
        if html is None:
            return super().get_context(request, *args, **kwargs)
        context = Page.get_context(self, request, *args, **kwargs)
        context[CACHED_CONTENT] = html
        return context
