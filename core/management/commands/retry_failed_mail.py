"""`manage.py retry_failed_mail`: send again every mail that failed or was never sent, and delete
sent mails older than core.outbox.KEEP_SENT. Run by cron every 15 minutes; a run started while
one is going does nothing (core.singleton), and should two send at once, each mail goes out
once (core.outbox.deliver claims it)."""

from django.core.management.base import BaseCommand

from core import outbox
from core.singleton import one_run_at_a_time


class Command(BaseCommand):
    help = (
        "Prøver på nytt e-poster som feilet eller ikke ble sendt (kvitteringer, varsler, svar "
        f"og e-post til følgere), høyst {outbox.MAX_ATTEMPTS} ganger i alt, og sletter sendte "
        f"e-poster eldre enn {outbox.KEEP_SENT.days} dager."
    )

    @one_run_at_a_time
    def handle(self, *args, **options):
        summary = outbox.retry_due()
        if summary.given_up:
            self.stderr.write(
                f"{summary.given_up} e-poster feilet nå for {outbox.MAX_ATTEMPTS}. gang og blir "
                "ikke prøvd mer. Sjekk e-postoppsettet (EMAIL_URL) og loggen; "
                "moderatorene ser e-post om innspill under Innspill med filteret «E-post feilet»."
            )
        sent_here = summary.tried - summary.queued
        if summary.queued:
            self.stdout.write(
                self.style.SUCCESS(
                    f"E-poster lagt i kø på nytt: {summary.queued} "
                    "(arbeideren sender dem; utfallet står i loggen og hos moderatorene)"
                )
            )
        if sent_here or not summary.queued:
            self.stdout.write(
                self.style.SUCCESS(f"E-poster prøvd på nytt: {sent_here}, kom fram: {summary.sent}")
            )
        deleted = outbox.delete_sent()
        if deleted:
            self.stdout.write(
                f"Slettet {deleted} sendte e-poster eldre enn {outbox.KEEP_SENT.days} dager"
            )
