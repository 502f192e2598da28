"""Spreadsheets made from what visitors typed: a cell that a spreadsheet program would run as a
formula (=, +, -, @ …) is made inert, whoever exports it and however the file is made."""

import csv
from datetime import date, datetime

from django.utils import timezone

from core import xlsx

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
    inert as in the CSV, so a copy pasted from the sheet or saved as CSV stays inert too."""
    if type(value) is str:  # most cells: the checks below in one step
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        return value
    if isinstance(value, (date, int, float)) and not isinstance(value, bool):
        return value
    return csv_value(value)


def write_xlsx(file, title, headings, rows, widths=None):
    """An Excel workbook with one sheet, written a row at a time (core.xlsx), so memory does
    not grow with the number of rows."""
    xlsx.write(
        file,
        title,
        [str(heading) for heading in headings],
        (map(xlsx_value, row) for row in rows),
        widths,
    )
