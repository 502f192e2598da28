"""Addresses of the participation pages, relative to a plan's own URL."""

from core.links import absolute, page_path

__all__ = [
    "FORM",
    "PUBLISHED",
    "PUBLISHED_PER_PAGE",
    "absolute",
    "form_path",
    "plan_path",
    "private_path",
    "published_path",
]

plan_path = page_path


# Below the plan's own address.
FORM = "innspill/"
PUBLISHED = "innspill/publiserte/"
# Published input per page there (?side=N), which the search's links to an input count on.
PUBLISHED_PER_PAGE = 10


def form_path(plan):
    return plan_path(plan) + FORM


def published_path(plan):
    return plan_path(plan) + PUBLISHED


def private_path(submission):
    return f"{plan_path(submission.round.page)}innspill/mitt/{submission.token}/"
