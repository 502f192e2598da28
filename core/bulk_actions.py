"""Wagtail's bulk delete screen for snippets, asking the model's permission policy first."""

from django.core.exceptions import PermissionDenied
from django.utils.functional import classproperty
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import get_snippet_models


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


class SnippetPolicyDeleteBulkAction(PolicyDeleteBulkAction):
    """The same for every snippet (people, political bodies, goals, decisions, …), registered
    in core/wagtail_hooks.py before the apps' own actions, which replace it for their models."""

    @classproperty
    def models(cls):
        return get_snippet_models()
