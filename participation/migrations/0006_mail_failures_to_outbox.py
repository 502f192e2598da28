"""Mails about input that failed move into the outbox (core.OutboxMail); MailFailure goes.

Nothing is lost: each failure still unsent becomes an outbox row, rendered again by today's
code (participation.mails: a historical model cannot build a page's address), with its tries,
time and error, so `retry_failed_mail` tries it when due and staff see it as before, given up
or not. A new database has no failures, so this does nothing there.
"""

from django.db import migrations


def carry_over(apps, schema_editor):
    MailFailure = apps.get_model("participation", "MailFailure")
    OutboxMail = apps.get_model("core", "OutboxMail")
    failures = list(MailFailure.objects.order_by("pk"))
    if not failures:
        return
    from core import outbox
    from participation import mails
    from participation.models import Submission

    for failure in failures:
        submission = Submission.objects.select_related("round__page").get(pk=failure.submission_id)
        mail = mails.compose(failure.kind, submission)
        if not mail["to"]:
            continue  # the address has gone since: nobody to send it to
        OutboxMail.objects.create(
            kind=mail["kind"],
            about=mail["about"],
            to=mail["to"],
            attempts=failure.attempts,
            last_attempt_at=failure.failed_at,
            last_error=failure.error or "Error",
            given_up_at=failure.given_up_at,
            **outbox.render(mail["template"], mail["context"], mail["language"]),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_outbox_and_event_log"),
        ("participation", "0005_submission_language"),
    ]

    operations = [
        migrations.RunPython(carry_over, migrations.RunPython.noop, elidable=True),
        migrations.DeleteModel(name="MailFailure"),
    ]
