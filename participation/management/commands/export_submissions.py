"""`manage.py export_submissions`: input to a file for the political case file, from the shell.

The same columns as the admin's export (participation/exports.py: no name or e-mail), for
exports too large to wait for in a browser, or for a scheduled copy.
"""

import csv
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.progress import Progress
from core.spreadsheets import csv_value
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
        submissions = Submission.objects.select_related("round__page").order_by("pk")
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
        rows = (self._row(submission, progress) for submission in submissions.iterator(500))
        if kind == "csv":
            self._write_csv(path, rows)
        else:
            self._write_xlsx(path, rows)
        self.stdout.write(self.style.SUCCESS(f"Skrev {total} innspill til {path}."))
        if attachments:
            with open(attachments, "wb") as archive:
                written = exports.write_attachments_zip(submissions, archive)
            self.stdout.write(self.style.SUCCESS(f"Skrev {written} vedlegg til {attachments}."))

    @staticmethod
    def _row(submission, progress):
        progress.step()
        return exports.row(submission)

    @staticmethod
    def _write_csv(path, rows):
        # The BOM makes Excel read æ, ø and å right; the admin's export does the same.
        with open(path, "w", newline="", encoding="utf-8-sig") as file:
            writer = csv.writer(file)
            writer.writerow(str(exports.HEADINGS[key]) for key in exports.FIELDS)
            for row in rows:
                writer.writerow(csv_value(row[key]) for key in exports.FIELDS)

    @staticmethod
    def _write_xlsx(path, rows):
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Innspill")
        sheet.append([str(exports.HEADINGS[key]) for key in exports.FIELDS])
        for row in rows:
            # Times stay times, so Excel can sort them; text is made inert as in the CSV
            # (openpyxl would store «=…» as a formula).
            sheet.append(
                [
                    row[key] if isinstance(row[key], datetime) else csv_value(row[key])
                    for key in exports.FIELDS
                ]
            )
        workbook.save(path)
