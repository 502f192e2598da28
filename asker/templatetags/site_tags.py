"""Template tags for the page frame: banner, main navigation, breadcrumbs, footer."""

from django import template
from django.utils.safestring import mark_safe

from asker.site_frame import site_frame

register = template.Library()


@register.simple_tag(takes_context=True)
def site_banner(context):
    request = context.get("request")
    return mark_safe(site_frame(request)["banner_html"]) if request else ""


@register.simple_tag(takes_context=True)
def site_footer(context):
    request = context.get("request")
    return mark_safe(site_frame(request)["footer_html"]) if request else ""


@register.inclusion_tag("components/main_nav.html", takes_context=True)
def main_nav(context):
    """The home page's children that editors marked "show in menus"."""
    request = context.get("request")
    current = context.get("page")
    items = site_frame(request)["menu"] if request else []
    return {
        "items": [
            {
                **item,
                "is_current": current is not None and current.id == item["id"],
                "is_ancestor": current is not None
                and current.path.startswith(item["path"])
                and current.id != item["id"],
            }
            for item in items
        ]
    }


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Ancestors from the home page to the current page; nothing on the home page itself."""
    page = context.get("page")
    request = context.get("request")
    if page is None or page.depth <= 2:
        return {"crumbs": []}
    route = getattr(request, "route_pages", None)
    if route and route[-1].id == page.id:
        ancestors = route[:-1]  # served through Wagtail's routing: already loaded
    else:
        ancestors = (
            page.get_ancestors().filter(depth__gt=1).only("id", "title", "url_path", "depth")
        )
    crumbs = [{"title": a.title, "url": a.get_url(request)} for a in ancestors]
    crumbs[0]["title"] = "Forside"
    # A view below a page (such as a plan's innspill form) names itself with `crumb_tail`.
    tail = context.get("crumb_tail")
    crumbs.append({"title": page.title, "url": page.get_url(request) if tail else None})
    if tail:
        crumbs.append({"title": tail, "url": None})
    return {"crumbs": crumbs}


@register.filter
def resolved_link(value):
    """A LinkBlock value as href, text and document, for templates that draw it their own way."""
    from asker.blocks import resolve_link

    return resolve_link(value)
