"""Build the course website: ``python -m publish.site`` (``make site``) -> ``_build/site/``.

1. Stage the pages into ``_build/site_src/``: the hand-written pages of ``docs/`` with their
   generated parts filled in from ``lessons_data/`` (lesson list, glossary, bibliography,
   data downloads), and every lesson notebook with its ``teacher`` cells removed (teacher
   notes are never published) and its markdown ``solution`` cells folded behind a toggle.
2. Write the shared static files to ``_build/site_static/`` (plotly.js, the offline base
   maps) and the downloadable data to ``_build/site_extra/data/``.
3. Run Sphinx (myst-nb executes the lessons through jupyter-cache, in static render mode,
   and fails the build on any cell error).

Only changed files are rewritten, so an unchanged lesson is neither re-executed nor re-read.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd

from helpers import citations, data
from helpers.errors import DataError
from helpers.render import geo_assets_js, geo_maps

from . import common, guide, live_only, pdf_links
from .common import (
    BUILD,
    DATA,
    DOCS,
    NOTEBOOKS,
    SOLUTION,
    TEACHER,
    copy_if_changed,
    write_if_changed,
)

OUT = BUILD / "site"
WORK = BUILD  # staging folders live here: site_src/, site_static/, site_extra/, site_doctrees/
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
PAGES = ("index.md", "glossary.md", "bibliography.md", "data.md", "contributing.md")
MARKER = re.compile(r"^<!--\s*course:(\w+)\s*-->\s*$", re.M)


# ---------------------------------------------------------------------------- data


def _rows(table: str) -> list[dict]:
    """Rows of a validated course table as dicts of strings (empty cells as ""), read by the
    course's own loader so the site shows exactly what the lessons load."""
    df = data.load(table)
    return [
        {k: "" if pd.isna(v) else str(v) for k, v in row.items()} for row in df.to_dict("records")
    ]


def _validate_data() -> None:
    """The site publishes the data only if the course's own loader accepts it."""
    try:
        data.load_all()
    except DataError as exc:
        raise SystemExit(f"the site is not built: the course data does not load.\n{exc}") from None


def _md_cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ").strip()


# ---------------------------------------------------------------------------- generated parts


def lessons_md() -> str:
    """The course map of the index notebook, linked from the home page; a blank line ends the
    table.
    """
    from helpers.lesson import course_map

    return course_map(link_prefix="notebooks/").data + "\n"


def toctree_md(lessons: list[str]) -> str:
    """The sidebar: the course introduction (``index.ipynb``) on its own, then the lessons,
    then the reference pages."""

    def toctree(caption: str, entries: list[str]) -> str:
        return f"```{{toctree}}\n:hidden:\n:caption: {caption}\n\n" + "\n".join(entries) + "\n```"

    intro = [f"notebooks/{name}" for name in lessons if name == "index"]
    lesson_pages = [f"notebooks/{name}" for name in lessons if name != "index"]
    reference = ["glossary", "bibliography", "data", "contributing"]
    return "\n\n".join(
        toctree(caption, entries)
        for caption, entries in (
            ("Start here", intro),
            ("Lessons", lesson_pages),
            ("Reference", reference),
        )
        if entries
    )


def glossary_md(lessons: list[str]) -> str:
    rows = _rows("glossary")
    eras = {r["era_id"]: r for r in _rows("eras")}
    out = ["```{glossary}", ":sorted:", ""]
    for row in rows:
        term = (row.get("term") or "").strip()
        if not term:
            continue
        out.append(term)
        out.append("  " + _md_cell(row.get("definition")))
        names = []
        if row.get("name_ja"):
            names.append(f'Japanese: <span lang="ja">{row["name_ja"].strip()}</span>')
        if row.get("name_ru"):
            names.append(f'Russian: <span lang="ru">{row["name_ru"].strip()}</span>')
        if names:
            out.append("")
            out.append("  " + " · ".join(names))
        era = eras.get((row.get("era_id") or "").strip())
        if era:
            stem = Path(era.get("notebook", "")).stem
            where = (
                f"[{_md_cell(era['title'])}](notebooks/{era['notebook']})"
                if stem in lessons
                else _md_cell(era["title"])
            )
            out.append("")
            out.append(f"  Lesson: {where}")
        out.append("")
    out.append("```")
    return "\n".join(out)


