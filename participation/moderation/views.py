"""The moderation screens: the input listing and form, attachment downloads and the rounds.

All of them need the view permission on input (changing needs the change permission), which
the group «Innspillsmoderatorer» has; see permissions.py.
"""

import tempfile
from collections import Counter
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.forms.search import SearchForm
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.widgets.button import Button, ListingButton
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import EditView, IndexView

from core.admin_paging import EstimatingPaginator
from participation import answer_approval, exports, mails, publish_checks
from participation.models import (
    MailKind,
    ParticipationRound,
    RoundState,
    Submission,
    SubmissionState,
)
from participation.moderation import export_views, filters, permissions, worklist
from participation.moderation.screens import ModerationScreen
from participation.views.public import attachment_response

# URL names; the submission viewset keeps Wagtail's snippet namespace (mails.compose).
SUBMISSIONS = "wagtailsnippets_participation_submission"
ROUNDS = "participation_rounds"


def listing_url(**params):
    url = reverse(f"{SUBMISSIONS}:list")
    return f"{url}?{urlencode(params)}" if params else url


class SubmissionIndexView(IndexView):
    """The listing, with bulk actions (never delete) and exports (export_views).

    The whole listing is counted from the table's statistics once it is long; the search box
    is filters.search, served by trigram indexes on PostgreSQL, over input in every state
    (not the site search's index, which holds only published input)."""

    paginator_class = EstimatingPaginator

    def search_queryset(self, queryset):
        return filters.search(queryset, self.search_query) if self.is_searching else queryset

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The reference is the title: kept on one line («INN-2026-00042»).
        return super()._get_title_column(
            field_name, column_class, classname="w-whitespace-nowrap", **kwargs
        )

    def get_edit_url(self, instance):
        # The filtered listing rides along, for the form to come back to (worklist).
        edit_url = super().get_edit_url(instance)
        return edit_url and worklist.with_return(edit_url, self.listing_address)

    @cached_property
    def listing_address(self):
        return worklist.listing_address(self.index_url, self.request)

    def get_search_form(self):
        if not self.is_searchable:
            return None
        data = self.request.GET if self.search_kwarg in self.request.GET else None
        return SearchForm(data, placeholder=gettext("Søk i innspill"))

    @cached_property
    def bulk_action_buttons(self):
        if not permissions.policy.user_has_permission(self.request.user, "change"):
            return []
        meta = Submission._meta
        actions = [
            action
            for action in bulk_action_registry.get_bulk_actions_for_model(
                meta.app_label, meta.model_name
            )
            if action.action_type not in permissions.policy.refused
        ]
        return [
            ListingButton(
                action.display_name,
                reverse(
                    "wagtail_bulk_action",
                    args=[meta.app_label, meta.model_name, action.action_type],
                ),
                attrs={"aria-label": action.aria_label, "data-bulk-action-button": ""},
                priority=action.action_priority,
                classname=" ".join(action.classes | {"bulk-action-btn"}),
            )
            for action in sorted(actions, key=lambda action: action.action_priority)
        ]

    def get(self, request, *args, **kwargs):
        # An export skips the listing's page (its counts and filters' choices) altogether.
        if self.is_export:
            return export_views.listing_export(request, request.GET["export"])
        return super().get(request, *args, **kwargs)

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        if exports.can_export_personal_data(self.request.user):
            params = self.request.GET.copy()
            params.update({"export": "xlsx", export_views.PERSONAL_PARAMETER: "1"})
            buttons.append(
                Button(
                    gettext("Last ned Excel med navn og organisasjon"),
                    url=f"{self.request.path}?{params.urlencode()}",
                    icon_name="download",
                    priority=95,
                )
            )
        return buttons


class SubmissionEditView(EditView):
    page_title = _("Behandle innspill")
    error_message = _("Innspillet ble ikke lagret. Rett det som er merket nedenfor.")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.plain_listing = reverse(self.index_url_name)
        self.returning_to = worklist.returning_to(self.plain_listing, request)

    def get_edit_url(self):
        # The form posts to this address too, so the listing to come back to is kept.
        return worklist.with_return(super().get_edit_url(), self.returning_to)

    def get_breadcrumbs_items(self):
        return [
            {**item, "url": self.returning_to}
            if self.returning_to and item.get("url") == self.plain_listing
            else item
            for item in super().get_breadcrumbs_items()
        ]

    def get_success_message(self):
        outcome = getattr(self.form, "outcome", None)
        reference = {"reference": self.object.reference}
        saved = gettext("Innspillet %(reference)s er lagret.")
        if outcome is None:
            return saved % reference
        message = {
            SubmissionState.PUBLISHED: gettext("Innspillet %(reference)s er lagret og publisert."),
            SubmissionState.DECLINED: gettext(
                "Innspillet %(reference)s er lagret og ikke publisert."
            ),
            SubmissionState.HANDLED_PRIVATE: gettext(
                "Innspillet %(reference)s er lagret som behandlet og ikke publisert, slik "
                "avsenderen ønsket."
            ),
        }.get(outcome.state, saved) % reference
        if outcome.answer_sent and any(
            failure.kind == MailKind.ANSWER for failure in mails.failures(self.object)
        ):
            # The e-mail server refused it just now (the outbox records it).
            message += " " + gettext(
                "Svaret vises med innspillet, men e-posten til avsenderen kom ikke fram. "
                "Nettstedet prøver å sende den igjen automatisk. Se varselet på innspillet."
            )
        elif outcome.answer_sent and self.object.email:
            message += " " + gettext("Svaret er sendt på e-post til avsenderen.")
        elif outcome.answer_sent:
            message += " " + gettext(
                "Svaret vises med innspillet (avsenderens e-postadresse er slettet)."
            )
        elif answer_approval.is_waiting(self.object):
            message += " " + gettext(
                "Svaret venter på godkjenning og sendes når en annen moderator har godkjent det."
            )
        return message

    def get_success_buttons(self):
        return [messages.button(self.get_edit_url(), gettext("Vis innspillet"))]

    def get_success_url(self):
        if worklist.SAVE_AND_NEXT not in self.request.POST:
            return self.returning_to or super().get_success_url()
        following = worklist.next_to_handle(self.object)
        if following is not None:
            following_url = reverse(f"{SUBMISSIONS}:edit", args=[following.pk])
            return worklist.with_return(following_url, self.returning_to)
        messages.info(
            self.request,
            gettext("Ingen flere innspill i «%(round)s» venter på behandling.")
            % {"round": self.object.round.title},
        )
        return self.returning_to or listing_url(round=self.object.round_id)


