"""Documents uploaded before asker/media.py named them move to documents/<random>/<name>."""

from django.db import migrations

from asker import media


def hide_existing_documents(apps, schema_editor):
    media.hide_existing_documents(apps.get_model("wagtaildocs", "Document"))


class Migration(migrations.Migration):
    dependencies = [
        ("asker", "0003_home_page_news"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(hide_existing_documents, migrations.RunPython.noop)]
