"""The published website: the whole build, each page's own bytes, the time to its first chart.

* ``site.build from scratch``: a copy of the repository's files (``git ls-files``) in a temporary
  folder, built with ``python -m publish.site`` in a new process: every lesson executed, the data
  validated (empty validation cache), Sphinx from nothing. Only npm's downloads are reused
  (``_build/vendor``, like the installed ``.venv``). Budget: 180 s on the 2-core machine.
* ``site.rebuild, nothing changed``: the same command again in that copy. Budget: 10 s.
* ``site.<page>.own_bytes``: the page's HTML plus every file that only this page loads
  (files loaded by two or more pages, such as the shared plotly.js, the base maps and the
  theme, are counted once in ``site.shared_bytes``). Budget for lesson pages: 800 KB.
* ``site.<page>.first_chart``: milliseconds from navigation start to the first plotly trace
  in the DOM, in a fresh headless Chromium context (nothing cached), served from 127.0.0.1 by
  ``python -m http.server`` in its own process, in a browser that resolves no other host (no
  request intercepted: interception made every file wait for the Python driver). Median of
  ``REPEATS``. Budget for lesson pages (the heaviest one is named): 800 ms.
* ``... with the full plotly.min.js (comparison)``: the same first-chart time with the plotly
  package's full 4.8 MB plotly.min.js instead of the site's custom bundle.
* ``nbconvert.<lesson>.bytes`` and ``.ratio``: the same executed lesson exported with plain
  ``jupyter nbconvert --to html`` (lab template), with plotly.js embedded in the page the way
  plotly's own ``notebook`` renderer does it, compared with the site page's own bytes.

``--quick`` (the test suite): no from-scratch build; ``_build/site`` is built incrementally as
``make site`` does, the unchanged rebuild is timed after it, one repetition, no comparisons, and
only the pages of ``QUICK_PAGES`` (the home page, a lesson with the world map, the lesson with
the most charts): the suite opens every page in ``tests/test_site.py`` anyway.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "site"
PAGE_BUDGET_KB = 800
FIRST_CHART_BUDGET_MS = 800
SCRATCH_BUDGET_S = 180
REBUILD_BUDGET_S = 10
REPEATS, QUICK_REPEATS = 5, 1
QUICK_PAGES = ("index.html", "notebooks/01_", "notebooks/04_")  # page names, or the start of one


def _row(name, value, unit, budget=None, ok=None):
    return {"name": name, "value": value, "unit": unit, "budget": budget, "ok": ok}


def _pages(site: Path) -> list[str]:
    fixed = ["index.html", "glossary.html", "bibliography.html", "data.html"]
    lessons = sorted(p.relative_to(site).as_posix() for p in (site / "notebooks").glob("*.html"))
    return [p for p in fixed if (site / p).exists()] + lessons


def _local_file(site: Path, url: str) -> Path | None:
    path = unquote(urlparse(url).path).lstrip("/")
    f = site / path
    return f if f.is_file() else None


def _loads(
    browser, base: str, site: Path, page_name: str, replace=None
) -> tuple[set[Path], float | None]:
    """Files the page loads (from a fresh context, nothing cached) and its first-chart time in ms,
    as a reader's browser loads it: the browser is offline by itself (``chromium(offline=True)``),
    no request is intercepted, except the files of ``replace`` (URL glob -> local file)."""
    from publish.browser import ALL_CHARTS_DRAWN_JS, FIRST_CHART_INIT, MAPS_DRAWN_JS, serve_file

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    for glob, path in (replace or {}).items():
        page.route(glob, serve_file(path))
    urls: list[str] = []
    page.on("response", lambda r: urls.append(r.url))
    page.add_init_script(FIRST_CHART_INIT)
    page.goto(base + page_name, wait_until="load")
    page.wait_for_function(ALL_CHARTS_DRAWN_JS)
    page.wait_for_function(MAPS_DRAWN_JS)
    first = page.evaluate("window.__courseFirstChart")
    files = {f for u in urls if (f := _local_file(site, u)) is not None}
    context.close()
    return files, first


def _nbconvert_html(lesson: Path) -> str:
    """The executed lesson through plain nbconvert, plotly.js embedded in its first figure."""
    import nbformat
    from nbconvert import HTMLExporter

    from helpers.render import geo_assets_js
    from publish import common

    nb = common.execute_cached(common.read(lesson), lesson, cwd=lesson.parent)
    inline = (
        "<script>"
        + common.plotly_js().read_text(encoding="utf-8")
        + "</script>"
        + "<script>"
        + geo_assets_js()
        + "</script>"
    )
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            html = out.get("data", {}).get("text/html")
            if html and "Plotly.newPlot" in html:
                out["data"]["text/html"] = inline + html
                break
        else:
            continue
        break
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nbformat.from_dict(nb))
    return body


def _source_copy(target: Path) -> Path:
    """The repository's files (tracked, or new and not ignored) as they are in the work tree."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / rel)
    vendor = ROOT / "_build" / "vendor"  # npm's downloads for the plotly.js bundle, like .venv
    if vendor.is_dir():
        (target / "_build").mkdir(exist_ok=True)
        (target / "_build" / "vendor").symlink_to(vendor, target_is_directory=True)
    return target


