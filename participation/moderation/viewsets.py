"""The «Innspill» menu: the input listing with its form, and the rounds overview.

Addresses: /admin/innspill/ (listing, exports, edit/<pk>/, vedlegg/<pk>/) and
/admin/innspillsrunder/ (overview, <pk>/vedlegg/ for a round's attachments as ZIP, <pk>/rapport/
for its Word report) and /admin/eksporter/ (exports made in the background). The input
views keep Wagtail's snippet URL names (wagtailsnippets_participation_submission:edit), which
the staff notice e-mail links to.
"""

from django import forms
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import path
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core import languages
from core.admin_columns import TextColumn
from core.text import without_bidi_controls
from participation import exports
from participation.models import Publication, Submission, SubmissionState
from participation.moderation import (
    approval,
    assignment,
    export_views,
    filters,
    permissions,
    views,
)
from participation.moderation.forms import ModerationForm
from participation.moderation.panels import RedactionPanel, SubmissionPanel
from participation.moderation.statistics_views import StatisticsViewSet
from participation.moderation.tags import RoundTagViewSet

PUBLICATION_SHORT = {
    Publication.NONE: _("Nei"),
    Publication.ANONYMOUS: _("Ja, uten navn"),
    Publication.NAMED: _("Ja, med navn"),
}


def publication_short(submission):
    return PUBLICATION_SHORT.get(submission.publication, submission.get_publication_display())


EXCERPT_LENGTH = 120


def excerpt(submission):
    """The text's beginning on one line, as plain text (the cell escapes it)."""
    text = " ".join(without_bidi_controls(submission.text).split())
    return Truncator(text).chars(EXCERPT_LENGTH)


def answered(submission):
    """«Ja» once the answer has gone out; nothing is awaited from withdrawn input."""
    if submission.is_answered:
        return gettext("Ja")
    return "–" if submission.state == SubmissionState.WITHDRAWN else gettext("Nei")


def assignee(submission):
    return assignment.user_label(submission.assigned_to) if submission.assigned_to else ""


class ExcerptColumn(Column):
    """A sentence wide (13rem), also when the table scrolls sideways on a phone; marked with
    the language the sender wrote in. Written without a template, as core.admin_columns says."""

    def render_cell_html(self, instance, parent_context):
        return format_html(
            '<td lang="{}"><div class="w-w-52">{}</div></td>',
            instance.language,
            self.get_value(instance),
        )


class PlanAndRoundColumn(Column):
    """The plan's title, and the round's under it in small print (without a template)."""

    def render_cell_html(self, instance, parent_context):
        round = self.get_value(instance)
        return format_html(
            '<td{}>{}<div class="w-help-text">{}</div></td>',
            languages.lang_attribute(),
            round.page.title,
            round.title,
        )


class SubmissionChooserViewSet(SnippetChooserViewSet):
    choose_view_class = views.ChooseView
    choose_results_view_class = views.ChooseResultsView
    chosen_view_class = views.ChosenView
    chosen_multiple_view_class = views.ChosenMultipleView
    create_view_class = views.CreateView


