"""The participation app in the Wagtail admin: the plan editor's rounds and the moderation."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from participation import answer_approval, exports, plan_editor
from participation.models import RoundTag, Submission
from participation.moderation import bulk_actions, dashboard, permissions, tags, worklist
from participation.moderation.viewsets import ParticipationMenu

# Before anything asks for Submission's policy, or Wagtail makes a default one.
register_permission_policy(Submission, permissions.policy)
register_permission_policy(RoundTag, tags.policy)

hooks.register("after_create_page", plan_editor.warn_short_hearings)
hooks.register("after_edit_page", plan_editor.warn_short_hearings)
hooks.register("before_delete_page", plan_editor.refuse_deleting_plan_with_input)
hooks.register("before_bulk_action", plan_editor.refuse_bulk_deleting_pages_with_input)

hooks.register("register_bulk_action", bulk_actions.PublishBulkAction)
hooks.register("register_bulk_action", bulk_actions.HandledPrivatelyBulkAction)
hooks.register("register_bulk_action", bulk_actions.DeclineBulkAction)
# After Wagtail's own hooks (order 0), so that input's «delete» is this refusal.
hooks.register("register_bulk_action", bulk_actions.NoDeleteBulkAction, order=100)
register_snippet(ParticipationMenu)

hooks.register("construct_homepage_panels", dashboard.add_panel)
hooks.register("register_snippet_action_menu_item", worklist.action_menu_item)


@hooks.register("register_log_actions")
def register_export_log_actions(actions):
    actions.register_action(
        exports.PERSONAL_DATA_ACTION,
        _("Eksport med personopplysninger"),
        _("Innspill eksportert med navn og organisasjon"),
    )


@hooks.register("register_log_actions")
def register_answer_approval_log_actions(actions):
    actions.register_action(
        answer_approval.APPROVED_ACTION, _("Svar godkjent"), _("Svaret er godkjent og gitt")
    )
    actions.register_action(
        answer_approval.RETURNED_ACTION, _("Svar sendt tilbake"), _("Svaret er sendt tilbake")
    )
