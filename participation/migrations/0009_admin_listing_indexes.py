"""Indexes for the admin listing at 100,000 inputs: its filters and order, the topic choices,
and (on PostgreSQL) trigram indexes under the search box's case-insensitive «contains»."""

from django.db import migrations, models

# The expressions Django writes for `field__icontains` on PostgreSQL, UPPER("field"::text), so
# the planner uses these indexes for the listing's search (participation.moderation.filters).
SEARCHED = ["reference", "name", "email", "organisation", "text"]


def index_name(field):
    return f"submission_{field}_trgm"


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite scans: fine at its size
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for field in SEARCHED:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index_name(field)} ON participation_submission "
            f'USING gin (UPPER("{field}"::text) gin_trgm_ops)'
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in SEARCHED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index_name(field)}")


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0008_submission_form_stamp"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(fields=["state", "received_at"], name="submission_state_received"),
        ),
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(fields=["round", "received_at"], name="submission_round_received"),
        ),
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(fields=["topic"], name="submission_topic"),
        ),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
    ]
