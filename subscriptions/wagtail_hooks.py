"""«Følgere» in the admin: who follows which plan, to look up, export and delete on request.

E-mail addresses are personal data, so only superusers and the group «Innspillsmoderatorer»
(view and delete, migration 0002) see them. Nobody adds or edits a follower: people follow
and confirm themselves.
"""

import django_filters
from django import forms
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from core.admin_paging import EstimatingPaginator
from core.bulk_actions import PolicyDeleteBulkAction
from core.permissions import RefusingPermissionPolicy
from core.spreadsheets import FormulaSafeCsv
from subscriptions.models import Subscription

ACTIVE, PENDING = "aktiv", "venter"


class FollowerPermissionPolicy(RefusingPermissionPolicy):
    refused = frozenset({"add", "change"})


# Before anything asks for the model's policy, or Wagtail makes a default one.
policy = FollowerPermissionPolicy(Subscription)
register_permission_policy(Subscription, policy)


def followers_only(view_class):
    """Wagtail lets every admin user open a snippet chooser; it would list the followers to
    editors too (tests/security/test_permission_matrix.py)."""

    class View(view_class):
        def dispatch(self, request, *args, **kwargs):
            if not policy.user_has_permission(request.user, "view"):
                raise PermissionDenied
            return super().dispatch(request, *args, **kwargs)

    return View


class FollowerChooserViewSet(SnippetChooserViewSet):
    choose_view_class = followers_only(chooser.ChooseView)
    choose_results_view_class = followers_only(chooser.ChooseResultsView)
    chosen_view_class = followers_only(chooser.SnippetChosenView)
    chosen_multiple_view_class = followers_only(chooser.SnippetChosenMultipleView)
    create_view_class = followers_only(chooser.SnippetCreateView)


def plans_with_followers(request):
    """The filter's choices: plans anyone follows or has asked to follow."""
    # One index probe per plan (the unique plan-and-address index), not a pass over every
    # follower.
    followed = Subscription.objects.filter(plan_id=OuterRef("pk"))
    return Page.objects.filter(Exists(followed)).order_by("title")


class FollowerFilterSet(WagtailFilterSet):
    plan = django_filters.ModelChoiceFilter(
        label=_("Plan"), queryset=plans_with_followers, empty_label=_("Alle")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(ACTIVE, _("Aktiv")), (PENDING, _("Venter på bekreftelse"))],
        empty_label=_("Alle"),
        widget=forms.RadioSelect,
        method="filter_status",
    )

    class Meta:
        model = Subscription
        fields = ["plan", "status"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(confirmed_at__isnull=value == PENDING)


class FollowerIndexView(FormulaSafeCsv, IndexView):
    """Anyone can type «=cmd|…@example.no» in the follow form: the export keeps it text.

    The whole list is counted from the table's statistics once it is long; the search box's
    «contains» has a trigram index on PostgreSQL (migration 0005)."""

    paginator_class = EstimatingPaginator


class FollowerViewSet(SnippetViewSet):
    model = Subscription
    icon = "mail"
    menu_label = _("Følgere")
    menu_name = "folgere"
    menu_order = 260  # just below «Temaplaner»
    add_to_admin_menu = True
    url_prefix = "folgere"
    copy_view_enabled = False
    inspect_view_enabled = True  # the row's link, since there is no edit form
    inspect_view_fields = ["plan", "email", "created_at", "confirmed_at"]
    add_to_reference_index = False
    chooser_viewset_class = FollowerChooserViewSet
    index_view_class = FollowerIndexView

    list_per_page = 50
    ordering = "-created_at"
    list_display = [
        "email",
        Column("plan", label=_("Plan"), accessor="plan", sort_key="plan__title"),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="status",
            primary=lambda subscription: subscription.is_confirmed,
        ),
        DateColumn("created_at", label=_("Meldt på"), sort_key="created_at"),
        DateColumn("confirmed_at", label=_("Bekreftet"), sort_key="confirmed_at"),
    ]
    filterset_class = FollowerFilterSet
    search_fields = ["email"]
    search_backend_name = None  # the ORM's icontains on the address, not a search index
    list_export = ["email", "plan", "status", "created_at", "confirmed_at"]
    export_headings = {
        "email": _("E-post"),
        "plan": _("Plan"),
        "status": _("Status"),
        "created_at": _("Meldt på"),
        "confirmed_at": _("Bekreftet"),
    }
    export_filename = "folgere"

    def get_queryset(self, request):
        return Subscription.objects.select_related("plan")

    def get_permissions_to_register(self):
        """Only view and delete can be given to a group."""
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Subscription),
            codename__in=["view_subscription", "delete_subscription"],
        )


class FollowerDeleteBulkAction(PolicyDeleteBulkAction):
    """Those who may delete a follower on request may delete several at once; to anyone else
    the screen says nothing, not even whether a follower exists."""

    models = [Subscription]


register_snippet(FollowerViewSet)
# After Wagtail's own hooks (order 0), so that this replaces its bulk delete for followers.
hooks.register("register_bulk_action", FollowerDeleteBulkAction, order=100)
