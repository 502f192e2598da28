"""The moderator's way through a round: «Lagre og gå til neste» opens the next input that
still waits for handling («Mottatt»), in the listing's order (newest first).

A listing that is filtered, searched or paged links each input with `?next=` and that address
(`listing_address`); the input's form keeps it, so saving, or walking the round to its end,
brings the moderator back to the listing as they left it, not to the whole unfiltered list."""

from urllib.parse import urlencode

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.action_menu import ActionMenuItem

from participation.models import Submission, SubmissionState
from participation.moderation import permissions

SAVE_AND_NEXT = "action-save-and-next"
NEXT = "next"


def listing_address(listing, request):
    """The listing (its plain address `listing`) as this request shows it (filters, search,
    page), to come back to; None for the plain listing, which needs no address carried."""
    query = request.GET.copy()
    query.pop("export", None)
    return f"{listing}?{query.urlencode()}" if query else None


def returning_to(listing, request):
    """The listing address the input's form was opened from (GET) or posts back (POST's
    query), when it is one: never an address outside the listing."""
    address = request.GET.get(NEXT, "")
    return address if address.startswith(listing + "?") else None


def with_return(url, address):
    """`url` carrying the listing address to come back to, when there is one."""
    return f"{url}?{urlencode({NEXT: address})}" if address else url


def next_to_handle(submission):
    """The input below this one in its round's listing that is still «Mottatt»; after the
    last, the newest one still waiting; None when nothing else waits."""
    waiting = (
        Submission.objects.filter(round_id=submission.round_id, state=SubmissionState.RECEIVED)
        .exclude(pk=submission.pk)
        .order_by("-received_at", "-pk")
    )
    below = Q(received_at__lt=submission.received_at) | Q(
        received_at=submission.received_at, pk__lt=submission.pk
    )
    return waiting.filter(below).first() or waiting.first()


class SaveAndNextMenuItem(ActionMenuItem):
    """A second submit button beside «Lagre» in the input's form."""

    name = SAVE_AND_NEXT
    label = _("Lagre og gå til neste")
    icon_name = "arrow-right"

    def is_shown(self, context):
        return context.get("view") == "edit" and permissions.policy.user_has_permission(
            context["request"].user, "change"
        )


def action_menu_item(model):
    """For the hook register_snippet_action_menu_item: input's form only."""
    return SaveAndNextMenuItem(order=10) if model is Submission else None
