"""The whole participation journey in a browser, with JavaScript on and off for the citizens:
send input with an attachment, keep the receipt, follow the private link; a moderator
publishes it with an answer; the citizen sees the answer and the plan shows the input; a
second citizen withdraws theirs."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from participation.models import Submission
from tests.browser.admin_helpers import log_in
from tests.browser.axe import axe_violations
from tests.browser.test_moderation_admin import PASSWORD, USERNAME, make_moderator

PLAN = "/temaplaner/handling-mot-klimaendringene/"


@pytest.fixture
def quick_form(settings):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0  # a script fills the form in milliseconds
    settings.PARTICIPATION_RATE_LIMIT = 100  # every post here comes from 127.0.0.1


def check_axe(page, javascript):
    """axe is a script: it runs where JavaScript is on (and hangs where it is off)."""
    if javascript:
        assert axe_violations(page) == []


def send_input(
    page, site_url, javascript, *, name, organisation, text, publication, attachment=None
):
    page.goto(site_url + PLAN)
    page.get_by_role("link", name=re.compile("^Send innspill")).first.click()
    expect(page.get_by_role("heading", level=1, name="Send innspill")).to_be_visible()
    check_axe(page, javascript)
    page.get_by_role("textbox", name=re.compile("^Navn")).fill(name)
    page.get_by_role("textbox", name=re.compile("^E-post")).fill("innbygger@example.no")
    page.get_by_role("textbox", name=re.compile("^Organisasjon")).fill(organisation)
    page.get_by_role("radio", name="Lag eller forening" if organisation else "Privatperson").check()
    page.get_by_role("combobox", name=re.compile("^Tema")).select_option("Sirkulærøkonomi")
    page.get_by_role("textbox", name=re.compile("^Innspillet ditt")).fill(text)
    if attachment:
        page.get_by_label(re.compile("^Vedlegg")).set_input_files(attachment)
    page.get_by_role("radio", name=re.compile(publication)).check()
    page.get_by_role("checkbox", name=re.compile("^Jeg har lest")).check()
    page.get_by_role("button", name="Send innspill").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Takk! Vi har mottatt innspillet ditt"
    )
    check_axe(page, javascript)
    reference = page.locator(".receipt__number").inner_text()
    assert re.fullmatch(r"INN-\d{4}-\d{5}", reference)
    return reference


@pytest.mark.parametrize("javascript", [True, False], ids=["med-js", "uten-js"])
def test_input_from_citizen_to_answer_and_publication(
    browser, site_url, quick_form, tmp_path, javascript
):
    attachment = tmp_path / "Forslag fra laget.pdf"
    attachment.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n")
    named = javascript  # one run publishes with the name, the other without
    citizen = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 390, "height": 844}
    )
    page = citizen.new_page()
    reference = send_input(
        page,
        site_url,
        javascript,
        name="Kari Testesen",
        organisation="Testlaget",
        text="Laget ønsker flere ombruksstasjoner i Asker.",
        publication="med navnet mitt" if named else "uten navnet mitt",
        attachment=attachment,
    )
    submission = Submission.objects.get(reference=reference)
    assert submission.attachment_name == "Forslag_fra_laget.pdf"
    receipt_mail = next(m for m in mail.outbox if reference in m.subject)
    assert submission.token in receipt_mail.body

    page.locator(".receipt__link a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Innspillet ditt")
    expect(page.get_by_text("Status: mottatt")).to_be_visible()
    check_axe(page, javascript)
    private_url = page.url

    make_moderator()
    staff = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = staff.new_page()
    log_in(admin, site_url, USERNAME, PASSWORD)
    admin.goto(site_url + "/admin/innspill/")
    admin.get_by_role("link", name=reference).click()
    expect(admin.get_by_text("Forslag_fra_laget.pdf")).to_be_visible()
    admin.get_by_label("Publisert – vises på planens side").check()
    admin.locator("#id_answer").fill("Takk! Ombruk blir et eget tema i planen.")
    admin.get_by_role("button", name="Lagre").click()
    expect(admin.locator(".messages")).to_contain_text(reference)
    staff.close()
    answer_mail = next(
        m for m in mail.outbox if m.subject.startswith("Svar på innspill " + reference)
    )
    assert "Ombruk blir et eget tema" in answer_mail.body

    page.goto(private_url)
    expect(page.get_by_text("Status: publisert")).to_be_visible()
    expect(page.locator(".answer")).to_contain_text("Ombruk blir et eget tema i planen.")

    page.goto(site_url + PLAN)
    page.get_by_role("link", name=re.compile("publiserte innspill og svar")).click()
    entry = page.locator("article", has_text="Laget ønsker flere ombruksstasjoner")
    expect(entry).to_contain_text("Ombruk blir et eget tema")
    if named:
        # Published under the organisation's name, with who sent it (as regjeringen.no does).
        expect(entry.locator("h2")).to_contain_text("Testlaget")
        expect(entry).to_contain_text("Sendt av Kari Testesen")
    else:
        expect(entry).not_to_contain_text("Kari Testesen")
        expect(entry).to_contain_text("Navnet er ikke publisert")
    check_axe(page, javascript)
    citizen.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["med-js", "uten-js"])
def test_a_citizen_withdraws_their_input(browser, site_url, quick_form, javascript):
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    reference = send_input(
        page,
        site_url,
        javascript,
        name="Per Angrer",
        organisation="",
        text="Dette angrer jeg på.",
        publication="uten navnet mitt",
    )
    page.locator(".receipt__link a").click()
    page.get_by_role("button", name="Trekk tilbake innspillet").click()
    expect(page.locator("#id_confirm_feil")).to_contain_text("Kryss av for å bekrefte")
    check_axe(page, javascript)
    page.get_by_label("Ja, jeg vil trekke tilbake innspillet mitt.").check()
    page.get_by_role("button", name="Trekk tilbake innspillet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du har trukket tilbake innspillet")
    expect(page.get_by_text("Status: trukket tilbake")).to_be_visible()
    assert Submission.objects.get(reference=reference).state == "withdrawn"
    context.close()
