"""/sok/: search over plans, other pages and published input. Read-only: a GET never writes
(no Query.add_hit(), no promotions), so a search cannot fill the database."""

import re
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from asker.search.excerpts import term_pattern
from asker.search.hits import build_hits, kinds, suggested_plans
from core import paging

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
PER_PAGE = 10
ALL = "alle"
# At most this many hits of a kind are counted and listed: a search is read from its first
# pages, and counting every match of a common word in 100,000 inputs costs a scan.
MAX_HITS = 200


def read_query(raw):
    """The query as searched and shown: printable, single-spaced, at most MAX_QUERY_LENGTH.

    Returns (query, terms, notices); the notices say what was done to an odd query."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw)
    query = " ".join(printable.split())
    notices = []
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH].rstrip()
        notices.append(
            _("Søket var for langt. Vi søkte bare etter de %(count)s første tegnene.")
            % {"count": MAX_QUERY_LENGTH}
        )
    terms = re.findall(r"\w+", query)
    if query and not terms:
        notices.append(
            _("Søket inneholdt ingen ord. Skriv ett eller flere ord, for eksempel «klima».")
        )
    elif len(terms) > MAX_TERMS:
        terms = terms[:MAX_TERMS]
        notices.append(
            _("Søket hadde for mange ord. Vi søkte bare etter de %(count)s første.")
            % {"count": MAX_TERMS}
        )
    return query, terms, notices


def bounded_count(results):
    """How many hits, up to MAX_HITS + 1 (which means «more than MAX_HITS»): a ranked list is
    counted, a query counted with a LIMIT."""
    if isinstance(results, list):
        return min(len(results), MAX_HITS + 1)
    return results[: MAX_HITS + 1].count()


def searches(site, terms):
    """One lazy search per kind, each limited to live, public content of this site."""
    text = " ".join(terms)
    pages = Page.objects.live().public().in_site(site)
    return {kind: searchable.search(site, pages, text) for kind, searchable in kinds().items()}


class ChainedResults:
    """Several search results read as one list, type after type, for the paginator.

    Slicing asks each underlying result only for the part it holds, so a page of hits costs
    at most one query per type."""

    def __init__(self, parts):
        self.parts = parts  # (kind, results, count)

    def count(self):
        return sum(count for _kind, _results, count in self.parts)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        found, offset = [], 0
        for kind, results, count in self.parts:
            start, stop = max(window.start - offset, 0), min(window.stop - offset, count)
            if start < stop:
                found.extend((kind, obj) for obj in results[start:stop])
            offset += count
        return found


def _address(query, kind=ALL):
    params = {"q": query}
    if kind != ALL:
        params["type"] = kind
    return urlencode(params)


@require_safe
def search_page(request):
    query, terms, notices = read_query(request.GET.get("q", ""))
    labels = {kind: searchable.label for kind, searchable in kinds().items()}
    kind = request.GET.get("type", ALL)
    if kind not in labels:
        kind = ALL
    site = Site.find_for_request(request)
    context = {"query": query, "notices": notices, "kind": kind, "hits": []}
    if terms and site is not None:
        results = searches(site, terms)
        found_counts = {name: bounded_count(found) for name, found in results.items()}
        more = {name: count > MAX_HITS for name, count in found_counts.items()}
        counts = {name: min(count, MAX_HITS) for name, count in found_counts.items()}
        chosen = [(name, results[name], counts[name]) for name in labels if kind in (ALL, name)]
        page = Paginator(ChainedResults(chosen), PER_PAGE).get_page(paging.requested_page(request))
        context.update(
            searched=True,
            results_page=page,
            total=page.paginator.count,
            hits=build_hits(request, page.object_list, term_pattern(terms)),
            # A kind with more than MAX_HITS hits lists MAX_HITS and says «over».
            capped=any(more[name] for name, _results, _count in chosen),
            filters=[
                {
                    "kind": ALL,
                    "label": _("Alle"),
                    "count": sum(counts.values()),
                    "more": any(more.values()),
                },
                *(
                    {"kind": k, "label": v, "count": counts[k], "more": more[k]}
                    for k, v in labels.items()
                ),
            ],
            page_params=_address(query, kind) + "&",
            kind_label=labels.get(kind, ""),
        )
        for item in context["filters"]:
            item["url"] = "?" + _address(query, item["kind"])
    if not context["hits"] and site is not None:
        context["plans"] = suggested_plans(site)
    return render(request, "asker/search_page.html", context)
