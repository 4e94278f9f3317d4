"""A headless Debian Chromium page with every non-local request blocked and recorded,
built on publish/browser.py (the same launcher and watcher the site tests and bench use)."""

from __future__ import annotations

import shutil
from contextlib import contextmanager

import pytest

from publish.browser import CHROMIUM, PageWatch, chromium


def require_chromium() -> None:
    if not shutil.which(CHROMIUM):
        pytest.fail("Debian chromium is missing: `apt-get install chromium` (bash .ci/run does it)")


@contextmanager
def offline_page(width: int = 1200, height: int = 900):
    """Yields (page, blocked_urls, errors); ``errors`` holds console and page errors once the block
    ends.
    """
    require_chromium()
    errors: list[str] = []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": height})
        watch = PageWatch(page)
        try:
            yield page, watch.blocked, errors
        finally:
            errors.extend(watch.console_errors + watch.page_errors)
