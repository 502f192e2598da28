"""E-mails about input: the receipt and the answer to the sender, the notice to staff.

Each is posted to the outbox (core.outbox) as the input stands at that moment, rendered in
the language it goes out in; the outbox sends it and tries again when it fails. A mail's
`about` is "submission:<pk>", so staff see its failures on the input and anonymising the input
deletes its mails.

The receipt goes to an address nobody has shown to be the sender's, so it holds nothing the
sender typed (no name, no text, no file name): only what the municipality knows of the input
(reference, plan, round, time) and the private link. It is capped per address like every mail
a public form sends (core.outbox), and the input is kept whether it went out or not.
"""

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse

from core import outbox
from core.models import OutboxMail
from participation import links
from participation.models import MailKind
from participation.moderation.permissions import MODERATORS_GROUP


def about(submission):
    return f"submission:{submission.pk}"


def about_ref(outer_pk):
    """`about` for a submission's pk in a query (e.g. OuterRef("pk"))."""
    return Concat(Value("submission:"), Cast(outer_pk, CharField()))


def failures(submission):
    """The mails about this input that did not go out (yet), with the kind's label."""
    rows = list(outbox.failing().filter(about=about(submission)).order_by("pk"))
    for row in rows:
        row.label = MailKind(row.kind).label
    return rows


def _context(submission, **extra):
    plan = submission.round.page
    return {
        "submission": submission,
        "round": submission.round,
        "plan": plan,
        "private_url": links.absolute(links.private_path(submission)),
        "plan_url": links.absolute(links.plan_path(plan)),
        **extra,
    }


def _to_sender(submission):
    """The sender's address; none once anonymised."""
    return [submission.email] if submission.email else []


def staff_recipients(plan):
    """People on the plan with a work e-mail; else everyone in the moderators' group."""
    emails = [p.person.email for p in plan.people.select_related("person") if p.person.email]
    if not emails:
        users = (
            get_user_model()
            .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
            .exclude(email="")
        )
        emails = list(users.values_list("email", flat=True))
    return sorted(set(emails))


def compose(kind, submission):
    """What outbox.post() needs for this kind of mail about the input."""
    if kind == MailKind.STAFF_NOTICE:
        admin_url = settings.SITE_URL + reverse(
            "wagtailsnippets_participation_submission:edit", args=[submission.pk]
        )
        # Staff read Norwegian, whatever language the sender's page was in.
        to, language = staff_recipients(submission.round.page), settings.LANGUAGE_CODE
        context = partial(_context, submission, admin_url=admin_url)
    else:
        # The sender's language for the mail and its links, whatever the moderator's admin
        # language (the answer itself is written in Norwegian).
        to, language = _to_sender(submission), submission.language
        context = partial(_context, submission)
    extra = {"unverified": True} if kind == MailKind.RECEIPT else {}
    return {
        "kind": str(kind),
        "to": to,
        "template": f"participation/emails/{kind}",
        "context": context,
        "language": language,
        "about": about(submission),
        **extra,
    }


def post_receipt_and_staff_notice(submission):
    """The receipt (None when the address has had its share of mails) and the staff notice."""
    receipt = outbox.post(**compose(MailKind.RECEIPT, submission))
    outbox.post(**compose(MailKind.STAFF_NOTICE, submission))
    return receipt


def hand_over_lost(submission):
    """The sender sent the same form again, so they may have missed the answer that came with
    the receipt: hand this input's mails to delivery now if they are still untried."""
    outbox.hand_over_untried(about(submission))


def receipt_posted(submission):
    """Whether a receipt for this input was posted (sent or on its way)."""
    return OutboxMail.objects.filter(about=about(submission), kind=MailKind.RECEIPT).exists()


def post_answer(submission):
    """The answer as given now; it replaces an earlier answer's mail still waiting to go out."""
    outbox.post(**compose(MailKind.ANSWER, submission), supersede=True)
