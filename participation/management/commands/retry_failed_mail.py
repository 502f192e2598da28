"""`manage.py retry_failed_mail`: send again receipts, staff notices and answers that failed.
Run by cron every 15 minutes; safe to run twice (see participation.mail_retry)."""

from django.core.management.base import BaseCommand

from participation import mail_retry


class Command(BaseCommand):
    help = (
        "Prøver på nytt e-poster om innspill som feilet (kvitteringer, varsler og svar), "
        f"høyst {mail_retry.MAX_ATTEMPTS} ganger."
    )

    def handle(self, *args, **options):
        summary = mail_retry.retry_failed()
        if summary.given_up:
            self.stderr.write(
                f"{summary.given_up} e-poster om innspill feilet {mail_retry.MAX_ATTEMPTS} ganger "
                "og blir ikke prøvd mer. Sjekk e-postoppsettet (EMAIL_URL) og loggen; "
                "moderatorene ser dem under Innspill med filteret «E-post feilet»."
            )
        self.stdout.write(
            self.style.SUCCESS(f"E-poster prøvd på nytt: {summary.tried}, kom fram: {summary.sent}")
        )
