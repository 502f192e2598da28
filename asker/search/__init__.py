"""Site search at /sok/ (views), with the hits it shows (hits) and their highlights (excerpts)."""

from asker.search.views import search_page

__all__ = ["search_page"]
