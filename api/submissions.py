"""Published input on a plan, with the municipality's answers: only what the public page shows."""

from django.utils import timezone
from ninja import Router
from ninja.pagination import paginate

from api import schemas
from api.pagination import Built, NumberedPages
from api.plans import absolute, coded, plan_or_404
from participation import links
from participation.models import Submission
from themeplans.models import ThemePlanPage

router = Router(tags=["Innspill"])


def submission_data(request, submission, form_path):
    """One published input. The name follows the sender's choice (`public_name`, which holds
    the organisation too when named); e-mail, notes and decline reasons never leave the site."""
    attachment = submission.has_public_attachment and f"{form_path}vedlegg/{submission.reference}/"
    return {
        "reference": submission.reference,
        "round": submission.round.title,
        "round_id": submission.round_id,
        "category": coded(submission.category, submission.get_category_display()),
        "name": submission.public_name or None,
        "topic": submission.topic or None,
        # The public version: a moderator's redaction, never the text as sent.
        "text": submission.public_text,
        "attachment_url": absolute(request, attachment),
        "redacted": submission.is_redacted,
        # The answer given (published or e-mailed), not a draft a moderator is still writing.
        "answer": submission.answer_sent or None,
        "answered_at": submission.answered_at and timezone.localtime(submission.answered_at),
        "received_at": timezone.localtime(submission.received_at),
        "published_at": submission.published_at and timezone.localtime(submission.published_at),
    }


@router.get(
    "/{slug}/submissions/",
    response={200: schemas.SubmissionPage, 400: schemas.Error, 404: schemas.Error},
    summary="Publiserte innspill til en temaplan",
    operation_id="list_submissions",
    url_name="submissions",
)
@paginate(NumberedPages)
def list_submissions(request, slug: str):
    """Innspillene kommunen har publisert, nyeste først, med kommunens svar."""
    plan = plan_or_404(ThemePlanPage.objects.live().public(), slug)
    submissions = (
        Submission.objects.published_on(plan)
        .select_related("round")
        .order_by("-published_at", "-pk")
    )
    form_path = links.form_path(plan)  # once, not once per input with an attachment
    return Built(submissions, lambda s: submission_data(request, s, form_path))