def data_md() -> str:
    desc = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    lines = ["| File | Rows | What it holds |", "| --- | ---: | --- |"]
    for res in desc.get("resources", []):
        path = DATA / res["path"]
        if not path.exists():
            continue
        lines.append(
            f'| <a href="data/{res["path"]}" download>{res["path"]}</a> | '
            f"{len(data.load(res['name']))} | "
            f"{_md_cell(res.get('description'))} |"
        )
    lines += [
        "",
        "The package description, read by [Frictionless](https://framework.frictionlessdata.io/) "
        'tools and by the course\'s own loader: <a href="data/datapackage.json" '
        "download>datapackage.json</a>. "
        'The data dictionary below as a file: <a href="data/DATA_DICTIONARY.md" download>'
        "DATA_DICTIONARY.md</a>.",
    ]
    if (DATA / "DATA_DICTIONARY.md").exists():
        lines += ["", "```{include} _includes/data_dictionary.md", ":heading-offset: 1", "```"]
    return "\n".join(lines)


# ---------------------------------------------------------------------------- staging


def site_notebook(nb: nbformat.NotebookNode, stem: str) -> nbformat.NotebookNode:
    """The notebook as the site publishes it: no teacher cells; the static wording of every
    markdown cell; markdown solutions folded; places to write and optional sections boxed; a
    student's steps shown without their output, after a note that sends the reader to
    JupyterLab (``publish.live_only``)."""
    nb = common.without_tags(nb, {TEACHER})
    for cell in nb.cells:
        found = [common.CONTAINERS[t] for t in common.tags(cell) if t in common.CONTAINERS]
        if cell.cell_type == "markdown":
            cell.source = live_only.static_text(cell.source)
            if found:
                fence = common.fence(cell.source)
                cell.source = f"{fence}{{container}} {found[0]}\n{cell.source}\n{fence}"
    steps = live_only.student_steps(nb.cells)
    for i in steps:
        nb.cells[i].metadata["tags"] = [*common.tags(nb.cells[i]), "remove-output"]
    if steps:
        note = kernel_note(nb.cells, steps, stem)
        nb.cells.insert(steps[0], nbformat.v4.new_markdown_cell(note))
    return nb


def kernel_note(cells, steps: list[int], stem: str) -> str:
    """What a reader of the site is told before a student's steps, which only run in a kernel:
    what the steps do, and where to run them."""
    # raw HTML: MyST would turn a markdown link to a file outside the site's pages into an anchor
    href = f"../_sources/notebooks/{stem}.ipynb"
    download = f'<a href="{href}" download>download this lesson\'s notebook</a>'
    code = "\n".join(cells[i].source for i in steps)
    before = "\n".join(c.source for c in cells[: steps[0]] if c.cell_type == "code")
    if "EvidenceList(" in code:
        text = (
            "**Build your own list in JupyterLab.** The cells "
            "from here on are steps for you to complete on your own turning point: replace each "
            "`...` and run the cell. They use the course's evidence helper, `EvidenceList`: "
            "`ask` records your question and turning point, `gather` lists what the course data "
            "holds for it, `pin` keeps an item with your note on why it matters (`counter=True` "
            "marks counter-evidence), each `check_...` step says what your list still lacks, "
            "`timeline` and `spread` chart it, and `report` prints it with a full citation for "
            "every source. Nothing runs on this page, so these cells show no output here: "
            f"{download} and open it in JupyterLab."
        )
        if "EvidenceList(" in before:
            text += (
                " The worked example earlier on this page is a finished list: its checks, "
                "charts and printed report are shown there in full."
            )
    else:
        text = (
            "**Run this exercise in JupyterLab.** The steps below "
            "are for you to complete: replace each `...` with your code and run the cell, and "
            "the check under it says whether the step is right or what is still missing. Nothing "
            f"runs on this page, so the checks are not shown here: {download} and open it in "
            "JupyterLab."
        )
        if any(SOLUTION in common.tags(c) for c in cells[steps[-1] :]):
            text += " The worked solution is folded under *Show solution* after the steps."
    return f"```{{container}} kernel-note\n{text}\n```"


