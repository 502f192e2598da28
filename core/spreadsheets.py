"""Spreadsheets made from what visitors typed: a cell that a spreadsheet program would run as a
formula (=, +, -, @ …) is made inert, whoever exports it and however the file is made."""

import csv
from datetime import date, datetime

from django.utils import timezone

CSV_TIME_FORMAT = "%d.%m.%Y %H:%M"
CSV_DATE_FORMAT = "%d.%m.%Y"
# A spreadsheet program runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value):
    """A value as CSV text: times in Norwegian form and time, and text that a spreadsheet would
    run as a formula made inert with a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime(CSV_TIME_FORMAT)
    if isinstance(value, date):
        return value.strftime(CSV_DATE_FORMAT)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class FormulaSafeCsv:
    """For a Wagtail listing with a CSV export: every cell through `csv_value`. (Wagtail's XLSX
    export already stores such text as text; its CSV export writes it as it is.)"""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: csv_value(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )


# One writer for every CSV the admin hands out: Excel with Norwegian settings splits columns on
# «;» and reads æ, ø and å right only after a byte order mark.
CSV_DELIMITER = ";"
CSV_BOM = "\ufeff"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Line:
    """A file-like object for csv.writer that hands back the line it was given."""

    def write(self, value):
        return value


def csv_lines(headings, rows):
    """The CSV file as encoded lines, BOM first, one row at a time: for a streaming response,
    so memory does not grow with the number of rows."""
    writer = csv.writer(_Line(), delimiter=CSV_DELIMITER)
    yield (CSV_BOM + writer.writerow([csv_value(heading) for heading in headings])).encode()
    for row in rows:
        yield writer.writerow([csv_value(value) for value in row]).encode()


def write_csv(file, headings, rows):
    """The same CSV written to a binary file."""
    for line in csv_lines(headings, rows):
        file.write(line)


def xlsx_value(value):
    """Times stay times (made naive in Norwegian time, so Excel can sort them); text is made
    inert as in the CSV (openpyxl would store «=…» as a formula)."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        return value
    if isinstance(value, (date, int, float)) and not isinstance(value, bool):
        return value
    return csv_value(value)


# Excel stores number formats in one notation and shows them as written: the Norwegian way.
XLSX_DATE_TIME_FORMAT = "dd.mm.yyyy hh:mm"
XLSX_DATE_FORMAT = "dd.mm.yyyy"


def write_xlsx(file, title, headings, rows, widths=None):
    """An Excel workbook with one sheet, written with openpyxl's write-only mode: each row goes
    to a temporary file as it is appended, so memory does not grow with the number of rows.

    Made for a case officer's Excel: the heading row bold and frozen, a filter on every column,
    times as real dates (they sort and filter as dates) shown as 31.12.2026 14:05."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for column, width in enumerate(widths or (), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"  # written before the first row in write-only mode
    bold = Font(bold=True)
    sheet.append([_cell(sheet, str(heading), font=bold) for heading in headings])
    count = 0
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
        count += 1
    # The filter is written after the rows, so it can cover exactly them.
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(headings), 1))}{count + 1}"
    workbook.save(file)


def _cell(sheet, value, **style):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _xlsx_cell(sheet, value):
    value = xlsx_value(value)
    if isinstance(value, datetime):
        return _cell(sheet, value, number_format=XLSX_DATE_TIME_FORMAT)
    if isinstance(value, date):
        return _cell(sheet, value, number_format=XLSX_DATE_FORMAT)
    return value
