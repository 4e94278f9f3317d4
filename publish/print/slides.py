"""A handout of each lesson's slide deck: reveal.js's own print mode (``?print-pdf``), one
slide per page at the deck's size (reveal sets the CSS page size; Playwright follows it).

The decks come from ``publish.slides`` (``make slides``), which shares the site's execution
cache; speaker notes (the teacher cells) are not printed: reveal prints them only when the
deck is configured with ``showNotes``, which the course decks are not.
"""

from __future__ import annotations

from pathlib import Path

from ..browser import PageWatch
from .lessons import PrintError

READY_JS = """() => document.querySelector('.reveal.ready') !== null
  && document.querySelectorAll('.pdf-page').length > 0"""


def print_deck(browser, url: str, out: Path, timeout_ms: int = 120_000) -> Path:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    watch = PageWatch(page)
    try:
        page.goto(url + "?print-pdf&pdfSeparateFragments=false", wait_until="load")
        page.wait_for_function(READY_JS)
        page.wait_for_function("""() => Array.from(document.querySelectorAll('.plotly-graph-div'))
                                   .every(d => d.querySelector('svg.main-svg') !== null)""")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        if watch.problems():
            raise PrintError(
                f"{url} cannot be printed offline:\n  " + "\n  ".join(watch.problems())
            )
        out.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(out), prefer_css_page_size=True, print_background=True, outline=True)
    finally:
        context.close()
    return out
