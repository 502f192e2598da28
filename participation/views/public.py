"""The public participation pages: the form, the receipt and private link, published input."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from participation import antispam, links, services
from participation.forms import SubmissionForm, WithdrawForm
from participation.models import RoundState, Submission
from participation.views.plans import find_plan

PER_PAGE = 10


def _rounds(plan):
    return list(plan.participation_rounds.order_by("opens_at", "pk"))


def _context(plan, tail, **extra):
    """What every participation page shows: the plan (title, breadcrumbs) and its rounds."""
    return {
        "page": plan,
        "plan": plan,
        "crumb_tail": tail,
        "form_url": links.form_path(plan),
        "published_url": links.published_path(plan),
        "retention_days": settings.PARTICIPATION_RETENTION_DAYS,
        **extra,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def form_page(request, plan_path):
    plan = find_plan(request, plan_path)
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
    )
    status = 200
    if posted:
        status = 400
        if form.is_valid():
            if form.is_spam:
                form.add_error(
                    None,
                    "Et skjult felt som stopper automatisk spam, var fylt ut. Det kan skje med "
                    "autoutfylling i nettleseren. Teksten din er tatt vare på: send skjemaet "
                    "på nytt.",
                )
                form.clear_trap()
            elif form.sent_too_fast:
                form.add_error(
                    None,
                    "Skjemaet ble sendt bare sekunder etter at det ble åpnet, og det ligner "
                    "automatisk spam. Se over innspillet og send det på nytt.",
                )
                form.renew_stamp()
            elif antispam.over_rate_limit(request):
                status = 429
                minutes = max(1, round(settings.PARTICIPATION_RATE_WINDOW / 60))
                form.add_error(
                    None,
                    "Det er sendt mange innspill fra din adresse på kort tid. Vent "
                    f"{minutes} minutter og send på nytt. Teksten din er tatt vare på nedenfor.",
                )
            else:
                try:
                    submission = services.submit(
                        form.chosen_round, form.cleaned_data, form.cleaned_data.get("attachment")
                    )
                except services.RoundNotOpen:
                    return closed_page(request, plan, rounds)
                return redirect(f"{links.private_path(submission)}?mottatt=1", permanent=False)
    context = _context(plan, "Send innspill", form=form, rounds=open_rounds)
    return render(request, "participation/form_page.html", context, status=status)


def closed_page(request, plan, rounds):
    """No round is open. A refused post shows the sender their text, so nothing is lost."""
    now = timezone.now()
    context = _context(
        plan,
        "Send innspill",
        rounds=rounds,
        upcoming=[r for r in rounds if r.state_at(now) == RoundState.UPCOMING],
        closed=[r for r in rounds if r.state_at(now) == RoundState.CLOSED],
        posted_text=request.POST.get("text", "").strip(),
        published_count=Submission.objects.published().filter(round__page=plan).count(),
    )
    status = 403 if request.method == "POST" else 200
    return render(request, "participation/round_closed.html", context, status=status)


def _own_submission(plan, token):
    return get_object_or_404(
        Submission.objects.select_related("round"), token=token, round__page=plan
    )


@never_cache
@require_http_methods(["GET", "POST"])
def private_page(request, plan_path, token):
    """The sender's own page: receipt, status, answer; withdraw while the round is open."""
    plan = find_plan(request, plan_path)
    submission = _own_submission(plan, token)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and services.withdraw(submission):
            return redirect(f"{links.private_path(submission)}?trukket=1", permanent=False)
        status = 400
        if form.is_valid():
            form.add_error(None, "Innspillet kan ikke trekkes tilbake lenger: runden er stengt.")
    context = _context(
        plan,
        "Ditt innspill",
        submission=submission,
        withdraw_form=form,
        just_received="mottatt" in request.GET,
        just_withdrawn="trukket" in request.GET,
        # The address the sender is on now; e-mails use SITE_URL instead.
        private_url=request.build_absolute_uri(links.private_path(submission)),
    )
    response = render(request, "participation/private_page.html", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is in the address: never send it to other sites. (Not "no-referrer": browsers
    # then post the withdrawal with Origin: null, which Django's CSRF check refuses.)
    response["Referrer-Policy"] = "same-origin"
    return response


@require_GET
def published_page(request, plan_path):
    plan = find_plan(request, plan_path)
    submissions = (
        Submission.objects.published()
        .filter(round__page=plan)
        .select_related("round")
        .order_by("-published_at", "-pk")
    )
    page = Paginator(submissions, PER_PAGE).get_page(request.GET.get("side"))
    context = _context(plan, "Innspill og svar", submissions=page)
    return render(request, "participation/published_page.html", context)


def attachment_response(submission):
    """The file as a download, never shown inline, under the safe name given at upload."""
    if not submission.attachment:
        raise Http404
    response = FileResponse(
        submission.attachment.open("rb"),
        as_attachment=True,
        filename=submission.attachment_name or "vedlegg",
        content_type=submission.attachment_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@require_GET
def published_attachment(request, plan_path, reference):
    plan = find_plan(request, plan_path)
    submission = get_object_or_404(
        Submission.objects.published(), reference=reference, round__page=plan
    )
    return attachment_response(submission)


@never_cache
@require_GET
def own_attachment(request, plan_path, token):
    plan = find_plan(request, plan_path)
    submission = _own_submission(plan, token)
    return attachment_response(submission)
