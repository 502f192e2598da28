"""What a search result shows: title, address, type and highlighted context, built in bulk.

Each kind of hit comes from the app that owns it (core.search: the `searchable.py` modules);
this module only adds the excerpts.
"""

from dataclasses import dataclass, field

from asker.search.excerpts import Piece, best_excerpt
from core import search
from themeplans.models import ThemePlanPage


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: str
    url: str
    title_is_content: bool = True  # a page's title is an editor's text; an input's is ours
    label: str = ""  # where the match is, e.g. «Tema»
    excerpt: list[Piece] = field(default_factory=list)
    plan_title: str = ""  # the plan an input was sent to


def kinds():
    """The kinds a search can be limited to, by their GET value, in the order hits are listed."""
    return {searchable.kind: searchable for searchable in search.searchables()}


def build_hits(request, found, pattern):
    """Hits for one page of results: (kind, object) pairs, in order; each kind describes its
    objects in one go, so a page costs a fixed number of queries."""
    by_kind = {}
    for kind, obj in found:
        by_kind.setdefault(kind, []).append(obj)
    searchables = kinds()
    described = {
        kind: iter(searchables[kind].describe(request, objects))
        for kind, objects in by_kind.items()
    }
    hits = []
    for kind, _obj in found:
        searchable, one = searchables[kind], next(described[kind])
        label, pieces = best_excerpt(one.texts, pattern)
        hits.append(
            Hit(
                kind,
                searchable.label,
                one.title,
                one.url,
                searchable.title_is_content,
                label,
                pieces,
                plan_title=one.parent_title,
            )
        )
    return hits


def suggested_plans(site):
    """All plans on the site, for the empty and the no-hit page."""
    return list(ThemePlanPage.objects.live().public().in_site(site).order_by("path"))
