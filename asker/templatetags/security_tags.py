from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def csp_nonce(context):
    """The request's Content-Security-Policy nonce (asker/security.py), for `nonce="…"`.

    Reads the request from the context object itself, so it also works in includes
    with `only` and in inclusion tags; empty where there is no request (e-mails)."""
    request = getattr(context, "request", None)
    return getattr(request, "csp_nonce", "")
