"""The case file export of the demo, made by the app's own code and shown as openpyxl reads it.

On a throwaway SQLite database with the demo content, the water plan's closed round (the demo
round with input) is exported as the moderators' Excel file and as the Word report for the
saksframlegg, into DIRECTORY (default: a temporary one). The Excel file is then opened with
openpyxl and printed: sheet, frozen row, filter, column widths, the heading row and the first
rows with each cell's type and number format. docs/case-file-export.md shows the output.

    .venv/bin/python bench/show_export.py [DIRECTORY] [--med-navn]
"""

import argparse
import logging
import tempfile
from pathlib import Path

from demo_django import demo_client, start


def export_demo(directory, personal):
    from django.utils import translation

    from participation import case_report, exports
    from participation.demo import WATER_CLOSED
    from participation.models import ParticipationRound

    round = ParticipationRound.objects.select_related("page").get(title=WATER_CLOSED)
    xlsx = directory / ("innspill-med-navn.xlsx" if personal else "innspill.xlsx")
    docx = directory / "innspill-rapport.docx"
    with translation.override("nb"):
        with xlsx.open("wb") as file:
            exports.write_xlsx(exports.ordered(round.submissions.all()), file, personal)
        with docx.open("wb") as file:
            case_report.write(round, file)
    return xlsx, docx


def show(path, rows=5):
    import openpyxl
    from openpyxl.utils import get_column_letter

    sheet = openpyxl.load_workbook(path).active
    print(f"Fil: {path.name}")
    inputs, columns = sheet.max_row - 1, sheet.max_column
    print(f"Ark: {sheet.title!r}, overskriftsrad + {inputs} innspill, {columns} kolonner")
    print(f"Frosset: {sheet.freeze_panes}   Filter: {sheet.auto_filter.ref}")
    print("Kolonnebredder:")
    for column in range(1, sheet.max_column + 1):
        letter = get_column_letter(column)
        heading = sheet.cell(row=1, column=column)
        width = sheet.column_dimensions[letter].width
        bold = " (fet)" if heading.font.bold else ""
        print(f"  {letter} {heading.value!r}{bold}: {width}")
    last = min(sheet.max_row, rows + 1)
    for number, row in enumerate(sheet.iter_rows(min_row=2, max_row=last), start=2):
        print(f"Rad {number}:")
        for cell in row:
            if cell.value is None:
                continue
            shown = f"{cell.value!r}"
            kind = "dato" if cell.is_date else type(cell.value).__name__
            print(f"  {cell.column_letter} {shown} [{kind}, {cell.number_format}]")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path)
    parser.add_argument("--med-navn", action="store_true", help="med navn og organisasjon")
    arguments = parser.parse_args()
    directory = arguments.directory or Path(tempfile.mkdtemp(prefix="eksport-"))
    directory.mkdir(parents=True, exist_ok=True)
    start()
    logging.disable(logging.INFO)  # the demo's «Page created …» lines
    demo_client()
    xlsx, docx = export_demo(directory, arguments.med_navn)
    show(xlsx)
    print(f"Word-rapport: {docx}")


if __name__ == "__main__":
    main()
