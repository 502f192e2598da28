"""Wagtail's bulk delete screen for snippets, asking the model's permission policy first."""

from django.core.exceptions import PermissionDenied
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction


class PolicyDeleteBulkAction(DeleteBulkAction):
    """Refused before anything is looked up to anyone the model's policy does not let delete.

    Wagtail's own action looks the ids up first and shows the screen to anyone in the admin:
    404 for an id that does not exist, and for one that does, a list of «items you cannot
    delete» with each item's label. Trying one id after another counts the records. Subclasses
    name their `models`; register them after Wagtail's hooks (order=100) to replace its action.
    """

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "delete"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
