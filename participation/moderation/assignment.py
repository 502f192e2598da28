"""Who can be given input to handle: the moderators, i.e. those who may change input."""

from participation.moderation import permissions


def moderators():
    """Active users who may change input (the group «Innspillsmoderatorer», superusers, or
    the permission given directly), by name."""
    return permissions.policy.users_with_permission("change").order_by(
        "first_name", "last_name", "username"
    )


def user_label(user):
    """The name staff know each other by; the user name when none is given."""
    return user.get_full_name() or user.get_username()
