"""Health checks for load balancers and orchestrators, as JSON, never cached, no cookie.

- /healthz/live: the process answers. Asks neither the database nor the cache, so a database
  outage never makes an orchestrator restart every instance; only a hung process fails it.
- /healthz/ready: this instance should get traffic: the database answers and the process is
  not shutting down (503 otherwise). Redis is reported but not required: the site serves
  without it (core/redis_cache.py), and failing readiness on it would take every instance out
  at once.
- /healthz: the same as ready, for probes set up before the split.
"""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from asker import draining

logger = logging.getLogger(__name__)


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _result(name, check):
    try:
        answered = check()
    except Exception as error:
        logger.warning("Helsesjekken %s feilet: %s", name, error)
        return "error"
    return "error" if answered is False else "ok"


@never_cache
@require_GET
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request):
    if draining.is_draining():
        return JsonResponse({"status": "draining"}, status=503)
    checks = {"database": _result("database", _check_database)}
    if hasattr(cache, "ping"):  # a shared Redis cache (an in-process cache cannot be away)
        checks["cache"] = _result("cache", cache.ping)
    healthy = checks["database"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )
