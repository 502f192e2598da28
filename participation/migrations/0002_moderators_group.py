"""The group «Innspillsmoderatorer»: admin access, and may see and handle input.

Permissions are normally created after all migrations have run, so the two for input are made
here if they do not exist yet (the same rows Django would make).
"""

from django.db import migrations

GROUP = "Innspillsmoderatorer"
INPUT_PERMISSIONS = [
    ("view_submission", "Can view Innspill"),
    ("change_submission", "Can change Innspill"),
]


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    submission_type, _ = ContentType.objects.get_or_create(
        app_label="participation", model="submission"
    )
    permissions = [
        Permission.objects.get_or_create(
            content_type=submission_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in INPUT_PERMISSIONS
    ]
    permissions.append(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*permissions)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_rounds_and_submissions"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
