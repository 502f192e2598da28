"""Open the read-only API to scripts on any site: CORS for GET, a preflight answer, caching.

No cookies and no credentials are involved, so `Access-Control-Allow-Origin: *` is safe.
"""

from functools import wraps

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

READ_METHODS = ("GET", "HEAD")
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# Published content changes a few times a day; five minutes spares the database.
CACHE_SECONDS = 300


def open_for_reading(view):
    @csrf_exempt
    @wraps(view)
    def read_only(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Headers"] = "*"
            response["Access-Control-Max-Age"] = "86400"
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
                response = view(request, *args, **kwargs)
            finally:
                request.method = method
            if response.status_code == 200:
                response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
        response["Access-Control-Allow-Origin"] = "*"
        if request.method not in READ_METHODS:
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Allow"] = ALLOWED_METHODS
        return response

    return read_only


@open_for_reading
def not_found(request, *args, **kwargs):
    """Any other address under /api/: JSON, not the site's HTML page."""
    return JsonResponse(
        {"detail": _("Adressen finnes ikke i API-et. Se /api/ for adressene som finnes.")},
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )
