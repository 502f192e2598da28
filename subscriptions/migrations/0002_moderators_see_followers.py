"""The group «Innspillsmoderatorer» may see the followers and delete one on request.

Permissions are normally created after all migrations have run, so the two are made here if
they do not exist yet (the same rows Django would make).
"""

from django.db import migrations

GROUP = "Innspillsmoderatorer"
FOLLOWER_PERMISSIONS = [
    ("view_subscription", "Can view Følger"),
    ("delete_subscription", "Can delete Følger"),
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    subscription_type, _ = ContentType.objects.get_or_create(
        app_label="subscriptions", model="subscription"
    )
    permissions = [
        Permission.objects.get_or_create(
            content_type=subscription_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in FOLLOWER_PERMISSIONS
    ]
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="subscriptions",
                codename__in=[codename for codename, _ in FOLLOWER_PERMISSIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0001_followers"),
        ("participation", "0002_moderators_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
