"""Page numbers for the API's lists: `?page=` and `?page_size=`, with links to the neighbours."""

from math import ceil

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError

DEFAULT_SIZE = 20
MAX_SIZE = 100


class PageParams(Schema):
    page: int = Field(1, ge=1, description="Sidenummeret, fra 1.")
    page_size: int = Field(
        DEFAULT_SIZE, ge=1, le=MAX_SIZE, description=f"Treff per side, høyst {MAX_SIZE}."
    )


def paginate(request, queryset, params, build):
    """One page of `queryset` as the `Paged` schema, each item made by `build`.

    Two queries: the count and the page. A page past the last is a 404, except page 1 of an
    empty list, which is an empty page.
    """
    count = queryset.count()
    pages = max(1, ceil(count / params.page_size))
    if params.page > pages:
        raise HttpError(
            404,
            _("Side %(page)s finnes ikke. Siste side er %(pages)s.")
            % {"page": params.page, "pages": pages},
        )
    start = (params.page - 1) * params.page_size
    items = queryset[start : start + params.page_size]
    return {
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "pages": pages,
        "next": _page_url(request, params.page + 1) if params.page < pages else None,
        "previous": _page_url(request, params.page - 1) if params.page > 1 else None,
        "items": [build(item) for item in items],
    }


def _page_url(request, page):
    query = request.GET.copy()
    query["page"] = page
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
