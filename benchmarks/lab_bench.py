"""A control changed in a real JupyterLab, until the chart's SVG has changed: what a student waits.

A JupyterLab from the course's ``.venv`` (``tests/jupyterlab_server.py``, as the browser tests
start it) serves a generated notebook holding one live explorer of each kind. Headless Chromium
(Playwright on Debian's chromium) opens it, runs all cells, then changes each explorer's control
many times the way a student does (a dropdown choice, an arrow key on a slider handle): the
change travels to the kernel, the handler updates the ``FigureWidget``, the kernel's answer
comes back and plotly.js redraws.

Timestamps are taken in the page, with ``performance.now()``: the start is the first ``input``,
``change`` or ``keydown`` event of the change (a capturing listener on ``window``); the end is
the last mutation of the chart's DOM (a ``MutationObserver`` on the plot) before the chart has
been still for ``QUIET_MS``. A change that leaves the chart's SVG as it was is counted and
reported, not timed. Budgets (CONTRIBUTING.md): median <= 100 ms, 95th percentile <= 250 ms, per
explorer.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
KERNEL = "russo-japanese-course"
CHANGES, QUICK_CHANGES = 40, 3
MEDIAN_BUDGET_MS, P95_BUDGET_MS = 100, 250
QUIET_MS = 400  # the chart counts as redrawn when its DOM has been still this long
CHANGE_LIMIT_MS = 30_000  # one change that has not redrawn by then is reported as unchanged
NOTEBOOK = "latency.ipynb"
VIEWPORT = {"width": 1280, "height": 900}

# (label, code, control kind, the control's label in the widget)
EXPLORERS = [
    (
        "casualty explorer: conflict dropdown",
        'explorers.casualty_explorer("khalkhin_gol", mode="live")',
        "dropdown",
        "Conflict",
    ),
    (
        "deployment explorer: date slider",
        'explorers.deployment_explorer("khalkhin_gol", mode="live")',
        "slider",
        "As of",
    ),
    (
        "treaty explorer: party dropdown",
        'explorers.treaty_explorer(mode="live")',
        "dropdown",
        "Party",
    ),
    (
        "territory explorer: year slider",
        'explorers.territory_explorer(1905, mode="live")',
        "slider",
        "Year",
    ),
    (
        "era overview: era dropdown",
        'explorers.era_overview("border_wars", mode="live")',
        "dropdown",
        "Era",
    ),
]

NOTEBOOK_READY_JS = """name => {
  const app = window.jupyterapp, w = app && app.shell.currentWidget;
  if (!w || !w.content || !w.context || w.context.path !== name || !w.context.isReady) return false;
  const k = w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && k.connectionStatus === 'connected' && w.content.widgets.length > 0;
}"""  # noqa: E501 (embedded JS/CSS/template text)

RUN_ALL_JS = """async () => {
  const app = window.jupyterapp;
  await app.commands.execute('notebook:run-all-cells');
}"""

# Every explorer's chart drawn (the kernel idle, every code cell run, one plot per explorer cell).
ALL_DRAWN_JS = """n => {
  const w = window.jupyterapp.shell.currentWidget;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  if (!k || k.status !== 'idle') return false;
  const code = w.content.widgets.filter(c => c.model.type === 'code');
  if (!code.every(c => c.model.executionCount !== null)) return false;
  const plots = [...document.querySelectorAll('.jp-Notebook .js-plotly-plot')];
  return plots.length >= n && plots.every(gd => gd._fullLayout && gd.querySelector('svg.main-svg')
      && gd.querySelector('svg.main-svg').childElementCount > 0);
}"""

# Errors in the notebook's outputs (a failed cell would leave an explorer without a chart).
ERRORS_JS = """() => window.jupyterapp.shell.currentWidget.content.widgets
  .filter(c => c.model.type === 'code')
  .flatMap(c => c.model.outputs.toJSON().filter(o => o.output_type === 'error')
  .map(o => o.ename + ': ' + o.evalue))"""

# Arms the watch on one explorer's chart: the change's first input event, its DOM mutations.
ARM_JS = """cell => {
  const gd = cell.querySelector('.js-plotly-plot');
  const svg = () => [...gd.querySelectorAll('svg.main-svg')].map(s => s.outerHTML).join('');
  const w = window.__lat = {t0: null, first: null, last: null, before: svg(), svg, gd};
  const start = e => { if (w.t0 === null) w.t0 = performance.now(); };
  w.events = ['input', 'change', 'keydown'];
  w.events.forEach(t => window.addEventListener(t, start, true));
  w.start = start;
  w.obs = new MutationObserver(() => {
    if (w.t0 === null) return;
    const t = performance.now();
    if (w.first === null) w.first = t;
    w.last = t;
  });
  w.obs.observe(gd, {subtree: true, childList: true, attributes: true, characterData: true});
}"""

STILL_JS = """cell => {
  const gd = cell.querySelector('.js-plotly-plot');
  const s = window.__still = {last: performance.now()};
  s.obs = new MutationObserver(() => { s.last = performance.now(); });
  s.obs.observe(gd, {subtree: true, childList: true, attributes: true, characterData: true});
}"""

SETTLED_JS = """([quiet, limit]) => {
  const w = window.__lat, now = performance.now();
  if (w.t0 === null) return false;
  return (w.last !== null && now - w.last >= quiet) || now - w.t0 >= limit;
}"""

DISARM_JS = """() => {
  const w = window.__lat;
  w.obs.disconnect();
  w.events.forEach(t => window.removeEventListener(t, w.start, true));
  const changed = w.svg() !== w.before;
  return {first: w.first === null ? null : w.first - w.t0, last: w.last === null ? null : w.last - w.t0, changed,
          connected: w.gd.isConnected};
}"""  # noqa: E501 (embedded JS/CSS/template text)


KERNEL_STATE_JS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return k ? k.status + '/' + k.connectionStatus : 'none';
}"""