def _timed_build(copy: Path, env: dict) -> float:
    """``python -m publish.site`` in ``copy``, in a new process; its wall time in seconds."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "publish.site"], cwd=copy, env=env, capture_output=True, text=True
    )
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(
            f"python -m publish.site failed ({done.returncode}):\n{done.stdout[-3000:]}\n"
            f"{done.stderr[-3000:]}"
        )
    return took


def run(quick: bool = False) -> list[dict]:
    from publish.common import preserved_environ

    with preserved_environ():  # the builds set COURSE_RENDER_MODE=static for their kernels
        if quick:
            return _run_quick()
        with tempfile.TemporaryDirectory(prefix="course-site-") as tmp:
            return _run_full(Path(tmp))


def _run_full(tmp: Path) -> list[dict]:
    copy = _source_copy(tmp / "repo")
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURSE_")}
    env["XDG_CACHE_HOME"] = str(tmp / "cache")  # no validation stamps from earlier runs
    scratch = _timed_build(copy, env)
    rebuild = _timed_build(copy, env)
    rows = [
        _row(
            "site.build from scratch (every lesson executed, new process)",
            round(scratch, 1),
            "s",
            SCRATCH_BUDGET_S,
            scratch <= SCRATCH_BUDGET_S,
        ),
        _row(
            "site.rebuild, nothing changed (new process)",
            round(rebuild, 1),
            "s",
            REBUILD_BUDGET_S,
            rebuild <= REBUILD_BUDGET_S,
        ),
    ]
    return rows + _measure_pages(copy / "_build" / "site", REPEATS, compare=True)


def _run_quick() -> list[dict]:
    from publish import site as site_build

    started = time.perf_counter()
    site_build.build(SITE)
    rows = [
        _row("site.build (incremental, as make site)", round(time.perf_counter() - started, 1), "s")
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURSE_")}
    rebuild = _timed_build(ROOT, env)
    rows.append(
        _row(
            "site.rebuild, nothing changed (new process)",
            round(rebuild, 1),
            "s",
            REBUILD_BUDGET_S,
            rebuild <= REBUILD_BUDGET_S,
        )
    )
    return rows + _measure_pages(SITE, QUICK_REPEATS, compare=False, only=QUICK_PAGES)


def _measure_pages(
    site: Path, repeats: int, compare: bool, only: tuple[str, ...] = ("",)
) -> list[dict]:
    from publish.browser import chromium, serve_in_process

    rows = []
    pages = [p for p in _pages(site) if p.startswith(only)]
    loads: dict[str, set[Path]] = {}
    first: dict[str, list[float]] = defaultdict(list)
    with serve_in_process(site) as base, chromium(offline=True) as browser:
        for _ in range(repeats):
            for name in pages:
                files, ms = _loads(browser, base, site, name)
                loads[name] = files | {site / name}
                if ms is not None:
                    first[name].append(ms)

        users = defaultdict(set)
        for name, files in loads.items():
            for f in files:
                users[f].add(name)
        shared = {f for f, who in users.items() if len(who) > 1}
        shared_bytes = sum(f.stat().st_size for f in shared)
        own_bytes = {
            name: sum(f.stat().st_size for f in loads[name] if f not in shared) for name in pages
        }
        lessons = [n for n in pages if n.startswith("notebooks/")]
        heaviest = max(lessons, key=own_bytes.get, default=None)
        for name in pages:
            lesson = name in lessons
            kb = round(own_bytes[name] / 1024, 1)
            rows.append(
                _row(
                    f"site.{name}.own_bytes",
                    kb,
                    "KB",
                    PAGE_BUDGET_KB if lesson else None,
                    (kb <= PAGE_BUDGET_KB) if lesson else None,
                )
            )
            if first.get(name):
                ms = round(statistics.median(first[name]))
                label = " (the heaviest lesson page)" if name == heaviest else ""
                rows.append(
                    _row(
                        f"site.{name}.first_chart{label}, median of {len(first[name])}",
                        ms,
                        "ms",
                        FIRST_CHART_BUDGET_MS if lesson else None,
                        (ms <= FIRST_CHART_BUDGET_MS) if lesson else None,
                    )
                )
        rows.append(
            _row(
                "site.shared_bytes (plotly.js, maps, theme; once per site)",
                round(shared_bytes / 1024, 1),
                "KB",
            )
        )
        total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
        rows.append(_row("site.total_bytes (whole site)", round(total / 2**20, 2), "MB"))
        if not compare:
            return rows
        # for comparison: the same pages with the full plotly.min.js of the plotly package
        from publish.common import plotly_js

        full = {"**/_static/plotly.min.js*": plotly_js()}
        for name in [n for n in pages if first.get(n)]:
            times = [_loads(browser, base, site, name, replace=full)[1] for _ in range(repeats)]
            rows.append(
                _row(
                    f"site.{name}.first_chart with the full plotly.min.js (comparison)",
                    round(statistics.median(times)),
                    "ms",
                )
            )

        # the same lessons through plain nbconvert, in the same run
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            for name in pages:
                if not name.startswith("notebooks/"):
                    continue
                lesson = ROOT / "notebooks" / (Path(name).stem + ".ipynb")
                if not lesson.exists():
                    continue
                out = tmp / Path(name).name
                out.write_text(_nbconvert_html(lesson), encoding="utf-8")
                nb_kb = round(out.stat().st_size / 1024, 1)
                own_kb = own_bytes[name] / 1024
                rows.append(_row(f"nbconvert.{lesson.stem}.bytes", nb_kb, "KB"))
                if own_kb:
                    rows.append(
                        _row(
                            f"nbconvert.{lesson.stem}.ratio (nbconvert / site own bytes)",
                            round(nb_kb / own_kb, 1),
                            "x",
                        )
                    )
    return rows


if __name__ == "__main__":
    for r in run():
        print(r)
