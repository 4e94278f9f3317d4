"""The student handout: the lesson page of the website rearranged for paper before it is printed.

The core path comes first (central question, narrative, document cards, charts, questions
with ruled lines, the written task with a page to write on), then an appendix that starts on a
new page: the go-deeper parts, the data exercise done from a table of its figures, and a
compact reference list. What only works in a kernel or a browser goes: solutions and teacher
notes, the self-check quizzes (they answer themselves on screen; the teacher edition prints
them), the exercise's code cells and their checks, instructions that name Jupyter keys. Section
numbers are renumbered so the core reads 1, 2, 3...

To keep a lesson's core path within 8 A4 pages a period, the handout is set in Liberation Serif
10.5 pt (cards 10 pt) and a card prints its adapted English (or the translation), with the
original only where the card stays under ``TALL_CARD`` of a page (the original and the
word-for-word text print in full in the teacher edition). The appendix keeps to
``APPENDIX_PAGES``: the data exercise and the references stay, and go-deeper parts are left to
the teacher edition and the website from the last one back, each named in a list. The teacher
edition's cards and blocks are laid out to fit its pages too (``clean``).
"""

from __future__ import annotations

from pathlib import Path

from . import check
from .check import APPENDIX_PAGES
from .lessons import Lesson

APPENDIX_SECTIONS = r"^(\d+\.\s*)?(Go deeper|Data exercise|Sources of this lesson|Further reading)"
KEPT_SECTIONS = r"^(\d+\.\s*)?(Data exercise|Sources of this lesson|Further reading)"
# what names Jupyter's keys, or says how the website differs from JupyterLab, means nothing on paper
JUPYTER_WORDS = r"Shift\+Enter|double-click|Run the cells|lesson already run|is already run"
LINES = {"answer": 5, "page": 26, "step": 2}
WRITE_PAGE_TITLE = "Your answer to the written task."
WRITE_LINE_MM, WRITE_HEAD_MM = 9, 16  # a ruled line on the page to write on; its heading
MIN_WRITE_LINES = 18  # 150-250 words in handwriting
TALL_CARD = 0.3  # of the printed page's text height: a taller card prints its English only
APPENDIX_FILL = 0.85  # of the appendix's pages that its blocks fill (a block never splits)

