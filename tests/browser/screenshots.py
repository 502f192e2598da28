"""Screenshots for review, written only when asked for: a plain test run leaves the checkout alone.

SCREENSHOTS=1 saves them in docs/screenshots/ (the tracked review copies); SCREENSHOTS=<directory>
saves them there instead. Without the variable nothing is written.
"""

import os
from pathlib import Path

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def screenshot_directory():
    """Where screenshots go in this run, or None when they were not asked for."""
    wanted = os.environ.get("SCREENSHOTS", "")
    if not wanted:
        return None
    return DOCS_SCREENSHOTS if wanted == "1" else Path(wanted)


def save_screenshot(target, name, **options):
    """Screenshot a page or a locator as `name` when screenshots were asked for."""
    directory = screenshot_directory()
    if directory is None:
        return
    directory.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=directory / name, **options)
