"""The API can only be read: GET and HEAD answer (cacheable), writing is refused with JSON.

A read carries an ETag (api/freshness.py) and is answered 304 Not Modified when the client's
copy is current; errors are never cached.

The CORS headers come from django-cors-headers (CORS_* in asker/settings.py).
"""

from functools import wraps

from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from core.http_caching import conditional

READ_METHODS = ("GET", "HEAD")
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# Published content changes a few times a day; five minutes spares the database.
CACHE_SECONDS = 300


def read_only(view, version=None):
    """`version(request, *args, **kwargs)` gives the answer's ETag before it is built."""

    def answer(request, *args, **kwargs):
        if version is None:
            return view(request, *args, **kwargs)
        return conditional(
            request,
            lambda: view(request, *args, **kwargs),
            etag=version(request, *args, **kwargs),
        )

    # Exempt, so that a POST gets the 405 below rather than a CSRF failure page.
    @csrf_exempt
    @wraps(view)
    def reading(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        elif request.method not in READ_METHODS:
            response = JsonResponse(
                {"detail": _("API-et kan bare leses. Bruk GET.")},
                status=405,
                json_dumps_params={"ensure_ascii": False},
            )
        else:
            # Django ninja answers GET only; HEAD is GET without the body (the server drops it).
            method, request.method = request.method, "GET"
            try:
                response = answer(request, *args, **kwargs)
            finally:
                request.method = method
            if response.status_code in (200, 304):
                response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
            else:
                add_never_cache_headers(response)
        if request.method not in READ_METHODS:
            response["Allow"] = ALLOWED_METHODS
        return response

    return reading


@read_only
def unknown_address(request, *args, **kwargs):
    """Any other address under /api/: JSON, not the site's HTML page."""
    return JsonResponse(
        {"detail": _("Adressen finnes ikke i API-et. Se /api/ for adressene som finnes.")},
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )
