"""The lessons as a student uses them: a real JupyterLab, headless Chromium, Run All Cells.

One JupyterLab (the course's own ``.venv``, started like ``make lab``) serves a temporary copy
of ``notebooks/``; one Chromium opens each notebook, runs every cell through JupyterLab's
own "Run > Run All Cells" menu, and checks what a reader sees: no error output, every
plotly chart drawn, the ipywidgets controls present and working (changing one redraws its
chart), the questions giving feedback, maps with land drawn offline, and no request to any
host but the local server. With ``COURSE_SCREENSHOTS=1`` a full-length screenshot of each
notebook is written to ``_build/screens/lab/<name>.png`` for a person to look at (scrolling
JupyterLab screen by screen takes about a third of each test, so the suite skips it by default).
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import data, theme
from publish import chart_check
from publish.browser import PageWatch

from . import jupyterlab_server as lab_server
from .ci import skip_or_fail
from .conftest import ROOT

pytestmark = pytest.mark.browser

NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(p.name for p in NOTEBOOK_DIR.glob("*.ipynb"))
SCREENS = ROOT / "_build" / "screens" / "lab"
VIEWPORT = {"width": 1280, "height": 900}
KERNEL_START_MS = 120_000
RUN_ALL_MS = 240_000
REDRAW_MS = 30_000
MAX_SCREENSHOT_PX = 32_000  # taller notebooks are cut at this height
SCREENSHOTS = os.environ.get("COURSE_SCREENSHOTS") == "1"

# ---------------------------------------------------------------- JavaScript run in the page

NOTEBOOK_READY_JS = """name => {
  const app = window.jupyterapp, w = app && app.shell.currentWidget;
  if (!w || !w.content || !w.context || w.context.path !== name || !w.context.isReady) return false;
  const k = w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && k.connectionStatus === 'connected'
      && w.content.widgets.length > 0;
}"""

# Record when JupyterLab runs its own "run all" command (from the menu), and its result.
WATCH_RUN_ALL_JS = """() => {
  window.__runAll = null;
  window.jupyterapp.commands.commandExecuted.connect((_, a) => {
    if (a.id !== 'notebook:run-all-cells') return;
    window.__runAll = {done: false};
    Promise.resolve(a.result).then(
      ok => { window.__runAll = {done: true, ok: ok}; },
      err => { window.__runAll = {done: true, ok: false, error: String(err)}; });
  });
}"""

RUN_FINISHED_JS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  const code = w.content.widgets.filter(c => c.model.type === 'code');
  return !!(window.__runAll && window.__runAll.done) && !!k && k.status === 'idle'
      && code.every(c => c.model.executionState !== 'running' && !/\\[\\*\\]/.test(c.promptNode ? c.promptNode.textContent : ''));
}"""  # noqa: E501 (embedded JS/CSS/template text)

# What the notebook model holds after the run: per code cell, its source, count and outputs.
CELLS_JS = """() => window.jupyterapp.shell.currentWidget.content.widgets.map((c, i) => ({
  index: i, type: c.model.type, source: c.model.sharedModel.getSource(),
  count: c.model.type === 'code' ? c.model.executionCount : null,
  outputs: c.model.type === 'code' ? c.model.outputs.toJSON().map(o => ({
      type: o.output_type, name: o.name || null, ename: o.ename || null,
      text: (o.text || (o.traceback || []).join('\\n') || '').toString().replace(/\\x1b\\[[0-9;]*m/g, '').slice(0, 1500),
      mimes: Object.keys(o.data || {})})) : [],
}))"""  # noqa: E501 (embedded JS/CSS/template text)

