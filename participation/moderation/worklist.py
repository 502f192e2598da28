"""The moderator's way through a round: «Lagre og gå til neste» opens the next input that
still waits for handling («Mottatt»), in the listing's order (newest first)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.action_menu import ActionMenuItem

from participation.models import Submission, SubmissionState
from participation.moderation import permissions

SAVE_AND_NEXT = "action-save-and-next"


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
