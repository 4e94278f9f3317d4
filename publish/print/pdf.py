"""Printing one page to PDF with Playwright's ``page.pdf()`` in Debian's chromium.

The page is laid out at the paper's text width before printing, so plotly draws each chart
at the width it will have on paper (a chart drawn for a 1280-pixel screen would be cut off or
shrunk), then switched to print media, where the site's print stylesheet
(``docs/_static/course-print.css``) hides the navigation and keeps charts whole. Charts stay
plotly's SVG, so they print as vector paths. Chromium embeds the subset of every font a page
uses (Noto CJK for Japanese and Chinese, DejaVu for Cyrillic). Every request to another host
is blocked (``publish.browser.PageWatch``); a page that tried one fails the print.
"""

from __future__ import annotations

import html
from pathlib import Path

from ..browser import MAPS_DRAWN_JS, open_page
from .lessons import PrintError

MARGIN_MM = {"top": 14, "bottom": 16, "left": 14, "right": 14}
PAPER_MM = {"A4": (210, 297), "Letter": (215.9, 279.4)}
PX_PER_MM = 96 / 25.4
KIND_LABELS = {
    "student": "Student handout",
    "worksheet": "Worksheet",
    "teacher": "Teacher edition",
    "reader": "Course reader",
    "slides": "Slides handout",
}

# Before printing: every plotly chart redrawn at the width it was designed for (the site's
# article width: legends, menus and notes fit there, not in a 180 mm column), then zoomed
# (CSS zoom, still vector) to the width of its container on paper.
CHART_WIDTH_PX = 820
RESIZE_CHARTS_JS = """async (designed) => {
  if (!window.Plotly) return 0;
  const divs = Array.from(document.querySelectorAll('.js-plotly-plot'));
  for (const d of divs) {
    const box = d.parentElement.getBoundingClientRect().width || designed;
    const width = Math.max(designed, box);
    d.style.width = width + 'px';
    await window.Plotly.relayout(d, {width: width, autosize: false});
    d.style.zoom = Math.min(1, box / width);
  }
  return divs.length;
}"""

# The teacher edition: every solution toggle open, every question's right answer chosen
# (its feedback shows), so the teacher sees on paper what students see after answering.
TEACHER_JS = """() => {
  document.documentElement.classList.add('print-teacher');
  document.querySelectorAll('details.toggle-details, details.tag_solution').forEach(d => d.open = true);
  document.querySelectorAll('.toggle-hidden').forEach(e => e.classList.remove('toggle-hidden'));
  document.querySelectorAll('.cq-a').forEach(a => {
    const input = a.querySelector('input[type=radio]');
    if (input && a.querySelector('.cq-right')) input.checked = true;
  });
}"""  # noqa: E501 (embedded JS/CSS/template text)

FOOTER = """<div style="width:100%;margin:0 {left}mm 0 {right}mm;font:7.5pt 'DejaVu Sans',sans-serif;color:#444;
display:flex;justify-content:space-between;gap:8mm"><span>{title} · {kind}</span>
<span style="white-space:nowrap">page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>"""  # noqa: E501 (embedded JS/CSS/template text)


def text_width_px(paper: str) -> int:
    width_mm = PAPER_MM[paper][0] - MARGIN_MM["left"] - MARGIN_MM["right"]
    return int(width_mm * PX_PER_MM)


def footer(title: str, kind: str) -> str:
    return FOOTER.format(
        title=html.escape(title),
        kind=html.escape(KIND_LABELS.get(kind, kind)),
        left=MARGIN_MM["left"],
        right=MARGIN_MM["right"],
    )


def print_url(
    browser, url: str, out: Path, paper: str, title: str, kind: str, timeout_ms: int = 120_000
) -> Path:
    """``url`` printed to ``out`` on ``paper`` (Playwright's format name), footer naming
    ``title`` and the kind of document, with page numbers."""
    page, watch = open_page(
        browser, url, viewport=(text_width_px(paper), 1100), timeout_ms=timeout_ms
    )
    try:
        page.emulate_media(media="print")
        if kind == "teacher":
            page.evaluate(TEACHER_JS)
        page.evaluate(RESIZE_CHARTS_JS, CHART_WIDTH_PX)
        try:
            page.wait_for_function(MAPS_DRAWN_JS, timeout=timeout_ms)
        except Exception:  # noqa: BLE001 - a map without land is caught by the site tests
            pass
        page.evaluate("() => document.fonts.ready.then(() => true)")
        problems = watch.problems()
        if problems:
            raise PrintError(f"{url} cannot be printed offline:\n  " + "\n  ".join(problems))
        out.parent.mkdir(parents=True, exist_ok=True)
        margin = {k: f"{v}mm" for k, v in MARGIN_MM.items()}
        page.pdf(
            path=str(out),
            format=paper,
            print_background=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=footer(title, kind),
            margin=margin,
            outline=True,
            tagged=True,
        )
    finally:
        page.context.close()
    return out