def _with_print_links(
    nb: nbformat.NotebookNode, stem: str, pdfs: set[str]
) -> nbformat.NotebookNode:
    """The lesson's PDFs linked under its title (a markdown cell: the execution cache, which
    hashes code cells only, still matches)."""
    cell = pdf_links.lesson_cell(stem, pdfs)
    if cell:
        nb.cells.insert(1 if nb.cells else 0, nbformat.v4.new_markdown_cell(cell))
    return nb


def _titles(notebooks: list[Path]) -> list[tuple[str, str]]:
    return [
        (p.stem, common.notebook_title(common.read(p)) or p.stem)
        for p in notebooks
        if p.name != "index.ipynb"
    ]


def stage(
    nb_dir: Path = NOTEBOOKS, work: Path = WORK, print_pdfs: set[str] | None = None
) -> list[str]:
    """Write the Sphinx source tree; returns the lesson docnames (without suffix), in order.
    ``print_pdfs``: the PDF file names to link (default: the public ones ``make print`` left)."""
    src = work / "site_src"
    notebooks = common.lesson_notebooks(nb_dir)
    lessons = [p.stem for p in notebooks]
    wanted: set[Path] = set()
    pdfs = pdf_links.existing() if print_pdfs is None else set(print_pdfs)
    pdf_links.copy_into(pdfs, pdf_links.PRINT, work / "site_extra" / pdf_links.SITE_FOLDER)

    nb_out = src / "notebooks"
    for path in notebooks:
        target = nb_out / path.name
        nb = _with_print_links(site_notebook(common.read(path), path.stem), path.stem, pdfs)
        write_if_changed(target, nbformat.writes(nb) + "\n")
        wanted.add(target)
    for extra in nb_dir.rglob("*"):  # images the lessons show
        if (
            extra.is_file()
            and extra.suffix.lower() in IMAGE_SUFFIXES
            and ".ipynb_checkpoints" not in extra.parts
        ):
            target = nb_out / extra.relative_to(nb_dir)
            copy_if_changed(extra, target)
            wanted.add(target)

    generators = {
        "lessons": lessons_md,
        "toctree": lambda: toctree_md(lessons),
        "glossary": lambda: glossary_md(lessons),
        "bibliography": citations.bibliography_page,
        "data": data_md,
        "print": lambda: pdf_links.home_md(_titles(notebooks), pdfs),
        "contributing": guide.guide_md,
    }
    for page in PAGES:
        text = (DOCS / page).read_text(encoding="utf-8")
        text = MARKER.sub(lambda m: generators[m.group(1)](), text)
        write_if_changed(src / page, text)
        wanted.add(src / page)
    if (DATA / "DATA_DICTIONARY.md").exists():
        copy_if_changed(DATA / "DATA_DICTIONARY.md", src / "_includes" / "data_dictionary.md")
        wanted.add(src / "_includes" / "data_dictionary.md")

    for stale in [p for p in src.rglob("*") if p.is_file() and p not in wanted]:
        stale.unlink()
    return lessons


def execute_all(nb_dir: Path = NOTEBOOKS, work: Path = WORK) -> list:
    """Every staged lesson executed (static render mode) into the shared jupyter-cache, which
    myst-nb then reads instead of running it again; a cell error stops the build here."""
    from nbclient.exceptions import CellExecutionError

    staged = work / "site_src" / "notebooks"
    executed = []
    for p in common.lesson_notebooks(nb_dir):
        try:
            executed.append(
                common.execute_cached(common.read(staged / p.name), staged / p.name, cwd=staged)
            )
        except CellExecutionError as err:
            raise SystemExit(
                f"the site is not built: {p.name} stops with an error "
                f"(run it in JupyterLab to see where):\n{err}"
            ) from None
    return executed


