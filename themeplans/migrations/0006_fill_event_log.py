"""Fill the event log from the data as it is, so feed guids and followers' keys are the same
after the deploy as before."""

from django.db import migrations


def fill(apps, schema_editor):
    # Worded by the same code as every later event (gettext, dates, URLs), which only the live
    # models have; an empty database (a new site, the tests) has nothing to tell.
    if not apps.get_model("themeplans", "ThemePlanPage").objects.exists():
        return
    from themeplans.events import record_all

    record_all()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_outbox_and_event_log"),
        # The live models record_all() uses: every table they read at its final shape.
        ("participation", "0006_mail_failures_to_outbox"),
        ("themeplans", "0005_case_number_advice"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
