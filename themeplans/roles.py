"""The group «Planredaktører»: staff who write and publish the plans.

They may edit and publish every page under a plan index, and add and change the people,
political bodies, decisions and goals the plans refer to, and the documents and images they
show. They never see input or followers: those belong to «Innspillsmoderatorer».

The model and collection permissions are granted once by migration 0007. Page permissions hang
on a page, so each plan index gets them when it is created (the migration covers indexes that
existed before it).
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

PLAN_EDITORS_GROUP = "Planredaktører"

# Wagtail's page permission types: write, publish, and take over a page someone left locked.
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


SNIPPET_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("person", "politicalbody", "politicaldecision", "plangoal")
    for action in ("add", "change", "delete", "view")
]
COLLECTION_PERMISSIONS = {
    "wagtaildocs": ["add_document", "change_document", "delete_document", "choose_document"],
    "wagtailimages": ["add_image", "change_image", "delete_image", "choose_image"],
}


def set_up_group() -> Group:
    """The group with all its rights, as migration 0007 makes it: for a database whose tables
    were emptied since (a flushed test database), or to repair a group someone edited."""
    from themeplans.models import ThemePlanIndexPage

    group, _ = Group.objects.get_or_create(name=PLAN_EDITORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="themeplans", codename__in=SNIPPET_PERMISSIONS
        ),
    )
    root = Collection.get_first_root_node()
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )
    for index_page in ThemePlanIndexPage.objects.all():
        grant_plan_pages(index_page)
    return group


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
