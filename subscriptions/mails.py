"""E-mails to followers: the confirmation (or the reminder that they already follow) and the
news of each event, posted to the outbox (core.outbox) in the language they followed in.

A mail's `about` is "subscription:<pk>": when the follower row goes (unsubscribed, never
confirmed, deleted on request in the admin, or with its plan) its mails go too, so a follower
who left is sent nothing more and no address is kept.
"""

from core import links, outbox
from subscriptions import links as follow_links
from subscriptions.models import CONFIRMATION_VALID

CONFIRMATION, NEWS = "follow_confirmation", "follow_news"
KINDS = (CONFIRMATION, NEWS)


def about(subscription):
    return f"subscription:{subscription.pk}"


def _compose(kind, template, subscription, **extra):
    """What outbox.post() needs for this mail to the follower."""

    def context():
        plan = subscription.plan
        return {
            "subscription": subscription,
            "plan": plan,
            # What is followed («Klimaplan», «alle temaplanene»), and whether it is every plan.
            "followed": subscription.followed,
            "wide": subscription.is_wide,
            "plan_url": links.absolute(links.page_path(plan)),
            "unsubscribe_url": follow_links.unsubscribe_url(subscription),
            **extra,
        }

    return {
        "kind": kind,
        "to": [subscription.email],
        "template": f"subscriptions/emails/{template}",
        "context": context,
        "language": subscription.language,
        "about": about(subscription),
        "headers": follow_links.unsubscribe_headers(subscription),
    }


def post_confirmation(subscription):
    """None when the address has had its share of mails from the forms: it is not yet known to
    be the follower's, so it is capped as a receipt is (core.outbox)."""
    return outbox.post(
        **_compose(
            CONFIRMATION,
            "confirm",
            subscription,
            confirm_url=follow_links.confirm_url(subscription),
            valid_days=CONFIRMATION_VALID.days,
        ),
        unverified=True,
    )


def compose_news(subscription, event):
    """`event`: what the mail says (kind, title, description and an absolute link)."""
    return _compose(NEWS, "event", subscription, event=event)


def post_news(subscription, event):
    return outbox.post(**compose_news(subscription, event))


def forget_deleted(sender, instance, **kwargs):
    """post_delete of a Subscription: the outbox refers to it by a string, so this is the
    cascade a foreign key would give."""
    outbox.forget(about(instance))
