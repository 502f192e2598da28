"""The public follow pages: the form, and the confirm and unsubscribe links from the e-mails.

Opening a link never changes anything (mail scanners open links); a button press (POST) does.
"""

from contextlib import suppress
from functools import wraps

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Page, get_page_models

from core import antispam, links
from core.pages import subpage_context
from subscriptions import services
from subscriptions.forms import FollowAllForm, FollowForm
from subscriptions.links import follow_path
from subscriptions.models import CONFIRMATION_VALID, Scope, Subscription, followed_label


def _context(plan, tail, scope=Scope.PLAN, **extra):
    return subpage_context(
        plan,
        tail,
        plan=plan,
        plan_url=links.page_path(plan),
        follow_url=follow_path(plan),
        valid_days=CONFIRMATION_VALID.days,
        # What is followed, as a sentence's object, and whether it is every plan.
        followed=followed_label(plan, scope),
        wide=scope != Scope.PLAN,
        **extra,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow_page(request, plan, every_plan=False):
    """The form under the plan's address (subscriptions.pages.FollowPageMixin), or under the
    plans' index to follow every plan (FollowAllPageMixin)."""
    posted = request.method == "POST"
    form_class = FollowAllForm if every_plan else FollowForm
    form = form_class(request.POST if posted else None)
    status = 200
    if posted:
        status = 400
        if form.is_valid():
            refused = antispam.refusal(form)
            if refused is None and antispam.over_rate_limit(request):
                refused = antispam.rate_limited()
            if refused is None:
                scope = form.cleaned_data.get("scope", Scope.PLAN)
                subscription = services.subscribe(plan, form.cleaned_data["email"], scope=scope)
                context = _context(
                    plan,
                    _("Sjekk e-posten din"),
                    scope=scope,
                    email=form.cleaned_data["email"],
                    mail_state=subscription.mail_state,
                )
                return render(request, "subscriptions/check_email.html", context)
            message, status = refused
            form.add_error(None, message)
    tail = _("Følg alle planene") if every_plan else _("Følg planen")
    context = _context(plan, tail, scope=Scope.ALL if every_plan else Scope.PLAN, form=form)
    return render(request, "subscriptions/follow_page.html", context, status=status)


def _private(response):
    """The token is in the address: keep it out of search engines and other sites' logs."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def _link_problem(request, problem, plan=None, status=404):
    context = {"problem": problem, "index_url": _plans_index_url(request)}
    if plan is not None:
        context.update(_context(plan, _("Lenken virker ikke")))
    return render(request, "subscriptions/link_problem.html", context, status=status)


def _plans_index_url(request):
    """Where all the plans are listed: the page people follow all the plans under
    (subscriptions.pages.FollowAllPageMixin)."""
    from subscriptions.pages import FollowAllPageMixin

    kinds = [model for model in get_page_models() if issubclass(model, FollowAllPageMixin)]
    index = Page.objects.type(*kinds).live().public().order_by("path").first() if kinds else None
    return index.get_url(request) if index else "/"


def by_token(view):
    """A view of one subscription, found by its token; a clear page when there is none."""

    @wraps(view)
    def with_subscription(request, token):
        subscription = Subscription.objects.select_related("plan").filter(token=token).first()
        if subscription is None:
            return _private(_link_problem(request, "unknown"))
        return _private(view(request, subscription))

    return with_subscription


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@by_token
def confirm_page(request, subscription):
    plan = subscription.plan
    state = "confirmed" if subscription.is_confirmed else "ask"
    if request.method == "POST":
        try:
            services.confirm(subscription.token)
        except services.ExpiredToken:
            pass  # shown below, like a GET
        except services.UnknownToken:
            return _link_problem(request, "unknown")
        else:
            state = "done"
    if state == "ask" and subscription.is_expired():
        return _link_problem(request, "expired", plan, status=410)
    context = _context(
        plan, _("Bekreft"), scope=subscription.scope, state=state, subscription=subscription
    )
    return render(request, "subscriptions/confirm_page.html", context)


@csrf_exempt  # RFC 8058: the mail client posts «List-Unsubscribe=One-Click» without cookies
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@by_token
def unsubscribe_page(request, subscription):
    plan = subscription.plan
    state = "ask"
    if request.method == "POST":
        # A second click at the same moment finds it gone: done all the same.
        with suppress(services.UnknownToken):
            services.unsubscribe(subscription.token)
        state = "done"
    context = _context(
        plan, _("Slutt å følge"), scope=subscription.scope, state=state, subscription=subscription
    )
    return render(request, "subscriptions/unsubscribe_page.html", context)
