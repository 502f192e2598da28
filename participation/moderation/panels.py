"""What the sender sent, shown read-only at the top of the moderator's form."""

from django.urls import reverse
from wagtail.admin.panels import MultiFieldPanel, Panel

from core.outbox import MAX_ATTEMPTS
from participation import answer_approval, links, mails
from participation.models import SubmissionState


class SubmissionPanel(Panel):
    """The input as received: sender, round and plan, the text and the attachment, and the
    sender's own actions (withdrawn, anonymised). Nothing here can be edited."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "participation/admin/submission_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            submission = self.instance
            plan = submission.round.page
            context.update(
                submission=submission,
                plan=plan,
                plan_edit_url=reverse("wagtailadmin_pages:edit", args=[plan.pk])
                if plan.permissions_for_user(self.request.user).can_edit()
                else "",
                attachment_url=reverse(
                    "wagtailsnippets_participation_submission:attachment", args=[submission.pk]
                )
                if submission.attachment
                else "",
                published_url=links.published_path(plan)
                if submission.state == SubmissionState.PUBLISHED
                else "",
                mail_failures=mails.failures(submission),
                mail_max_attempts=MAX_ATTEMPTS,
                answer_waiting=submission.state == SubmissionState.RECEIVED
                and bool(submission.answer.strip())
                and submission.answer != submission.answer_sent
                # the approval panel says what happens to an answer awaiting approval
                and not answer_approval.is_waiting(submission),
            )
            return context


class RedactionPanel(MultiFieldPanel):
    """«Det som publiseres»: the input as sent, read-only, beside the fields of its public
    version (participation.redaction); side by side on a wide screen, one above the other on
    a phone."""

    class BoundPanel(MultiFieldPanel.BoundPanel):
        template_name = "participation/admin/redaction_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            submission = self.instance
            context["submission"] = submission
            if submission.redacted_attachment:
                context["redacted_attachment_url"] = reverse(
                    "wagtailsnippets_participation_submission:redacted_attachment",
                    args=[submission.pk],
                )
            return context
