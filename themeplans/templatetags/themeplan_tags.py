"""Template tags for theme plans: the schedule timeline, milestone status and goal groups."""

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext_lazy as _

from core.blocks import resolve_link
from core.languages import lang_attribute as content_lang
from themeplans import schedule

register = template.Library()


@register.simple_tag
def plan_timeline(plans, today, now=None):
    """`{% plan_timeline plans today moment as tl %}`: the timeline of the plan summaries, with
    their open and planned rounds at `moment` (no queries)."""
    return schedule.timeline(plans, today, now)


@register.filter
def round_label(value):
    """`{{ "open"|round_label }}`: "Åpen for innspill" or "Planlagt innspillsrunde"."""
    return schedule.round_label(value)


@register.filter
def milestone_status(milestone, today):
    """`{{ milestone|milestone_status:today }}`: "past", "current" or "upcoming"."""
    span = milestone.span
    return schedule.status(span.first_day, span.last_day, today)


@register.filter
def status_label(value):
    """`{{ "past"|status_label }}`: "Gjennomført", "Pågår" or "Kommer"."""
    return schedule.status_label(value)


@register.simple_tag
def body_name(body):
    """`{% body_name page.processing_body as body %}`: the political body's name, linked to its
    contact page when it has one (safe HTML, for use inside a translated sentence)."""
    if body is None:
        return ""
    # The name is the editors' Norwegian, inside a sentence in the interface's language.
    lang = content_lang()
    if body.contact_url:
        return format_html('<a href="{}"{}>{}</a>', body.contact_url, lang, body.name)
    return (
        format_html("<span{}>{}</span>", lang, body.name) if lang else format_html("{}", body.name)
    )


@register.simple_tag
def case_number(number, url=""):
    """`{% case_number decision.case_number decision.href as case %}`: the case number, linked
    to the case when there is an address (safe HTML, for use inside a translated sentence)."""
    if url:
        return format_html('<a href="{}">{}</a>', url, number)
    return format_html("{}", number)


@register.filter
def grouped_goals(goals):
    """`{% for group in goals|grouped_goals %}`: main goals with the listed sub-goals under them."""
    return schedule.group_goals(list(goals))


def _has_text(html):
    """True when rich text holds words or an embedded image, not just empty paragraphs."""
    html = str(html or "")
    return bool(strip_tags(html).strip()) or "<embed" in html or "<img" in html


# The sections of a plan page, in order: (id, heading). The ids are anchors in addresses, so
# they stay Norwegian in every language.
PLAN_SECTIONS = [
    ("kort-fortalt", _("Kort fortalt")),
    ("mandat", _("Mandat")),
    ("temaer", _("Temaer som skal utredes")),
    ("mal", _("Mål fra kommuneplanens samfunnsdel")),
    ("innsatsomrader", _("Innsatsområder og strategier")),
    ("framdrift", _("Framdrift")),
    ("medvirkning", _("Medvirkning")),
    ("ansvarlige", _("Ansvarlige")),
    ("kunnskapsgrunnlag", _("Kunnskapsgrunnlag")),
    ("dokumenter", _("Relevante dokumenter og lenker")),
    ("folg", _("Følg planen")),
]


SPARSE_IGNORES = {"ansvarlige", "folg"}


@register.simple_tag
def plan_sections(page, milestones, people, goals, rounds=(), progress_rounds=()):
    """`{% plan_sections page milestones people goals rounds progress_rounds as sections %}`:
    the sections with content. `progress_rounds`: the open and planned rounds «Framdrift» shows.

    Returns {"items": [{"id", "title"}], "shown": {key: True}} so the table of contents and the
    sections themselves agree. Uses only the page's own fields and the lists from the context.
    """
    has = {
        "kort-fortalt": _has_text(page.summary),
        "mandat": bool(
            page.mandate_body_id
            or page.mandate_date
            or page.mandate_case_number
            or page.mandate_url
            or page.mandate_document_id
            or page.processing_body_id
            or page.adopted_on
        ),
        "temaer": bool(page.topics),
        "mal": bool(goals),
        "innsatsomrader": bool(page.focus_areas),
        "framdrift": bool(milestones) or bool(progress_rounds),
        "medvirkning": bool(rounds),  # participation rounds, passed in by the template
        "ansvarlige": bool(people),
        "kunnskapsgrunnlag": _has_text(page.knowledge_base_text)
        or bool(page.knowledge_base_document_id),
        "dokumenter": bool(page.documents),
        "folg": True,  # every plan can be followed by e-mail
    }
    items = [{"id": key, "title": title} for key, title in PLAN_SECTIONS if has[key]]
    # Keys with "_" for "-", so a template can write `sections.shown.kort_fortalt`.
    shown = {item["id"].replace("-", "_"): True for item in items}
    # Nothing but people and «Følg planen» to show: the page says where the work stands instead
    # of looking empty (theme_plan_page.html, components/plan_empty_state.html).
    sparse = not (page.lead or any(has[key] for key in has if key not in SPARSE_IGNORES))
    return {"items": items, "shown": shown, "sparse": sparse}


@register.filter
def document_link(document, text=""):
    """`{% with link=doc|document_link:"Les mandatet" %}`: what components/link.html shows."""
    if not document:
        return None
    return resolve_link({"title": text, "document": document})
