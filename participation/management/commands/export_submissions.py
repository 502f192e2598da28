"""`manage.py export_submissions`: input to a file for the political case file, from the shell.

The same columns as the admin's export (participation/exports.py: no name or e-mail), for
exports too large to wait for in a browser, or for a scheduled copy.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core import spreadsheets
from core.progress import Progress
from participation import exports
from participation.models import Submission, SubmissionState

FORMATS = ("csv", "xlsx")


class Command(BaseCommand):
    help = (
        "Skriver innspill til en CSV- eller Excel-fil (samme kolonner som eksporten i "
        "administrasjonen, uten navn og e-post), og vedleggene til en ZIP-fil om du ber om det."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="Filen som skal skrives, som innspill.csv eller .xlsx.")
        parser.add_argument("--plan", help="Bare innspill til planen med denne slugen.")
        parser.add_argument("--round", type=int, help="Bare innspill i runden med denne id-en.")
        parser.add_argument(
            "--state", choices=SubmissionState.values, help="Bare innspill med denne statusen."
        )
        parser.add_argument("--attachments", help="Skriv også vedleggene til denne ZIP-filen.")

    def handle(self, output, plan=None, round=None, state=None, attachments=None, **options):
        path = Path(output)
        kind = path.suffix.lstrip(".").lower()
        if kind not in FORMATS:
            raise CommandError(f"Filen må slutte på .csv eller .xlsx, ikke «{path.name}».")
        submissions = Submission.objects.order_by("pk")
        if plan:
            submissions = submissions.filter(round__page__slug=plan)
        if round:
            submissions = submissions.filter(round_id=round)
        if state:
            submissions = submissions.filter(state=state)
        total = submissions.count()
        if not total:
            raise CommandError("Ingen innspill passer til det du valgte; ingen fil er skrevet.")
        progress = Progress(self.stdout, "Innspill", total)
        rows = self._counted(exports.rows(submissions), progress)
        headings = exports.headings()
        # The same writers as the admin's export: CSV with «;» and BOM, XLSX write-only, and
        # text a spreadsheet would run as a formula made inert (core.spreadsheets).
        with open(path, "wb") as file:
            if kind == "csv":
                spreadsheets.write_csv(file, headings, rows)
            else:
                spreadsheets.write_xlsx(file, str(exports.HEADINGS["text"]), headings, rows)
        self.stdout.write(self.style.SUCCESS(f"Skrev {total} innspill til {path}."))
        if attachments:
            with open(attachments, "wb") as archive:
                written = exports.write_attachments_zip(submissions, archive)
            self.stdout.write(self.style.SUCCESS(f"Skrev {written} vedlegg til {attachments}."))

    @staticmethod
    def _counted(rows, progress):
        for row in rows:
            progress.step()
            yield row
