"""Headless Debian Chromium through Playwright; mandatory in CI, skipped with a reason locally."""

import os
import shutil
import threading
import time
from contextlib import contextmanager

import pytest

from tests.conftest import load_demo_content

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Playwright's sync API runs an event loop in the test thread; the ORM calls made by fixtures
# around it are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: browser tests are mandatory in CI")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# How long the live server must have run no request before the database is emptied.
QUIET = 0.3


@pytest.fixture
def site_url(live_server, transactional_db, browser):
    load_demo_content()
    with requests_in_flight() as in_flight:
        yield live_server.url
        # The database is emptied after each test: first let the server finish what the
        # browser still asked for (a retried post, a late page), or SQLite reports the table
        # locked and PostgreSQL waits for the flush.
        for context in browser.contexts:
            context.close()
        # Quiet for a moment, not just idle once: a request the server has accepted but not
        # yet started counts only when it starts (a late stylesheet deadlocked the flush).
        deadline = time.monotonic() + 10
        quiet_since = None
        while time.monotonic() < deadline:
            if in_flight():
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= QUIET:
                break
            time.sleep(0.05)


@contextmanager
def requests_in_flight():
    """A function telling how many requests the live server is handling right now."""
    from django.core.signals import request_finished, request_started

    count = [0]
    lock = threading.Lock()

    def started(**kwargs):
        with lock:
            count[0] += 1

    def finished(**kwargs):
        with lock:
            count[0] -= 1

    request_started.connect(started, weak=False)
    request_finished.connect(finished, weak=False)
    try:
        yield lambda: count[0]
    finally:
        request_started.disconnect(started)
        request_finished.disconnect(finished)


@pytest.fixture
def site(site_url, settings):
    """The demo site, with the anti-spam clock and the per-address limit out of the way, for
    tests that send forms in milliseconds from one address.

    The live server runs in a thread of this process, so the overridden settings reach it."""
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0
    settings.PARTICIPATION_RATE_LIMIT = 1000
    return site_url
