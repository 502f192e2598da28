"""«Publiser» and «Ikke publiser» for many inputs at once, from the listing's bulk-action bar.

Each input goes through decisions.decide, as from the edit view. Input that cannot be
published is skipped, and the moderator is told which and why.
"""

from collections import defaultdict

from django.shortcuts import get_list_or_404
from django.utils.functional import classproperty
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from core.bulk_actions import PolicyDeleteBulkAction
from participation import services
from participation.models import Submission, SubmissionState
from participation.moderation import decisions, filters, permissions
from participation.moderation.forms import DeclineForm


def skipped_message(skipped, summary):
    """E.g. «2 innspill ble hoppet over og er ikke publisert. Trukket tilbake av avsenderen:
    INN-2026-00006. Anonymisert: INN-2025-00012.», where `summary(count)` is the first
    sentence."""
    by_reason = defaultdict(list)
    for submission, blocker in skipped:
        by_reason[blocker].append(submission.reference or str(submission))
    parts = [
        gettext("%(reason)s: %(references)s.")
        % {"reason": decisions.REFUSAL_LABELS[blocker], "references": ", ".join(references)}
        for blocker, references in by_reason.items()
    ]
    return " ".join([summary(len(skipped)), *parts])


class SubmissionBulkAction(SnippetBulkAction):
    """A bulk action for input only, for those who may change input."""

    @classproperty
    def models(cls):
        return [Submission]

    def dispatch(self, request, *args, **kwargs):
        permissions.require(request.user, "change")
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, submission):
        return permissions.policy.user_has_permission(self.request.user, "change")

    @classmethod
    def get_queryset(cls, model, object_ids):
        return get_list_or_404(
            Submission.objects.select_related("round__page").order_by("-received_at"),
            pk__in=object_ids,
        )

    def get_all_objects_in_listing_query(self, parent_id):
        """«Select all in the listing» means what the filtered, searched listing shows."""
        return filters.listing(self.request).values_list("pk", flat=True)

    def get_success_message(self, num_parent_objects, num_child_objects):
        if self.skipped:
            messages.warning(self.request, skipped_message(self.skipped, self.skipped_summary))
        if num_parent_objects:
            return self.done_message(num_parent_objects)
        return None

    @staticmethod
    def done_message(count):
        raise NotImplementedError

    @staticmethod
    def skipped_summary(count):
        raise NotImplementedError


class GuardedBulkAction(SubmissionBulkAction):
    """Gives the chosen input `state`, skipping what `blocker` (a submission → a key of
    decisions.REFUSAL_LABELS, or "") refuses, and saying why."""

    state = None

    @staticmethod
    def blocker(submission):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        allowed, skipped = [], []
        for item in context["items"]:
            blocker = self.blocker(item["item"])
            if blocker:
                skipped.append({**item, "reason": decisions.REFUSAL_LABELS[blocker]})
            else:
                allowed.append(item)
        context.update(items=allowed, skipped=skipped)
        return context

    @classmethod
    def execute_action(cls, objects, **kwargs):
        action = kwargs["self"]
        action.skipped = []
        done = 0
        for submission in objects:
            blocker = cls.blocker(submission)
            if blocker:
                action.skipped.append((submission, blocker))
                continue
            decisions.decide(submission, cls.state)
            done += 1
        return done, len(action.skipped)


class PublishBulkAction(GuardedBulkAction):
    display_name = _("Publiser")
    action_type = "publish"
    aria_label = _("Publiser de valgte innspillene")
    template_name = "participation/admin/bulk_publish.html"
    action_priority = 10
    state = SubmissionState.PUBLISHED
    blocker = staticmethod(services.publish_blocker)

    @staticmethod
    def done_message(count):
        return ngettext(
            "%(count)s innspill er publisert.", "%(count)s innspill er publisert.", count
        ) % {"count": count}

    @staticmethod
    def skipped_summary(count):
        return ngettext(
            "%(count)s innspill ble hoppet over og er ikke publisert.",
            "%(count)s innspill ble hoppet over og er ikke publisert.",
            count,
        ) % {"count": count}


class HandledPrivatelyBulkAction(GuardedBulkAction):
    """«Behandlet, ikke publisert etter ønske» for input whose senders said no to publication:
    no reason is asked for."""

    display_name = _("Behandlet, ikke publiser")
    action_type = "handle_privately"
    aria_label = _("Sett de valgte innspillene til behandlet, ikke publisert etter ønske")
    template_name = "participation/admin/bulk_handle_privately.html"
    action_priority = 15
    state = SubmissionState.HANDLED_PRIVATE
    blocker = staticmethod(decisions.private_handling_blocker)

    @staticmethod
    def done_message(count):
        return ngettext(
            "%(count)s innspill er satt til «Behandlet, ikke publisert etter ønske».",
            "%(count)s innspill er satt til «Behandlet, ikke publisert etter ønske».",
            count,
        ) % {"count": count}

    @staticmethod
    def skipped_summary(count):
        return ngettext(
            "%(count)s innspill ble hoppet over og er ikke endret.",
            "%(count)s innspill ble hoppet over og er ikke endret.",
            count,
        ) % {"count": count}


class DeclineBulkAction(SubmissionBulkAction):
    display_name = _("Ikke publiser")
    action_type = "decline"
    aria_label = _("Ikke publiser de valgte innspillene")
    template_name = "participation/admin/bulk_decline.html"
    action_priority = 20
    form_class = DeclineForm

    @staticmethod
    def done_message(count):
        return ngettext(
            "%(count)s innspill er satt til «Ikke publisert».",
            "%(count)s innspill er satt til «Ikke publisert».",
            count,
        ) % {"count": count}

    @staticmethod
    def skipped_summary(count):
        return ngettext(
            "%(count)s innspill ble hoppet over og er ikke satt til «Ikke publisert».",
            "%(count)s innspill ble hoppet over og er ikke satt til «Ikke publisert».",
            count,
        ) % {"count": count}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        withdrawn = [
            item for item in context["items"] if item["item"].state == SubmissionState.WITHDRAWN
        ]
        context.update(
            items=[item for item in context["items"] if item not in withdrawn],
            skipped=[
                {**item, "reason": decisions.REFUSAL_LABELS[decisions.WITHDRAWN]}
                for item in withdrawn
            ],
        )
        return context

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "reason": self.cleaned_form.cleaned_data["reason"],
        }

    @classmethod
    def execute_action(cls, objects, reason="", **kwargs):
        action = kwargs["self"]
        action.skipped = []
        declined = 0
        for submission in objects:
            if submission.state == SubmissionState.WITHDRAWN:
                action.skipped.append((submission, decisions.WITHDRAWN))
                continue
            decisions.decide(submission, SubmissionState.DECLINED, reason)
            declined += 1
        return declined, len(action.skipped)


class NoDeleteBulkAction(PolicyDeleteBulkAction):
    """Input is never deleted, not even in bulk: the policy refuses «delete» to everyone, so
    the screen is refused before it lists a reference. Registered last, so it replaces
    Wagtail's."""

    models = [Submission]
