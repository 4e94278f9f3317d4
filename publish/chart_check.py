"""Can a chart be read? Measured in a real browser, at the widths readers use.

``MEASURE_JS`` runs in a page and returns, per plotly chart, what the browser drew: every text
element's box and font size, the figure, data area and legend boxes, the controls, the traces
and legend entries; plus whether the page scrolls sideways. ``problems()`` applies the rules to
one page's measurement and returns each broken rule with the chart, the width and the elements.
Used by tests/test_chart_check.py on every lesson page of the built site, and by
tests/test_jupyterlab.py on the charts and live explorers as JupyterLab draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTHS = (390, 768, 1280)
MIN_FONT_PX = 11
LEGEND_SHARE = 0.25  # of the figure's area, at most
OVERLAP_PX = 2  # two boxes overlap when they share more than this in both directions
EDGE_PX = 1  # text may touch the chart's edge by this much
RULES = (
    "overlap",
    "clipped",
    "ellipsis",
    "data-area",
    "legend-size",
    "legend-not-drawn",
    "small-text",
    "sideways-scroll",
    "unnamed-trace",
    "not-text",
)


def data_share_needed(width: int) -> float:
    """The data area's least share of the figure: a third at 390 px, half at 1280 px and wider,
    in proportion between."""
    t = min(max((width - 390) / (1280 - 390), 0.0), 1.0)
    return 1 / 3 + t * (1 / 2 - 1 / 3)


MEASURE_JS = r"""() => {
const box = r => ({x: r.left, y: r.top, w: r.width, h: r.height});
const clean = s => (s || '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
const visible = el => {
  for (let e = el; e && e.nodeType === 1; e = e.parentNode) {
    const cs = getComputedStyle(e);
    if (cs.display === 'none' || cs.visibility === 'hidden' || parseFloat(cs.opacity) === 0)
      return false;
  }
  return true;
};
const hasData = t => {
  for (const k of ['x', 'y', 'lat', 'lon', 'values', 'locations', 'z']) {
    const v = t[k];
    if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      const flat = Array.isArray(v) && Array.isArray(v[0]) ? v.flat() : Array.from(v);
      if (flat.some(a => a !== null && a !== undefined && a !== '')) return true;
    }
  }
  return false;
};
const arr = v => (v === undefined || v === null) ? [] : (Array.isArray(v) ? v : [v]);
const CONTROLS = 'g.updatemenu-header-group, g.updatemenu-button, g.slider-group';
const charts = Array.from(document.querySelectorAll('.js-plotly-plot')).map((div, index) => {
  const fl = div._fullLayout, fd = div._fullData || [];
  const svg = div.querySelector('svg.main-svg');
  const fig = box(svg.getBoundingClientRect());
  const sz = fl._size;
  let data = {x: fig.x + sz.l, y: fig.y + sz.t, w: sz.w, h: sz.h, kind: 'cartesian'};
  const geos = Array.from(div.querySelectorAll('g.geo .bglayer rect.bg'));
  if (geos.length) {
    const rs = geos.map(g => g.getBoundingClientRect());
    data = {x: rs[0].left, y: rs[0].top, w: 0, h: 0, kind: 'geo',
            area: rs.reduce((a, r) => a + r.width * r.height, 0)};
    data.w = rs[0].width; data.h = rs[0].height;
  } else if (!div.querySelector('g.cartesianlayer g.subplot')) {
    data.kind = 'none';
  }
  const controls = Array.from(div.querySelectorAll(CONTROLS)).filter(visible)
    .filter((c, _, all) => !all.some(o => o !== c && c.contains(o)));  // the buttons, not their row
  const texts = [];
  div.querySelectorAll('svg text').forEach(el => {
    const s = (el.textContent || '').trim();
    if (!s || el.closest('.hoverlayer') || !visible(el)) return;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    const inTrace = el.closest('g.trace, g.textpoint') !== null;
    const clip = inTrace ? (el.closest('g.geo') ? 'geo' : 'cartesian') : null;
    texts.push({text: s.slice(0, 80), ...box(r), font: parseFloat(getComputedStyle(el).fontSize),
                control: controls.some(c => c.contains(el)), clip});
  });
  const controlBoxes = controls.map(c => ({text: 'control: ' + clean(c.textContent).slice(0, 60),
                                           ...box(c.getBoundingClientRect())}));
  const legends = Array.from(div.querySelectorAll('g.infolayer > g[class^="legend"]')).map(g => {
    const bg = g.querySelector('rect.bg'), bar = g.querySelector('rect.scrollbar');
    return {...box((bg || g).getBoundingClientRect()),
            scrolls: !!bar && bar.getBoundingClientRect().height > 0};
  });
  const drawn = fd.filter(t => t.visible === true && hasData(t));
  const markOf = t => ({symbols: arr(t.marker && t.marker.symbol).map(String),
                        colours: arr(t.marker && t.marker.color).concat(arr(t.line && t.line.color))
                                   .map(String),
                        patterns: arr(t.marker && t.marker.pattern && t.marker.pattern.shape)
                                   .map(String)});
  const drawnMarks = drawn.map(markOf);
  // a key entry (a trace with no data) stands for a mark drawn elsewhere: its marker shape,
  // colour and fill pattern must all be on the chart
  const used = (key, values) => values.every(v => drawnMarks.some(d => d[key].includes(v)));
  const keyShown = t => {
    const m = markOf(t);
    const markers = t.type === 'scatter' && (t.mode || '').includes('markers');
    const [key, values] = markers ? ['symbols', m.symbols] : ['colours', m.colours];
    return values.length > 0 && used(key, values) && used('patterns', m.patterns.filter(p => p));
  };
  const legendEntries = fl.showlegend === false ? [] : fd
    .filter(t => t.showlegend && t.visible === true)
    .map(t => ({name: clean(t.name), drawn: hasData(t) || keyShown(t)}));
  const traces = drawn.map(t => ({
    name: clean(t.name), type: t.type,
    named: !!clean(t.name) && !/^trace \d+$/.test(clean(t.name)),
    hover: !['skip', 'none'].includes(t.hoverinfo),
    legend: fl.showlegend !== false && !!t.showlegend,
    labelled: (t.mode || '').includes('text') && arr(t.text).some(s => clean(String(s))),
  }));
  const title = clean(fl.title && fl.title.text) ||
                clean((fl.meta && fl.meta.description) || '').slice(0, 60) || `chart ${index + 1}`;
  return {index, title, fig, data, texts, controls: controlBoxes, legends, legendEntries, traces,
          images: div.querySelectorAll('image').length + ((fl.images || []).length)};
});
return {charts, scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth};
}"""


@dataclass(frozen=True)
class Problem:
    rule: str
    page: str
    chart: str
    width: int
    what: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.page} · {self.chart} · {self.width} px: {self.what}"


def _overlap(a: dict, b: dict) -> bool:
    w = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    h = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return w > OVERLAP_PX and h > OVERLAP_PX


def _outside(t: dict, r: dict) -> bool:
    return (
        t["x"] < r["x"] - EDGE_PX
        or t["y"] < r["y"] - EDGE_PX
        or t["x"] + t["w"] > r["x"] + r["w"] + EDGE_PX
        or t["y"] + t["h"] > r["y"] + r["h"] + EDGE_PX
    )


def _chart_problems(c: dict, width: int) -> list[tuple[str, str]]:
    out = []
    fig, data = c["fig"], c["data"]
    fig_area = fig["w"] * fig["h"]
    # overlap: text against text, and controls against text and each other (a control's own
    # label is inside it and not counted)
    items = [t for t in c["texts"] if not t["control"]] + c["controls"]
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if _overlap(a, b):
                out.append(("overlap", f"{a['text']!r} and {b['text']!r}"))
    for t in c["texts"]:
        if _outside(t, fig):
            out.append(("clipped", f"{t['text']!r} runs past the chart's edge"))
        elif t["clip"] == "cartesian" and data["kind"] == "cartesian" and _outside(t, data):
            out.append(("clipped", f"{t['text']!r} is cut by the plot area"))
        elif t["clip"] == "geo" and data["kind"] == "geo" and _outside(t, data):
            out.append(("clipped", f"{t['text']!r} is cut by the map's frame"))
        if "…" in t["text"] or t["text"].endswith("..."):
            out.append(("ellipsis", repr(t["text"])))
        if t["font"] < MIN_FONT_PX:
            out.append(("small-text", f"{t['text']!r} at {t['font']:g} px"))
    for leg in c["legends"]:
        if leg["scrolls"]:
            out.append(("clipped", "the legend scrolls: some entries are cut off"))
        if leg["w"] * leg["h"] > LEGEND_SHARE * fig_area:
            share = leg["w"] * leg["h"] / fig_area
            out.append(("legend-size", f"the legend takes {share:.0%} of the figure"))
    if data["kind"] != "none" and fig_area:
        share = data.get("area", data["w"] * data["h"]) / fig_area
        if share < data_share_needed(width):
            out.append(
                (
                    "data-area",
                    f"the {data['kind']} data area is {share:.0%} of the figure "
                    f"({data['w']:.0f}×{data['h']:.0f} of {fig['w']:.0f}×{fig['h']:.0f} px); "
                    f"needs {data_share_needed(width):.0%}",
                )
            )
    for e in c["legendEntries"]:
        if not e["drawn"]:
            out.append(("legend-not-drawn", f"the legend lists {e['name']!r}, not drawn"))
    for t in c["traces"]:
        if not t["named"]:
            out.append(("unnamed-trace", f"a {t['type']} trace has no name"))
        elif not (t["hover"] or t["legend"] or t["labelled"]):
            out.append(("unnamed-trace", f"{t['name']!r}: no hover, legend entry or label"))
    if c["images"] or not c["texts"]:
        out.append(("not-text", "the chart's text is not text (images or no text element)"))
    return out


def problems(page: str, width: int, measured: dict) -> list[Problem]:
    """Every rule a page's charts break at ``width`` (``measured``: what MEASURE_JS returned)."""
    found = []
    if measured["scrollWidth"] > measured["width"] + EDGE_PX:
        found.append(
            Problem(
                "sideways-scroll",
                page,
                "the page",
                width,
                f"{measured['scrollWidth']} px wide in a {measured['width']} px window",
            )
        )
    for c in measured["charts"]:
        name = f"chart {c['index'] + 1} “{c['title'][:60]}”"
        found += [
            Problem(rule, page, name, width, what) for rule, what in _chart_problems(c, width)
        ]
    return found


