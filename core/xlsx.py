"""An Excel workbook of one sheet, written straight as the XML it is made of, a row at a time.

An .xlsx file is a ZIP archive of a few XML files; only the sheet grows with the rows. The
sheet is written into the archive as the rows come (compressed on the way), with its text
inline in the cells, so nothing is kept per row: memory stays the same for 200 or 200,000
rows. openpyxl's write-only mode did the same job at about 1 ms a row (a cell object, type
checks and an lxml element per value: 18 s for 20,000 rows on the loaded test machine); this
writes the same cells in a fraction of that (docs/performance.md, «Eksport til Excel»).

The sheet has its heading row in bold, frozen above the rows, with a filter on each column,
and times shown in Norwegian form (31.12.2026 14:05).
"""

import re
import zipfile
from datetime import date, datetime
from xml.sax.saxutils import escape

# Excel counts days from 30 December 1899 (its «1900 date system»).
EXCEL_EPOCH = datetime(1899, 12, 30)
SECONDS_PER_DAY = 86400
# Excel shows no more in a cell, and cuts the rest when it saves.
MAX_CELL_TEXT = 32767
MAX_SHEET_TITLE = 31
# What XML 1.0 cannot hold at all (control characters but tab and line breaks, lone
# surrogates, U+FFFE and U+FFFF): left out of the text rather than making a file that fails.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Characters a sheet title cannot have.
NOT_IN_TITLE = re.compile(r"[\\/*?:\[\]]")

# The cell styles in STYLES, by their index: plain, the heading, a time and a date.
HEADING_STYLE = 1
TIME_STYLE = 2
DATE_STYLE = 3

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = (
    DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
ROOT_RELATIONSHIPS = (
    DECLARATION + f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELATIONSHIPS = (
    DECLARATION + f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# Font 1 is bold; fill 2 a light grey under the headings (fills 0 and 1 are Excel's own);
# number formats 164 and 165 are the Norwegian date and time, and the date alone.
STYLES = (
    DECLARATION + f'<styleSheet xmlns="{MAIN}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd.mm.yyyy hh:mm"/>'
    '<numFmt numFmtId="165" formatCode="dd.mm.yyyy"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFE7E6E6"/></patternFill></fill>'
    "</fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def column_letter(number):
    """1 is A, 27 is AA."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def text(value):
    """Text as it can stand in the XML of a cell."""
    if len(value) > MAX_CELL_TEXT:
        value = value[:MAX_CELL_TEXT]
    # xml.sax.saxutils.escape, inline: this runs for every cell.
    value = NOT_IN_XML.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell(reference, value):
    """One cell's XML: text, a number or a time (as Excel's day number, in the time style);
    nothing for an empty value. Each cell says where it stands (r="B7"): the format allows
    leaving that out, but not every program reading it does."""
    if type(value) is str:  # most cells: checked first
        if not value:
            return ""
        return (
            f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{text(value)}</t>'
            "</is></c>"
        )
    if value is None:
        return ""
    if isinstance(value, datetime):
        days = (value.replace(tzinfo=None) - EXCEL_EPOCH).total_seconds() / SECONDS_PER_DAY
        return f'<c r="{reference}" s="{TIME_STYLE}"><v>{days!r}</v></c>'
    if isinstance(value, date):
        days = (datetime(value.year, value.month, value.day) - EXCEL_EPOCH).days
        return f'<c r="{reference}" s="{DATE_STYLE}"><v>{days}</v></c>'
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<c r="{reference}"><v>{value!r}</v></c>'
    return cell(reference, str(value))


def sheet_start(widths, columns):
    view = (
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        "</sheetView></sheetViews>"
    )
    cols = "".join(
        f'<col min="{number}" max="{number}" width="{width}" customWidth="1"/>'
        for number, width in enumerate(widths or (), start=1)
        if number <= columns
    )
    return (
        DECLARATION + f'<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
        f"{view}"
        '<sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{cols}</cols>" if cols else "")
        + "<sheetData>"
    )


QUOTE = {'"': "&quot;"}


def workbook(title, filter_range):
    return (
        DECLARATION + f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
        f'<sheets><sheet name="{escape(title, QUOTE)}" sheetId="1" r:id="rId1"/></sheets>'
        "<definedNames>"
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
        f"{filter_range}</definedName>"
        "</definedNames>"
        "</workbook>"
    )


def sheet_title(title):
    """A name Excel accepts for a sheet: at most 31 characters, none of \\ / * ? : [ ], not
    starting or ending with an apostrophe."""
    title = NOT_IN_TITLE.sub("", NOT_IN_XML.sub("", str(title)))[:MAX_SHEET_TITLE]
    return title.strip("'") or "Ark1"


def quote_title(title):
    """The sheet's name as a formula refers to it: 'Innspill'."""
    return "'" + escape(title).replace("'", "''") + "'"


# Rows handed to the compressor at a time: one call per row costs as much as the XML itself.
ROWS_PER_WRITE = 500


def write_sheet(sheet, widths, headings, rows):
    """The sheet's XML on the binary stream `sheet`; returns the number of its last row."""
    letters = [column_letter(number) for number in range(1, len(headings) + 1)]
    sheet.write(sheet_start(widths, len(headings)).encode())
    heading_cells = "".join(
        f'<c r="{letter}1" s="{HEADING_STYLE}" t="inlineStr">'
        f"<is><t>{text(str(heading))}</t></is></c>"
        for letter, heading in zip(letters, headings, strict=True)
    )
    pending = [f'<row r="1">{heading_cells}</row>']
    number = 1
    for number, row in enumerate(rows, start=2):
        cells = "".join(
            cell(f"{letter}{number}", value) for letter, value in zip(letters, row, strict=False)
        )
        pending.append(f'<row r="{number}">{cells}</row>')
        if len(pending) >= ROWS_PER_WRITE:
            sheet.write("".join(pending).encode())
            pending = []
    pending.append(f'</sheetData><autoFilter ref="A1:{letters[-1]}{number}"/></worksheet>')
    sheet.write("".join(pending).encode())
    return number


def write(file, title, headings, rows, widths=None):
    """The workbook on the binary file `file`: `headings` in bold over `rows` (each a list of
    values: text, numbers, naive datetimes in the time to show, or None for an empty cell)."""
    letters = [column_letter(number) for number in range(1, len(headings) + 1)]
    title = sheet_title(title)
    with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELATIONSHIPS)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELATIONSHIPS)
        archive.writestr("xl/styles.xml", STYLES)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            last_row = write_sheet(sheet, widths, headings, rows)
        # The filter's range, named as Excel names the range of a sheet's filter.
        database = f"{quote_title(title)}!$A$1:${letters[-1]}${last_row}"
        archive.writestr("xl/workbook.xml", workbook(title, database))
