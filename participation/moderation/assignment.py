"""Who can be given input to handle: the moderators, i.e. those who may change input."""

from django.contrib.auth import get_user_model


def moderators():
    """Active users who may change input (the group «Innspillsmoderatorer», superusers, or
    the permission given directly), by name.

    Asked by the permission's name, not through Wagtail's policy, which keeps the content
    type's id from its first use (stale once a test database is flushed and filled again).
    Django's permission backend answers: the login throttle's backend knows no permissions."""
    return (
        get_user_model()
        .objects.with_perm(
            "participation.change_submission", backend="django.contrib.auth.backends.ModelBackend"
        )
        .order_by("first_name", "last_name", "username")
    )


def user_label(user):
    """The name staff know each other by; the user name when none is given."""
    return user.get_full_name() or user.get_username()