def _notebook(folder: Path) -> Path:
    cells = [
        new_code_cell(
            "import helpers; helpers.setup()\nfrom helpers.charts import explorers\n"
            "from helpers.display import show"
        )
    ]
    cells += [new_code_cell(f"show({code})") for _, code, _, _ in EXPLORERS]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": KERNEL, "language": "python"}
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / NOTEBOOK)
    return folder / NOTEBOOK


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1), linear between the nearest ranks."""
    s = sorted(values)
    pos = (len(s) - 1) * q
    lo, hi = int(pos), min(int(pos) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


class _Control:
    """One explorer's control in the page, changed the way a student changes it."""

    def __init__(self, page, cell, kind: str, label: str):
        self.page, self.kind = page, kind
        box = cell.locator(".widget-dropdown" if kind == "dropdown" else ".widget-slider").filter(
            has=page.locator("label", has_text=label)
        )
        if box.count() != 1:
            raise RuntimeError(
                f"no {kind} labelled {label!r} in the explorer (found {box.count()})"
            )
        self.select = box.locator("select") if kind == "dropdown" else None
        self.handle = box.locator(".noUi-handle") if kind == "slider" else None
        self.step = 0
        self.direction = "ArrowRight"

    def change(self) -> None:
        self.step += 1
        if self.kind == "dropdown":
            n = self.select.evaluate("s => s.options.length")
            current = self.select.evaluate("s => s.selectedIndex")
            self.select.select_option(index=(current + 1) % n)
        else:
            now, lo, hi = (
                float(self.handle.get_attribute(a) or 0)
                for a in ("aria-valuenow", "aria-valuemin", "aria-valuemax")
            )
            if now >= hi:
                self.direction = "ArrowLeft"
            elif now <= lo:
                self.direction = "ArrowRight"
            self.handle.press(self.direction)


def _wait_still(page, cell) -> None:
    """Until the chart's DOM has not changed for QUIET_MS.

    After scrolling, plotly may re-layout.
    """
    cell.evaluate(STILL_JS)
    page.wait_for_function(
        f"() => performance.now() - window.__still.last >= {QUIET_MS}",
        polling=50,
        timeout=CHANGE_LIMIT_MS,
    )
    page.evaluate("() => window.__still.obs.disconnect()")


def _time_changes(
    page, cell, control: _Control, n: int
) -> tuple[list[float], list[float], int, list]:
    """(ms to the last redraw, ms to the first DOM change, changes that left the SVG as it was,
    what those changes looked like)."""
    last, first, unchanged, odd = [], [], 0, []
    for _ in range(n):
        _wait_still(page, cell)
        cell.evaluate(ARM_JS)
        control.change()
        page.wait_for_function(
            SETTLED_JS,
            arg=[QUIET_MS, CHANGE_LIMIT_MS],
            polling=50,
            timeout=CHANGE_LIMIT_MS + 30_000,
        )
        got = page.evaluate(DISARM_JS)
        if not got["changed"] or got["last"] is None:
            unchanged += 1
            odd.append(got)
            continue
        last.append(got["last"])
        first.append(got["first"])
    return last, first, unchanged, odd


