"""RSS for the index and each plan: the plans' events from the event log, newest first.

One Feed class serves both; the page (index or plan) and its plans are the feed's object.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponseNotAllowed
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from core import events

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


class PlanFeed(Feed):
    # No fixed language: Django gives the active one, that of the address (/en/… is English).
    language = None

    def get_object(self, request, page, plans):
        self.request = request
        return FeedScope(page=page, plans=list(plans))

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
        return events.happened(timezone.now(), scope.plans)[:ITEMS]

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


def feed_response(request, page, plans):
    """The RSS for `page` (the index or one plan) with the events of `plans`."""
    return read_only(request) or PlanFeed()(request, page=page, plans=plans)
