"""Admin screens for the snippets that plans share, grouped under one menu item, and the
warning after a plan is published.

Search uses each model's own search_fields: restricting fields per viewset breaks the SQLite
full-text backend ("no such column").
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from themeplans import publish_checks
from themeplans.models import Person, PlanGoal, PoliticalBody, PoliticalDecision, ThemePlanPage


def chooser_that_creates(fields, label):
    """A chooser with a «Ny …» tab, so an editor adds what is missing without leaving the page
    they are writing. Only for those allowed to add it (Wagtail asks the permission policy)."""
    return type(
        "CreatingChooserViewSet",
        (SnippetChooserViewSet,),
        {"form_fields": fields, "create_action_label": label, "creation_tab_label": label},
    )


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Personer")
    list_display = ["name", "title", "unit", "email", "phone"]
    list_filter = ["unit"]
    ordering = ["name"]
    chooser_viewset_class = chooser_that_creates(
        ["name", "title", "unit", "email", "phone"], _("Ny person")
    )


class PoliticalBodyViewSet(SnippetViewSet):
    model = PoliticalBody
    icon = "group"
    menu_label = _("Politiske organer")
    list_display = ["name", "kind", "contact_email"]
    list_filter = ["kind"]
    chooser_viewset_class = chooser_that_creates(
        ["name", "kind", "contact_url", "contact_email"], _("Nytt politisk organ")
    )


class PlanGoalViewSet(SnippetViewSet):
    model = PlanGoal
    icon = "target"
    menu_label = _("Mål i kommuneplanen")
    list_display = ["code", "title", "parent"]
    list_filter = ["parent"]
    ordering = ["code"]
    chooser_viewset_class = chooser_that_creates(["code", "title", "parent"], _("Nytt mål"))


class PoliticalDecisionViewSet(SnippetViewSet):
    model = PoliticalDecision
    icon = "doc-full"
    menu_label = _("Politiske vedtak")
    list_display = ["title", "body", "decided_on", "case_number"]
    list_filter = ["body", "decided_on"]
    ordering = ["-decided_on"]


class ThemePlanSnippets(SnippetViewSetGroup):
    menu_label = _("Temaplaner")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = [PoliticalDecisionViewSet, PoliticalBodyViewSet, PersonViewSet, PlanGoalViewSet]


register_snippet(ThemePlanSnippets)


@hooks.register("after_publish_page")
def warn_about_published_plan(request, page):
    """What a plan still lacks, said as it goes out (themeplans.publish_checks)."""
    # The class first: a plain Page (the bulk actions' objects) costs no query unless a plan.
    if issubclass(page.specific_class or Page, ThemePlanPage):
        publish_checks.warn_after_publishing(request, page.specific)


@hooks.register("after_bulk_action")
def warn_about_bulk_published_plans(request, action_type, objects, action):
    """The same warnings when plans go out with «Publiser» on several pages in the explorer,
    which does not run after_publish_page. (Input has a bulk «publish» too: pages only.)"""
    if action_type != "publish":
        return
    for item in objects:
        if isinstance(item, Page):
            warn_about_published_plan(request, item)
