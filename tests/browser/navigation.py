"""Waiting for what a click sets off, not for whatever page happens to be loaded."""

from contextlib import suppress

from playwright.sync_api import TimeoutError as PlaywrightTimeout


def click_and_wait(page, button):
    """Click a link or a submit button and return once the page it leads to has loaded.

    `wait_for_load_state()` right after a click can return for the page being left."""
    with page.expect_navigation():
        button.click()


def focused_id(page, expected, timeout=5000):
    """The focused element's id, once it is `expected` (autofocus runs as the page loads), or
    whatever has focus when the time is up, for the assertion to show."""
    # On a timeout the caller's assertion shows what had focus instead.
    with suppress(PlaywrightTimeout):
        page.wait_for_function(
            "id => document.activeElement && document.activeElement.id === id",
            arg=expected,
            timeout=timeout,
        )
    return page.evaluate("document.activeElement && document.activeElement.id")
