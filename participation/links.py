"""Addresses of the participation pages, relative to a plan's own URL."""

from django.conf import settings


def plan_path(plan):
    """The plan's path on its site, e.g. /temaplaner/handling-mot-klimaendringene/."""
    return plan.get_url_parts()[2]


# Below the plan's own address.
FORM = "innspill/"
PUBLISHED = "innspill/publiserte/"


def form_path(plan):
    return plan_path(plan) + FORM


def published_path(plan):
    return plan_path(plan) + PUBLISHED


def private_path(submission):
    return f"{plan_path(submission.round.page)}innspill/mitt/{submission.token}/"


def absolute(path):
    return settings.SITE_URL + path
