"""Checks before a plan is published: what a reader would miss on its page.

The plan's own (no contact person, no lead or «Kort fortalt», no document) and its rounds'
(participation.publish_checks). Shown at the top of the plan's editor, from the state the
editor last saved, and as one warning after publishing. They warn and never refuse: a plan may
rightly go out before its documents, and a correction must not wait for them.
"""

from django.contrib import messages
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from wagtail.admin import messages as admin_messages
from wagtail.admin.panels import Panel

from participation.publish_checks import is_blank, round_warnings


def plan_warnings(plan) -> list[str]:
    """Everything to fix on this plan, its rounds first (they concern people sending input)."""
    return [
        *round_warnings(plan, list(plan.participation_rounds.all())),
        *_contact_warnings(plan),
        *_text_warnings(plan),
        *_document_warnings(plan),
    ]


def _contact_warnings(plan):
    # Imported here: the plan's model imports this module for its editor.
    from themeplans.models import Person
    from themeplans.models.plans import plan_contact

    people = list(plan.people.all())
    # The people are in the revision by id: load them at once, not one query each.
    persons = Person.objects.in_bulk({member.person_id for member in people})
    people = [member for member in people if member.person_id in persons]
    for member in people:
        member.person = persons[member.person_id]
    if plan_contact(people):
        return []
    if people:
        return [
            gettext(
                "Ingen av personene på planen viser e-post eller telefon, så siden sier ikke "
                "hvem man kan kontakte. Legg til en kontaktperson under Personer, eller kryss "
                "av for «Vis kontaktinformasjonen» på en av dem under Temaplaner → Personer."
            )
        ]
    return [gettext("Planen har ingen kontaktperson. Legg til en kontaktperson under Personer.")]


def _text_warnings(plan):
    warnings = []
    if not plan.lead.strip():
        warnings.append(gettext("Planen har ingen ingress. Skriv en under Innhold, «Ingress»."))
    if is_blank(plan.summary):
        warnings.append(
            gettext(
                "Planen har ingen «Kort fortalt». Skriv noen setninger om hva planen handler om "
                "under Innhold, «Kort fortalt»."
            )
        )
    return warnings


def _document_warnings(plan):
    own = any(getattr(plan, f"{name}_id") for name in plan.PAGE_DOCUMENTS)
    in_rounds = any(item.documents for item in plan.participation_rounds.all())
    if own or plan.documents or in_rounds:
        return []
    return [
        gettext(
            "Planen har ingen dokumenter. Legg til for eksempel mandatet under Mandat og "
            "prosess, eller kunnskapsgrunnlaget og andre dokumenter under Dokumenter."
        )
    ]


class PublishChecksPanel(Panel):
    """At the top of the plan's editor, above the tabs: what to fix before publishing, from
    the revision the editor opened (the state last saved), and again after each autosave
    (templates/wagtailadmin/pages/edit_partials.html). Not on a new plan: nothing is saved."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "themeplans/admin/publish_checks.html"

        @cached_property
        def warnings(self):
            return plan_warnings(self.instance) if self.instance.pk else []

        def is_shown(self):
            # Rendered even with nothing to say: the place an autosave puts a new list.
            return bool(self.instance.pk)

        def show_panel_furniture(self):
            # Outside the tabs (TabbedInterface renders such a child before them), so it is
            # seen whichever tab is open.
            return False

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["warnings"] = self.warnings
            return context


def render_checks(plan) -> str:
    """The list as the panel shows it, for the editor's autosave to replace the old one."""
    return render_to_string(
        PublishChecksPanel.BoundPanel.template_name, {"warnings": plan_warnings(plan)}
    )


def warn_after_publishing(request, plan):
    """After a plan is published (wagtail_hooks.py): say at once what it still lacks, with a
    way back to the editor. The editor saw the same list above the form before publishing;
    warning here rather than refusing before (`before_publish_page`) lets an urgent correction
    through and asks for no second click."""
    warnings = plan_warnings(plan)
    if not warnings:
        return
    items = format_html_join("\n", "<li>{}</li>", ((text,) for text in warnings))
    messages.warning(
        request,
        admin_messages.render(
            gettext("«%(plan)s» er publisert, men du bør rette dette:") % {"plan": plan.title},
            [
                admin_messages.button(
                    reverse("wagtailadmin_pages:edit", args=[plan.pk]), gettext("Rediger planen")
                )
            ],
            detail=format_html("<ul>{}</ul>", items),
        ),
    )
