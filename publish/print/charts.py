"""Charts drawn for paper: the plotly figure a reader sees on the website, redrawn at the
width of the printed column with no control left on it.

A printed slider or menu is a picture of a button nobody can press, so every ``updatemenus``
and ``sliders`` entry is removed. What they selected is kept on purpose: the step the slider
shows (``active``, the one its author set for the first view) and each menu's active button are
applied, then named in a caption under the chart ("On paper: 20 August 1939; Killed"), so the
reader knows which date or choice the figure shows. Every chart text is at least ``MIN_PX``
CSS pixels (8.25 pt) at print size: the chart is drawn at the paper's column width (no shrink
zoom) and any smaller text is raised to it. A chart is at most ``MAX_SHARE`` of the page's text
height, so it fits on the page its question starts.
"""

from __future__ import annotations

MIN_PT = 8
MIN_PX = 11  # 11 px = 8.25 pt; chromium prints 1 CSS px as 0.75 pt
MAX_SHARE = 0.45  # of the page's text height: a taller chart leaves most of a page empty

PAPER_CHARTS_JS = """async ([minPx, maxHeight]) => {
  if (!window.Plotly) return {charts: 0, smallest: null};
  // an animation cut short by the next one rejects with nothing: not an error on paper
  window.addEventListener('unhandledrejection', e => { if (e.reason === undefined) e.preventDefault(); });
  const divs = Array.from(document.querySelectorAll('.js-plotly-plot'));
  let smallest = null;
  for (const gd of divs) {
    const lay = gd.layout || {};
    const chosen = [], hadSlider = (lay.sliders || []).length > 0;
    const apply = async (method, args) => {
      if (!args) return;
      if (method === 'animate') {
        await Plotly.animate(gd, args[0], {frame: {duration: 0, redraw: true},
                                           transition: {duration: 0}, mode: 'immediate'})
          .catch(() => null);
      } else if (method === 'restyle') { await Plotly.restyle(gd, ...args); }
      else if (method === 'relayout') { await Plotly.relayout(gd, ...args); }
      else if (method === 'update') { await Plotly.update(gd, ...args); }
    };
    for (const s of (lay.sliders || [])) {
      const step = (s.steps || [])[s.active || 0];
      if (!step) continue;
      await apply(step.method, step.args);
      chosen.push(String(step.label || ''));
    }
    for (const m of (lay.updatemenus || [])) {
      const buttons = m.buttons || [];
      // play/pause buttons (animate with a null frame list or every frame) select nothing
      if (buttons.every(b => b.method === 'animate')) continue;
      const b = buttons[m.active || 0];
      if (b && b.label) chosen.push(String(b.label).replace(/[▼▾]/g, '').trim());
    }
    const box = gd.parentElement.getBoundingClientRect().width;
    gd.style.zoom = 1;
    gd.style.width = box + 'px';
    const font = (lay.font && lay.font.size) || 12;
    const tall = (gd._fullLayout && gd._fullLayout.height) || maxHeight;
    gd.style.height = Math.min(tall, maxHeight) + 'px';
    if (gd.parentElement.style.height) gd.parentElement.style.height = 'auto';  // plotly's wrapper
    await Plotly.relayout(gd, {updatemenus: [], sliders: [], width: box, autosize: false,
                               height: Math.min(tall, maxHeight),
                               'font.size': Math.max(font, minPx),
                               // the legend measures its entries: raise its own size, not its text's
                               'legend.font.size': Math.max((lay.legend && lay.legend.font
                                                             && lay.legend.font.size) || font, minPx)});
    gd.querySelectorAll('svg text').forEach(t => {
      const px = parseFloat(getComputedStyle(t).fontSize);
      if (px < minPx) t.style.fontSize = minPx + 'px';
    });
    gd.querySelectorAll('svg text').forEach(t => {
      if (!t.textContent.trim()) return;
      const px = parseFloat(getComputedStyle(t).fontSize);
      smallest = smallest === null ? px : Math.min(smallest, px);
    });
    const words = chosen.filter(Boolean);
    if (words.length) {
      const note = document.createElement('p');
      note.className = 'print-chart-note';
      note.textContent = 'On paper: ' + words.join('; ') + '. On the website the chart has '
        + 'controls for the other ' + (hadSlider ? 'dates' : 'choices') + '.';
      // after the output that holds the chart: its wrapper keeps the chart's height
      (gd.closest('.cell_output, .jp-OutputArea') || gd).after(note);
    }
  }
  return {charts: divs.length, smallest};
}"""  # noqa: E501 (embedded JS/CSS/template text)

# Paper has no controls. An instruction to move a slider or choose in a menu is reworded to
# point at what the printed chart shows (the date or choice its caption names, see
# PAPER_CHARTS_JS), and a hover instruction is left out (a sentence that only says to hover, a
# clause "; hover for its note", a lead-in "Hover over a bar: ...").
PAPER_TEXT_JS = r"""() => {
  const rules = [
    [/\s+and\s+hover(ing)?( over [^:.;]*)?:\s*/gi, ': '],
    [/\bMove the (?:date |year )?slider(?: from [^.;:?]*? to (?:(?! and\b)[^.;:?,])*)?( and\b)?(?=[\s.;:?,]|$)/g,
     (m, and) => 'The chart shows the date named under it (on the website a slider steps through '
                 + 'the others)' + (and ? ';' : '')],
    [/\bUse the menu to switch between ([^.;:?]*)/g,
     'The chart shows the category named under it (on the website a menu switches between $1)'],
    [/\b([Cc])hoose (?:a|an) (\w+) with the menu/g,
     (m, c, what) => (c === 'C' ? 'The' : 'the') + ' chart shows the ' + what
                     + ' named under it (on the website a menu offers the others)'],
    [/\s*[;,]\s*(and\s+)?(check [^.;]*?\s+by\s+)?hover(ing)?\b[^.;]*(?=\.)/gi, ''],
    [/(Read the )?\bhover(ing)?( over [^:.;]*| notes?)?[:;]\s*(\S)/gi, (m, a, b, c, d) => d.toUpperCase()],
    [/(^\s*|[.!?]\s+)Hover\b[^.:;!?]*[.!?]/g, '$1'],
  ];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: n => n.parentElement.closest('script, style') ? NodeFilter.FILTER_REJECT
                                                               : NodeFilter.FILTER_ACCEPT});
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  let changed = 0;
  nodes.forEach(n => {
    if (!/hover|slider|menu/i.test(n.nodeValue)) return;
    const text = rules.reduce((t, [re, to]) => t.replace(re, to), n.nodeValue);
    if (text !== n.nodeValue) { n.nodeValue = text; changed++; }
  });
  return changed;
}"""  # noqa: E501 (embedded JS/CSS/template text)
