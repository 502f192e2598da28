"""The group «Innspillsmoderatorer» may export name and organisation with input (the case file
needs them); the permission is a separate one, so it can be taken from the group or given to
others. Made here if it does not exist yet, as 0002 does for the input permissions."""

from django.db import migrations

GROUP = "Innspillsmoderatorer"
CODENAME = "export_personal_data"
NAME = "Kan eksportere personopplysninger"


def give_to_moderators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    submission_type, _ = ContentType.objects.get_or_create(
        app_label="participation", model="submission"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=submission_type, codename=CODENAME, defaults={"name": NAME}
    )
    group.permissions.add(permission)


def take_from_moderators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    permission = Permission.objects.filter(
        content_type__app_label="participation", codename=CODENAME
    ).first()
    if group and permission:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [("participation", "0011_export_jobs_and_personal_data")]

    operations = [migrations.RunPython(give_to_moderators, take_from_moderators)]
