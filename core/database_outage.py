"""While the database is away (a restart, a failover), every request answers with a 503 page
that asks to try again soon, never a 500.

Two ways in, since Django turns an exception into a response at the layer it is raised in:
- `DatabaseOutageMiddleware.process_exception`: an outage in a view, Wagtail's page view (finding
  the page, its view restrictions) included;
- `answer_for_error`, asked by the 500 handler (asker.views.server_error): an outage in a
  middleware (loading the session or the user, saving the session) or while rendering.

An app may answer for its own addresses with a `serve_without_database` hook, `(request, path)`
to a response or None: the innspill form gives the sender their text back (participation.pages).
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from wagtail import hooks

log = logging.getLogger(__name__)


class StorageAway(Exception):
    """The file store did not answer (an object store down, a disk gone): raised where a stored
    file is read for a download, so the reader gets the same 503 page as for the database."""


# The errors of a database or store that does not answer. Other database errors (a bad query,
# a broken constraint) are faults in the code and stay 500s.
OUTAGE = (OperationalError, InterfaceError, StorageAway)
RETRY_AFTER_SECONDS = 30


def outage_page(request):
    """The 503 of the address's own hook, or the site's page, which needs no database."""
    for answer in hooks.get_hooks("serve_without_database"):
        if (response := answer(request, request.path_info.lstrip("/"))) is not None:
            return response
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # the page is wrong as soon as the database is back
    return response


def answer_for_error(request, error):
    """The outage page if `error` is a database outage, else None."""
    if not isinstance(error, OUTAGE):
        return None
    log.error(
        "Databasen eller lagringen svarte ikke (%s %s): %r", request.method, request.path, error
    )
    return outage_page(request)


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return answer_for_error(request, exception)
