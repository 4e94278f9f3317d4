"""Headless Debian Chromium through Playwright, with every non-local request blocked and recorded."""
from __future__ import annotations

import shutil
from contextlib import contextmanager

import pytest

from publish.browser import CHROMIUM, CHROMIUM_ARGS as ARGS
LOCAL = ("file://", "http://127.0.0.1", "http://localhost", "data:", "blob:", "about:")


def require_chromium() -> None:
    if not shutil.which(CHROMIUM):
        pytest.fail("Debian chromium is missing: `apt-get install chromium` (bash .ci/run does it)")


@contextmanager
def offline_page(width: int = 1200, height: int = 900):
    """A page whose requests to any other host are aborted; yields (page, blocked_urls, console_errors)."""
    from playwright.sync_api import sync_playwright
    require_chromium()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        blocked, errors = [], []

        def route(r):
            if r.request.url.startswith(LOCAL):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            yield page, blocked, errors
        finally:
            browser.close()
