"""Template filters for e-mails, which are read away from the site."""

from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from core import links

register = template.Library()


@register.filter
def mail_richtext(value):
    """Rich text as `|richtext` renders it (editors' HTML, trusted as there), with every link a
    full address."""
    return mark_safe(links.absolute_in_html(expand_db_html(value or "")))
