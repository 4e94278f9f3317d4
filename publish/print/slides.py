"""A handout of each lesson's slide deck: reveal.js's own print mode (``?print-pdf``) lays out
every slide, then the slides are set two or six to a sheet of the chosen paper (the teacher's
choice: ``--slides-per-page``, ``SLIDES_PER_PAGE`` in ``make print``).

Slides that hold nothing to read on paper are left out: a section heading alone ("8.
DISCUSSION") or the response prompt. A slide whose content is taller than the slide is scaled
down to fit, so no text runs off it. The decks come from ``publish.slides`` (``make slides``),
which shares the site's execution cache; speaker notes (the teacher cells) are not printed:
reveal prints them only when the deck is configured with ``showNotes``, which the course decks
are not.
"""

from __future__ import annotations

from pathlib import Path

from ..browser import PageWatch
from .charts import MIN_PX, NO_HOVER_JS, PAPER_CHARTS_JS
from .lessons import PrintError
from .pdf import PAPER_MM, PX_PER_MM

PER_PAGE = (2, 6)
MARGIN_MM = 10

READY_JS = """() => document.querySelector('.reveal.ready') !== null
  && document.querySelectorAll('.pdf-page').length > 0"""

# Leave out empty slides, fit tall ones, then set the slides n to a sheet.
NUP_JS = r"""([perPage, sheetW, sheetH]) => {
  const pages = Array.from(document.querySelectorAll('.reveal .slides .pdf-page'));
  if (!pages.length) return 0;
  document.querySelectorAll('.reveal .slides p').forEach(p => {
    if (/Shift\+Enter|double-click|Run the cells/.test(p.textContent)) p.remove();
  });
  // a check that failed or a list still empty only means something in a kernel
  document.querySelectorAll('.reveal .slides .jp-OutputArea-child, .reveal .slides .cell_output')
    .forEach(o => {
    if (/✘|Your list has 0/.test(o.textContent)) o.remove();
  });
  const promptOnly = /^(your answer|write your answer|write here)/i;
  const kept = pages.filter((p, i) => {
    const slide = p.querySelector('section');
    if (!slide || i === 0) return true;
    const text = slide.innerText.replace(/\s+/g, ' ').trim();
    const heads = Array.from(slide.querySelectorAll('h1, h2, h3'))
      .map(h => h.innerText.replace(/\s+/g, ' ').trim()).join(' ');
    const media = slide.querySelector('.js-plotly-plot, img, table, .doc-card, svg, blockquote');
    if (media) return true;
    if (text.replace(heads, '').trim().length < 3) return false;
    return !(promptOnly.test(text.replace(heads, '').trim()) && text.length < 240);
  });
  pages.filter(p => !kept.includes(p)).forEach(p => p.remove());
  const w = pages[0].offsetWidth, h = pages[0].offsetHeight;
  // a rule, not an inline style: reveal rewrites a slide's style when the page is laid out again
  const fit = document.createElement('style');
  fit.textContent = '.reveal .slides .print-chart-note { font-size: 16px !important; }';
  document.head.appendChild(fit);
  kept.forEach((p, i) => {
    const slide = p.querySelector('section');
    if (!slide) return;
    const room = h - 2 * slide.offsetTop, tall = slide.scrollHeight;
    if (tall <= room) return;
    slide.classList.add(`print-fit-${i}`);
    fit.textContent += `.reveal .slides section.print-fit-${i} { zoom: ${(room / tall).toFixed(3)} !important; }`;
  });
  const cols = perPage === 2 ? 1 : 2, rows = perPage / cols, gap = 12;
  const cellW = (sheetW - gap * (cols - 1)) / cols, cellH = (sheetH - gap * (rows - 1)) / rows;
  const scale = Math.min(cellW / w, cellH / h) * 0.94;  // room for outlines and rounding
  const holder = pages[0].parentElement;
  // reveal sizes the page to one slide: the sheet's width instead, from its left edge
  [document.body, document.querySelector('.reveal'), holder].forEach(e => {
    e.style.setProperty('width', sheetW + 'px', 'important');
    e.style.setProperty('margin', '0', 'important');
  });
  kept.forEach((p, i) => {
    p.style.cssText += `;width:${w}px;height:${h}px;zoom:${scale};display:inline-block;`
      + "vertical-align:top;"
      + `margin:0 ${i % cols === cols - 1 ? 0 : gap / scale}px ${gap / scale}px 0;`
      + `outline:${1 / scale}px solid #888;page-break-after:`
      + (i % perPage === perPage - 1 ? 'always' : 'auto') + ';break-inside:avoid';
    if (i % perPage === perPage - 1 && i < kept.length - 1) {
      const br = document.createElement('div');
      br.style.cssText = 'break-after:page;height:0';
      p.after(br);
    }
  });
  return kept.length;
}"""  # noqa: E501 (embedded JS/CSS/template text)


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
        page.evaluate(PAPER_CHARTS_JS, [MIN_PX, 10_000])  # a slide keeps its chart's height
        page.evaluate(NO_HOVER_JS)
        page.evaluate("() => document.fonts.ready.then(() => true)")
        if watch.problems():
            raise PrintError(
                f"{url} cannot be printed offline:\n  " + "\n  ".join(watch.problems())
            )
        w_mm, h_mm = PAPER_MM[paper]
        sheet = [(w_mm - 2 * MARGIN_MM) * PX_PER_MM - 2, (h_mm - 2 * MARGIN_MM) * PX_PER_MM - 2]
        page.evaluate(NUP_JS, [per_page, *sheet])
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