# The handout's layout rules: every block that belongs together is kept on one page.
CSS = """
html.print-student body { font-size: 10.5pt; line-height: 1.3; }
html.print-student article, html.print-student .doc-card {
  font-family: "Liberation Serif", "Times New Roman", "DejaVu Serif", "Noto Serif CJK JP", serif !important; }
html.print-student h1, html.print-student h2, html.print-student h3, html.print-student h4,
html.print-student .doc-meta, html.print-student .doc-lang, html.print-student .print-note,
html.print-student .central-q { font-family: "DejaVu Sans", "Noto Sans CJK JP", sans-serif !important; }
html.print-student h1 { text-align: left; font-size: 16pt !important; margin: 0 0 4pt !important; }
html.print-student h2 { font-size: 13pt; margin: 10pt 0 4pt; }
html.print-student p { margin: 0 0 5pt; }
h1, h2, h3, h4, .print-keep-next { break-after: avoid; }
.print-q, .js-plotly-plot, .doc-card, .cq fieldset, .central-q, .rubric, .key-terms, table,
.sr-prompt, .print-steps li, .print-left-out { break-inside: avoid; }
#jb-print-toc { display: none !important; }
.doc-card { font-size: 10pt !important; line-height: 1.25 !important; padding: 5pt 8pt !important;
  margin: 5pt 0 !important; }
.doc-card h4 { font-size: 11pt !important; margin: 2pt 0 !important; }
.doc-card p { margin: 2pt 0 !important; }
.doc-card .doc-meta, .doc-card .doc-source, .doc-card .doc-lang { font-size: 8.5pt !important; }
.doc-card .doc-headnote { font-size: 9.5pt; margin-bottom: 3pt !important; }
.doc-card .doc-adapted, .doc-card blockquote { margin: 3pt 0 !important; padding: 3pt 6pt !important; }
.doc-card .doc-excerpts { gap: 6pt !important; margin: 3pt 0 !important; }
.doc-card .doc-questions { font-size: 10pt; line-height: 1.25; margin: 2pt 0 0; padding-left: 1.4em; }
.doc-card .doc-questions li { margin: 1pt 0 !important; }
.print-steps { list-style: none; padding-left: 0; }
.print-lines div { height: 8mm; border-bottom: 0.6pt solid #8a8a8a; }
.print-write-page { break-inside: avoid; }
.print-appendix { break-before: page; }
.print-appendix > h2:first-child { font-size: 15pt; border-bottom: 1.5pt solid #333; }
.print-appendix h2 { font-size: 12pt; }
.print-chart-note, .print-note { font-size: 8.5pt; font-style: italic; color: #333; margin: 2pt 0 8pt; }
.print-left-out { font-size: 9pt; margin: 4pt 0 8pt; }
.print-left-out ul { margin: 2pt 0; padding-left: 1.4em; }
.print-refs { columns: 3; column-gap: 6mm; font-size: 8pt; line-height: 1.3; padding-left: 1.3em; }
.print-refs li { break-inside: avoid; margin-bottom: 2pt; }
.print-data { border-collapse: collapse; font-size: 8.5pt; margin: 4pt 0; width: 100%; }
.print-data th, .print-data td { border: 0.6pt solid #999; padding: 2pt 4pt; text-align: left;
  vertical-align: top; }
.print-data td.num { text-align: right; white-space: nowrap; }
html.print-student .cq-fb { display: none !important; }
table.evidence { max-width: 100%; font-size: 8.5pt; }
table.evidence th, table.evidence td { overflow-wrap: anywhere; }
table.evidence code { font-size: 8pt !important; white-space: normal !important;
  word-break: break-all; }
.key-terms { font-size: 9pt !important; columns: 2; column-gap: 6mm; margin: 4pt 0 !important; }
.key-terms li { break-inside: avoid; }
.rubric { font-size: 8.5pt !important; line-height: 1.25 !important; }
.rubric th, .rubric td { padding: 2pt 4pt !important; }
.cq fieldset { padding: 3pt 8pt !important; margin: 0 0 6pt !important; font-size: 9pt; }
.cq-a { display: inline-block; width: 48%; margin: 1pt 0 !important; vertical-align: top; }
"""  # noqa: E501 (embedded JS/CSS/template text)

