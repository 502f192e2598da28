"""What the site search (/sok/) finds: each app registers its searchable things here.

An app describes them in its own `searchable.py`, found the way Wagtail finds
`wagtail_hooks.py`: a lazy search limited to live, public content of a site, and how one page
of its hits reads (title, address, texts to highlight). The search page lists the kinds in
`order`, counts each and builds the excerpts; it never imports the apps' views.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Found:
    """One hit as its app describes it; the search page adds the highlighted excerpt."""

    title: str
    url: str
    # (label, plain text) pairs, the one that says best why it matched first, e.g. ("Tema", …).
    texts: Iterable[tuple[str, str]]
    # The page the hit belongs to, shown beside it (an input's plan), if any.
    parent_title: str = ""


@dataclass(frozen=True)
class Searchable:
    kind: str  # the GET value that limits a search to this kind, e.g. "innspill"
    label: str  # e.g. «Innspill»
    order: int  # where its hits come in the list
    # (site, pages, text) -> lazy search results among live, public content of the site;
    # `pages` are the site's live, public pages (view restrictions read once for all kinds).
    search: Callable
    describe: Callable  # (request, objects) -> [Found], in a fixed number of queries
    title_is_content: bool = True  # False when the title is ours («Innspill INN-2026-00042»)


_registry: dict[str, Searchable] = {}
_discovered = False


def register(searchable):
    _registry[searchable.kind] = searchable


def searchables():
    """Every registered kind, in order."""
    global _discovered
    if not _discovered:
        autodiscover_modules("searchable")
        _discovered = True
    return sorted(_registry.values(), key=lambda searchable: searchable.order)


def field_texts(obj, *names):
    """Plain text of the named fields: rich text and StreamFields stripped of their markup."""
    for name in names:
        value = getattr(obj, name, None)
        if not value:
            continue
        model_field = obj._meta.get_field(name)
        if hasattr(model_field, "get_searchable_content"):
            yield "", " ".join(model_field.get_searchable_content(value))
        else:
            yield "", str(value)
