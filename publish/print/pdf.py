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
from .charts import MAX_SHARE, MIN_PT, MIN_PX, PAPER_CHARTS_JS, PAPER_TEXT_JS
from .lessons import PrintError

# What belongs together stays on one page in the teacher edition too: a heading or the bold
# title of a note with the text after it, a card, a chart, a question.
BREAK_CSS = """
#jb-print-toc { display: none !important; }
h1, h2, h3, h4 { break-after: avoid; }
.teacher-note > p:first-child, .solution-shown > p:first-child { break-after: avoid; }
.doc-card, .js-plotly-plot, .cq fieldset, .central-q, .rubric, .response-box, .sr-prompt,
.print-chart-note { break-inside: avoid; }
"""

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

# Cards with an adapted text fold the word-for-word English and the original on screen; paper
# cannot unfold, so every printed card shows them (the student handout keeps the original and
# leaves out the verbatim English of a translated document: the adapted text stands for it).
CARDS_JS = """(student) => {
  document.querySelectorAll('details.doc-verbatim').forEach(d => {
    d.open = true;
    d.querySelector('summary')?.style.setProperty('display', 'none');
    if (student && d.querySelector('blockquote:not([lang=en])'))
      d.querySelectorAll('blockquote[lang=en]').forEach(b => b.remove());
  });
}"""

FOOTER = """<div style="width:100%;margin:0 {left}mm 0 {right}mm;font:8pt 'DejaVu Sans',sans-serif;color:#444;
display:flex;justify-content:space-between;gap:8mm"><span>{title} · {kind}</span>
<span style="white-space:nowrap">page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>"""  # noqa: E501 (embedded JS/CSS/template text)


def text_width_px(paper: str) -> int:
    width_mm = PAPER_MM[paper][0] - MARGIN_MM["left"] - MARGIN_MM["right"]
    return int(width_mm * PX_PER_MM)


def text_height_px(paper: str) -> float:
    return (PAPER_MM[paper][1] - MARGIN_MM["top"] - MARGIN_MM["bottom"]) * PX_PER_MM


def footer(title: str, kind: str) -> str:
    return FOOTER.format(
        title=html.escape(title),
        kind=html.escape(KIND_LABELS.get(kind, kind)),
        left=MARGIN_MM["left"],
        right=MARGIN_MM["right"],
    )


def print_url(
    browser,
    url: str,
    out: Path,
    paper: str,
    title: str,
    kind: str,
    timeout_ms: int = 120_000,
    prepare=None,
) -> Path:
    """``url`` printed to ``out`` on ``paper`` (Playwright's format name), footer naming
    ``title`` and the kind of document, with page numbers. ``prepare(page, text_height_px)``
    rearranges the loaded page first (the student handout, ``handout.prepare``)."""
    page, watch = open_page(
        browser, url, viewport=(text_width_px(paper), 1100), timeout_ms=timeout_ms
    )
    try:
        page.emulate_media(media="print")
        if kind == "teacher":
            page.add_style_tag(content=BREAK_CSS)
            page.evaluate(TEACHER_JS)
        page.evaluate(CARDS_JS, kind == "student")
        page.evaluate(PAPER_TEXT_JS)
        if prepare is not None:
            prepare(page, text_height_px(paper))
        drawn = page.evaluate(PAPER_CHARTS_JS, [MIN_PX, MAX_SHARE * text_height_px(paper)])
        if drawn["smallest"] is not None and drawn["smallest"] < MIN_PX:
            raise PrintError(
                f"{url}: chart text of {drawn['smallest']} px is below {MIN_PT} pt on paper"
            )
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