STUDENT_JS = r"""({exerciseHtml, appendixRe, jupyterRe, lines, writeTitle}) => {
  const WRITE_PAGE_TITLE = writeTitle;
  const root = document.documentElement;
  root.classList.add('print-student');
  const article = document.querySelector('article.bd-article') || document.querySelector('main');
  const ruled = n => '<div class="print-lines" aria-hidden="true">' + '<div></div>'.repeat(n) + '</div>';
  const md = s => s.replace(/\*([^*\n]+)\*/g, '<em>$1</em>');
  article.querySelectorAll('.tag_solution, .tag-solution, .teacher-note, details.toggle-details, .kernel-note')
    .forEach(e => e.remove());
  // self-checks answer themselves on screen; on paper they stay in the teacher edition
  article.querySelectorAll('.cq').forEach(q => (q.closest('.cell') || q).remove());
  // Jupyter's keys mean nothing on paper
  const jupyter = new RegExp(jupyterRe);
  article.querySelectorAll('p, li').forEach(p => {
    if (jupyter.test(p.textContent) && !p.closest('.response-box')) p.remove();
  });
  // the appendix: go-deeper parts, the data exercise, the references
  const isAppendix = new RegExp(appendixRe, 'i');
  const h2s = Array.from(article.querySelectorAll('section > h2'));
  const moved = h2s.filter(h => isAppendix.test(h.textContent.trim())).map(h => h.parentElement);
  const appendix = document.createElement('section');
  appendix.className = 'print-appendix';
  appendix.innerHTML = '<h2>Appendix: going further</h2><p class="print-note">For homework, a '
    + 'second period or anyone who wants more: not needed for the written task.</p>';
  const stray = Array.from(article.querySelectorAll('.go-deeper, .cell.tag_deeper'))
    .filter(c => !moved.some(s => s.contains(c)));
  // a go-deeper prompt takes its place to write with it
  stray.slice().forEach(c => {
    const box = c.nextElementSibling;
    if (box && box.classList.contains('response-box')) stray.splice(stray.indexOf(c) + 1, 0, box);
  });
  if (stray.length) {
    const s = document.createElement('section');
    s.innerHTML = '<h2>More to explore</h2>';
    stray.forEach(c => s.appendChild(c));
    appendix.appendChild(s);
  }
  moved.forEach(s => appendix.appendChild(s));
  (article.querySelector('section') || article).appendChild(appendix);
  // section numbers: the core 1, 2, 3...; appendix parts unnumbered
  let n = 0;
  h2s.forEach(h => {
    const link = h.querySelector('a.headerlink');
    const text = h.firstChild;
    if (!text || text.nodeType !== 3 || !/^\d+\.\s/.test(text.textContent)) return;
    text.textContent = appendix.contains(h) ? text.textContent.replace(/^\d+\.\s*/, '')
                                            : text.textContent.replace(/^\d+\./, `${++n}.`);
    if (link) link.remove();
  });
  // the data exercise: its figures and steps to do with a pencil, not code and its checks
  appendix.querySelectorAll('section').forEach(s => {
    const h = s.querySelector(':scope > h2');
    if (!h || !/Data exercise/i.test(h.textContent)) return;
    const code = Array.from(s.querySelectorAll(':scope > .cell'))
      .filter(c => !c.classList.contains('tag_hide-input'));
    if (!code.length) return;
    const holder = document.createElement('div');
    holder.innerHTML = exerciseHtml;
    code[0].before(holder);
    code.forEach(c => c.remove());
  });
  article.querySelectorAll('.cell_output').forEach(o => { if (o.textContent.includes('✘')) o.remove(); });
  // the references: one compact list of the works, titles in italics as written
  appendix.querySelectorAll('section').forEach(s => {
    const h = s.querySelector(':scope > h2');
    if (!h) return;
    let items = [];
    if (/Sources of this lesson/i.test(h.textContent)) {
      s.querySelectorAll('table tbody tr').forEach(tr => {
        const cells = tr.querySelectorAll('td');
        if (cells.length) items.push(md(cells[cells.length - 1].innerHTML.trim()));
      });
      items = Array.from(new Set(items));
    } else if (/Further reading/i.test(h.textContent)) {
      s.querySelectorAll('li').forEach(li => {
        const b = li.querySelector('b'), cite = li.querySelector('cite');
        items.push((b ? b.outerHTML + ' · ' : '') + (cite ? cite.outerHTML : li.innerHTML));
      });
    } else return;
    if (!items.length) return;
    s.querySelectorAll(':scope > .cell, :scope > table, :scope > div').forEach(e => e.remove());
    const list = document.createElement('ul');
    list.className = 'print-refs';
    list.innerHTML = items.map(i => '<li>' + i + '</li>').join('');
    s.appendChild(list);
  });
  // a place to write: ruled lines, kept on one page with the question they answer
  const boxes = Array.from(article.querySelectorAll('.response-box'));
  boxes.forEach(box => {
    const task = box.closest('section') && box.closest('section').querySelector('.rubric');
    if (task && !appendix.contains(box)) {
      box.className = 'print-write-page';
      box.innerHTML = '<p><strong>' + WRITE_PAGE_TITLE + '</strong> Claim, evidence, '
        + 'sourcing, context, counter-evidence.</p>' + ruled(lines.page);
      return;
    }
    const wrap = document.createElement('div');
    wrap.className = 'print-q';
    const prompt = box.previousElementSibling;
    box.before(wrap);
    if (prompt && prompt.textContent.length < 900) wrap.appendChild(prompt);
    box.innerHTML = ruled(lines.answer);
    box.className = 'print-answer';
    wrap.appendChild(box);
  });
  // the page to write on closes the core path, after the discussion
  const writePage = article.querySelector('.print-write-page');
  if (writePage) appendix.before(writePage);
  // a citation prints as author, title, publisher: the web address is for the website
  article.querySelectorAll('.doc-source a').forEach(a => {
    if (/^https?:/.test(a.textContent.trim())) a.remove();
  });
  // a chart stays with the short question above it (its description may follow overleaf)
  article.querySelectorAll('.cell').forEach(cell => {
    if (!cell.querySelector('.js-plotly-plot')) return;
    const prompt = cell.previousElementSibling;
    if (prompt && prompt.tagName === 'P' && prompt.textContent.length < 400) {
      prompt.classList.add('print-keep-next');
    }
  });
  return boxes.length;
}"""  # noqa: E501 (embedded JS/CSS/template text)


