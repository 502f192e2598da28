"""Admin hooks every app shares."""

from wagtail import hooks

from core.bulk_actions import SnippetPolicyDeleteBulkAction

# After Wagtail's own snippet delete (order 0), before the apps' (order 100) that replace it
# again for their models (input may never be deleted; followers by moderators only).
hooks.register("register_bulk_action", SnippetPolicyDeleteBulkAction, order=90)
