"""Page numbers for the API's lists: `?page=` and `?page_size=`, with links to the neighbours.

Ninja's own PageNumberPagination answers `{items, count}` only. The published lists also carry
page, page_size, pages, next and previous (schemas.Paged), so `NumberedPages` is a ninja
pagination class that keeps that shape; the views declare it with `@paginate(NumberedPages)`.
"""

from math import ceil

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import PaginationBase

DEFAULT_SIZE = 20
MAX_SIZE = 100


class PageParams(Schema):
    page: int = Field(1, ge=1, description="Sidenummeret, fra 1.")
    page_size: int = Field(
        DEFAULT_SIZE, ge=1, le=MAX_SIZE, description=f"Treff per side, høyst {MAX_SIZE}."
    )


class Built:
    """A queryset whose items become API data only for the page shown: `build(item)` each."""

    def __init__(self, queryset, build):
        self.queryset = queryset
        self.build = build

    def count(self):
        return self.queryset.count()

    def __getitem__(self, page):
        return [self.build(item) for item in self.queryset[page]]


class NumberedPages(PaginationBase):
    """One page of a `Built` list. Two queries: the count and the page. A page past the last is
    a 404, except page 1 of an empty list, which is an empty page."""

    Input = PageParams
    # The view's own response schema (a schemas.Paged) describes the page in OpenAPI.
    Output = None

    def paginate_queryset(self, items, pagination, request, **params):
        count = items.count()
        pages = max(1, ceil(count / pagination.page_size))
        if pagination.page > pages:
            raise HttpError(
                404,
                _("Side %(page)s finnes ikke. Siste side er %(pages)s.")
                % {"page": pagination.page, "pages": pages},
            )
        start = (pagination.page - 1) * pagination.page_size
        return {
            "count": count,
            "page": pagination.page,
            "page_size": pagination.page_size,
            "pages": pages,
            "next": _page_url(request, pagination.page + 1) if pagination.page < pages else None,
            "previous": _page_url(request, pagination.page - 1) if pagination.page > 1 else None,
            "items": items[start : start + pagination.page_size],
        }


def _page_url(request, page):
    query = request.GET.copy()
    query["page"] = page
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