# What the page shows: every plotly chart, every output's kind, widget errors, maps, quizzes.
PAGE_JS = """() => {
  const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell')];
  const plots = [...document.querySelectorAll('.jp-Notebook .js-plotly-plot')].map(gd => {
    const svg = gd.querySelector('svg.main-svg'), box = gd.getBoundingClientRect();
    const cell = gd.closest('.jp-Cell');
    return {cell: cells.indexOf(cell), svgs: gd.querySelectorAll('svg.main-svg').length,
            children: svg ? svg.childElementCount : 0, width: box.width, height: box.height,
            traces: Array.isArray(gd.data) ? gd.data.length : -1,
            drawnTraces: gd.querySelectorAll('.trace, .scattergeo, .bars, .points').length,
            points: gd.querySelectorAll('.point').length,
            title: (gd.querySelector('.gtitle') || {}).textContent || '',
            figure: gd._fullLayout ? [gd._fullLayout.width, gd._fullLayout.height] : null,
            plotArea: gd._fullLayout && gd._fullLayout._size
                ? [Math.round(gd._fullLayout._size.w), Math.round(gd._fullLayout._size.h)] : null,
            widget: !!gd.closest('.jupyter-widgets'),
            kinds: [...new Set((gd._fullData || []).map(t => t.type === 'scattergeo' || t.type === 'choropleth' ? 'geo' : t.type))],
            land: [...gd.querySelectorAll('.geo .layer.land path')].map(p => (p.getAttribute('d') || '').length),
            coast: [...gd.querySelectorAll('.geo .layer.coastlines path')].map(p => (p.getAttribute('d') || '').length)};
  });
  const text = sel => [...document.querySelectorAll(sel)].map(e => e.innerText.slice(0, 500));
  return {
    plots,
    stderr: text('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'),
    widgetErrors: [...document.querySelectorAll('.jp-OutputArea-output')]
        .map(e => e.innerText).filter(t => /Error displaying widget|Loading widget|model not found/i.test(t))
        .map(t => t.slice(0, 300)),
    widgets: document.querySelectorAll('.jp-OutputArea-output .jupyter-widgets').length,
    dropdowns: document.querySelectorAll('.jp-OutputArea-output .widget-dropdown select').length,
    sliders: document.querySelectorAll('.jp-OutputArea-output .widget-slider').length,
    toggles: document.querySelectorAll('.jp-OutputArea-output .widget-toggle-buttons').length,
    radios: document.querySelectorAll('.jp-OutputArea-output .cq input[type=radio]').length,
    tables: [...document.querySelectorAll('.jp-OutputArea-output table')].map(t => t.innerText.slice(0, 2000)),
  };
}"""  # noqa: E501 (embedded JS/CSS/template text)

# A signature of what one chart draws and holds, to see that a control changed it.
CHART_STATE_JS = """gd => JSON.stringify({
  data: (gd.data || []).map(t => [t.name, t.x, t.y, t.lon, t.lat, t.marker && t.marker.size, t.visible]),
  title: (gd.layout && gd.layout.title && gd.layout.title.text) || '',
  drawn: [...gd.querySelectorAll('.point')].map(p => (p.getAttribute('d') || '') + (p.getAttribute('transform') || '')),
})"""  # noqa: E501 (embedded JS/CSS/template text)

