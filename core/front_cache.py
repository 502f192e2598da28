"""The cache in front of the app (deploy/varnish/): what to drop from it when something public
changes, sent through Wagtail's frontend cache (wagtail.contrib.frontend_cache).

A page that changes takes with it its own addresses (`Page.get_cached_paths`: the page, and
its feeds and lists below it), the same for each page above it (the index's cards and feeds, the
home page's news), the sitemap, and whatever the apps add through the `front_cache_related`
Wagtail hook (the API's list of plans). Each address is purged in Norwegian and under /en/.

Nothing here knows the domain: the apps call `purge_page` when their public output changes
(input published, a round's moment come: `manage.py purge_due_pages`), and the page signals
below do it for publish, unpublish, move and a changed slug.

Every call also renews the pages' cached content in the app (core.public_content). With no
cache configured (FRONTEND_CACHE_URL unset, as under `make run`) that is all it does. A purge
is sent after the transaction commits, through Wagtail's task (the worker sends it;
TASKS_BACKEND=immediate sends it at once), and a purge that fails is logged and never stops
the publishing that caused it.
"""

import logging
from datetime import timedelta
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from wagtail import hooks
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache
from wagtail.models import Page, Site

from core import public_content

log = logging.getLogger(__name__)

# A Wagtail hook: fn(page) -> more paths from the site's root ("/api/plans/") to purge with it.
RELATED_HOOK = "front_cache_related"
# Addresses outside the language prefixes, for every change.
SITE_PATHS = ("/sitemap.xml",)
# A cache that does not answer within this many seconds is given up on (and logged).
TIMEOUT = 5
# manage.py purge_due_pages: the moment it last looked, and how far back it looks without one.
LAST_RUN_KEY = "front-cache:due-events-until"
FIRST_LOOK_BACK = timedelta(hours=1)


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP backend (PURGE per address) with a timeout, since a cache that hangs must
    not hold the worker; and BAN for everything under a path (deploy/varnish/default.vcl)."""

    def _send(self, method, url):
        parts = urlsplit(url)
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""]),
            headers={"Host": parts.netloc or "localhost"},
        )
        request.get_method = lambda: method
        try:
            with urlopen(request, timeout=TIMEOUT):  # the configured cache, never a visitor's URL
                pass
        except (URLError, OSError) as error:
            log.error("Kunne ikke tømme %s %s i mellomlageret: %s", method, url, error)

    def purge(self, url):
        self._send("PURGE", url)

    def ban(self, url):
        self._send("BAN", url)


def configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _languages(path):
    """The path in every language of the site: /temaplaner/ and /en/temaplaner/."""
    default = settings.LANGUAGE_CODE.split("-")[0]
    prefixes = [""] + [f"/{code}" for code, _name in settings.LANGUAGES if code != default]
    return [prefix + path for prefix in prefixes]


def page_paths(page):
    """The page's own addresses from the site's root, in every language: empty for a page with
    no address (the tree's root, a page outside any site)."""
    url = page.get_url()
    if not url:
        return []
    path = urlsplit(url).path
    own = [path + cached.lstrip("/") for cached in page.specific_deferred.get_cached_paths()]
    return [localised for cached in own for localised in _languages(cached)]


def related_paths(page):
    """What changes with the page: its own addresses, those of the pages above it (their lists
    and feeds show it), the sitemap and what the apps add through RELATED_HOOK."""
    paths = list(page_paths(page))
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific(defer=True):
        paths += page_paths(ancestor)
    paths += SITE_PATHS
    for related in hooks.get_hooks(RELATED_HOOK):
        paths += list(related(page))
    return paths


def purge_paths(paths):
    """Drop these paths (from the site's root) from the cache once the transaction commits."""
    public_content.renew()
    _drop_paths(paths)


def _drop_paths(paths):
    """The cache in front's part of purge_paths (the callers here renew the content once)."""
    if not configured():
        return
    root = Site.objects.filter(is_default_site=True).first()
    base = root.root_url if root else "http://localhost"
    urls = sorted({base + path for path in paths})
    transaction.on_commit(lambda: _send(urls))


def _send(urls):
    try:
        purge_urls_from_cache(urls)
    except Exception:  # a purge must never stop the publishing that caused it
        log.exception("Kunne ikke tømme %d adresser i mellomlageret", len(urls))


def purge_page(page, *also):
    """Drop the page and everything that shows it; `also`: more pages whose lists changed."""
    public_content.renew()
    if not configured():
        return
    paths = []
    for each in (page, *also):
        paths += related_paths(each)
    _drop_paths(paths)


def purge_everything():
    """Drop every page (a change to the site's banner, menu or footer, which all pages show)."""
    public_content.renew()
    _ban_everything()


def _ban_everything():
    if not configured():
        return

    def ban():
        for backend in get_backends().values():
            if hasattr(backend, "ban"):
                backend.ban("http://localhost/")
            else:
                log.warning("Mellomlageret %r kan ikke tømmes helt", backend)

    transaction.on_commit(ban)


def purge_due_events(now=None):
    """Drop the pages of events whose moment (or end) has come since the last call: a round
    that opened or closed with nobody acting. Returns the number of pages purged."""
    from core.models import Event

    now = now or timezone.now()
    since = cache.get(LAST_RUN_KEY) or now - FIRST_LOOK_BACK
    due = Event.objects.filter(happened_at__gt=since, happened_at__lte=now)
    ended = Event.objects.filter(until__gt=since, until__lte=now)
    page_ids = set(due.values_list("page_id", flat=True)) | set(
        ended.values_list("page_id", flat=True)
    )
    pages = list(Page.objects.filter(pk__in=page_ids, live=True).specific(defer=True))
    if pages:
        purge_page(*pages)
    cache.set(LAST_RUN_KEY, now, timeout=None)
    return len(pages)


# Wagtail's page signals, connected in core.apps for every page type.


def in_menu(page):
    """Whether the page is one of the site's main menu (a child of a site's root): every page
    shows that menu (asker.site_frame)."""
    parent = page.get_parent()
    return parent is not None and Site.objects.filter(root_page_id=parent.pk).exists()


def page_changed(sender, instance, **kwargs):
    """page_published and page_unpublished."""
    public_content.renew()
    if not configured():
        return
    if in_menu(instance):
        _ban_everything()
    else:
        _drop_paths(related_paths(instance))


def page_moved(sender, instance, parent_page_before, parent_page_after, url_path_before, **kw):
    """post_page_move: the page at its new address and its new parents, the old address and the
    old parents' lists."""
    public_content.renew()
    if not configured():
        return
    if parent_page_before is None or not instance.live:
        return
    if in_menu(instance) or Site.objects.filter(root_page=parent_page_before).exists():
        _ban_everything()
        return
    paths = related_paths(instance) + related_paths(parent_page_before)
    site = instance.get_site()
    if site is not None:
        root = site.root_page.url_path
        if url_path_before.startswith(root):
            paths += _languages("/" + url_path_before[len(root) :])
    _drop_paths(paths)


def slug_changed(sender, instance, instance_before, **kwargs):
    """page_slug_changed: the page's old addresses (its new ones go with page_published)."""
    public_content.renew()
    if configured():
        _drop_paths(page_paths(instance_before))