# Both the handout and the worksheet: a card prints its English, and its original only where the
# card stays under ``TALL_CARD`` of a page (always, inside the selector ``always``).
CARD_JS = r"""([tallPx, always]) => {
  // a card prints its English (the adapted text where there is one, else the translation);
  // its original too only where the card stays short enough to keep on its page
  document.querySelectorAll('.doc-card').forEach(card => {
    const adapted = card.querySelector('.doc-adapted');
    if (card.getBoundingClientRect().height <= tallPx && !(always && card.closest(always))) return;
    const quotes = Array.from(card.querySelectorAll('.doc-excerpts blockquote'));
    const english = quotes.filter(q => !q.lang || q.lang === 'en');
    const dropped = adapted ? quotes : (english.length ? quotes.filter(q => !english.includes(q)) : []);
    if (!dropped.length) return;
    dropped.forEach(q => q.remove());
    const note = document.createElement('p');
    note.className = 'print-note';
    note.textContent = (adapted ? 'The word-for-word text' : 'The original text')
      + ' is in the teacher edition and on the course website.';
    const verbatim = card.querySelector('.doc-verbatim');
    if (verbatim && !verbatim.querySelector('blockquote')) verbatim.replaceWith(note);
    else (verbatim || adapted || card.querySelector('.doc-excerpts')).after(note);
  });
  // the adapted label says what "adapted" means on the first card only
  Array.from(document.querySelectorAll('.doc-adapted > .doc-lang')).slice(1).forEach(l => {
    const label = l.querySelector('.doc-adapted-label');
    if (label) l.replaceChildren(label);
  });
}"""  # noqa: E501 (embedded JS/CSS/template text)

# The appendix keeps to its pages (run after the cards have their printed height).
APPENDIX_JS = r"""([keptRe, appendixPx]) => {
  const appendix = document.querySelector('.print-appendix');
  if (!appendix) return;
  // the appendix keeps to its pages: the data exercise and the references stay, go-deeper
  // parts are left to the teacher edition and the website from the last one back
  const kept = new RegExp(keptRe, 'i');
  const groups = [];
  appendix.querySelectorAll(':scope > section').forEach(s => {
    const h = s.querySelector(':scope > h2');
    if (h && kept.test(h.textContent.trim())) return;
    let group = null;
    Array.from(s.children).filter(c => c !== h).forEach(c => {
      // a chart's "What this chart shows" note stays in the part of its chart
      const starts = c.classList.contains('go-deeper') && !/^\s*What this chart shows/.test(c.textContent);
      if (!group || starts) groups.push(group = {section: s, parts: []});
      group.parts.push(c);
    });
  });
  const name = g => {
    // the go-deeper prompt names the part (a card's own title would read as a split card)
    const lead = g.parts[0].classList.contains('go-deeper') ? g.parts[0]
      : g.parts.map(p => p.querySelector('.gtitle')).find(Boolean) || g.parts[0];
    const text = lead.textContent.replace(/\s+/g, ' ').trim()
      .replace(/^Optional[.:]?\s*/i, '').replace(/^Go deeper:.*?\)\.?\s*/i, '');
    const first = text.split(/(?<=[.?!])\s/)[0];
    const short = first.length > 90 ? first.slice(0, 87) + '...' : first;
    return short.charAt(0).toUpperCase() + short.slice(1);
  };
  const left = [];
  while (groups.length && appendix.getBoundingClientRect().height > appendixPx) {
    const g = groups.pop();
    left.unshift(name(g));
    g.parts.forEach(p => p.remove());
    if (!g.section.querySelector(':scope > :not(h2)')) g.section.remove();
  }
  if (left.length) {
    const note = document.createElement('div');
    note.className = 'print-left-out';
    note.innerHTML = '<p><strong>Also to explore, in the teacher edition and on the course '
      + 'website</strong> (left out here to keep the handout short):</p><ul>'
      + left.filter(Boolean).map(t => '<li>' + t.replace(/</g, '&lt;') + '</li>').join('') + '</ul>';
    appendix.querySelector('.print-note').after(note);
  }
}"""  # noqa: E501 (embedded JS/CSS/template text)