POINTS_JS = "gd => gd.querySelectorAll('.point').length"


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a copy of notebooks/ (questions/ included), as `make lab` starts it."""
    work = tmp_path_factory.mktemp("jupyterlab")
    shutil.copytree(NOTEBOOK_DIR, work / "notebooks")
    server = lab_server.start(work)
    try:
        yield server
    finally:
        lab_server.stop(server)


class Watch:
    """A fresh browser page that aborts and records every request to another host
    (publish.browser.PageWatch), websockets included."""

    def __init__(self, browser, lab):
        self.context = browser.new_context(viewport=VIEWPORT)
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        self._watch = PageWatch(self.page)
        self.blocked = self._watch.blocked
        self.lab = lab
        self.page.on("websocket", self._websocket)

    @property
    def errors(self) -> list[str]:
        return self._watch.console_errors + [f"uncaught: {e}" for e in self._watch.page_errors]

    def _websocket(self, ws):
        if not ws.url.startswith(("ws://127.0.0.1", "ws://localhost")):
            self.blocked.append(ws.url)

    def close(self):
        self.context.close()
        self.lab.shutdown_kernels()


@pytest.fixture
def watch(browser, lab):
    w = Watch(browser, lab)
    try:
        yield w
    finally:
        w.close()


# ---------------------------------------------------------------- steps a user takes


def open_notebook(page, lab, name: str, workspace: str) -> None:
    """Open ``name`` in a fresh workspace (no tabs left from another test) and wait for its
    kernel.
    """
    page.goto(lab.url(f"lab/workspaces/{workspace}/tree/{name}"), wait_until="domcontentloaded")
    page.wait_for_function(NOTEBOOK_READY_JS, arg=name, timeout=KERNEL_START_MS, polling=250)


def run_all_from_menu(page) -> dict:
    """Run > Run All Cells, as a student does; wait until every queued cell has run."""
    page.evaluate(WATCH_RUN_ALL_JS)
    page.locator("#jp-menu-panel").get_by_role("menuitem", name="Run", exact=True).click()
    page.locator(".lm-Menu").get_by_role("menuitem", name=re.compile(r"^Run All Cells")).click()
    page.wait_for_function(RUN_FINISHED_JS, timeout=RUN_ALL_MS, polling=250)
    return page.evaluate("() => window.__runAll")


def wait_for_charts(page) -> None:
    """Widgets render asynchronously after the kernel goes idle: wait until every plotly
    output area holds a chart with a drawn SVG and its traces (a FigureWidget draws an empty
    layout first and its data later, which on a busy machine can take seconds), and no widget
    is still loading. On time-out the caller's checks report which chart is missing what."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            """() => {
      const outputs = [...document.querySelectorAll('.jp-OutputArea-output')];
      const loading = outputs.some(e => /Loading widget/.test(e.innerText));
      const plots = [...document.querySelectorAll('.jp-Notebook .js-plotly-plot')];
      const drawn = gd => {
        const svg = gd.querySelector('svg.main-svg');
        return gd._fullLayout && svg && svg.childElementCount > 0
          && Array.isArray(gd.data) && gd.data.length > 0
          && gd.querySelectorAll('.trace, .scattergeo, .bars, .points').length > 0;
      };
      return !loading && plots.every(drawn);
    }""",
            timeout=REDRAW_MS,
            polling=250,
        )


STITCH_JS = """async ([parts, width, height]) => {
  const canvas = document.createElement('canvas');
  canvas.width = width; canvas.height = height;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff'; ctx.fillRect(0, 0, width, height);
  for (const p of parts) {
    const img = new Image();
    img.src = 'data:image/png;base64,' + p.png;
    await img.decode();
    ctx.drawImage(img, 0, p.srcY, img.width, p.h, p.x, p.destY, img.width, p.h);
  }
  return canvas.toDataURL('image/png').split(',')[1];
}"""


def full_screenshot(page, path: Path) -> None:
    """The whole notebook in one image. JupyterLab scrolls inside its notebook panel, so the
    panel is scrolled one screen at a time and the pieces are joined (in a canvas of a blank
    page). The window keeps its size: resizing it would make plotly re-layout the charts."""
    path.parent.mkdir(parents=True, exist_ok=True)
    outer = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer").first
    box = outer.bounding_box()
    x, y, w = int(box["x"]), int(box["y"]), int(box["width"])

    def scroll_to(top: int) -> tuple[int, int, int]:
        """Scroll the panel; its height grows as cells are painted (content-visibility)."""
        outer.evaluate("(o, top) => { o.scrollTop = top; }", top)
        page.wait_for_timeout(250)
        return tuple(outer.evaluate("o => [o.scrollTop, o.clientHeight, o.scrollHeight]"))

    _, view, total = scroll_to(0)
    wait_for_charts(page)
    parts = [
        {
            "png": base64.b64encode(page.screenshot()).decode(),
            "x": 0,
            "srcY": 0,
            "destY": 0,
            "h": y + view,
        }
    ]
    done = view  # the panel's content is in the image down to here
    while done < total and y + done < MAX_SCREENSHOT_PX:
        top, view, total = scroll_to(min(done, total - view))
        if top + view <= done:  # cannot scroll further
            break
        shot = page.screenshot(clip={"x": x, "y": y, "width": w, "height": view})
        parts.append(
            {
                "png": base64.b64encode(shot).decode(),
                "x": x,
                "srcY": done - top,
                "destY": y + done,
                "h": top + view - done,
            }
        )
        done = top + view
    scroll_to(0)
    blank = page.context.new_page()
    try:
        png = blank.evaluate(
            STITCH_JS, [parts, VIEWPORT["width"], min(y + done, MAX_SCREENSHOT_PX)]
        )
    finally:
        blank.close()
    path.write_bytes(base64.b64decode(png))


def cell_with(page, cells: list[dict], pattern: str, nth: int = 0):
    """The DOM node of the ``nth`` code cell whose source matches ``pattern``."""
    hits = [c["index"] for c in cells if c["type"] == "code" and re.search(pattern, c["source"])]
    assert len(hits) > nth, f"no code cell matching {pattern!r}"
    return page.locator(".jp-Notebook .jp-Cell").nth(hits[nth])


def chart_state(cell) -> str:
    return cell.locator(".js-plotly-plot").first.evaluate(CHART_STATE_JS)


def wait_for_change(cell, before: str, what: str) -> str:
    handle = cell.locator(".js-plotly-plot").first.element_handle()
    try:
        cell.page.wait_for_function(
            f"([gd, before]) => ({CHART_STATE_JS})(gd) !== before",
            arg=[handle, before],
            timeout=REDRAW_MS,
            polling=200,
        )
    except Exception as err:  # noqa: BLE001 - reported as a test failure with context
        pytest.fail(
            f"{what} did not change the chart within {REDRAW_MS / 1000:.0f}s ({type(err).__name__})"
        )
    return chart_state(cell)


# ---------------------------------------------------------------- the tests

SEEN: dict[str, dict] = {}  # what each notebook showed, for the layout test below
MEASURED: dict[str, dict] = {}  # each notebook's charts as publish.chart_check measures them
MIN_PLOT_AREA_PX = 150  # narrower than this, a chart's data cannot be read


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab(lab, watch, name):
    page, stem = watch.page, Path(name).stem
    open_notebook(page, lab, name, workspace=f"test-{stem}")
    run = run_all_from_menu(page)
    cells = page.evaluate(CELLS_JS)
    code = [c for c in cells if c["type"] == "code"]
    errors = [
        f"cell {c['index']} ({c['source'].splitlines()[0] if c['source'] else ''!r}):\n{o['text']}"
        for c in code
        for o in c["outputs"]
        if o["type"] == "error"
    ]
    assert not errors, f"{name}: error output in JupyterLab:\n" + "\n\n".join(errors)
    assert run.get("ok") is True, f"{name}: Run All Cells did not complete: {run}"
    not_run = [c["index"] for c in code if c["count"] is None]
    assert not not_run, f"{name}: cells never ran: {not_run}"

    wait_for_charts(page)
    page.mouse.move(VIEWPORT["width"] - 2, VIEWPORT["height"] - 2)  # no hover highlight in the shot
    if SCREENSHOTS:
        full_screenshot(page, SCREENS / f"{stem}.png")
    shown = SEEN[name] = page.evaluate(PAGE_JS)
    MEASURED[name] = page.evaluate(chart_check.MEASURE_JS)

    stderr = [
        f"cell {c['index']}: {o['text']}"
        for c in code
        for o in c["outputs"]
        if o["type"] == "stream" and o["name"] == "stderr"
    ]
    assert not stderr, f"{name}: stderr output (warnings or errors):\n" + "\n".join(stderr)
    assert not shown["stderr"], f"{name}: error/stderr output on the page: {shown['stderr']}"
    assert not shown["widgetErrors"], f"{name}: widgets failed to display: {shown['widgetErrors']}"

    # every plotly chart drawn: an SVG with content, real size, and its traces drawn
    bad = [
        p
        for p in shown["plots"]
        if p["svgs"] == 0
        or p["children"] == 0
        or p["width"] < 200
        or p["height"] < 150
        or p["traces"] < 1
        or p["drawnTraces"] < 1
    ]
    assert not bad, f"{name}: charts not drawn: {bad}"
    chart_cells = [
        c["index"] for c in code if re.search(r"\bshow\(\s*(charts|explorers)\.", c["source"])
    ]
    drawn_cells = {p["cell"] for p in shown["plots"]}
    missing = [i for i in chart_cells if i not in drawn_cells]
    assert not missing, f"{name}: these cells show a chart but none was drawn: {missing}"
    if stem != "index":
        assert chart_cells and shown["plots"], f"{name}: a lesson with no chart"

    # ipywidgets controls wherever an explorer is shown
    explorer_cells = [c["index"] for c in code if "explorers." in c["source"]]
    if explorer_cells:
        assert shown["widgets"] > 0 and shown["dropdowns"] > 0, (
            f"{name}: explorer controls missing: {shown}"
        )
        without = [
            i
            for i in explorer_cells
            if page.locator(".jp-Notebook .jp-Cell")
            .nth(i)
            .locator(".widget-dropdown select, .widget-slider")  # a battle's map: its date slider
            .count()
            == 0
        ]
        assert not without, f"{name}: explorer cells without their controls: {without}"

    # maps: land drawn on every map from the shipped topojson (no CDN); a battlefield map such as
    # Khalkhin Gol is all land with no coast, so detailed land and coast are asked of the wide maps
    maps = [p for p in shown["plots"] if "geo" in p["kinds"]]
    if any(
        re.search(
            r"\b(places_map|event_map|deployment_explorer|deployment_map|battle_map|"
            r"territory_explorer|territory_map)\(",
            c["source"],
        )
        for c in code
    ):
        assert maps, f"{name}: no map drawn"
        bare = [p["title"] for p in maps if max(p["land"] or [0]) < 20]
        assert not bare, f"{name}: maps drawn without land (offline base map missing?): {bare}"
        if any(
            re.search(r"places_map|event_map|territory", c["source"]) for c in code
        ):  # wide maps, with sea
            assert any(max(p["land"]) > 1000 and max(p["coast"] or [0]) > 1000 for p in maps), (
                f"{name}: no map draws a detailed coastline"
            )

    # questions: radio buttons wherever quiz() is called
    if any(re.search(r"\bquiz\(", c["source"]) for c in code):
        assert shown["radios"] >= 10, (
            f"{name}: the questions did not render ({shown['radios']} radio buttons)"
        )

    # a battle map's Conflict menu (lesson 05: Manchuria, then the Kurils) swaps in the other map
    for i in [
        c["index"] for c in code if re.search(r"deployment_explorer\(.*\balso=", c["source"])
    ]:
        cell = page.locator(".jp-Notebook .jp-Cell").nth(i)
        menu = cell.locator(".widget-dropdown").filter(
            has=page.locator("label", has_text=re.compile(r"^\s*Conflict\s*$"))
        )
        assert menu.count() == 1, f"{name}: cell {i} offers other battles but has no Conflict menu"
        title_js = "el => el.querySelector('.js-plotly-plot').layout.title.text"
        before = cell.evaluate(title_js)
        menu.locator("select").select_option(index=menu.locator("option").count() - 1)
        page.wait_for_function(
            f"([el, t]) => ({title_js})(el) !== t",
            arg=[cell.element_handle(), before],
            timeout=REDRAW_MS,
        )
        assert cell.locator(".js-plotly-plot").count() == 1, f"{name}: cell {i} shows two maps"

    if stem == "index":
        table = next((t for t in shown["tables"] if "Lesson" in t and "What it teaches" in t), None)
        assert table, f"index.ipynb: the course map table is not shown: {shown['tables']}"
        assert "00" in table and "04" in table

    assert not watch.blocked, (
        f"{name}: requests to other hosts (blocked): {sorted(set(watch.blocked))}"
    )
    assert not watch.errors, f"{name}: browser console errors: {watch.errors[:10]}"


def _lesson_page(lab, watch, name: str):
    page = watch.page
    open_notebook(page, lab, name, workspace=f"interact-{Path(name).stem}")
    run = run_all_from_menu(page)
    assert run.get("ok") is True, f"{name}: Run All Cells did not complete: {run}"
    wait_for_charts(page)
    return page, page.evaluate(CELLS_JS)


LESSON_04 = "04_border_wars_1931_1941.ipynb"


def test_lesson_04_controls_redraw_charts_and_questions_answer(lab, watch):
    page, cells = _lesson_page(lab, watch, LESSON_04)

    # casualty explorer: Side -> Japan keeps only Japan's figures
    cas = cell_with(page, cells, r"explorers\.casualty_explorer\(")
    cas.scroll_into_view_if_needed()
    before, points_before = (
        chart_state(cas),
        cas.locator(".js-plotly-plot").first.evaluate(POINTS_JS),
    )
    side = cas.locator(".widget-dropdown").filter(
        has=page.locator("label", has_text=re.compile(r"^\s*Side\s*$"))
    )
    assert side.count() == 1, "the casualty explorer has no 'Side' dropdown"
    side.locator("select").select_option(label="Japan")
    after = wait_for_change(cas, before, "Choosing Side = Japan")
    points_after = cas.locator(".js-plotly-plot").first.evaluate(POINTS_JS)
    assert 0 < points_after < points_before, (
        f"Side = Japan should draw fewer (but some) points: {points_before} -> {points_after}"
    )
    names = cas.locator(".js-plotly-plot").first.evaluate(
        "gd => gd.data.filter(t => (t.x || []).some(v => v !== null)).map(t => t.name)"
    )
    sides_drawn = set(names) & set(theme.SIDE_NAMES.values())
    assert sides_drawn == {"Japan"}, f"Side = Japan still draws: {sorted(sides_drawn)}"
    assert after != before

    # deployment explorer: the "As of" slider, moved with the keyboard, redraws the map
    dep = cell_with(page, cells, r"explorers\.deployment_explorer\(")
    dep.scroll_into_view_if_needed()
    slider = dep.locator(".widget-slider").filter(
        has=page.locator("label", has_text=re.compile(r"^\s*As of\s*$"))
    )
    assert slider.count() == 1, "the deployment explorer has no 'As of' slider"
    readout = slider.locator(".widget-readout")
    day_before, before = readout.inner_text(), chart_state(dep)
    handle = slider.locator(".noUi-handle")
    handle.focus()
    handle.press("Home")
    page.wait_for_function(
        "([el, v]) => el.innerText !== v",
        arg=[readout.element_handle(), day_before],
        timeout=REDRAW_MS,
    )
    after = wait_for_change(dep, before, f"Moving 'As of' from {day_before}")
    title = dep.locator(".js-plotly-plot").first.evaluate("gd => gd.layout.title.text")
    assert readout.inner_text() in title or "as of" in title.lower(), title
    assert after != before

    # questions: choosing an answer shows that answer's feedback, and only it
    quiz = cell_with(page, cells, r"\bquiz\(")
    answers = quiz.locator(".cq-a")
    assert quiz.locator("input[type=radio]").count() >= 10, (
        "lesson 04 should have at least five questions"
    )
    first, second = answers.nth(0), answers.nth(1)
    assert not first.locator(".cq-fb").is_visible()
    first.locator("label").click()
    assert first.locator("input[type=radio]").is_checked()
    first.locator(".cq-fb").wait_for(state="visible", timeout=5_000)
    assert first.locator(".cq-fb").inner_text().strip()
    second.locator("label").click()
    second.locator(".cq-fb").wait_for(state="visible", timeout=5_000)
    assert not first.locator(".cq-fb").is_visible(), "feedback of the earlier choice is still shown"

    # a document card: the original beside the English, the source linked as sources.csv gives it
    docs = data.load("documents").set_index("document_id")
    shown_docs = [
        m
        for c in cells
        if c["type"] == "code"
        for m in re.findall(r'document\("([^"]+)"\)', c["source"])
    ]
    doc_id = next(d for d in shown_docs if isinstance(docs.at[d, "excerpt_original"], str))
    card = cell_with(page, cells, rf'document\("{doc_id}"\)').locator(".doc-card")
    card.scroll_into_view_if_needed()
    lang = docs.at[doc_id, "language"]
    folded = card.locator("details.doc-verbatim > summary")
    if folded.count():  # an adapted card: the word-for-word texts are one click away
        assert card.locator(".doc-adapted").is_visible(), f"{doc_id}: the adapted text is not shown"
        folded.click()
    assert card.locator(f'blockquote[lang="{lang}"]').is_visible(), (
        f"{doc_id}: the original ({lang}) is not shown"
    )
    assert card.locator('blockquote[lang="en"]').is_visible(), f"{doc_id}: the English is not shown"
    assert docs.at[doc_id, "excerpt_en"][:40] in card.locator(
        'blockquote[lang="en"]'
    ).text_content().replace("\n", " ")
    assert card.locator(".doc-questions li").count() == 3
    url = data.load("sources").set_index("source_id").at[docs.at[doc_id, "source_id"], "url"]
    if isinstance(url, str):
        assert card.locator(".doc-source a").get_attribute("href") == url

    # a place to write: double-click the answer cell, type, render; the answer is kept in the
    # notebook
    answer = next(
        c["index"]
        for c in cells
        if c["type"] == "markdown" and c["source"].startswith("**Your answer")
    )
    box = page.locator(".jp-Notebook .jp-Cell").nth(answer)
    box.scroll_into_view_if_needed()
    box.dblclick()
    editor = box.locator(".cm-content")
    editor.wait_for(state="visible", timeout=REDRAW_MS)
    editor.click()  # the caret goes where a student clicks
    page.keyboard.type("\n\nDocument A lets the commander fix the line himself.")
    page.keyboard.press("Shift+Enter")
    typed = "Document A lets the commander fix the line himself."
    page.wait_for_function(
        "([i, t]) => window.jupyterapp.shell.currentWidget.content.widgets[i].model"
        ".sharedModel.getSource().includes(t)",
        arg=[answer, typed],
        timeout=REDRAW_MS,
    )
    rendered = box.locator(".jp-MarkdownOutput")
    rendered.wait_for(state="attached", timeout=REDRAW_MS)
    page.wait_for_function(
        "([el, t]) => el.textContent.includes(t)",
        arg=[rendered.element_handle(), typed],
        timeout=REDRAW_MS,
    )
    assert "Your answer" in page.evaluate(CELLS_JS)[answer]["source"], (
        "the prompt of the answer cell was lost"
    )

    assert not watch.blocked, f"requests to other hosts (blocked): {sorted(set(watch.blocked))}"
    assert not watch.errors, f"browser console errors: {watch.errors[:10]}"


def make_lab_argv(port: int) -> list[str]:
    """The `make lab` command line, as make would run it (``make -n`` prints without running)."""
    out = subprocess.run(
        ["make", "-n", "lab", f"PORT={port}"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    lines = [ln for ln in out.splitlines() if re.search(r"\bjupyter lab\b", ln)]
    assert len(lines) == 1, f"cannot find the jupyter command in `make -n lab`:\n{out}"
    argv = shlex.split(lines[0])
    assert Path(argv[0]).name == "jupyter" and argv[1] == "lab", argv
    return argv[2:]


def test_make_lab_command_line_opens_the_course_index(browser, tmp_path):
    """`make lab`'s own options (run from a copy of the repository root) start a server that
    opens notebooks/index.ipynb, the course map."""
    shutil.copytree(NOTEBOOK_DIR, tmp_path / "notebooks")
    port = lab_server.free_port()
    argv = make_lab_argv(port)
    try:
        server, problem = lab_server.start(tmp_path, course_argv=argv, port=port), None
    except RuntimeError as err:
        server, problem = None, str(err).splitlines()[-1]
    if problem:
        pytest.fail(
            f"`make lab` does not start JupyterLab (run from the repository root):\n"
            f"  jupyter lab {shlex.join(argv)}\n{problem}",
            pytrace=False,
        )
    w = Watch(browser, server)
    try:
        opener = server.runtime / f"jpserver-file-to-run-{server.proc.pid}-open.html"
        assert opener.exists(), "`make lab` named no file to open"
        url = re.search(r'href="([^"]+)"', opener.read_text()).group(1).replace("&amp;", "&")
        assert re.search(r"/lab/tree/index\.ipynb\?token=", url), url
        w.page.goto(url, wait_until="domcontentloaded")
        w.page.wait_for_function(
            NOTEBOOK_READY_JS, arg="index.ipynb", timeout=KERNEL_START_MS, polling=250
        )
        heading = w.page.locator(
            ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownOutput h1"
        ).first
        assert "course" in heading.inner_text().lower()
        assert not w.blocked, sorted(set(w.blocked))
    finally:
        w.close()
        lab_server.stop(server)


def test_every_chart_leaves_room_for_its_data():
    """In the notebook column of JupyterLab (about 850 px beside the file browser), labels,
    legend and margins must leave the data area of every chart readable."""
    if not SEEN:
        pytest.skip("no notebook was run in this session")
    cramped = [
        f"{name}: {p['title'][:70]!r} ({'widget' if p['widget'] else 'figure'} {p['figure']}, "
        f"data area {p['plotArea']})"
        for name, shown in SEEN.items()
        for p in shown["plots"]
        if p["plotArea"] and min(p["plotArea"]) < MIN_PLOT_AREA_PX
    ]
    assert not cramped, (
        f"charts whose data area is under {MIN_PLOT_AREA_PX} px in JupyterLab:\n  "
        + "\n  ".join(cramped)
    )


def test_every_chart_and_explorer_is_readable_in_jupyterlab():
    """The rules the site's charts pass (tests/test_chart_check.py), for the charts and live
    explorers as JupyterLab draws them (a 1280 px window, the notebook column beside the file
    browser)."""
    if not MEASURED:
        skip_or_fail("no notebook was run in this session")
    problems = [
        p
        for name, measured in MEASURED.items()
        for p in chart_check.problems(name, VIEWPORT["width"], measured)
        if p.rule != "sideways-scroll"  # JupyterLab scrolls its own panels, not the page
    ]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(map(str, problems[:60]))
