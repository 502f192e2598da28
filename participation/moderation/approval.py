"""«Godkjenn og send» and «Send tilbake» on the moderator's form, in rounds whose answers need
approval (participation.answer_approval holds the rules).

The panel sits inside the form that saves the input, so its buttons post to their own
addresses with `formaction`: no form inside a form, and no JavaScript needed.
"""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.views import View
from wagtail.admin import messages
from wagtail.admin.panels import Panel

from participation import answer_approval
from participation.models import Submission, SubmissionState
from participation.moderation import permissions

EDIT = "wagtailsnippets_participation_submission:edit"
APPROVE = "wagtailsnippets_participation_submission:approve_answer"
SEND_BACK = "wagtailsnippets_participation_submission:send_back_answer"
# The names of the panel's fields in the posted form.
STAMP, COMMENT = "answer_stamp", "answer_return_comment"


class AnswerApprovalPanel(Panel):
    """Whether the answer waits for approval, who wrote it and when, and the buttons for the
    other moderators. Shown only in rounds whose answers need approval."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "participation/admin/answer_approval_panel.html"

        def is_shown(self):
            submission = self.instance
            return (
                bool(submission.pk)
                and answer_approval.needs_approval(submission)
                and submission.state != SubmissionState.WITHDRAWN
            )

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            submission = self.instance
            # Both people in one query, and none when nobody is named.
            ids = {submission.answer_proposed_by_id, submission.answer_returned_by_id} - {None}
            people = get_user_model().objects.in_bulk(ids) if ids else {}
            user = self.request.user
            context.update(
                submission=submission,
                waiting=answer_approval.is_waiting(submission),
                returned=submission.answer_returned_at is not None,
                approved_not_sent=bool(submission.answer.strip())
                and submission.answer == submission.answer_approved
                and submission.answer != submission.answer_sent,
                proposed_by=people.get(submission.answer_proposed_by_id),
                returned_by=people.get(submission.answer_returned_by_id),
                own=submission.answer_proposed_by_id == user.pk,
                may_review=permissions.policy.user_has_permission(user, "change"),
                stamp=answer_approval.stamp(submission),
                stamp_name=STAMP,
                comment_name=COMMENT,
                approve_url=reverse(APPROVE, args=[submission.pk]),
                send_back_url=reverse(SEND_BACK, args=[submission.pk]),
            )
            return context


class ReviewView(View):
    """A second moderator's verdict on the answer they read; back to the form with a message."""

    def post(self, request, pk):
        permissions.require(request.user, "change")
        submission = get_object_or_404(Submission.objects.select_related("round__page"), pk=pk)
        answered_at = submission.answered_at
        refusal = self.review(submission, request.POST.get(STAMP, ""), request)
        if refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, self.done_message(submission, answered_at))
        return redirect(EDIT, submission.pk)


class ApproveView(ReviewView):
    def review(self, submission, seen, request):
        return answer_approval.approve(submission, seen, request.user)

    @staticmethod
    def done_message(submission, answered_at):
        values = {"reference": submission.reference}
        if submission.answered_at == answered_at:
            return (
                gettext(
                    "Svaret på %(reference)s er godkjent. Det sendes til avsenderen når innspillet "
                    "publiseres eller får «Ikke publisert»."
                )
                % values
            )
        if submission.email:
            return (
                gettext("Svaret på %(reference)s er godkjent og sendt på e-post til avsenderen.")
                % values
            )
        return (
            gettext(
                "Svaret på %(reference)s er godkjent og vises med innspillet (avsenderens "
                "e-postadresse er slettet)."
            )
            % values
        )


class SendBackView(ReviewView):
    def review(self, submission, seen, request):
        comment = request.POST.get(COMMENT, "")
        return answer_approval.send_back(submission, seen, request.user, comment)

    @staticmethod
    def done_message(submission, answered_at):
        return gettext(
            "Svaret på %(reference)s er sendt tilbake. Det sendes ikke før det er endret og "
            "godkjent."
        ) % {"reference": submission.reference}


# Under the input's own addresses (/admin/innspill/), from the viewset.
urlpatterns = [
    path("svar/<int:pk>/godkjenn/", ApproveView.as_view(), name="approve_answer"),
    path("svar/<int:pk>/send-tilbake/", SendBackView.as_view(), name="send_back_answer"),
]
