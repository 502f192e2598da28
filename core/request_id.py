"""One id per request, on the response and on every log line written while answering it.

The front proxy may send its own X-Request-ID, so its log, the app's and gunicorn's access log
can be joined; a missing or malformed one (anything a client could use to forge or garble log
lines) is replaced by a fresh id. The id lives in a context variable, which the logging filter
copies onto each record; outside a request (the worker, commands) it is «-».
"""

import logging
import re
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished

HEADER = "X-Request-ID"
NONE = "-"
# Proxies' ids: UUIDs, nginx's $request_id (32 hex), Varnish's and load balancers' tokens.
WELL_FORMED = re.compile(r"[A-Za-z0-9._:-]{8,128}")

current = ContextVar("request_id", default=NONE)


def chosen(offered):
    """The proxy's id when it is well-formed, else a new one."""
    if offered and WELL_FORMED.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE, so every answer (static files and redirects too) carries the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Not reset when the view returns: Django logs 4xx and 5xx answers after the middleware
        # chain, and those lines need the id too. request_finished clears it (below).
        request.request_id = request_id = chosen(request.headers.get(HEADER))
        current.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


def _forget(**kwargs):
    current.set(NONE)


request_finished.connect(_forget, dispatch_uid="core.request_id.forget")


class RequestIdFilter(logging.Filter):
    """Puts `request_id` on every record (see LOGGING in asker/settings.py)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current.get()
        return True
