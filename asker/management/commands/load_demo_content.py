"""Load the demo content from the seed pages; running it again changes nothing.

Each part is created only when it is missing, so staff edits made in the admin survive
a later `make run`. Later issues add their parts (plans, rounds) to DEMO_PARTS.
"""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from asker.demo import site_content
from legal import demo as legal_content
from participation import demo as participation_content
from themeplans import demo as themeplan_content


class Command(BaseCommand):
    help = "Laster demoinnholdet fra de opprinnelige sidene (trygt å kjøre flere ganger)."

    # Each part: a function (stdout) -> list of what it created, in loading order.
    DEMO_PARTS = [
        ("forside og nettsted", site_content.load_site),
        ("oversikt over temaplaner", site_content.load_theme_plan_index),
        ("varselbanner og bunntekst", site_content.load_site_settings),
        ("tilgjengelighet, personvern og informasjonskapsler", legal_content.load_pages),
        ("politiske organer, personer og vedtak", themeplan_content.load_snippets),
        ("temaplaner", themeplan_content.load_plans),
        ("innspillsrunder", participation_content.load_rounds),
        ("demo-innspill", participation_content.load_submissions),
        ("oppsummering og høringsdokumenter", participation_content.load_report_back),
        ("gjeldende plan", themeplan_content.load_current_plan),
    ]

    def handle(self, *args, **options):
        total = len(self.DEMO_PARTS)
        with transaction.atomic():
            for number, (label, load) in enumerate(self.DEMO_PARTS, start=1):
                started = time.monotonic()
                created = load()
                status = ", ".join(created) if created else "fantes fra før"
                seconds = time.monotonic() - started
                self.stdout.write(f"[{number}/{total}] {label}: {status} ({seconds:.1f} s)")
        self.stdout.write(self.style.SUCCESS("Demoinnholdet er på plass."))