class AttachmentView(View):
    """A sender's attachment, for staff who may see input."""

    def get(self, request, pk):
        permissions.require(request.user, "view")
        return attachment_response(get_object_or_404(Submission, pk=pk))


class RedactedAttachmentView(View):
    """The redacted version a moderator uploaded, as stored (the public gets a copy without
    metadata), for staff who may see input."""

    def get(self, request, pk):
        permissions.require(request.user, "view")
        submission = get_object_or_404(Submission, pk=pk)
        if not submission.redacted_attachment:
            raise Http404
        return attachment_response(
            submission,
            filename=submission.public_attachment_name,
            file_field=submission.redacted_attachment,
            content_type=submission.redacted_attachment_type,
        )


class RoundsView(ModerationScreen):
    """Every round with its plan, dates, state and input per state, and its downloads."""

    page_title = _("Innspillsrunder")
    header_icon = "calendar"
    template_name = "participation/admin/rounds.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One pass over the input for every number on the page; the rounds are joined to
        # nothing (a join of every input to its round cost a second pass).
        counts, totals, with_attachment = Counter(), Counter(), Counter()
        grouped = (
            Submission.objects.order_by()
            .values("round_id", "state")
            .annotate(count=Count("pk"), attached=Count("pk", filter=~Q(attachment="")))
        )
        for row in grouped:
            counts[row["round_id"], row["state"]] = row["count"]
            totals[row["round_id"]] += row["count"]
            with_attachment[row["round_id"]] += row["attached"]
        # The join brings the plan's own fields (live, a newer draft): no query more.
        rounds = ParticipationRound.objects.select_related("page")
        now = timezone.now()
        context["rounds"] = [
            {
                "round": round,
                "state": round.state_at(now),
                "state_label": RoundState(round.state_at(now)).label,
                # Open to nobody while the plan is not live, whatever the dates say.
                "unreachable": publish_checks.unreachable_label(round.state_at(now), round.page),
                "plan_state": publish_checks.page_state(round.page).label,
                "counts": [
                    (label, counts[round.pk, state]) for state, label in SubmissionState.choices
                ],
                "total": totals[round.pk],
                "with_attachment": with_attachment[round.pk],
                "listing_url": listing_url(round=round.pk),
                "csv_url": listing_url(round=round.pk, export="csv"),
                "xlsx_url": listing_url(round=round.pk, export="xlsx"),
                "personal_xlsx_url": listing_url(
                    round=round.pk, export="xlsx", **{export_views.PERSONAL_PARAMETER: "1"}
                ),
                "report_url": reverse(f"{ROUNDS}:report", args=[round.pk]),
                "zip_url": reverse(f"{ROUNDS}:attachments", args=[round.pk]),
            }
            for round in rounds.order_by("-opens_at", "-pk")
        ]
        context["states"] = SubmissionState.choices
        context["can_export_personal_data"] = exports.can_export_personal_data(self.request.user)
        context["exports_url"] = export_views.export_jobs_url()
        return context


class RoundAttachmentsView(View):
    """All attachments of a round in one ZIP file, each named by its input's reference.

    The archive is built in a temporary file on disk and streamed from there."""

    def get(self, request, pk):
        permissions.require(request.user, "view")
        round = get_object_or_404(ParticipationRound.objects.select_related("page"), pk=pk)
        archive = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
        written = exports.write_attachments_zip(round.submissions.all(), archive)
        if not written:
            archive.close()
            messages.warning(
                request,
                gettext(
                    "Ingen vedlegg å laste ned: ingen av innspillene i «%(round)s» har vedlegg."
                )
                % {"round": round.title},
            )
            return redirect(f"{ROUNDS}:index")
        archive.seek(0)
        return FileResponse(
            archive,
            as_attachment=True,
            filename=f"vedlegg-{slugify(round.title, allow_unicode=True) or round.pk}.zip",
            content_type="application/zip",
        )


class ModeratorsOnly:
    """For the snippet chooser: Wagtail lets every admin user open a chooser, but only
    moderators may see which input exists."""

    def dispatch(self, request, *args, **kwargs):
        permissions.require(request.user, "view")
        return super().dispatch(request, *args, **kwargs)


class ChooseView(ModeratorsOnly, chooser.ChooseView):
    pass


class ChooseResultsView(ModeratorsOnly, chooser.ChooseResultsView):
    pass


class ChosenView(ModeratorsOnly, chooser.SnippetChosenView):
    pass


class ChosenMultipleView(ModeratorsOnly, chooser.SnippetChosenMultipleView):
    pass


class CreateView(ModeratorsOnly, chooser.SnippetCreateView):
    pass
