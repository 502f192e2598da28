"""RSS for the index and each plan: the plans' events from the event log, newest first.

One Feed class serves both; the page (index or plan), its plans and the items are the feed's
object. The items are one bounded query on the event log (ITEMS rows), whatever the number of
inputs and answers; they and the pages' publication times make the ETag, so a reader whose copy
is current gets 304 Not Modified without the feed being written.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponseNotAllowed
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import get_language, gettext

from core import events
from core.http_caching import conditional, etag_of

ITEMS = 50


def public_host(request):
    """The public host name, for guids and UIDs unique among everything a reader follows."""
    return urlsplit(settings.SITE_URL).hostname or request.get_host()


def is_one_plan(page, plans):
    """A plan's own feed, as opposed to the index's feed of all its plans."""
    return list(plans) == [page]


def feed_title(page, plans):
    if is_one_plan(page, plans):
        # Translators: the name of a plan's RSS feed and calendar; title: the plan's title.
        return gettext("%(title)s – Asker kommune") % {"title": page.title}
    return gettext("Temaplaner – Asker kommune")


@dataclass(frozen=True)
class FeedScope:
    page: object  # ThemePlanIndexPage or ThemePlanPage
    plans: list
    items: list  # the events shown, newest first


class PlanFeed(Feed):
    # No fixed language: Django gives the active one, that of the address (/en/… is English).
    language = None

    def get_object(self, request, scope):
        self.request = request
        return scope

    def title(self, scope):
        return feed_title(scope.page, scope.plans)

    def link(self, scope):
        return scope.page.get_url(self.request)

    def description(self, scope):
        if is_one_plan(scope.page, scope.plans):
            # Translators: title: the plan's title.
            return gettext(
                "Nytt om temaplanen %(title)s: endrede datoer, innspillsrunder og kommunens "
                "svar på innspill."
            ) % {"title": scope.page.title}
        return gettext(
            "Nytt om Asker kommunes temaplaner: nye planer, endrede datoer, innspillsrunder "
            "og kommunens svar på innspill."
        )

    def items(self, scope):
        return scope.items

    def item_title(self, event):
        # Plain text, as readers take an RSS title; the XML writer escapes it.
        return event.title

    def item_description(self, event):
        # Readers take the description as HTML: escaped, «<» in a plan's title stays text.
        return escape(event.description)

    def item_link(self, event):
        return event.link

    def item_guid(self, event):
        # A tag URI from the event's key, not its link: several events share a link, and a
        # renamed plan keeps its items.
        return f"tag:{public_host(self.request)},2026:{event.key}"

    item_guid_is_permalink = False

    def item_pubdate(self, event):
        return event.moment

    def item_categories(self, event):
        return [event.page.title]


READ_ONLY = ("GET", "HEAD")


def read_only(request):
    """A 405 for anything but reading: a feed is never posted to."""
    if request.method not in READ_ONLY:
        return HttpResponseNotAllowed(READ_ONLY)
    return None


def pages_version(page, plans):
    """What a feed or calendar shows of the pages themselves changes only when one of them is
    published (a title, an address, milestones, rounds) or a plan comes or goes."""
    return (
        get_language(),
        settings.SITE_URL,
        [(p.pk, p.url_path, p.last_published_at) for p in [page, *plans]],
    )


def feed_response(request, page, plans):
    """The RSS for `page` (the index or one plan) with the events of `plans`."""
    if refused := read_only(request):
        return refused
    plans = list(plans)
    items = list(events.happened(timezone.now(), plans)[:ITEMS])
    scope = FeedScope(page=page, plans=plans, items=items)
    shown = [(e.key, e.page_id, e.happened_at, e.until, e.data) for e in items]
    return conditional(
        request,
        lambda: PlanFeed()(request, scope=scope),
        etag=etag_of(pages_version(page, plans), shown),
    )
