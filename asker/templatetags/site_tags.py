"""Template tags for the page frame: main navigation and breadcrumbs."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("components/main_nav.html", takes_context=True)
def main_nav(context):
    """The home page's children that editors marked "show in menus" (one query)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page")
    items = []
    if site is not None:
        items = list(
            Page.objects.child_of(site.root_page)
            .live()
            .in_menu()
            .only("id", "title", "url_path", "path")
        )
    return {
        "items": [
            {
                "title": item.title,
                "url": item.get_url(request),
                "is_current": current is not None and current.id == item.id,
                "is_ancestor": current is not None
                and current.path.startswith(item.path)
                and current.id != item.id,
            }
            for item in items
        ],
        "home_url": site.root_page.get_url(request) if site else "/",
    }


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Ancestors from the home page to the current page; nothing on the home page itself."""
    page = context.get("page")
    request = context.get("request")
    if page is None or page.depth <= 2:
        return {"crumbs": []}
    ancestors = page.get_ancestors().filter(depth__gt=1).only("id", "title", "url_path", "depth")
    crumbs = [{"title": a.title, "url": a.get_url(request)} for a in ancestors]
    crumbs[0]["title"] = "Forside"
    crumbs.append({"title": page.title, "url": None})
    return {"crumbs": crumbs}


@register.filter
def resolved_link(value):
    """A LinkBlock value as href, text and document, for templates that draw it their own way."""
    from asker.blocks import resolve_link

    return resolve_link(value)
