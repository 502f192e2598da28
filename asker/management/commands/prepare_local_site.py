"""Everything `make run` does before serving, in one process (Django starts only once)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrerer, laster demoinnholdet og sørger for en admin-bruker (brukes av make run)."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=options["verbosity"])
        call_command("load_demo_content", stdout=self.stdout)
        call_command("ensure_admin", stdout=self.stdout)
