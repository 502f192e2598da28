"""The moderators' panel on the admin's home page: what waits for them.

New input (still «Mottatt») and unanswered input per round, the rounds that close within a
week, and the input whose e-mail failed; each figure links to the listing filtered to just
that input. Four queries however much input there is: the per-round counts read the partial
indexes that hold only the waiting rows (Submission.Meta), and the failed mails are counted
in the outbox, which keeps unsent mails only.
"""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from core import outbox
from participation.models import ParticipationRound, Submission, SubmissionState
from participation.moderation import filters, permissions
from participation.moderation.views import listing_url

CLOSING_WITHIN = timedelta(days=7)
NEW = Q(state=SubmissionState.RECEIVED)


def per_round(condition):
    """(round id, count) of the input meeting `condition`, which one of the partial indexes
    holds."""
    return (
        Submission.objects.filter(condition)
        .order_by()
        .values_list("round_id")
        .annotate(count=Count("pk"))
    )


def input_with_failed_mail():
    """How many inputs have a mail that failed: what the listing's «E-post feilet» shows.
    (participation.mails names each mail's input as "submission:<pk>".)"""
    return (
        outbox.failing().filter(about__startswith="submission:").values("about").distinct().count()
    )


def figures(now=None):
    now = now or timezone.now()
    new = dict(per_round(NEW))
    unanswered = dict(per_round(filters.unanswered))
    closing = Q(opens_at__lte=now, closes_at__gt=now, closes_at__lte=now + CLOSING_WITHIN)
    rounds = ParticipationRound.objects.filter(Q(pk__in=new.keys() | unanswered.keys()) | closing)
    rows = []
    for round in rounds.select_related("page"):
        closes_soon = now < round.closes_at <= now + CLOSING_WITHIN and round.opens_at <= now
        rows.append(
            {
                "round": round,
                "new": new.get(round.pk, 0),
                "new_url": listing_url(round=round.pk, state=SubmissionState.RECEIVED),
                "unanswered": unanswered.get(round.pk, 0),
                "unanswered_url": listing_url(round=round.pk, answered=filters.UNANSWERED),
                "closes_soon": closes_soon,
                "listing_url": listing_url(round=round.pk),
            }
        )
    # What closes first, then where most waits.
    rows.sort(
        key=lambda row: (
            not row["closes_soon"],
            row["round"].closes_at if row["closes_soon"] else 0,
            -row["new"],
            -row["unanswered"],
            row["round"].title,
        )
    )
    return {
        "rows": rows,
        "new": sum(new.values()),
        "new_url": listing_url(state=SubmissionState.RECEIVED),
        "unanswered": sum(unanswered.values()),
        "unanswered_url": listing_url(answered=filters.UNANSWERED),
        "closing": sum(row["closes_soon"] for row in rows),
        "failed_mail": input_with_failed_mail(),
        "failed_mail_url": listing_url(mail_failed="ja"),
        "mine_url": listing_url(assigned=filters.MINE, answered=filters.UNANSWERED),
    }


class ModerationPanel(Component):
    name = "moderation"
    order = 50  # above Wagtail's own panels: this is what moderators come for
    template_name = "participation/admin/dashboard_panel.html"

    def get_context_data(self, parent_context):
        return figures()


def add_panel(request, panels):
    """For the hook construct_homepage_panels: moderators only."""
    if permissions.policy.user_has_permission(request.user, "change"):
        panels.append(ModerationPanel())
