"""The published website: each page's own bytes, the time to its first chart, the whole site.

* ``site.<page>.own_bytes``: the page's HTML plus every file that only this page loads
  (files loaded by two or more pages, such as the shared plotly.js, the base maps and the
  theme, are counted once in ``site.shared_bytes``). Budget for lesson pages: 800 KB.
* ``site.<page>.first_chart``: milliseconds from navigation start to the first plotly trace
  in the DOM, in a fresh headless Chromium context (nothing cached), served from 127.0.0.1,
  every other host blocked. Median of ``REPEATS``. Budget: 1500 ms.
* ``... with the full plotly.min.js (comparison)``: the same first-chart time with the plotly
  package's full 4.8 MB plotly.min.js instead of the site's custom bundle.
* ``nbconvert.<lesson>.bytes`` and ``.ratio``: the same executed lesson exported with plain
  ``jupyter nbconvert --to html`` (lab template), with plotly.js embedded in the page the way
  plotly's own ``notebook`` renderer does it, compared with the site page's own bytes.

The site is (re)built first with ``publish.site`` (incremental; unchanged lessons are not
re-executed).
"""
from __future__ import annotations

import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "site"
PAGE_BUDGET_KB = 800
FIRST_CHART_BUDGET_MS = 1500
REPEATS = 3


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


def _loads(browser, base: str, site: Path, page_name: str, replace=None) -> tuple[set[Path], float | None]:
    """Files the page loads (from a fresh context) and its first-chart time in ms."""
    from publish.browser import open_page

    page, watch = open_page(browser, base + page_name, replace=replace)
    page.wait_for_timeout(200)
    first = page.evaluate("window.__courseFirstChart")
    files = {f for r in watch.responses if (f := _local_file(site, r.url)) is not None}
    page.context.close()
    return files, first


def _nbconvert_html(lesson: Path) -> str:
    """The executed lesson through plain nbconvert, plotly.js embedded in its first figure."""
    import nbformat
    from nbconvert import HTMLExporter

    from helpers.render import geo_assets_js
    from publish import common

    nb = common.execute_cached(common.read(lesson), lesson, cwd=lesson.parent)
    inline = "<script>" + common.plotly_js().read_text(encoding="utf-8") + "</script>" \
             + "<script>" + geo_assets_js() + "</script>"
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


def run() -> list[dict]:
    from publish.common import preserved_environ

    with preserved_environ():  # the builds set COURSE_RENDER_MODE=static for their kernels
        return _run()


def _run() -> list[dict]:
    from publish import site as site_build
    from publish.browser import chromium, serve

    rows = []
    started = time.perf_counter()
    site_build.build(SITE)
    rows.append(_row("site.build (incremental, cached execution)", round(time.perf_counter() - started, 1), "s"))

    pages = _pages(SITE)
    loads: dict[str, set[Path]] = {}
    first: dict[str, list[float]] = defaultdict(list)
    with serve(SITE) as base, chromium() as browser:
        for _ in range(REPEATS):
            for name in pages:
                files, ms = _loads(browser, base, SITE, name)
                loads[name] = files | {SITE / name}
                if ms is not None:
                    first[name].append(ms)

        users = defaultdict(set)
        for name, files in loads.items():
            for f in files:
                users[f].add(name)
        shared = {f for f, who in users.items() if len(who) > 1}
        shared_bytes = sum(f.stat().st_size for f in shared)
        for name in pages:
            own = sum(f.stat().st_size for f in loads[name] if f not in shared)
            lesson = name.startswith("notebooks/")
            kb = round(own / 1024, 1)
            rows.append(_row(f"site.{name}.own_bytes", kb, "KB", PAGE_BUDGET_KB if lesson else None,
                             (kb <= PAGE_BUDGET_KB) if lesson else None))
            if first.get(name):
                ms = round(statistics.median(first[name]))
                rows.append(_row(f"site.{name}.first_chart", ms, "ms", FIRST_CHART_BUDGET_MS,
                                 ms <= FIRST_CHART_BUDGET_MS))
        # for comparison: the same pages with the full plotly.min.js of the plotly package
        from publish.common import plotly_js

        full = {"**/_static/plotly.min.js*": plotly_js()}
        for name in [n for n in pages if first.get(n)]:
            times = [_loads(browser, base, SITE, name, replace=full)[1] for _ in range(REPEATS)]
            rows.append(_row(f"site.{name}.first_chart with the full plotly.min.js (comparison)",
                             round(statistics.median(times)), "ms"))
        rows.append(_row("site.shared_bytes (plotly.js, maps, theme; once per site)",
                         round(shared_bytes / 1024, 1), "KB"))
        total = sum(f.stat().st_size for f in SITE.rglob("*") if f.is_file())
        rows.append(_row("site.total_bytes (whole _build/site)", round(total / 2**20, 2), "MB"))

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
                own_kb = next(r["value"] for r in rows if r["name"] == f"site.{name}.own_bytes")
                rows.append(_row(f"nbconvert.{lesson.stem}.bytes", nb_kb, "KB"))
                rows.append(_row(f"nbconvert.{lesson.stem}.ratio (nbconvert / site own bytes)",
                                 round(nb_kb / own_kb, 1) if own_kb else None, "x"))
    return rows


if __name__ == "__main__":
    for r in run():
        print(r)
