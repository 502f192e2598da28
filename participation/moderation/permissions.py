"""Who may do what with input in the admin.

Input is a public record: it arrives through the form, is answered and filed, and loses its
sender's personal data on schedule (participation.retention). So nobody adds or deletes it in
the admin, superusers included; viewing and changing follow the model permissions, which the
group «Innspillsmoderatorer» has (migration 0002_moderators_group).
"""

from django.core.exceptions import PermissionDenied

from core.permissions import RefusingPermissionPolicy
from participation.models import Submission

__all__ = [
    "MODERATORS_GROUP",
    "RefusingPermissionPolicy",
    "SubmissionPermissionPolicy",
    "policy",
    "require",
]


# The group migration 0002 makes; its members get the staff notice when a plan names nobody.
MODERATORS_GROUP = "Innspillsmoderatorer"


class SubmissionPermissionPolicy(RefusingPermissionPolicy):
    refused = frozenset({"add", "delete"})


policy = SubmissionPermissionPolicy(Submission)


def require(user, action="view"):
    """Raise PermissionDenied (the admin shows its «no access» message) unless allowed."""
    if not policy.user_has_permission(user, action):
        raise PermissionDenied
