"""Template tags that bring participation into the theme plan pages (which cannot import it)."""

from django import template
from django.utils import timezone

from participation import links
from participation.models import ParticipationRound, Submission
from participation.rounds import summarise

register = template.Library()


@register.simple_tag
def plan_participation(plan):
    """`{% plan_participation page as participation %}`: rounds, state and published input."""
    summary = summarise(list(plan.participation_rounds.all()), timezone.now())
    has_rows = summary["rounds"] and plan.pk  # a preview of a new plan has no rows yet
    summary["published_count"] = Submission.objects.published_on(plan).count() if has_rows else 0
    summary["form_url"] = links.form_path(plan)
    summary["published_url"] = links.published_path(plan)
    return summary


@register.simple_tag
def participation_by_plan(plans):
    """`{% participation_by_plan plans as by_plan %}`: one query for all the cards on the index."""
    pages = {item["page"].pk: item["page"] for item in plans}
    rounds = {pk: [] for pk in pages}
    for item in ParticipationRound.objects.filter(page_id__in=pages):
        rounds[item.page_id].append(item)
    now = timezone.now()
    return {pk: {**summarise(rounds[pk], now), "form_url": None} for pk in pages}


@register.filter
def lookup(mapping, key):
    return mapping.get(key) if mapping else None
