"""`manage.py anonymise_submissions`: delete senders' personal data on schedule (run daily).
A run started while one is going does nothing (core.singleton). It also deletes the exports made
in the background once they are PARTICIPATION_EXPORT_KEEP_DAYS old (participation.export_jobs)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from core.progress import Progress
from core.singleton import one_run_at_a_time
from participation import export_jobs, kept_attachments, retention


class Command(BaseCommand):
    help = (
        "Sletter navn, e-post, organisasjon og vedlegg fra innspill i runder som har vært "
        "stengt lenger enn PARTICIPATION_RETENTION_DAYS. Teksten og tellingene blir stående."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Antall dager etter at runden stengte (standard: "
            f"{settings.PARTICIPATION_RETENTION_DAYS}, fra PARTICIPATION_RETENTION_DAYS).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis hva som ville blitt anonymisert."
        )

    @one_run_at_a_time
    def handle(self, *args, days=None, dry_run=False, **options):
        now = timezone.now()
        total = retention.due(now, days).count()
        progress = Progress(self.stdout, "Innspill", total) if total else None
        handled = retention.anonymise_due(now, days=days, dry_run=dry_run, progress=progress)
        total = sum(len(refs) for refs in handled.values())
        verb = "Ville anonymisert" if dry_run else "Anonymiserte"
        for number, (round, refs) in enumerate(handled.items(), start=1):
            self.stdout.write(
                f"[{number}/{len(handled)}] {round.page.title} – {round.title}: "
                f"{len(refs)} innspill ({', '.join(refs)})"
            )
        self.stdout.write(self.style.SUCCESS(f"{verb} {total} innspill i {len(handled)} runder."))
        if not dry_run:
            # Exports made in the background hold the same data: they go after a few days.
            deleted = export_jobs.delete_expired(now)
            if deleted:
                self.stdout.write(f"Slettet {deleted} gamle eksporter.")
            # Attachments kept while a sender corrected the form, and never sent.
            removed = kept_attachments.remove_stale(now)
            self.stdout.write(f"Slettet {removed} vedlegg som ble tatt vare på, men aldri sendt.")
