"""One reveal.js slide deck per lesson: ``python -m publish.slides`` (``make slides``).

Writes ``_build/slides/<lesson>.slides.html`` for every notebook (index first), from the
cells' slide types (``metadata.slideshow.slide_type``). The notebooks are executed in static
render mode (sharing the site's jupyter-cache, so a lesson already built for the site is not
run again); ``teacher`` cells become speaker notes (press *S*), ``solution`` cells appear as
a fragment after their exercise. Every script is local, in ``_build/slides/_assets/``:
reveal.js (from the npm registry, fetched once with ``npm pack`` and kept in npm's cache and
``_build/vendor/``), the course's plotly.js and the offline base maps. No CDN.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import nbformat

from helpers.render import geo_assets_js

from . import common, live_only
from .common import BUILD, NOTEBOOKS, SOLUTION, TEACHER, copy_if_changed, tags, write_if_changed

OUT = BUILD / "slides"
VENDOR = BUILD / "vendor"
REVEAL_VERSION = "5.2.1"
ASSETS = "_assets"
TEMPLATES = Path(__file__).parent / "templates"


def reveal_js() -> Path:
    """The unpacked reveal.js npm package (``package/``), fetched once from the registry."""
    unpacked = VENDOR / f"reveal.js-{REVEAL_VERSION}"
    if (unpacked / "package" / "dist" / "reveal.js").exists():
        return unpacked / "package"
    VENDOR.mkdir(parents=True, exist_ok=True)
    tarball = VENDOR / f"reveal.js-{REVEAL_VERSION}.tgz"
    if not tarball.exists():
        if not shutil.which("npm"):
            raise SystemExit(
                "npm is needed once to fetch reveal.js from the npm registry "
                f"(or put reveal.js-{REVEAL_VERSION}.tgz into {VENDOR})"
            )
        subprocess.run(
            [
                "npm",
                "pack",
                f"reveal.js@{REVEAL_VERSION}",
                "--prefer-offline",
                "--pack-destination",
                str(VENDOR),
                "--loglevel",
                "error",
            ],
            check=True,
            cwd=VENDOR,
            stdout=subprocess.DEVNULL,
        )
    shutil.rmtree(unpacked, ignore_errors=True)
    with tarfile.open(tarball) as tar:
        tar.extractall(unpacked, filter="data")
    return unpacked / "package"


def write_assets(out: Path, executed: list) -> None:
    """reveal.js (dist + notes plugin), plotly.js and the base maps, next to the decks."""
    from .plotly_bundle import plotly_for

    reveal = reveal_js()
    target = out / ASSETS / "reveal.js"
    for sub in ("dist", "plugin/notes"):
        for src in (reveal / sub).rglob("*"):
            if src.is_file() and not src.name.endswith(".map"):
                copy_if_changed(src, target / sub / src.relative_to(reveal / sub))
    copy_if_changed(reveal / "LICENSE", target / "LICENSE")
    plotly, what = plotly_for(executed)
    print(f"slides: {what}")
    copy_if_changed(plotly, out / ASSETS / "plotly.min.js")
    write_if_changed(out / ASSETS / "course-geo-assets.js", geo_assets_js() + "\n")


def _has_rich_output(cell) -> bool:
    return any(
        o.get("output_type") in ("display_data", "execute_result")
        and {"text/html", "text/markdown", "image/png", "image/svg+xml"} & set(o.get("data", {}))
        for o in cell.get("outputs", [])
    )


def deck_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Slide metadata for presenting: teacher cells -> speaker notes, solutions -> a fragment,
    the code of cells that show a chart/question/table hidden (the output is the slide)."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        show = cell.metadata.setdefault("slideshow", {})
        cell_tags = tags(cell)
        if cell.cell_type == "markdown":  # a deck has no kernel: its wording is the static one
            cell.source = live_only.static_text(cell.source)
        if TEACHER in cell_tags:
            show["slide_type"] = "notes"
        elif SOLUTION in cell_tags and show.get("slide_type", "-") in ("-", ""):
            show["slide_type"] = "fragment"
        if cell.cell_type == "code" and (_has_rich_output(cell) or "remove-input" in cell_tags):
            cell.metadata.setdefault("transient", {})["remove_source"] = True
            cell.metadata.setdefault("tags", [])
            if "remove-input" not in cell.metadata["tags"]:
                cell.metadata["tags"].append("remove-input")
    return nb


def exporter():
    from nbconvert import SlidesExporter

    exp = SlidesExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="course_reveal")
    exp.reveal_url_prefix = f"{ASSETS}/reveal.js"
    exp.reveal_theme = "white"
    exp.reveal_transition = "none"
    exp.reveal_number = "c/t"
    exp.reveal_scroll = True
    exp.exclude_input_prompt = True
    exp.exclude_output_prompt = True
    from nbconvert.preprocessors import TagRemovePreprocessor

    exp.register_preprocessor(
        TagRemovePreprocessor(remove_input_tags={"remove-input"}, remove_cell_tags={"remove-cell"}),
        enabled=True,
    )
    return exp


def build(out: Path = OUT, nb_dir: Path = NOTEBOOKS) -> list[Path]:
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    exp = exporter()
    lessons = common.lesson_notebooks(nb_dir)
    executed = [common.execute_cached(common.read(path), path, cwd=path.parent) for path in lessons]
    write_assets(out, executed)
    written = []
    for path, nb in zip(lessons, executed, strict=False):
        body, _ = exp.from_notebook_node(
            deck_notebook(nb),
            resources={"metadata": {"name": path.stem}, "course": {"assets": ASSETS}},
        )
        target = out / f"{path.stem}.slides.html"
        write_if_changed(target, body)
        written.append(target)
        print(f"slides: {target.name} ({len(body) // 1024} KB)")
    wanted = {p.name for p in written}
    for stale in out.glob("*.slides.html"):
        if stale.name not in wanted:
            stale.unlink()
    print(f"slides: {len(written)} deck(s) in {out} in {time.perf_counter() - started:.1f} s")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build one reveal.js deck per lesson into _build/slides/."
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS)
    args = parser.parse_args(argv)
    build(args.out, args.notebooks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
