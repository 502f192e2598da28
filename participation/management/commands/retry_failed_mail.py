"""`manage.py retry_failed_mail`: send again receipts, staff notices and answers that failed.
Run by cron every 15 minutes; two runs at once claim each mail once (see
participation.mail_retry)."""

from django.core.management.base import BaseCommand

from participation import mail_retry


class Command(BaseCommand):
    help = (
        "Prøver på nytt e-poster om innspill som feilet (kvitteringer, varsler og svar), "
        f"høyst {mail_retry.MAX_ATTEMPTS} ganger i alt."
    )

    def handle(self, *args, **options):
        summary = mail_retry.retry_failed()
        if summary.given_up:
            self.stderr.write(
                f"{summary.given_up} e-poster om innspill feilet nå for "
                f"{mail_retry.MAX_ATTEMPTS}. gang og blir ikke prøvd mer. "
                "Sjekk e-postoppsettet (EMAIL_URL) og loggen; "
                "moderatorene ser dem under Innspill med filteret «E-post feilet»."
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
