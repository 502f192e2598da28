"""Rewrite the event log from the plans, rounds and answers as they are now (safe to repeat)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from themeplans.events import record_all


class Command(BaseCommand):
    help = "Skriver hendelsesloggen på nytt fra planene, rundene og svarene slik de er nå."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = record_all()
        self.stdout.write(self.style.SUCCESS(f"Hendelsesloggen har {count} hendelser."))