def run(quick: bool = False) -> list[dict]:
    import sys

    sys.path.insert(0, str(ROOT))
    from publish.browser import PageWatch, chromium
    from tests import jupyterlab_server as lab_server

    n = QUICK_CHANGES if quick else CHANGES
    rows = []
    with tempfile.TemporaryDirectory(prefix="course-lab-bench-") as tmp:
        work = Path(tmp)
        _notebook(work / "notebooks")
        server = lab_server.start(work, timeout=180)
        try:
            with chromium() as browser:
                context = browser.new_context(viewport=VIEWPORT)
                page = context.new_page()
                page.set_default_timeout(60_000)
                watch = PageWatch(page)
                page.goto(
                    server.url(f"lab/workspaces/bench/tree/{NOTEBOOK}"),
                    wait_until="domcontentloaded",
                )
                page.wait_for_function(
                    NOTEBOOK_READY_JS, arg=NOTEBOOK, timeout=180_000, polling=250
                )
                page.evaluate(RUN_ALL_JS)
                try:
                    page.wait_for_function(
                        ALL_DRAWN_JS, arg=len(EXPLORERS), timeout=300_000, polling=250
                    )
                except Exception:
                    errors = page.evaluate(ERRORS_JS)
                    raise RuntimeError(
                        f"the explorers were not all drawn; errors: {errors or 'none'}; "
                        f"page problems: {watch.problems()[:5]}"
                    ) from None
                cells = page.locator(".jp-Notebook .jp-Cell")
                for i, (label, _, kind, control_label) in enumerate(EXPLORERS, start=1):
                    cell = cells.nth(i)
                    cell.scroll_into_view_if_needed()
                    control = _Control(page, cell, kind, control_label)
                    _time_changes(
                        page, cell, control, 1
                    )  # untimed: the first redraw after scrolling to it
                    last, first, unchanged, odd = _time_changes(page, cell, control, n)
                    if not last:
                        shot = ROOT / "_build" / "bench-lab-failure.png"
                        shot.parent.mkdir(parents=True, exist_ok=True)
                        page.screenshot(path=str(shot))
                        state = page.evaluate(KERNEL_STATE_JS)
                        raise RuntimeError(
                            f"{label}: no change redrew the chart ({unchanged} tried: "
                            f"{odd}); kernel {state}; "
                            f"page problems: {watch.problems()[:5]}; screenshot {shot}\n"
                            f"server log:\n{server.log_tail(15)}"
                        )
                    med, p95 = statistics.median(last), percentile(last, 0.95)
                    rows.append(
                        dict(
                            name=(
                                f"JupyterLab {label}: control -> chart redrawn, "
                                f"median of {len(last)}"
                            ),
                            value=round(med, 1),
                            unit="ms",
                            budget=MEDIAN_BUDGET_MS,
                            ok=med <= MEDIAN_BUDGET_MS,
                        )
                    )
                    rows.append(
                        dict(
                            name=f"JupyterLab {label}: control -> chart redrawn, 95th percentile",
                            value=round(p95, 1),
                            unit="ms",
                            budget=P95_BUDGET_MS,
                            ok=p95 <= P95_BUDGET_MS,
                        )
                    )
                    rows.append(
                        dict(
                            name=(
                                f"JupyterLab {label}: control -> first change of the chart, median"
                            ),
                            value=round(statistics.median(first), 1),
                            unit="ms",
                            budget=None,
                            ok=None,
                        )
                    )
                    if unchanged:
                        rows.append(
                            dict(
                                name=f"JupyterLab {label}: changes that left the chart as it was",
                                value=unchanged,
                                unit="count",
                                budget=None,
                                ok=None,
                            )
                        )
                context.close()
        finally:
            lab_server.stop(server)
            shutil.rmtree(work / ".lab", ignore_errors=True)
    return rows


if __name__ == "__main__":
    for r in run(quick="--quick" in sys.argv):
        print(r)
