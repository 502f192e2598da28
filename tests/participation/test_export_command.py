"""Operators export input from the shell, with progress while it runs."""

import csv
import zipfile
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from core.progress import Progress
from participation.models import Submission
from tests.participation import files
from tests.participation.conftest import make_submission
from tests.participation.test_export import HEADINGS, send_with_attachment

pytestmark = pytest.mark.django_db


def test_csv_has_the_admin_columns_and_no_personal_data(demo_round, tmp_path):
    make_submission(demo_round, text='=HYPERLINK("http://evil")', name="Kari Hemmelig")
    target = tmp_path / "innspill.csv"
    output = StringIO()
    call_command("export_submissions", str(target), "--plan", demo_round.page.slug, stdout=output)

    with open(target, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    expected = Submission.objects.filter(round__page=demo_round.page).count()
    assert rows[0] == HEADINGS
    assert len(rows) == expected + 1
    text = target.read_text(encoding="utf-8-sig")
    assert "Kari Hemmelig" not in text and "@example.no" not in text
    assert "'=HYPERLINK" in text  # a spreadsheet won't run it
    assert f"Skrev {expected} innspill til {target}." in output.getvalue()
    assert f"Innspill: {expected} av {expected} (100 %" in output.getvalue()


def test_xlsx_keeps_times_as_times_and_formulas_inert(demo_round, tmp_path):
    make_submission(demo_round, text="=1+1")
    target = tmp_path / "innspill.xlsx"
    call_command(
        "export_submissions", str(target), "--round", str(demo_round.pk), stdout=StringIO()
    )
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    texts = [row[HEADINGS.index("Innspill")] for row in rows[1:]]
    assert "'=1+1" in texts
    assert all(row[HEADINGS.index("Mottatt")].year >= 2020 for row in rows[1:])


def test_attachments_go_to_a_zip_named_by_reference(demo_round, tmp_path):
    submission = send_with_attachment(demo_round, "En", files.PDF, "brev.pdf")
    call_command(
        "export_submissions",
        str(tmp_path / "innspill.csv"),
        "--round",
        str(demo_round.pk),
        "--attachments",
        str(tmp_path / "vedlegg.zip"),
        stdout=StringIO(),
    )
    with zipfile.ZipFile(tmp_path / "vedlegg.zip") as archive:
        assert f"{submission.reference}.pdf" in archive.namelist()


def test_unknown_format_and_empty_selection_are_explained(demo_round, tmp_path):
    with pytest.raises(CommandError, match=r"må slutte på \.csv eller \.xlsx"):
        call_command("export_submissions", str(tmp_path / "innspill.pdf"), stdout=StringIO())
    with pytest.raises(CommandError, match="Ingen innspill passer"):
        call_command(
            "export_submissions",
            str(tmp_path / "x.csv"),
            "--plan",
            "finnes-ikke",
            stdout=StringIO(),
        )
    assert not (tmp_path / "x.csv").exists()


def test_progress_reports_each_tenth_once():
    output = StringIO()
    progress = Progress(output, "Innspill", 1000)
    for _ in range(1000):
        progress.step()
    lines = output.getvalue().splitlines()
    assert len(lines) == 10
    assert lines[0].startswith("Innspill: 100 av 1000 (10 %")
    assert lines[-1].startswith("Innspill: 1000 av 1000 (100 %")


def test_progress_with_few_items_reports_every_item():
    output = StringIO()
    progress = Progress(output, "Innspill", 3)
    for _ in range(3):
        progress.step()
    assert [line.split(" (")[0] for line in output.getvalue().splitlines()] == [
        "Innspill: 1 av 3",
        "Innspill: 2 av 3",
        "Innspill: 3 av 3",
    ]
