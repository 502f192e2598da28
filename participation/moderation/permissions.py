"""Who may do what with input in the admin.

Input is a public record: it arrives through the form, is answered and filed, and loses its
sender's personal data on schedule (participation.retention). So nobody adds or deletes it in
the admin, superusers included; viewing and changing follow the model permissions, which the
group «Innspillsmoderatorer» has (migration 0002_moderators_group).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from wagtail.permission_policies import ModelPermissionPolicy

from participation.models import Submission
from participation.tasks import MODERATORS_GROUP

__all__ = [
    "MODERATORS_GROUP",
    "RefusingPermissionPolicy",
    "SubmissionPermissionPolicy",
    "policy",
    "require",
]


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


class SubmissionPermissionPolicy(RefusingPermissionPolicy):
    refused = frozenset({"add", "delete"})


policy = SubmissionPermissionPolicy(Submission)


def require(user, action="view"):
    """Raise PermissionDenied (the admin shows its «no access» message) unless allowed."""
    if not policy.user_has_permission(user, action):
        raise PermissionDenied
