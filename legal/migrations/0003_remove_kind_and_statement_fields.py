"""The columns legal/0002 left behind: `kind`, and the accessibility statement's fields it
renamed `old_<name>` and copied to the statement's own table."""

from django.db import migrations, models

STATEMENT_FIELDS = [
    "scope",
    "conformance",
    "known_issues",
    "testing",
    "tested_on",
    "statement_made_on",
    "feedback_email",
    "feedback_phone",
    "response_days",
    "uustatus_url",
    "scope_en",
    "testing_en",
]


class Migration(migrations.Migration):

    dependencies = [
        ("legal", "0002_one_page_type_per_kind"),
    ]

    operations = [
        # A default, so that going back can add the column to existing rows; 0002's way back
        # then fills in each page's kind.
        migrations.AlterField("legalpage", "kind", models.CharField(max_length=20, default="")),
        migrations.RemoveField("legalpage", "kind"),
        *(migrations.RemoveField("legalpage", f"old_{name}") for name in STATEMENT_FIELDS),
    ]
