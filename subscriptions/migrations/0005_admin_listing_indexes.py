"""Indexes for the followers listing at 20,000 followers: newest first, and (on PostgreSQL) a
trigram index under the search box's case-insensitive «contains» on the address."""

from django.db import migrations, models


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS subscription_email_trgm ON subscriptions_subscription "
        'USING gin (UPPER("email"::text) gin_trgm_ops)'
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS subscription_email_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0004_notifications_mail_through_outbox"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="subscription",
            index=models.Index(fields=["created_at"], name="subscription_created"),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index, elidable=False),
    ]
