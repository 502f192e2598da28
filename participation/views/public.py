"""The public participation pages: the form, the receipt and private link, published input.

The form and the published input are routes of the page that takes input (participation.pages),
which calls these views with itself; the private pages are found by their token alone
(participation.urls)."""

import logging
from functools import wraps

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from core import antispam, paging
from core.database_outage import StorageAway
from core.pages import subpage_context
from participation import links, mails, public_copies, services, summaries, upload_limits
from participation.forms import SubmissionForm, WithdrawForm
from participation.models import Submission
from participation.rounds import summarise
from participation.views.faults import (
    ATTACHMENT_NOT_STORED,
    NOT_STORED,
    survives_database_faults,
)

PER_PAGE = links.PUBLISHED_PER_PAGE
log = logging.getLogger(__name__)


def _rounds(plan):
    return list(plan.participation_rounds.order_by("opens_at", "pk"))


def _context(plan, tail, **extra):
    """What every participation page shows: the plan (title, breadcrumbs) and its rounds."""
    return subpage_context(
        plan,
        tail,
        plan=plan,
        form_url=links.form_path(plan),
        published_url=links.published_path(plan),
        retention_days=settings.PARTICIPATION_RETENTION_DAYS,
        **extra,
    )


@csrf_exempt  # checked by csrf_protect below, once the upload size limit is in place
@upload_limits.limited_uploads
@csrf_protect
@never_cache
@survives_database_faults
@require_http_methods(["GET", "HEAD", "POST"])
def form_page(request, plan):
    rounds = _rounds(plan)
    now = timezone.now()
    open_rounds = [r for r in rounds if r.is_open(now)]
    if not open_rounds:
        return closed_page(request, plan, rounds)

    posted = request.method == "POST"
    form = SubmissionForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        rounds=open_rounds,
        plan=plan,
        attachment_too_large=upload_limits.attachment_too_large(request),  # after FILES
    )
    status = 200
    if posted:
        status = 400
        # The cheap checks first, on the raw fields: a refused post's file is never parsed.
        refused = antispam.refusal(form)
        form_stamp = antispam.form_id(form.stamp)
        if refused is None and (first := services.sent_before(form_stamp)):
            # The same form sent again: a double click, or «Send igjen» on the 503 page after a
            # post whose row was stored though its answer was lost (the connection broke at
            # COMMIT). The receipt of the input stored then, and its mails if they never went.
            mails.hand_over_lost(first)
            return receipt_redirect(first)
        if refused is None and antispam.rate_limit_reached(request):
            refused = antispam.rate_limited()
        if refused is not None:
            form.drop_files()  # the other fields are still checked and shown with their errors
        if form.is_valid() and refused is None:
            if antispam.over_rate_limit(request):
                refused = antispam.rate_limited()
            else:
                stored, refused = _store(request, plan, rounds, form, form_stamp)
                if stored:
                    return stored
        if refused is not None:
            message, status = refused
            form.add_error(None, message)
        elif form.errors:
            form.keep_attachment()  # the sender corrects the rest without choosing the file again
    summaries.prepare(open_rounds)  # the hearing documents shown over the form
    context = _context(plan, _("Send innspill"), form=form, rounds=open_rounds)
    return render(request, "participation/form_page.html", context, status=status)


def _store(request, plan, rounds, form, form_stamp):
    """(the response, None) once the input is stored, or (None, why not as (message, status))."""
    try:
        submission = services.submit(
            form.chosen_round,
            form.cleaned_data,
            form.cleaned_data.get("attachment"),
            form_stamp=form_stamp,
        )
    except services.RoundNotOpen:
        return closed_page(request, plan, rounds), None
    except DatabaseError as error:
        # Rolled back, nothing stored: the form again with the text, to send again.
        log.error("Innspill ikke lagret, databasefeil: %s", error)
        antispam.forget_post(request)
        return None, (NOT_STORED, 503)
    except OSError as error:
        # The attachment could not be written: a full disk, or the object store away, refusing
        # or failing (participation.storage gives every failure as an OSError). Rolled back,
        # and nothing is left of the file (a partial one removed, an upload to S3 is whole or
        # absent), so the sender sends again with the text they wrote.
        log.error("Innspill ikke lagret, vedlegget kunne ikke skrives: %s", error)
        antispam.forget_post(request)
        return None, (ATTACHMENT_NOT_STORED, 503)
    form.discard_kept_attachment()  # stored with its own copy
    return receipt_redirect(submission), None


