"""The site search reads the public version of input (its redacted text when a moderator has
redacted it), never the text as sent: the partial indexes of 0005 are made again on the
expression participation/searchable.py searches (PUBLIC_TEXT)."""

from django.db import migrations

PUBLISHED = "WHERE state = 'published'"
PUBLIC_TEXT = "coalesce(nullif(redacted_text, ''), text)"
BEFORE = [
    (
        "participation_submission_published_fts",
        "USING gin (to_tsvector('norwegian'::regconfig, text || ' ' || answer_sent))",
    ),
    ("participation_submission_published_trgm", "USING gin (text gin_trgm_ops)"),
]
AFTER = [
    (
        "participation_submission_published_fts",
        f"USING gin (to_tsvector('norwegian'::regconfig, {PUBLIC_TEXT} || ' ' || answer_sent))",
    ),
    ("participation_submission_published_trgm", f"USING gin (({PUBLIC_TEXT}) gin_trgm_ops)"),
]


def _replace(indexes):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, definition in indexes:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
            schema_editor.execute(
                f"CREATE INDEX {name} ON participation_submission {definition} {PUBLISHED}"
            )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("asker", "0006_banner_end_footer_contact_link"),
        ("participation", "0016_redaction_and_handled_private"),
    ]

    operations = [migrations.RunPython(_replace(AFTER), _replace(BEFORE))]
