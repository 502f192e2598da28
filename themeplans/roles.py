"""The group «Planredaktører»: staff who write and publish the plans.

They may edit and publish every page under a plan index, and add and change the people,
political bodies, decisions and goals the plans refer to, and the documents and images they
show. They never see input or followers: those belong to «Innspillsmoderatorer».

The model and collection permissions are granted once by migration 0007. Page permissions hang
on a page, so each plan index gets them when it is created (the migration covers indexes that
existed before it).
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

PLAN_EDITORS_GROUP = "Planredaktører"

# Wagtail's page permission types: write, publish, and take over a page someone left locked.
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def grant_plan_pages(index_page) -> None:
    """Give «Planredaktører» the page permissions on this plan index and everything below it."""
    group, _ = Group.objects.get_or_create(name=PLAN_EDITORS_GROUP)
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(
            group=group, page=index_page, permission=permission
        )


def grant_on_new_index(sender, instance, created, raw=False, **kwargs):
    """post_save receiver for ThemePlanIndexPage (not for fixtures loaded raw)."""
    if created and not raw:
        grant_plan_pages(instance)
