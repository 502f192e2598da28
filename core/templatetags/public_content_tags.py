"""`{% public_content %}…{% endpublic_content %}` around a page's main content: the cached HTML
when the page found it (core.public_content), else the content rendered and kept."""

from django import template
from django.utils.safestring import mark_safe

from core import public_content

register = template.Library()


class PublicContentNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        cached = context.get(public_content.CACHED_CONTENT)
        if cached is not None:
            return mark_safe(cached)  # the HTML this tag rendered and stored
        html = self.nodelist.render(context)
        request = context.get("request")
        if request is not None:
            public_content.keep(request, html)
        return html


@register.tag("public_content")
def do_public_content(parser, token):
    nodelist = parser.parse(("endpublic_content",))
    parser.delete_first_token()
    return PublicContentNode(nodelist)
