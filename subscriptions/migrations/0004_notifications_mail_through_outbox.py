"""Mails to followers go through the outbox (core.OutboxMail): a Notification keeps only that a
follower is told an event once, and loses what the mail said and its tries.

Nothing is lost: each event mail not yet sent becomes an outbox row, rendered again by today's
code (subscriptions.mails: a historical model cannot build a page's address) from what the row
said, with its tries, so `retry_failed_mail` or `notify_followers` sends it when due. A new
database has no such rows, so this does nothing there.
"""

from django.db import migrations


def carry_over(apps, schema_editor):
    Notification = apps.get_model("subscriptions", "Notification")
    OutboxMail = apps.get_model("core", "OutboxMail")
    unsent = Notification.objects.filter(known_before=False, sent_at__isnull=True)
    pending = list(unsent.order_by("pk"))
    if not pending:
        return
    from core import outbox
    from subscriptions import mails
    from subscriptions.models import Subscription

    for row in pending:
        subscription = Subscription.objects.select_related("plan").get(pk=row.subscription_id)
        mail = mails.compose_news(subscription, row.message)
        OutboxMail.objects.create(
            kind=mail["kind"],
            about=mail["about"],
            to=mail["to"],
            headers=mail["headers"],
            attempts=min(row.attempts, outbox.MAX_ATTEMPTS),
            last_attempt_at=row.last_attempt_at,
            last_error="Error" if row.attempts else "",
            given_up_at=row.last_attempt_at if row.attempts >= outbox.MAX_ATTEMPTS else None,
            **outbox.render(mail["template"], mail["context"], mail["language"]),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_outbox_and_event_log"),
        ("subscriptions", "0003_follower_language"),
    ]

    operations = [
        migrations.RunPython(carry_over, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="notification", name="attempts"),
        migrations.RemoveField(model_name="notification", name="last_attempt_at"),
        migrations.RemoveField(model_name="notification", name="message"),
        migrations.RemoveField(model_name="notification", name="sent_at"),
    ]
