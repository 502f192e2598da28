"""Spreadsheets made from what visitors typed: a cell that a spreadsheet program would run as a
formula (=, +, -, @ …) is made inert, whoever exports it and however the file is made."""

from datetime import datetime

from django.utils import timezone

CSV_TIME_FORMAT = "%d.%m.%Y %H:%M"
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
