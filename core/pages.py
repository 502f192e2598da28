"""What every page type shares, whatever its domain."""


class RememberRouteMixin:
    """Pages note themselves on the request while Wagtail routes to the page being served,
    so breadcrumbs need no query for the ancestors."""

    def route(self, request, path_components):
        request.__dict__.setdefault("route_pages", []).append(self)
        return super().route(request, path_components)


def subpage_context(page, tail, **extra):
    """What a view under a page's address shows: the page, named as its page (title,
    breadcrumbs), with `tail` as the last crumb."""
    return {"page": page, "crumb_tail": tail, **extra}
