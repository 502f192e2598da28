"""Template tags for the page frame: banner, main navigation, breadcrumbs, footer."""

from datetime import datetime

from django import template
from django.conf import settings
from django.template.defaultfilters import date as format_date
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from asker import page_meta as page_meta_module
from asker.site_frame import site_frame
from core import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def site_banner(context):
    request = context.get("request")
    return mark_safe(site_frame(request)["banner_html"]) if request else ""


@register.simple_tag(takes_context=True)
def site_footer(context):
    request = context.get("request")
    return mark_safe(site_frame(request)["footer_html"]) if request else ""


@register.simple_tag(takes_context=True)
def general_contact(context):
    """How to reach the municipality, from the footer settings (address, phone, e-mail, «Kontakt
    oss»): for a page whose own people cannot be contacted. Cached with the frame: no query."""
    request = context.get("request")
    return mark_safe(site_frame(request).get("contact_html", "")) if request else ""


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


def _crumbs(context):
    """Ancestors from the home page to the current page; none on the home page itself.

    Kept on the request, since the breadcrumbs and the structured data both show them."""
    page = context.get("page")
    request = context.get("request")
    if page is None or page.depth <= 2:
        return []
    remembered = getattr(request, "crumbs", None)
    if remembered and remembered[0] == page.id:
        return remembered[1]
    route = getattr(request, "route_pages", None)
    if route and route[-1].id == page.id:
        ancestors = route[:-1]  # served through Wagtail's routing: already loaded
    else:
        ancestors = (
            page.get_ancestors().filter(depth__gt=1).only("id", "title", "url_path", "depth")
        )
    crumbs = [{"title": a.title, "url": a.get_url(request)} for a in ancestors]
    crumbs[0]["title"] = _("Forside")
    # A view below a page (such as a plan's innspill form) names itself with `crumb_tail`.
    tail = context.get("crumb_tail")
    crumbs.append({"title": page.title, "url": page.get_url(request) if tail else None})
    if tail:
        crumbs.append({"title": tail, "url": None})
    if request is not None:
        request.crumbs = (page.id, crumbs)
    return crumbs


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    return {"crumbs": _crumbs(context), "has_tail": bool(context.get("crumb_tail"))}


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def page_meta(context):
    """Description, canonical address, Open Graph and JSON-LD for the page in the context.

    Views without a page of their own (search) get the canonical address and nothing that
    would describe another page."""
    request = context.get("request")
    if request is None:
        return {}
    page = context.get("page")
    tail = context.get("crumb_tail")
    url = page_meta_module.canonical_url(request)
    alternates = [
        {"code": alt["code"], "url": page_meta_module.canonical_url(request, alt["url"])}
        for alt in languages.alternates(request, keep_query=False)
    ]
    # Readers whose language is neither get the Norwegian page.
    alternates += [
        {"code": "x-default", "url": alt["url"]}
        for alt in alternates
        if alt["code"] == settings.LANGUAGE_CODE
    ]
    if page is None:
        return {"canonical": url, "alternates": alternates}
    title = page.seo_title or page.title
    title = f"{tail} – {page.title}" if tail else title
    summary = page_meta_module.description(page)
    return {
        "canonical": url,
        "alternates": alternates,
        "og_locale": languages.og_locale(),
        "title": title,
        "description": summary,
        "site_name": page_meta_module.SITE_NAME,
        "og_type": "website" if page.depth <= 3 else "article",
        "structured_data": page_meta_module.structured_data(
            page, title, summary, url, _crumbs(context)
        ),
    }


@register.filter
def resolved_link(value):
    """A LinkBlock value as href, text and document, for templates that draw it their own way."""
    from core.blocks import resolve_link

    return resolve_link(value)


@register.simple_tag
def content_lang(language=None):
    return languages.lang_attribute(language)


@register.filter
def in_content_lang(text):
    """Norwegian content (a plan's title) to put inside an interface sentence: marked
    lang="nb" where the interface is not Norwegian, so a screen reader says it right."""
    mark = languages.lang_mark()
    return format_html('<span lang="{}">{}</span>', mark, text) if mark and text else text


@register.filter
def marking_title(text, page):
    """`text` (a sentence in the interface's language) with the page's title in it marked
    lang="nb" where the interface is not Norwegian: «New theme plan: <span lang="nb">…</span>»."""
    mark = languages.lang_mark()
    if not mark or not page.title or page.title not in text:
        return text
    before, _, after = text.partition(page.title)
    return format_html('{}<span lang="{}">{}</span>{}', before, mark, page.title, after)


@register.simple_tag
def interface_lang():
    return languages.active_language()


@register.inclusion_tag("components/language_switch.html", takes_context=True)
def language_switch(context):
    """A link to this page in the other interface language(s)."""
    request = context.get("request")
    if request is None:
        return {"others": []}
    return {"others": [alt for alt in languages.alternates(request) if not alt["is_active"]]}


@register.filter(expects_localtime=True)
def machine_time(value):
    """`<time datetime="{{ moment|machine_time }}">`: the ISO 8601 value HTML allows, to the
    second: Django's "c" format writes microseconds, and HTML takes at most three digits after
    the seconds. A date stays a date."""
    if not value:
        return ""
    if isinstance(value, datetime):
        return format_date(value.replace(microsecond=0), "c")
    return format_date(value, "Y-m-d")


@register.filter(expects_localtime=True)
def time_tag(value, named_format="DATE_FORMAT"):
    """`{{ day|time_tag }}`, `{{ moment|time_tag:"DATETIME_FORMAT" }}`: a <time> element, the
    value written in the active language's named format. Safe HTML, so a translated sentence can
    take it whole: `{% blocktranslate with day=page.adopted_on|time_tag %}…{{ day }}…`."""
    if not value:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>', machine_time(value), format_date(value, named_format)
    )