def exercise_html(lesson: Lesson) -> str:
    """The data exercise on paper: the figures it works on and its steps with room to write."""
    from .worksheet import EXERCISE, STEP, exercise_table, step_html

    task, steps = "", []
    for cell in lesson.nb.cells:
        if cell.cell_type != "code":
            continue
        found = EXERCISE.search(cell.source)
        task = task or (found.group(1) if found else "")
        if task:
            steps += STEP.findall(cell.source)
    if not task:
        return ""
    items = [
        f"<li>{step_html(step)}" + '<div class="print-lines">' + "<div></div>" * 2 + "</div></li>"
        for step in steps
    ]
    return (
        '<p class="print-note">On paper: work from the figures below (one row per source; low = '
        "high for a single figure). In JupyterLab the lesson notebook checks each step.</p>"
        + exercise_table(task, "print-data")
        + f'<ul class="print-steps">{"".join(items)}</ul>'
    )


# Both editions: nothing that names Jupyter's keys, no failed check, places to write ruled.
CLEAN_JS = r"""(jupyterRe) => {
  const jupyter = new RegExp(jupyterRe);
  const main = document.querySelector('article.bd-article') || document.querySelector('main');
  main.querySelectorAll('p, li').forEach(p => {
    if (jupyter.test(p.textContent) && !p.closest('.response-box')) p.remove();
  });
  main.querySelectorAll('.cell_output').forEach(o => { if (o.textContent.includes('✘')) o.remove(); });
  main.querySelectorAll('.response-box').forEach(b => {
    b.innerHTML = '<div class="print-lines" aria-hidden="true">' + '<div></div>'.repeat(4) + '</div>';
  });
}"""  # noqa: E501 (embedded JS/CSS/template text)


