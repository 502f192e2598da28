"""The group «Planredaktører» (themeplans/roles.py): plans, the snippets they refer to, documents
and images; not input or followers.

Model permissions are normally created after all migrations have run, so the ones granted here
are made if they do not exist yet (the same rows Django would make). Page permissions go on every
plan index that exists now; a new index gets them when it is created (ThemePlansConfig.ready).
"""

from django.db import migrations

GROUP = "Planredaktører"
SNIPPETS = {
    "person": "Person",
    "politicalbody": "Politisk organ",
    "politicaldecision": "Politisk vedtak",
    "plangoal": "Mål i kommuneplanen",
}
SNIPPET_ACTIONS = ["add", "change", "delete", "view"]
# Documents and images are permitted per collection; the root collection covers them all.
COLLECTION_PERMISSIONS = {
    ("wagtaildocs", "document"): ["add", "change", "delete", "choose"],
    ("wagtailimages", "image"): ["add", "change", "delete", "choose"],
}
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def permission(apps, app_label, model, action, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action} {name}"},
    )[0]


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    ThemePlanIndexPage = apps.get_model("themeplans", "ThemePlanIndexPage")

    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *(
            permission(apps, "themeplans", model, action, name)
            for model, name in SNIPPETS.items()
            for action in SNIPPET_ACTIONS
        ),
    )
    root = Collection.objects.filter(depth=1).first()
    if root is not None:
        for (app_label, model), actions in COLLECTION_PERMISSIONS.items():
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root,
                    permission=permission(apps, app_label, model, action, model),
                )
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
    )
    for index_page in ThemePlanIndexPage.objects.all():
        for page_permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=index_page.pk, permission=page_permission
            )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("themeplans", "0006_fill_event_log"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
