"""The report back on a round: «Hva vi fikk inn og hva vi gjør med det».

Once a round has closed, staff write its summary on the round (in the plan's editor) and tick
«publisert»; publishing the plan then shows it on the plan page and the round's input page, and
mails it to every sender of the round who gave an address and did not withdraw. Followers hear
of it through the event log (participation.events, SUMMARY_PUBLISHED), as of any other news,
except a follower whose mailbox was mailed the summary as a sender (`told_of_summaries`).

Each sender is mailed once: the input is claimed with one conditional UPDATE
(`Submission.summary_mailed_at`) in the transaction that posts the mail, so publishing the plan
again, or two workers at once, mail nobody twice. Several inputs from one mailbox get one mail.
Anonymised input has no address and is never mailed; anonymising deletes a mail not yet sent.
"""

from collections import Counter
from dataclasses import dataclass, field
from functools import partial

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task
from wagtail.documents import get_document_model

from core import outbox
from participation import events, links, mails
from participation.models import (
    MailKind,
    ParticipationRound,
    RoundDocumentKind,
    SenderCategory,
    Submission,
    SubmissionState,
)

SUMMARY_ANCHOR = "oppsummering"


@dataclass
class Counts:
    total: int = 0
    categories: list = field(default_factory=list)  # [(label, count)], the choices' order
    topics: list = field(default_factory=list)  # [(label, count)], most input first


def counted_input():
    """The input a summary counts: everything that came in, except what was withdrawn."""
    return Submission.objects.exclude(state=SubmissionState.WITHDRAWN)


def counts_by_round(round_ids):
    """{round id: Counts} for these rounds: one aggregate query for them all."""
    rows = (
        counted_input()
        .filter(round_id__in=list(round_ids))
        .values_list("round_id", "category", "topic")
        .annotate(count=Count("pk"))
        .order_by()
    )
    categories, topics = {}, {}
    for round_id, category, topic, count in rows:
        categories.setdefault(round_id, Counter())[category] += count
        topics.setdefault(round_id, Counter())[topic] += count
    result = {}
    for round_id in round_ids:
        by_category = categories.get(round_id, Counter())
        by_topic = topics.get(round_id, Counter())
        result[round_id] = Counts(
            total=sum(by_category.values()),
            categories=[
                (label, by_category[value])
                for value, label in SenderCategory.choices
                if by_category[value]
            ],
            topics=[
                (topic or gettext("Uten tema"), count)
                for topic, count in sorted(by_topic.items(), key=lambda item: (-item[1], item[0]))
            ],
        )
    return result


def counts(round):
    return counts_by_round([round.pk])[round.pk]


def prepare(rounds):
    """Give each round (already loaded) what the public pages show of it, in two queries at
    most, however many rounds: `shown_documents` (the hearing documents), `decisions` and, for
    a published summary, `counts`."""
    ids = {
        item["value"]["document"]
        for round in rounds
        for item in round.documents.raw_data
        if item.get("value", {}).get("document")
    }
    documents = get_document_model().objects.in_bulk(ids) if ids else {}
    summarised = [round.pk for round in rounds if round.pk and round.shows_summary]
    by_round = counts_by_round(summarised) if summarised else {}
    for round in rounds:
        shown = []
        for item in round.documents.raw_data:
            value = item.get("value", {})
            document = documents.get(value.get("document"))
            if document is None:
                continue
            kind = value.get("kind") or RoundDocumentKind.OTHER
            shown.append(
                {
                    "kind": kind,
                    "kind_label": RoundDocumentKind(kind).label,
                    "title": value.get("title") or document.title,
                    "url": document.url,
                    "document": document,
                    # What components/link.html shows: the title, with type and size.
                    "link": {
                        "href": document.url,
                        "text": value.get("title") or document.title,
                        "document": document,
                    },
                }
            )
        round.shown_documents = [d for d in shown if d["kind"] != RoundDocumentKind.DECISION]
        round.decisions = [d for d in shown if d["kind"] == RoundDocumentKind.DECISION]
        round.counts = by_round.get(round.pk)
    return rounds


def summary_path(round):
    """Where the published summary is read: the plan page's section of the round."""
    return f"{links.plan_path(round.page)}#{SUMMARY_ANCHOR}-{round.pk}"


def to_mail(round):
    """The round's input whose senders get the summary and have not had it: with an address,
    not withdrawn, not anonymised."""
    return (
        Submission.objects.filter(
            round=round, summary_mailed_at__isnull=True, anonymised_at__isnull=True
        )
        .exclude(state=SubmissionState.WITHDRAWN)
        .exclude(email="")
        .order_by("pk")
    )


def _context(round, submission, count):
    return {
        "round": round,
        "plan": round.page,
        "submission": submission,
        "count": count,
        "counts": counts(round),
        "summary_url": links.absolute(summary_path(round)),
        "private_url": links.absolute(links.private_path(submission)),
        "plan_url": links.absolute(links.plan_path(round.page)),
    }


def post_mails(round, now=None):
    """Mail the summary to each sender of the round not mailed yet: one mail per mailbox.
    Returns how many mails were posted."""
    now = now or timezone.now()
    if not round.shows_summary:
        return 0
    by_mailbox = {}
    for submission in to_mail(round).select_related("round__page"):
        by_mailbox.setdefault(outbox.recipient_key(submission.email), []).append(submission)
    posted = 0
    for group in by_mailbox.values():
        first = group[0]
        with transaction.atomic():
            claimed = Submission.objects.filter(
                pk__in=[s.pk for s in group], summary_mailed_at__isnull=True
            ).update(summary_mailed_at=now)
            if not claimed:
                continue  # another run mailed this sender
            outbox.post(
                kind=MailKind.SUMMARY,
                to=[first.email],
                template="participation/emails/summary",
                context=partial(_context, round, first, len(group)),
                language=first.language,
                about=mails.about(first),
            )
            posted += 1
    return posted


def told_of_summaries(keys):
    """For core.events.told_directly: the senders already mailed the summary of a round whose
    «summary published» event is among `keys`, so following the plan too brings no second
    mail about it."""
    prefix = f"{events.SUMMARY_PUBLISHED}:"
    rounds = [int(key.removeprefix(prefix)) for key in keys if key.startswith(prefix)]
    if not rounds:
        return set()
    mailed = (
        Submission.objects.filter(round_id__in=rounds, summary_mailed_at__isnull=False)
        .exclude(email="")
        .values_list("round_id", "email")
        .iterator(chunk_size=2000)
    )
    return {(outbox.recipient_key(email), f"{prefix}{round_id}") for round_id, email in mailed}


@task()
def mail_summary(round_id):
    """Mail the round's published summary to its senders (in the worker, not the request)."""
    round = ParticipationRound.objects.select_related("page").filter(pk=round_id).first()
    return post_mails(round) if round is not None else 0


def mail_published(page):
    """After the plan is published: hand the mailing of each published summary to the worker."""
    for round_id in ParticipationRound.objects.filter(
        page=page, summary_published=True, summary_published_at__isnull=False
    ).values_list("pk", flat=True):
        transaction.on_commit(partial(mail_summary.enqueue, round_id))
