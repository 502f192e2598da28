from django.db import migrations, models


def create_the_row(apps, schema_editor):
    apps.get_model("core", "PublicContentVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_outbox_recipient_key"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublicContentVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "Versjon av offentlig innhold"},
        ),
        migrations.RunPython(create_the_row, migrations.RunPython.noop, elidable=False),
    ]