# The teacher edition prints every card's three texts; a card taller than a page would start
# on a new page and leave the one before it part-empty. A tall card sets its adapted text,
# word-for-word English and original side by side in 9 pt; a block still taller than a page
# (a card, a table, a note) may then break. Notes and solutions otherwise stay whole.
# The rubric is set as in the student handout, so it stays on the page of its written task, and
# the capstone's evidence tables keep to the text width (a wider one shrinks the whole page);
# other tables break between rows rather than leave a page part-empty.
TEACHER_CSS = """
table:not(.rubric) { break-inside: auto !important; }
tr { break-inside: avoid; }
table.evidence tr { break-inside: auto; }
table.evidence { max-width: 100%; font-size: 8.5pt; }
table.evidence th, table.evidence td { overflow-wrap: anywhere; }
table.evidence code { font-size: 8pt !important; white-space: normal !important;
  word-break: break-all; }
.rubric { font-size: 8.5pt !important; line-height: 1.25 !important; }
.rubric th, .rubric td { padding: 2pt 4pt !important; }
.doc-card.print-compact { font-size: 9pt !important; line-height: 1.3 !important; }
.doc-card.print-compact .doc-excerpts { grid-template-columns: repeat(auto-fit, minmax(140px, 1fr))
  !important; gap: 6pt !important; }
.doc-card.print-compact .doc-excerpts > * { margin: 0 !important; padding: 3pt 6pt !important; }
.teacher-note, .solution-shown { break-inside: avoid; }
.print-long { break-inside: auto !important; }
"""
TEACHER_CARDS_JS = r"""([compactHeight, pageHeight]) => {
  const tall = (e, h = pageHeight) => e.getBoundingClientRect().height > h;
  document.querySelectorAll('.doc-card').forEach(card => {
    if (!tall(card, compactHeight)) return;
    card.classList.add('print-compact');
    const adapted = card.querySelector(':scope > .doc-adapted');
    const grid = card.querySelector('.doc-excerpts');
    if (adapted && grid) grid.prepend(adapted);
  });
  // a block still taller than a page breaks where it must instead of leaving a page part-empty
  document.querySelectorAll('.doc-card, table, .teacher-note, .solution-shown').forEach(b => {
    if (tall(b)) b.classList.add('print-long');
  });
}"""
TEACHER_COMPACT, TEACHER_LONG = 0.5, 0.95  # of the page's text height: a taller card is set
# compact (it would rarely share a page with the note that follows it); a taller block breaks


def clean(page, text_height_px: float = 0) -> None:
    """The teacher edition's page without Jupyter's instructions or failed checks, its cards
    laid out to fit a page."""
    page.add_style_tag(
        content=".print-lines div { height: 8mm; border-bottom: 0.6pt solid #8a8a8a; }"
        + TEACHER_CSS
    )
    page.evaluate(CLEAN_JS, JUPYTER_WORDS)
    if text_height_px:
        page.evaluate(
            TEACHER_CARDS_JS, [TEACHER_COMPACT * text_height_px, TEACHER_LONG * text_height_px]
        )


def write_lines(pdf: Path) -> int | None:
    """Lines for the page to write on so that it shares the page before it, when that page
    would otherwise stay under a third full (the closing narrative alone before a page of
    lines); None when the printed layout is already right or the lines would be too few."""
    texts = check.pages(pdf)
    at = next((i for i, t in enumerate(texts) if WRITE_PAGE_TITLE in t), 0)
    if at == 0:
        return None
    before = check.fill(pdf)[at - 1]
    if before >= check.MIN_FILL:
        return None
    room_mm = (1 - before) * (check.PAGE_MM - check.TOP_MM - check.BOTTOM_MM) - WRITE_HEAD_MM
    lines = int(room_mm // WRITE_LINE_MM)
    return lines if lines >= MIN_WRITE_LINES else None


def prepare(page, lesson: Lesson, text_height_px: float, lines: int | None = None) -> None:
    """Rearrange the loaded lesson page (``page``) into the handout, before its charts are
    redrawn for paper; ``lines`` on the page to write on (default ``LINES["page"]``)."""
    page.add_style_tag(
        content=CSS + f".print-write-page .print-lines div {{ height: {WRITE_LINE_MM}mm; }}"
    )
    page.evaluate(
        STUDENT_JS,
        {
            "exerciseHtml": exercise_html(lesson),
            "appendixRe": APPENDIX_SECTIONS,
            "jupyterRe": JUPYTER_WORDS,
            "lines": {**LINES, "page": lines or LINES["page"]},
            "writeTitle": WRITE_PAGE_TITLE,
        },
    )
    cards(page, text_height_px, ".print-appendix")
    page.evaluate(APPENDIX_JS, [KEPT_SECTIONS, APPENDIX_FILL * APPENDIX_PAGES * text_height_px])


def cards(page, text_height_px: float, always: str = "") -> None:
    """Each card's English, and its original only where the card stays short (always English
    only inside ``always``, a CSS selector)."""
    page.evaluate(CARD_JS, [TALL_CARD * text_height_px, always])