def inventory(page: str, measured: dict) -> list[dict]:
    """The page's charts in order, as the committed inventory lists them."""
    return [
        {"page": page, "chart": c["index"] + 1, "title": c["title"][:80]}
        for c in measured["charts"]
    ]


def measure(page) -> dict:
    """What ``page``'s charts look like once each has drawn at the window's width."""
    page.evaluate(REDRAWN_JS)
    return page.evaluate(MEASURE_JS)


def measure_frames(page) -> dict:
    """Every step of every chart with a slider (its plotly frames), each measured as drawn after
    stepping to it: a reader moves the slider, so every date must read, not just the one the
    chart opens on. Returns a measurement shaped like ``measure``'s, one chart entry per chart
    and frame, its title naming the frame."""
    charts = []
    measured = None
    for index, names in enumerate(page.evaluate(FRAME_NAMES_JS)):
        for name in names:
            page.evaluate(SHOW_FRAME_JS, [index, name])
            measured = page.evaluate(MEASURE_JS)
            chart = next(c for c in measured["charts"] if c["index"] == index)
            # the step first: a problem's name keeps only the title's first 60 characters
            charts.append({**chart, "title": f"[step {name}] {chart['title']}"})
    if measured is None:
        return {"width": 0, "scrollWidth": 0, "charts": []}
    return {**measured, "charts": charts}


# Each chart's frame names, in order (an empty list for a chart without frames).
FRAME_NAMES_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
  .map(gd => ((gd._transitionData || {})._frames || []).map(f => f.name))"""

# Resolves once chart ``index`` shows frame ``name`` (as its slider's step would) and has painted.
SHOW_FRAME_JS = """([index, name]) => window.Plotly.animate(
    document.querySelectorAll('.js-plotly-plot')[index], [name],
    {mode: 'immediate', frame: {duration: 0, redraw: true}, transition: {duration: 0}})
  .then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))"""

# Resolves once every chart has been fitted to its container at the window's width (what plotly's
# responsive config does on a resize) and the page has painted twice.
REDRAWN_JS = """() => Promise.all(Array.from(document.querySelectorAll('.js-plotly-plot'))
  .map(d => window.Plotly.Plots.resize(d).catch(() => null)))
  .then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))"""
