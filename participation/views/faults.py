"""When the database is away (a restart, a failover), the form says so instead of a 500.

The input is rolled back (services.submit stores all or nothing), so the sender is told
plainly that nothing was stored and gets their text back to send again.
"""

import logging
from functools import wraps

from django.db import DatabaseError
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from core.database_outage import RETRY_AFTER_SECONDS

log = logging.getLogger(__name__)

NOT_STORED = _(
    "Vi fikk ikke lagret innspillet akkurat nå. Teksten din står under. Prøv å sende igjen om litt."
)
ATTACHMENT_NOT_STORED = _(
    "Vi fikk ikke lagret vedlegget ditt akkurat nå, så innspillet er ikke sendt. Det du skrev, "
    "står i skjemaet. Velg filen på nytt og send igjen om litt, eller send uten vedlegg."
)
# Sent back as hidden fields, so «Send igjen» posts the same input (not the attachment: a file
# cannot be sent back to the browser).
RESENT_FIELDS = ("shown_at", "round", "name", "email", "organisation", "category", "topic")
RESENT_FIELDS += ("publication", "privacy", "website")


def database_fault_page(request):
    """A 503 that needs no database: the message and, after a post, the text to send again."""
    posted = request.method == "POST"
    context = {
        "posted": posted,
        "message": NOT_STORED,
        "text": request.POST.get("text", "") if posted else "",
        "resent": [(name, request.POST[name]) for name in RESENT_FIELDS if name in request.POST],
        "had_attachment": posted and bool(request.FILES),
    }
    response = render(request, "participation/database_fault.html", context, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # the page is gone as soon as the database is back
    return response


def survives_database_faults(view):
    """Any database error in the view gives the 503 page. Before the view (Wagtail finding the
    plan, a middleware) core.database_outage asks participation.pages.form_without_database."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DatabaseError as error:
            log.error("Databasen svarte ikke (%s %s): %s", request.method, request.path, error)
            return database_fault_page(request)

    return guarded
