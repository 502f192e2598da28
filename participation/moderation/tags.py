"""«Stikkord»: the rounds' tags, listed, renamed and deleted by the moderators.

Tags are made as moderators type them in an input's form (forms.ModerationForm); here they are
kept tidy. Whoever may change input may manage the tags, so no separate permissions are given
to the moderators' group.
"""

from django.contrib.auth.models import Permission
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from participation.models import ParticipationRound, RoundTag
from participation.moderation import permissions


class RoundTagPermissionPolicy(BasePermissionPolicy):
    """Seeing tags needs the view permission on input; everything else the change permission."""

    def __init__(self):
        super().__init__(RoundTag)

    @staticmethod
    def _on_input(action):
        return "view" if action == "view" else "change"

    def user_has_permission(self, user, action):
        return permissions.policy.user_has_permission(user, self._on_input(action))

    def users_with_any_permission(self, actions):
        return permissions.policy.users_with_any_permission({self._on_input(a) for a in actions})


policy = RoundTagPermissionPolicy()


class RoundTagForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each round is named with its plan: one query, not one per round.
        self.fields["round"].queryset = ParticipationRound.objects.select_related("page")


class RoundTagViewSet(SnippetViewSet):
    model = RoundTag
    icon = "tag"
    menu_label = _("Stikkord")
    url_prefix = "stikkord"
    add_to_reference_index = False
    copy_view_enabled = False
    list_display = [
        "name",
        Column("round", label=_("Innspillsrunde"), accessor="round"),
        Column("count", label=_("Innspill"), accessor="input_count"),
    ]
    list_filter = ["round"]
    ordering = ["round__title", "name"]
    edit_handler = ObjectList(
        [FieldPanel("round"), FieldPanel("name")], base_form_class=RoundTagForm
    )

    def get_queryset(self, request):
        return RoundTag.objects.select_related("round__page").annotate(
            input_count=Count("submissions")
        )

    def get_permissions_to_register(self):
        return Permission.objects.none()  # follows the permissions on input
