"""Content-Security-Policy and Permissions-Policy on every response.

The public pages run no inline script or style, so one static policy serves every visitor and
a page a cache keeps (core/http_caching.py) is as valid for the next visitor as for the first:
no nonce, which a cached page would hand to everyone. The JSON-LD block is data
(`type="application/ld+json"`), which script-src does not govern.
The other security headers (HSTS, nosniff, Referrer-Policy, COOP, X-Frame-Options) come from
Django's SecurityMiddleware and XFrameOptionsMiddleware and the settings; static files get them
from static_file_headers, as they are answered before Django (asker/static_files.py).
"""

from django.conf import settings

# Browser features the site never uses; denied so no injected script or frame can ask for them.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

ADMIN_PREFIX = "/admin/"

# Everything from this site only; nothing may frame a page, plug in or change the base address.
COMMON = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "object-src": "'none'",
}

# Wagtail 8's admin, loosened only where it needs it (found by loading its pages in Chromium
# and collecting the violations, tests/browser/test_csp.py):
# - script-src and style-src 'unsafe-inline': its form widgets write inline scripts
#   (`initDateChooser(…)`, `new SnippetChooser(…)`, InlinePanel set-up) and its editor inline
#   styles. They cannot carry a nonce, and a nonce in the list would switch 'unsafe-inline'
#   off. The admin is for logged-in staff, and it still loads nothing from other sites.
# - img-src blob:: the image upload shows the chosen file before it is sent.
# - frame-ancestors 'self': the page editor shows its live preview in a frame.
ADMIN = {
    **COMMON,
    "script-src": "'self' 'unsafe-inline'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "frame-ancestors": "'self'",
}


PUBLIC = {
    **COMMON,
    "script-src": "'self'",
    "style-src": "'self'",
}


def header_value(policy: dict[str, str], secure: bool) -> str:
    directives = [f"{name} {sources}" for name, sources in policy.items()]
    if secure:  # a page served over HTTPS never loads anything over plain HTTP
        directives.append("upgrade-insecure-requests")
    return "; ".join(directives)


def content_security_policy(request) -> str:
    in_admin = request.path.startswith(ADMIN_PREFIX)
    return header_value(ADMIN if in_admin else PUBLIC, request.is_secure())


class SecurityHeadersMiddleware:
    """Gives each response the policies, unless the view set its own (attachments are sent
    with `Content-Security-Policy: sandbox`).

    With DEBUG on, the policy is only reported (Content-Security-Policy-Report-Only): Django's
    debug pages use inline styles and scripts; the browser console still shows violations."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Wagtail renders a preview through the middleware with a dummy request; the admin
        # request around it, which shows the preview in its frame, decides the policy.
        if getattr(request, "is_dummy", False):
            return response
        header = "Content-Security-Policy"
        if settings.DEBUG:
            header += "-Report-Only"
        if "Content-Security-Policy" not in response.headers:
            response.headers[header] = content_security_policy(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def static_file_headers(headers, path, url):
    """WHITENOISE_ADD_HEADERS_FUNCTION: what SecurityMiddleware sends with every response."""
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = settings.SECURE_REFERRER_POLICY
    headers["Cross-Origin-Opener-Policy"] = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
    if settings.SECURE_HSTS_SECONDS:  # browsers take it over HTTPS only, as the pages send it
        value = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            value += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            value += "; preload"
        headers["Strict-Transport-Security"] = value
