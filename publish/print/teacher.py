"""The teacher edition's pages: a second Sphinx build of the lessons that keeps what the
public site must never publish.

The public site (``publish.site``) drops every ``teacher`` cell and folds solutions; this
build stages the same notebooks with the teacher notes boxed as "Teacher note" and the
markdown solutions shown, into ``_build/print_teacher/`` (outside ``_build/site/``, so the
site test that no teacher note is published stays true). Only markdown differs from the
site's staging, and jupyter-cache hashes code cells only, so myst-nb takes every output from
the site's execution cache: nothing is executed twice.
"""

from __future__ import annotations

import copy
import os
import time
from pathlib import Path

import nbformat

from .. import common, live_only
from ..common import BUILD, DOCS, SOLUTION, TEACHER, write_if_changed
from .lessons import Lesson, PrintError

SRC = BUILD / "print_teacher_src"
OUT = BUILD / "print_teacher"
DOCTREES = BUILD / "print_teacher_doctrees"
# markdown cells by tag -> container class; solutions get a class the toggle does not fold
TEACHER_CONTAINERS = {**common.CONTAINERS, SOLUTION: "solution-shown", TEACHER: "teacher-note"}


def teacher_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The whole lesson: teacher notes boxed, markdown solutions open, places to write boxed,
    and the static wording of every markdown cell (paper has no kernel: ``publish.live_only``)."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = live_only.static_text(cell.source)
        found = [TEACHER_CONTAINERS[t] for t in common.tags(cell) if t in TEACHER_CONTAINERS]
        if cell.cell_type == "markdown" and found:
            # a teacher note wins over any other box; a solution shown beats a folded one
            cls = "teacher-note" if "teacher-note" in found else found[0]
            fence = common.fence(cell.source)
            cell.source = f"{fence}{{container}} {cls}\n{cell.source}\n{fence}"
    return nb


def stage(lessons: list[Lesson], src: Path = SRC) -> None:
    wanted = set()
    for lesson in lessons:
        target = src / "notebooks" / lesson.path.name
        write_if_changed(target, nbformat.writes(teacher_notebook(lesson.nb)) + "\n")
        wanted.add(target)
    toc = "\n".join(f"notebooks/{lesson.stem}" for lesson in lessons)
    index = src / "index.md"
    write_if_changed(index, "# Teacher edition\n\n```{toctree}\n:hidden:\n\n" + toc + "\n```\n")
    wanted.add(index)
    for stale in [p for p in src.rglob("*") if p.is_file() and p not in wanted]:
        stale.unlink()


def build(lessons: list[Lesson], out: Path = OUT, src: Path = SRC, site_work: Path = BUILD) -> Path:
    """Sphinx over the staged teacher notebooks, with the site's configuration and static files
    (``site_work`` holds ``site_static``/``site_extra`` of the site build that ran first)."""
    from sphinx.cmd.build import build_main

    started = time.perf_counter()
    stage(lessons, src)
    os.environ["COURSE_EXEC_CACHE"] = str(common.execution_cache_dir())
    os.environ["COURSE_SITE_STATIC"] = str(site_work / "site_static")
    os.environ["COURSE_SITE_EXTRA"] = str(site_work / "site_extra")
    common.static_render_env()
    code = build_main(
        ["-b", "html", "-c", str(DOCS), "-d", str(DOCTREES), "-j", "1", "-q", str(src), str(out)]
    )
    if code != 0:
        raise PrintError(
            f"the teacher edition's pages were not built (sphinx exit code {code}); see above"
        )
    print(f"print: teacher edition pages in {out} ({time.perf_counter() - started:.1f} s)")
    return out