def receipt_redirect(submission):
    return redirect(f"{links.private_path(submission)}?mottatt=1", permanent=False)


def closed_page(request, plan, rounds):
    """No round is open. A refused post shows the sender their text, so nothing is lost."""
    context = _context(
        plan,
        _("Send innspill"),
        participation=summarise(rounds, timezone.now()),
        posted_text=request.POST.get("text", "").strip(),
        published_count=Submission.objects.published_on(plan).count(),
    )
    status = 403 if request.method == "POST" else 200
    return render(request, "participation/round_closed.html", context, status=status)


def own_submission(view):
    """A view of the sender's own input, found by its token alone, so the link keeps working
    when the plan is renamed, moved or unpublished; an old address redirects to the current."""

    @wraps(view)
    def with_submission(request, plan_path, token):
        submission = get_object_or_404(
            Submission.objects.select_related("round__page"), token=token
        )
        current = links.private_path(submission)
        if not request.path.startswith(current):
            tail = request.path.split(f"/mitt/{token}/", 1)[1]  # "" or "vedlegg/"
            query = f"?{request.GET.urlencode()}" if request.GET else ""
            return redirect(current + tail + query, permanent=True)
        return view(request, submission)

    return with_submission


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@own_submission
def private_page(request, submission):
    """The sender's own page: receipt, status, answer; withdraw while the round is open."""
    plan = submission.round.page
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and services.withdraw(submission):
            return redirect(f"{links.private_path(submission)}?trukket=1", permanent=False)
        status = 400
        if form.is_valid():
            form.add_error(None, services.why_not_withdrawable(submission))
    context = _context(
        plan,
        _("Innspillet ditt"),
        submission=submission,
        withdraw_form=form,
        just_received=(just_received := "mottatt" in request.GET),
        receipt_posted=just_received and mails.receipt_posted(submission),
        just_withdrawn="trukket" in request.GET,
        # The address the sender is on now; e-mails use SITE_URL instead.
        private_url=request.build_absolute_uri(links.private_path(submission)),
        # Input → answer → summary → decision: the round's report back, once published.
        summary_url=summaries.summary_path(submission.round),
    )
    response = render(request, "participation/private_page.html", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is in the address: never send it to other sites. (Not "no-referrer": browsers
    # then post the withdrawal with Origin: null, which Django's CSRF check refuses.)
    response["Referrer-Policy"] = "same-origin"
    return response


@require_safe
def published_page(request, plan):
    submissions = (
        Submission.objects.published_on(plan)
        .select_related("round")
        .order_by("-published_at", "-pk")
    )
    page = Paginator(submissions, PER_PAGE).get_page(paging.requested_page(request))
    # The rounds' published summaries, over the input they sum up (on the first page).
    summarised = []
    if page.number == 1:
        summarised = [r for r in _rounds(plan) if r.shows_summary]
        summaries.prepare(summarised)
    context = _context(plan, _("Innspill og svar"), submissions=page, summarised=summarised)
    return render(request, "participation/published_page.html", context)


def attachment_response(submission, filename=None, file_field=None, content_type=None):
    """The file as a download, never shown inline, under the safe name given at upload.

    `file_field` is the stored file to send: by default the original (staff, the sender)."""
    file_field = file_field or submission.attachment
    content_type = content_type or submission.attachment_type
    if not file_field:
        raise Http404
    try:
        file = file_field.open("rb")
    except FileNotFoundError as error:
        log.error("Vedlegget til %s mangler på disken: %s", submission.reference, error)
        raise Http404 from error
    except OSError as error:  # the store is away (core.object_storage.StorageUnavailable)
        raise StorageAway(f"Vedlegget til {submission.reference}: {error}") from error
    response = FileResponse(
        file,
        as_attachment=True,
        filename=filename or submission.attachment_name or "vedlegg",
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@require_safe
def published_attachment(request, plan, reference):
    submission = get_object_or_404(Submission.objects.published_on(plan), reference=reference)
    # The copy without metadata, made at publication (or now, for input published before), of
    # the attachment as sent or as the moderator redacted it; none when it is withheld.
    if not public_copies.ensure(submission):
        raise Http404
    # Named by its reference: the sender's own file name may hold the name they kept back.
    return attachment_response(
        submission,
        filename=submission.public_attachment_name,
        file_field=submission.public_attachment,
        content_type=submission.public_attachment_source[1],
    )


@never_cache
@require_safe
@own_submission
def own_attachment(request, submission):
    return attachment_response(submission)
