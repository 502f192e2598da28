"""Moderators take a round's input out of the admin: as CSV, as Excel and its attachments as ZIP."""

import csv
import io
import zipfile

import openpyxl
import pytest
from django.utils import timezone

from participation import services
from participation.models import Submission
from tests.participation.files import DOCX, PDF, PNG, upload
from tests.participation.moderation_support import LISTING, ROUNDS, demo_input

HEADINGS = [
    "Referanse",
    "Plan",
    "Innspillsrunde",
    "Mottatt",
    "Type avsender",
    "Tema",
    "Ønske om publisering",
    "Status",
    "Innspill",
    "Publisert versjon (sladdet)",
    "Kommunens svar",
    "Begrunnelse for ikke å publisere",
]


@pytest.fixture
def old_input(closed_round):
    """Input in another round of the same plan, which a round's export must leave out."""
    submission = Submission.objects.create(
        round=closed_round,
        name="Gammel Avsender",
        email="gammel@example.no",
        category="public",
        text="Et innspill fra 2020.",
        received_at=closed_round.opens_at,
    )
    submission.reference = submission.reference_for()
    submission.save()
    return submission


def export(client, round, kind):
    response = client.get(LISTING, {"round": round.pk, "export": kind})
    assert response.status_code == 200
    return response


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # so Excel reads æ, ø and å
    # Semicolons, as Excel with Norwegian settings splits columns (the statistics CSV too).
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def expected_berg():
    berg = demo_input("Lise Berg")
    return [
        berg.reference,
        "Temaplan for handling mot klimaendringene",
        "Demo: innspill til temaplan for klima",
        timezone.localtime(berg.received_at).strftime("%d.%m.%Y %H:%M"),
        "Privatperson",
        "",
        "Publiser innspillet med navnet mitt",
        "Ikke publisert",
        "(Demo) Naboen min fyrer med gammel vedovn hver kveld, og det lukter over hele gata.",
        "",  # not redacted
        berg.answer_sent,
        berg.decline_reason,
    ]


def test_csv_of_a_round_has_norwegian_headings_and_only_that_round(
    moderator_client, demo_round, old_input
):
    response = export(moderator_client, demo_round, "csv")
    assert response["Content-Type"] == "text/csv"
    assert (
        'filename="innspill-demo-innspill-til-temaplan-for-klima.csv"'
        in (response["Content-Disposition"])
    )
    rows = csv_rows(response)
    assert rows[0] == HEADINGS
    by_reference = {row[0]: row for row in rows[1:]}
    assert len(by_reference) == 7
    assert old_input.reference not in by_reference
    assert by_reference[demo_input("Lise Berg").reference] == expected_berg()
    # The sender's name and e-mail address are not in the file.
    cells = [cell for row in rows for cell in row]
    assert not any("@example.no" in cell or "Lise Berg" in cell for cell in cells)


def test_xlsx_of_a_round_opens_with_the_same_content(moderator_client, demo_round, old_input):
    response = export(moderator_client, demo_round, "xlsx")
    assert (
        'filename="innspill-demo-innspill-til-temaplan-for-klima.xlsx"'
        in (response["Content-Disposition"])
    )
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    by_reference = {row[0]: ["" if cell is None else cell for cell in row] for row in rows[1:]}
    assert len(by_reference) == 7 and old_input.reference not in by_reference
    berg = by_reference[demo_input("Lise Berg").reference]
    expected = expected_berg()
    received = berg.pop(3)
    expected.pop(3)
    assert berg == expected
    # A real date and time in Norwegian time, not UTC.
    assert received == timezone.localtime(demo_input("Lise Berg").received_at).replace(
        tzinfo=None, second=0, microsecond=0
    )


def test_xlsx_is_laid_out_for_a_case_officers_excel(moderator_client, demo_round):
    """Dates as Norwegian dates, the heading row bold and frozen, a filter on every column,
    columns wide enough to read."""
    response = export(moderator_client, demo_round, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = sheet.max_row
    assert sheet.title == "Innspill"
    assert sheet.freeze_panes == "A2"
    last_column = sheet.cell(row=1, column=sheet.max_column).column_letter
    assert sheet.auto_filter.ref == f"A1:{last_column}{rows}"
    assert all(cell.font.bold for cell in sheet[1])
    received = sheet.cell(row=2, column=4)
    assert received.is_date and received.number_format == "dd.mm.yyyy hh:mm"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ADI"}
    assert widths == {"A": 18, "D": 17, "I": 60}


def test_csv_writes_a_date_the_norwegian_way():
    from datetime import date

    from core.spreadsheets import csv_value

    assert csv_value(date(2026, 11, 20)) == "20.11.2026"


def test_csv_makes_text_that_looks_like_a_formula_harmless(moderator_client, demo_round):
    dahl = demo_input("Nils Dahl")
    dahl.text = '=HYPERLINK("http://example.com","Klikk")'
    dahl.save()
    rows = csv_rows(export(moderator_client, demo_round, "csv"))
    row = next(row for row in rows if row[0] == dahl.reference)
    assert row[8] == "'" + dahl.text


def test_export_follows_the_listing_filters(moderator_client):
    response = moderator_client.get(LISTING, {"state": "published", "export": "csv"})
    references = [row[0] for row in csv_rows(response)[1:]]
    published = Submission.objects.filter(state="published").values_list("reference", flat=True)
    assert sorted(references) == sorted(published) and len(references) == 3 + 4  # + the water plan


def send_with_attachment(round, name, content, filename):
    return services.submit(
        round,
        {
            "name": name,
            "email": "avsender@example.no",
            "category": "private",
            "text": "Se vedlegget.",
            "publication": "anonymous",
            "privacy": "on",
        },
        upload(content, filename),
    )


def test_zip_has_the_rounds_attachments_named_by_reference(moderator_client, demo_round):
    pdf = send_with_attachment(demo_round, "En", PDF, "Mitt innspill.pdf")
    png = send_with_attachment(demo_round, "To", PNG, "kart.png")
    docx = send_with_attachment(demo_round, "Tre", DOCX, "notat.docx")
    response = moderator_client.get(f"{ROUNDS}{demo_round.pk}/vedlegg/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "vedlegg-demo-innspill-til-temaplan-for-klima.zip" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == sorted(
        [f"{pdf.reference}.pdf", f"{png.reference}.png", f"{docx.reference}.docx"]
    )
    assert archive.read(f"{pdf.reference}.pdf") == PDF
    assert archive.read(f"{docx.reference}.docx") == DOCX


def test_zip_of_a_round_without_attachments_says_so(moderator_client, closed_round, old_input):
    response = moderator_client.get(f"{ROUNDS}{closed_round.pk}/vedlegg/", follow=True)
    assert response.redirect_chain == [(ROUNDS, 302)]
    assert "Ingen vedlegg å laste ned" in response.content.decode()
    assert closed_round.title in response.content.decode()
