"""Participation's part of the editor of a page that takes input: the «Medvirkning» tab with
the rounds, the form that keeps rounds with input, and the admin hooks that keep input when a
page is deleted or a hearing is short (registered in wagtail_hooks.py).
"""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import HelpPanel, InlinePanel, ObjectList
from wagtail.models import Page

from participation.models import HEARING_MIN_DAYS, ParticipationRound, Submission

ROUNDS = "participation_rounds"


class PlanPageForm(WagtailAdminPageForm):
    """Refuses to save a plan without a round that has input: input is a public record.

    Checked against the database, not just the rows marked for deletion, so reverting to a
    revision from before the round existed is refused too.
    """

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get(ROUNDS)
        if formset is None or not self.instance.pk:
            return cleaned
        kept = {
            form.instance.pk
            for form in formset.forms
            if form.instance.pk and form not in formset.deleted_forms
        }
        with_input = (
            ParticipationRound.objects.filter(page_id=self.instance.pk)
            .exclude(pk__in=kept)
            .annotate(count=Count("submissions"))
            .filter(count__gt=0)
        )
        for round in with_input:
            self.add_error(
                None,
                ngettext(
                    "Du kan ikke fjerne innspillsrunden «%(round)s», fordi den har %(count)s "
                    "innspill. Endre heller når den stenger.",
                    "Du kan ikke fjerne innspillsrunden «%(round)s», fordi den har %(count)s "
                    "innspill. Endre heller når den stenger.",
                    round.count,
                )
                % {"round": round.title, "count": round.count},
            )
        return cleaned


def _rounds_help():
    """The help over the rounds, in the language of the editor who opens the form."""
    return gettext(
        "Når en runde er åpen, viser planens side en lenke til innspillsskjemaet. "
        "En offentlig høring bør vare minst seks uker (%(days)s dager). "
        "Innspillene finner du under «Innspill» i menyen."
    ) % {"days": HEARING_MIN_DAYS}


rounds_help = lazy(_rounds_help, str)


def rounds_tab():
    """The «Medvirkning» tab, for the page's own TabbedInterface."""
    return ObjectList(
        [
            HelpPanel(format_lazy("<p>{}</p>", rounds_help())),
            InlinePanel(ROUNDS, heading=_("Innspillsrunder"), label=_("innspillsrunde")),
        ],
        heading=_("Medvirkning"),
    )


def warn_short_hearings(request, page):
    """After saving a plan: a hearing shorter than six weeks gets a warning (not an error)."""
    rounds = getattr(page.specific, ROUNDS, None)
    for round in rounds.all() if rounds is not None else []:
        if round.is_short_hearing:
            messages.warning(
                request,
                ngettext(
                    "Høringen «%(round)s» varer bare %(days)s dag. En offentlig høring bør vare "
                    "minst seks uker.",
                    "Høringen «%(round)s» varer bare %(days)s dager. En offentlig høring bør vare "
                    "minst seks uker.",
                    round.duration_days,
                )
                % {"round": round.title, "days": round.duration_days},
            )


def _input_under(page):
    """Input on the page or on any plan below it (deleting a page deletes its subtree)."""
    return Submission.objects.filter(round__page__path__startswith=page.path).count()


def _refuse(request, page, count):
    messages.error(
        request,
        ngettext(
            "Du kan ikke slette «%(page)s», fordi %(count)s innspill hører til siden eller "
            "en side under den. Avpubliser siden i stedet.",
            "Du kan ikke slette «%(page)s», fordi %(count)s innspill hører til siden eller "
            "en side under den. Avpubliser siden i stedet.",
            count,
        )
        % {"page": page.title, "count": count},
    )


def refuse_deleting_plan_with_input(request, page):
    """Deleting a plan (or a page above one) would delete its input with it; unpublishing
    keeps the record."""
    if count := _input_under(page):
        _refuse(request, page, count)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


def refuse_bulk_deleting_pages_with_input(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not objects or not isinstance(objects[0], Page):
        return None
    refused = [(page, count) for page in objects if (count := _input_under(page))]
    for page, count in refused:
        _refuse(request, page, count)
    return redirect("wagtailadmin_explore", objects[0].get_parent().pk) if refused else None
