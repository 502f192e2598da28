"""Mail followers what has happened on their plans. Run by cron every 15 minutes.

Safe to run again or twice at once: a run started while one is going does nothing
(core.singleton), and each (follower, event) is mailed once (subscriptions.notifications.claim).
"""

from django.core.management.base import BaseCommand

from core import outbox
from core.singleton import one_run_at_a_time
from subscriptions import services


class Command(BaseCommand):
    help = "Sender e-post til følgerne om nytt på planene, og sletter ubekreftede påmeldinger."

    @one_run_at_a_time
    def handle(self, *args, **options):
        deleted = services.delete_expired()
        if deleted:
            self.stdout.write(f"Slettet {deleted} påmeldinger som ikke ble bekreftet i tide")

        def report(plan, events, followers):
            self.stdout.write(f"{plan.title}: {events} hendelser til {followers} følgere")

        summary = services.notify(report=report)
        if summary.retried:
            self.stdout.write(f"Prøvde {summary.retried} e-poster som feilet, på nytt")
        if summary.given_up:
            self.stderr.write(
                f"{summary.given_up} e-poster til følgere feilet {outbox.MAX_ATTEMPTS} ganger "
                "og blir ikke prøvd mer. Sjekk e-postoppsettet (EMAIL_URL) og loggen."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Varslet {len(summary.followers)} følgere om {len(summary.events)} hendelser"
                f" ({summary.mails} e-poster lagt i kø)"
            )
        )
