"""The Excel file the exports write (core.xlsx) opens in a spreadsheet program with the values
in their columns: text as text, times as times shown the Norwegian way, the heading in bold,
frozen and with a filter, whatever the text holds."""

import io
import tracemalloc
from datetime import date, datetime

import openpyxl

from core import spreadsheets, xlsx

HEADINGS = ["Referanse", "Mottatt", "Antall", "Innspill", "Svar"]


def written(rows, title="Innspill", widths=(18, 16, 8, 60, 40)):
    file = io.BytesIO()
    spreadsheets.write_xlsx(file, title, HEADINGS, rows, widths)
    file.seek(0)
    return openpyxl.load_workbook(file)


def test_the_workbook_opens_with_each_value_in_its_cell():
    received = datetime(2026, 3, 1, 14, 5)
    rows = [
        ["INN-2026-00001", received, 3, "Trygg skolevei & <gangfelt> ved «Føyka»", None],
        ["INN-2026-00002", received, 0, "  To mellomrom først\nog en ny linje", "Takk."],
        ["INN-2026-00003", None, 1.5, '=HYPERLINK("http://example.com")', ""],
        ["INN-2026-00004", received, 2, "Styretegn\x0b og \x00 forsvinner", "Sett."],
    ]
    sheet = written(rows).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values == [
        HEADINGS,
        ["INN-2026-00001", received, 3, "Trygg skolevei & <gangfelt> ved «Føyka»", None],
        ["INN-2026-00002", received, 0, "  To mellomrom først\nog en ny linje", "Takk."],
        ["INN-2026-00003", None, 1.5, '\'=HYPERLINK("http://example.com")', None],
        ["INN-2026-00004", received, 2, "Styretegn og  forsvinner", "Sett."],
    ]
    assert sheet.title == "Innspill"
    assert sheet["B2"].number_format == "dd.mm.yyyy hh:mm"
    assert all(cell.font.b for cell in sheet[1]) and not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E5"
    assert sheet.column_dimensions["D"].width == 60


def test_a_date_without_a_time_is_shown_as_a_norwegian_date():
    sheet = written([["INN-2026-00001", date(2026, 11, 20), 1, "Tekst", ""]]).active
    assert sheet["B2"].value == datetime(2026, 11, 20)
    assert sheet["B2"].number_format == "dd.mm.yyyy"


def test_an_empty_export_has_its_headings_and_a_title_excel_accepts():
    workbook = written([], title="Innspill: runde [2/3]? " + "x" * 40)
    sheet = workbook.active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [HEADINGS]
    assert sheet.title == "Innspill runde 23 xxxxxxxxxxxxx"[: xlsx.MAX_SHEET_TITLE]
    assert sheet.auto_filter.ref == "A1:E1"


def test_memory_does_not_grow_with_the_rows():
    def rows(count):
        for number in range(count):
            yield [f"INN-2026-{number:05d}", datetime(2026, 3, 1), number, "Et innspill. " * 20, ""]

    class Discarded(io.RawIOBase):
        """A stream that keeps nothing (as a response sent on keeps little)."""

        def writable(self):
            return True

        def write(self, data):
            return len(data)

    def peak(count):
        tracemalloc.start()
        spreadsheets.write_xlsx(Discarded(), "Innspill", HEADINGS, rows(count))
        used = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return used

    assert peak(20_000) < peak(2_000) + 100_000