class SubmissionViewSet(SnippetViewSet):
    model = Submission
    icon = "comment"
    menu_label = _("Alle innspill")
    url_prefix = "innspill"
    index_view_class = views.SubmissionIndexView
    edit_view_class = views.SubmissionEditView
    chooser_viewset_class = SubmissionChooserViewSet
    index_template_name = "participation/admin/submission_index.html"
    copy_view_enabled = False
    add_to_reference_index = False  # input is referred to by nothing that could be deleted

    list_per_page = 50
    ordering = "-received_at"
    # Reference, state and time first: what a phone shows without scrolling sideways.
    list_display = [
        "reference",
        StatusTagColumn(
            "state",
            label=_("Status"),
            accessor="get_state_display",
            sort_key="state",
            primary=lambda submission: submission.state == SubmissionState.PUBLISHED,
        ),
        DateColumn("received_at", label=_("Mottatt"), sort_key="received_at"),
        ExcerptColumn("excerpt", label=_("Utdrag"), accessor=excerpt),
        TextColumn("answered", label=_("Besvart"), accessor=answered),
        TextColumn("assigned_to", label=_("Saksbehandler"), accessor=assignee),
        PlanAndRoundColumn(
            "round", label=_("Plan og runde"), accessor="round", sort_key="round__page__title"
        ),
        TextColumn("category", label=_("Type avsender"), accessor="get_category_display"),
        TextColumn("publication", label=_("Vil ha publisert"), accessor=publication_short),
        TextColumn(
            "mail_failed",
            label=_("E-post"),
            accessor=lambda s: gettext("Feilet") if s.mail_failed else "",
        ),
    ]
    filterset_class = filters.SubmissionFilterSet
    search_fields = filters.SEARCH_FIELDS
    search_backend_name = None  # the ORM's icontains over search_fields, not a search index
    list_export = exports.FIELDS
    export_headings = exports.HEADINGS
    export_filename = "innspill"

    edit_handler = ObjectList(
        [
            SubmissionPanel(heading=_("Innspillet")),
            RedactionPanel(
                [
                    FieldPanel("redacted_text"),
                    FieldPanel("attachment_publication", widget=forms.RadioSelect),
                    FieldPanel("redacted_file"),
                ],
                heading=_("Det som publiseres"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("state", widget=forms.RadioSelect),
                    FieldPanel("decline_reason"),
                    FieldPanel("internal_note"),
                ],
                heading=_("Behandling"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("assigned_to"),
                    FieldPanel("tags", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("new_tags"),
                ],
                heading=_("Saksbehandler og stikkord"),
            ),
            FieldPanel("answer", heading=_("Svar til avsenderen")),
            approval.AnswerApprovalPanel(heading=_("Godkjenning av svaret")),
        ],
        base_form_class=ModerationForm,
    )

    def get_queryset(self, request):
        return Submission.objects.select_related("round__page", "assigned_to").annotate(
            mail_failed=filters.mail_failing
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("vedlegg/<int:pk>/", views.AttachmentView.as_view(), name="attachment"),
            *approval.urlpatterns,
            path(
                "vedlegg/<int:pk>/sladdet/",
                views.RedactedAttachmentView.as_view(),
                name="redacted_attachment",
            ),
        ]

    def get_permissions_to_register(self):
        """View, change and exporting personal data can be given to a group: nobody adds or
        deletes input."""
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Submission),
            codename__in=["view_submission", "change_submission", "export_personal_data"],
        )


class RoundsViewSet(ViewSet):
    name = "innspillsrunder"
    url_namespace = views.ROUNDS
    icon = "calendar"
    menu_label = _("Innspillsrunder")

    def get_urlpatterns(self):
        return [
            path("", views.RoundsView.as_view(), name="index"),
            path("<int:pk>/vedlegg/", views.RoundAttachmentsView.as_view(), name="attachments"),
            path("<int:pk>/rapport/", export_views.RoundReportView.as_view(), name="report"),
        ]

    @cached_property
    def menu_item_class(self):
        def is_shown(item, request):
            return permissions.policy.user_has_permission(request.user, "view")

        return type("RoundsMenuItem", (MenuItem,), {"is_shown": is_shown})


class ExportJobsViewSet(ViewSet):
    """«Eksporter»: the exports made in the background, to download when ready."""

    name = "eksporter"
    url_namespace = export_views.EXPORTS
    icon = "download"
    menu_label = _("Eksporter")

    def get_urlpatterns(self):
        return [
            path("", export_views.ExportJobsView.as_view(), name="index"),
            path(
                "<int:pk>/last-ned/", export_views.ExportJobDownloadView.as_view(), name="download"
            ),
        ]

    @cached_property
    def menu_item_class(self):
        def is_shown(item, request):
            return permissions.policy.user_has_permission(request.user, "view")

        return type("ExportJobsMenuItem", (MenuItem,), {"is_shown": is_shown})


class ParticipationMenu(SnippetViewSetGroup):
    menu_label = _("Innspill")
    menu_icon = "comment"
    menu_name = "innspill"
    menu_order = 240  # just above «Temaplaner»
    items = [
        SubmissionViewSet,
        RoundsViewSet,
        RoundTagViewSet,
        StatisticsViewSet,
        ExportJobsViewSet,
    ]
