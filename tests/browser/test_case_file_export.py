"""A moderator takes a round's input into the case file (issue #19, point 6): from «Innspillsrunder»
the Excel file with names and the Word report; a moderator without the permission to export
personal data gets the Excel file without names and is not offered the one with them."""

import io
from pathlib import Path

import docx
import openpyxl
from playwright.sync_api import expect

from participation.demo import WATER_CLOSED
from tests.browser.admin_helpers import log_in, screenshot_editor
from tests.browser.staff import MODERATION, PASSWORD, make_staff


def download(page, link):
    """The downloaded file's content (Playwright saves it without its name, and openpyxl goes
    by the name's extension)."""
    with page.expect_download() as download:
        link.click()
    return io.BytesIO(Path(download.value.path()).read_bytes())


def water_round_row(page, site_url):
    page.goto(site_url + "/admin/innspillsrunder/")
    link = page.get_by_role("link", name=WATER_CLOSED, exact=True)
    expect(link).to_be_visible()
    return page.get_by_role("row").filter(has=link)


def sheet_rows(path):
    sheet = openpyxl.load_workbook(path).active
    return sheet, [list(row) for row in sheet.iter_rows(values_only=True)]


def test_a_moderator_exports_a_round_for_the_case_file(browser, site_url):
    make_staff("moderator", [*MODERATION, "export_personal_data"])
    make_staff("vikar", MODERATION)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    log_in(page, site_url, "moderator", PASSWORD)
    row = water_round_row(page, site_url)
    screenshot_editor(page, "admin-export-1280.png")

    excel = download(page, row.get_by_role("link", name=f"Excel med navn for {WATER_CLOSED}"))
    sheet, rows = sheet_rows(excel)
    assert sheet.title == "Innspill" and sheet.freeze_panes == "A2"
    assert rows[0][:4] == ["Referanse", "Navn", "Organisasjon", "Plan"]
    assert len(rows) == 1 + 4
    leader = next(line for line in rows if line[1] == "Demo Leder")
    assert leader[2:5] == [
        "Eksempellaget for bekker (demo)",
        "Temaplan for vann og vannmiljø",
        WATER_CLOSED,
    ]
    assert sheet.cell(row=2, column=6).number_format == "dd.mm.yyyy hh:mm"

    report = docx.Document(download(page, row.get_by_role("link", name="Rapport (Word)")))
    headings = [p.text for p in report.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Antall innspill per tema",
        "Badevann (1)",
        "Overvann (2)",
        "Uten tema (1)",
    ]
    counts = {line.cells[0].text: line.cells[1].text for line in report.tables[0].rows}
    assert counts == {"Tema": "Antall", "Badevann": "1", "Overvann": "2", "Uten tema": "1"} | {
        "I alt": "4"
    }

    page.set_viewport_size({"width": 375, "height": 800})
    water_round_row(page, site_url)
    screenshot_editor(page, "admin-export-375.png")
    context.close()

    # Without the permission: no «Excel med navn», and the Excel file has no names.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    log_in(page, site_url, "vikar", PASSWORD)
    row = water_round_row(page, site_url)
    expect(row.get_by_role("link", name="Excel med navn")).to_have_count(0)
    _, rows = sheet_rows(download(page, row.get_by_role("link", name=f"Excel for {WATER_CLOSED}")))
    assert rows[0][:2] == ["Referanse", "Plan"] and len(rows) == 1 + 4
    assert not {"Navn", "Organisasjon"} & set(rows[0])
    assert not any("Demo Leder" in str(cell) for line in rows for cell in line)
    context.close()