def write_static(executed: list, work: Path = WORK) -> None:
    from .plotly_bundle import plotly_for

    plotly, what = plotly_for(executed)
    print(f"site: {what}")
    static, extra = work / "site_static", work / "site_extra"
    copy_if_changed(plotly, static / "plotly.min.js")
    maps = {static / f"course-geo-{name}.js": name for name in geo_maps()}
    for path, name in maps.items():  # one file per base map: a page loads only those its maps use
        write_if_changed(path, geo_assets_js((name,)) + "\n")
    for stale in set(static.glob("course-geo-*.js")) - set(maps):
        stale.unlink()
    data_out = extra / "data"
    wanted = set()
    for path in sorted(DATA.iterdir()):
        if path.is_file() and path.suffix in (".csv", ".json", ".md"):
            copy_if_changed(path, data_out / path.name)
            wanted.add(data_out / path.name)
    for name, text in (  # the bibliography as reference-manager files
        (citations.FILES["csl"], citations.csl_json()),
        (citations.FILES["bibtex"], citations.bibtex()),
    ):
        write_if_changed(data_out / name, text)
        wanted.add(data_out / name)
    for stale in data_out.glob("*"):
        if stale not in wanted:
            stale.unlink()


def _remove_stale_pages(out: Path, lessons: list[str]) -> None:
    """Sphinx keeps the pages of deleted or renamed notebooks; a published site must not."""
    for folder, suffix in (
        (out / "notebooks", ".html"),
        (out / "_sources" / "notebooks", ".ipynb"),
    ):
        for page in folder.glob(f"*{suffix}"):
            if page.name[: -len(suffix)] not in lessons:
                page.unlink()


def build(
    out: Path = OUT,
    nb_dir: Path = NOTEBOOKS,
    fresh: bool = False,
    check_data: bool = True,
    work: Path = WORK,
    print_pdfs: set[str] | None = None,
) -> Path:
    """Build the site from ``nb_dir`` into ``out``, staging in ``work``; SystemExit on failure.
    ``print_pdfs``: the PDFs to link (default: those ``make print`` left in ``_build/print``)."""
    from sphinx.cmd.build import build_main

    started = time.perf_counter()
    if check_data:
        _validate_data()
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(work / "site_doctrees", ignore_errors=True)
    pdfs = pdf_links.existing() if print_pdfs is None else set(print_pdfs)
    lessons = stage(nb_dir, work, pdfs)
    # one cache folder for this build (keyed on helpers + data), for our run and myst-nb's
    os.environ["COURSE_EXEC_CACHE"] = str(common.execution_cache_dir())
    t_exec = time.perf_counter()
    write_static(execute_all(nb_dir, work), work)
    t_sphinx = time.perf_counter()
    print(f"site: lessons executed or taken from the cache in {t_sphinx - t_exec:.1f} s")
    os.environ["COURSE_NOTEBOOKS"] = str(nb_dir)
    os.environ["COURSE_SITE_STATIC"] = str(work / "site_static")
    os.environ["COURSE_SITE_EXTRA"] = str(work / "site_extra")
    common.static_render_env()
    args = [
        "-b",
        "html",
        "-c",
        str(DOCS),
        "-d",
        str(work / "site_doctrees"),
        "-j",
        "1",
        "-q",
        str(work / "site_src"),
        str(out),
    ]
    code = build_main(args)
    if code != 0:
        raise SystemExit(f"the site build failed (sphinx exit code {code}); see the messages above")
    _remove_stale_pages(out, lessons)
    pdf_links.copy_into(pdfs, pdf_links.PRINT, out / pdf_links.SITE_FOLDER)
    print(f"site: sphinx took {time.perf_counter() - t_sphinx:.1f} s")
    print(
        f"site: {len(lessons)} notebook(s) published to {out}/index.html "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the course website into _build/site/.")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--notebooks",
        type=Path,
        default=NOTEBOOKS,
        help="folder of the notebooks to publish (default: notebooks/)",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="rebuild every page (the execution cache is kept)"
    )
    parser.add_argument("--no-data-check", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    build(args.out, args.notebooks, args.fresh, check_data=not args.no_data_check)
    return 0


if __name__ == "__main__":
    sys.exit(main())
