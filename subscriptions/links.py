"""Addresses of the follow pages. The confirm and unsubscribe links name the subscription by its
token alone, outside the plan's path, so a link in an old e-mail keeps working when the plan is
renamed, moved or unpublished."""

from django.urls import reverse

from core.links import absolute, page_path


def follow_path(plan):
    return f"{page_path(plan)}folg/"


def confirm_url(subscription):
    return absolute(reverse("subscriptions:confirm", args=[subscription.token]))


def unsubscribe_url(subscription):
    return absolute(reverse("subscriptions:unsubscribe", args=[subscription.token]))


def unsubscribe_headers(subscription):
    """RFC 2369 and RFC 8058: mail clients show «unsubscribe» and POST to it in one click."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscription)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
