"""Small steps through the Wagtail 8 page editor, for the browser tests of the admin.

Each helper waits for Wagtail's JavaScript through Playwright's `expect` rather than sleeping, so
a slow machine makes a test slower, not flaky.
"""

from playwright.sync_api import Page, expect

from tests.browser.screenshots import save_screenshot, screenshot_directory


def log_in(page: Page, site_url: str, username: str, password: str) -> None:
    """Log in through the admin's login form and wait for the dashboard."""
    page.goto(site_url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(site_url + "/admin/")


def open_tab(page: Page, name: str) -> None:
    """Select a tab of the editor's TabbedInterface by its heading."""
    tab = page.get_by_role("tab", name=name)
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")


def fill_date(page: Page, field_id: str, day: str) -> None:
    """Type a date as WAGTAIL_DATE_FORMAT writes it ("01.02.2024") and close the date picker."""
    field = page.locator(f"#{field_id}")
    picker = page.locator(".xdsoft_datetimepicker").filter(visible=True)
    field.fill(day)
    expect(picker).to_have_count(1)  # it opens a moment after the field gets focus
    field.press("Enter")  # closes the picker, which would cover the fields below it
    expect(picker).to_have_count(0)
    expect(field).to_have_value(day)


def open_chooser(page: Page, chooser_id: str):
    """Click a chooser's button and return its modal once loaded.

    The modal's content comes over the network, so the wait for it is generous.
    """
    button = page.locator(f"#{chooser_id}-chooser [data-chooser-action-choose]")
    modal = page.locator(".modal[role=dialog]")
    page.wait_for_load_state("networkidle")
    expect(button).to_be_enabled()
    button.click()
    expect(modal).to_be_visible(timeout=30_000)
    return modal


def choose_in_modal(page: Page, chooser_id: str, choice: str) -> None:
    """Open the chooser widget `chooser_id` (e.g. "id_mandate_body") and pick `choice`."""
    modal = open_chooser(page, chooser_id)
    modal.locator("a[data-chooser-modal-choice]", has_text=choice).first.click()
    expect(modal).to_be_hidden()
    expect(page.locator(f"#{chooser_id}-title")).to_contain_text(choice)


def add_inline(page: Page, relation: str) -> str:
    """Add a form to the InlinePanel `relation`; returns its id prefix ("id_milestones-2-")."""
    count = int(page.locator(f"#id_{relation}-TOTAL_FORMS").input_value())
    page.locator(f"#id_{relation}-ADD").click()
    prefix = f"id_{relation}-{count}-"
    expect(page.locator(f"[id^='{prefix}']").first).to_be_attached()
    return prefix


def upload_document(page: Page, chooser_id: str, path, title: str) -> None:
    """Upload a file through the document chooser's upload tab; the new document is chosen."""
    modal = open_chooser(page, chooser_id)
    modal.get_by_role("tab", name="Last opp").click()
    modal.locator("input[type=file]").set_input_files(path)
    title_field = modal.locator("input[name$=title]")
    expect(title_field).to_have_value(path.stem)  # the file name fills the title first
    title_field.fill(title)
    with page.expect_response(lambda response: "/chooser/create/" in response.url):
        modal.locator("form[data-chooser-modal-creation-form] button[type=submit]").click()
    expect(modal).to_be_hidden()
    expect(page.locator(f"#{chooser_id}-title")).to_contain_text(title)


def publish(page: Page) -> None:
    """Open the footer's action menu next to "Lagre kladd" and click "Publiser"."""
    footer = page.locator("footer")
    footer.get_by_role("button", name="Flere handlinger").click()
    with page.expect_navigation():
        footer.get_by_role("button", name="Publiser").click()


def screenshot_editor(page: Page, name) -> None:
    """Screenshot the whole editor form at the current width, when screenshots were asked for.

    The admin scrolls inside <main>, not the document, so a full-page screenshot would only show
    the viewport: grow the viewport to the form's height for the shot, then put it back.
    """
    if screenshot_directory() is None:
        return
    size = page.viewport_size
    main = page.locator("main#main")
    main.evaluate("element => element.scrollTo(0, 0)")
    height = main.evaluate("element => element.scrollHeight") + 60
    height = min(max(height, size["height"]), 6000)
    page.set_viewport_size({"width": size["width"], "height": height})
    save_screenshot(page, name)
    page.set_viewport_size(size)
