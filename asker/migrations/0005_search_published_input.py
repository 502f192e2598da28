"""The site search reads published input from its own table (participation/searchable.py).

On PostgreSQL: pg_trgm, and partial indexes that hold published input only, so that saving
input that is not published costs no index work. Input's old rows in Wagtail's search index
are dropped: input is no longer indexed there.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

PUBLISHED = "WHERE state = 'published'"
INDEXES = [
    (
        "participation_submission_published_fts",
        "USING gin (to_tsvector('norwegian'::regconfig, text || ' ' || answer_sent))",
    ),
    ("participation_submission_published_trgm", "USING gin (text gin_trgm_ops)"),
    # The search's links count the input listed before a hit on its plan's published page.
    ("participation_submission_published_order", "(round_id, published_at, id)"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} "
            f"ON participation_submission {definition} {PUBLISHED}"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _definition in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def drop_input_from_search_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    content_type = ContentType.objects.filter(app_label="participation", model="submission").first()
    if content_type is not None:
        IndexEntry.objects.filter(content_type=content_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("asker", "0004_unguessable_document_names"),
        ("participation", "0008_submission_form_stamp"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
        migrations.RunPython(drop_input_from_search_index, migrations.RunPython.noop),
    ]
