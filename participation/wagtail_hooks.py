"""The participation app in the Wagtail admin: the plan editor's rounds and the moderation."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from participation import plan_editor
from participation.moderation import SubmissionViewSet

hooks.register("after_create_page", plan_editor.warn_short_hearings)
hooks.register("after_edit_page", plan_editor.warn_short_hearings)
hooks.register("before_delete_page", plan_editor.refuse_deleting_plan_with_input)

register_snippet(SubmissionViewSet)
