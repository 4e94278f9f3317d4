"""A handout of each lesson's slide deck: reveal.js's own print mode (``?print-pdf``) lays out
every slide, then the slides are set two or six to a sheet of the chosen paper (the teacher's
choice: ``--slides-per-page``, ``SLIDES_PER_PAGE`` in ``make print``).

Slides that hold nothing to read on paper are left out: a section heading alone ("8.
DISCUSSION"), the response prompt or the go-deeper note; so are the reference lists (they print
in the student handout's appendix). Text under 8 pt at the sheet's scale is raised to it, and a
slide whose content is taller than the slide is not shrunk: its cell on the sheet grows (one
taller than a sheet continues on the next), so no text runs off it. The decks come from
``publish.slides`` (``make slides``), which shares the site's execution cache; speaker notes
(the teacher cells) are not printed: reveal prints them only when the deck is configured with
``showNotes``, which the course decks are not.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..browser import PageWatch
from .charts import MIN_PX, PAPER_CHARTS_JS, PAPER_TEXT_JS
from .lessons import PrintError
from .pdf import PAPER_MM, PX_PER_MM

PER_PAGE = (2, 6)
MARGIN_MM = 10

READY_JS = """() => document.querySelector('.reveal.ready') !== null
  && document.querySelectorAll('.pdf-page').length > 0"""

# Leave out empty slides, raise small text, then set the slides n to a sheet (in the flow of the
# page: a tall slide takes a taller cell).
NUP_JS = r"""([perPage, sheetW, sheetH, scale, minPx]) => {
  const pages = Array.from(document.querySelectorAll('.reveal .slides .pdf-page'));
  if (!pages.length) return 0;
  document.querySelectorAll('.reveal .slides p').forEach(p => {
    if (/Shift\+Enter|double-click|Run the cells|lesson already run|is already run/.test(p.textContent))
      p.remove();
  });
  // a check that failed or a list still empty only means something in a kernel
  document.querySelectorAll('.reveal .slides .jp-OutputArea-child, .reveal .slides .cell_output')
    .forEach(o => {
    if (/✘|Your list has 0/.test(o.textContent)) o.remove();
  });
  const promptOnly = /^(your answer|write your answer|write here|go deeper: optional)/i;
  // the lesson's reference lists print in the student handout's appendix, not here
  const references = /^(\d+\.\s*)?(sources of this lesson|further reading)/i;
  let inReferences = false;
  const kept = pages.filter((p, i) => {
    const slide = p.querySelector('section');
    if (!slide || i === 0) return true;
    const text = slide.innerText.replace(/\s+/g, ' ').trim();
    const heads = Array.from(slide.querySelectorAll('h1, h2, h3'))
      .map(h => h.innerText.replace(/\s+/g, ' ').trim()).join(' ');
    if (heads) inReferences = references.test(heads);
    if (inReferences) return false;
    const media = slide.querySelector('.js-plotly-plot, img, table, .doc-card, svg, blockquote');
    if (media) return true;
    if (text.replace(heads, '').trim().length < 3) return false;
    return !(promptOnly.test(text.replace(heads, '').trim()) && text.length < 240);
  });
  pages.filter(p => !kept.includes(p)).forEach(p => p.remove());
  const w = pages[0].offsetWidth, h = pages[0].offsetHeight;
  const cols = perPage === 2 ? 1 : 2, gap = 12;
  // no text under the minimum once the slide is set at the sheet's scale
  const least = minPx / scale;
  kept.forEach(p => p.querySelectorAll('*').forEach(e => {
    const own = Array.from(e.childNodes).some(n => n.nodeType === 3 && n.nodeValue.trim());
    if (own && parseFloat(getComputedStyle(e).fontSize) < least)
      e.style.setProperty('font-size', least + 'px', 'important');
  }));
  // a slide taller than its cell is not shrunk (its text would fall under the minimum): its
  // cell grows instead, and one taller than a sheet continues on the next
  const fit = document.createElement('style');
  fit.textContent = '.reveal .slides .print-chart-note { font-size: 16px !important; }';
  document.head.appendChild(fit);
  const holder = pages[0].parentElement;
  // reveal sizes the page to one slide: the sheet's width instead, from its left edge
  [document.body, document.querySelector('.reveal'), holder].forEach(e => {
    e.style.setProperty('width', sheetW + 'px', 'important');
    e.style.setProperty('margin', '0', 'important');
  });
  kept.forEach((p, i) => {
    const slide = p.querySelector('section');
    const top = slide ? slide.offsetTop : 0, tall = slide ? slide.scrollHeight : 0;
    // (a few pixels over is the slide's own padding, not text that would run off)
    const height = tall + 2 * top > h * 1.03 ? tall + 2 * top : h;
    if (slide && height > h) {
      slide.classList.add(`print-fit-${i}`);
      fit.textContent += `.reveal .slides section.print-fit-${i} { height: auto !important; `
        + 'overflow: visible !important; }';
    }
    p.style.cssText += `;width:${w}px;height:${height}px;zoom:${scale};display:inline-block;`
      + "vertical-align:top;overflow:visible;"
      + `margin:0 ${i % cols === cols - 1 ? 0 : gap / scale}px ${gap / scale}px 0;`
      + `outline:${1 / scale}px solid #888;`
      + `break-inside:${height * scale > sheetH ? 'auto' : 'avoid'}`;
  });
  return kept.length;
}"""  # noqa: E501 (embedded JS/CSS/template text)


def nup_scale(per_page: int, sheet: list[float], slide: list[float]) -> float:
    """The zoom that sets a slide (``slide``: width, height in CSS px) ``per_page`` to a sheet
    (``sheet``: its text width and height), with room for the outlines and rounding."""
    cols = 1 if per_page == 2 else 2
    rows, gap = per_page // cols, 12
    cell_w, cell_h = (sheet[0] - gap * (cols - 1)) / cols, (sheet[1] - gap * (rows - 1)) / rows
    return min(cell_w / slide[0], cell_h / slide[1]) * 0.94


def print_deck(
    browser, url: str, out: Path, paper: str = "A4", per_page: int = 2, timeout_ms: int = 120_000
) -> Path:
    """The deck at ``url`` printed ``per_page`` slides to a sheet of ``paper``."""
    if per_page not in PER_PAGE:
        raise PrintError(f"slides per page: {per_page}; choose {' or '.join(map(str, PER_PAGE))}")
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    watch = PageWatch(page)
    try:
        page.goto(url + "?print-pdf&pdfSeparateFragments=false", wait_until="load")
        page.wait_for_function(READY_JS)
        page.wait_for_function("""() => Array.from(document.querySelectorAll('.plotly-graph-div'))
                                   .every(d => d.querySelector('svg.main-svg') !== null)""")
        w_mm, h_mm = PAPER_MM[paper]
        sheet = [(w_mm - 2 * MARGIN_MM) * PX_PER_MM - 2, (h_mm - 2 * MARGIN_MM) * PX_PER_MM - 2]
        slide = page.evaluate(
            "() => { const p = document.querySelector('.reveal .slides .pdf-page');"
            " return [p.offsetWidth, p.offsetHeight]; }"
        )
        scale = nup_scale(per_page, sheet, slide)
        # a slide keeps its chart's height; chart text at least MIN_PX once set at ``scale``
        page.evaluate(PAPER_CHARTS_JS, [math.ceil(MIN_PX / scale), 10_000])
        page.evaluate(PAPER_TEXT_JS)
        page.evaluate("() => document.fonts.ready.then(() => true)")
        if watch.problems():
            raise PrintError(
                f"{url} cannot be printed offline:\n  " + "\n  ".join(watch.problems())
            )
        page.evaluate(NUP_JS, [per_page, *sheet, scale, MIN_PX])
        page.add_style_tag(
            content=f"@page {{ size: {paper} portrait; margin: {MARGIN_MM}mm; }} "
            "html, body { width: auto !important; height: auto !important; "
            "overflow: visible !important; }"
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(
            path=str(out),
            format=paper,
            margin={k: f"{MARGIN_MM}mm" for k in ("top", "bottom", "left", "right")},
            prefer_css_page_size=False,
            print_background=True,
            outline=True,
        )
    finally:
        context.close()
    return out
