"""Permission policies for records nobody may add or delete by hand, superusers included."""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy


class RefusingPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except the `refused` actions, which nobody has, superusers included."""

    refused = frozenset()

    def user_has_permission(self, user, action):
        if action in self.refused:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self.refused]
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)
