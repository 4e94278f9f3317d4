"""Write the teacher notes that come from the data into the lesson notebooks, so the two never
drift: the lesson's timing (after its "At a glance" note, computed by ``helpers.lesson.timing``),
the scoring guide of each short response (after its writing cell) and the model answers of the
written task (after the task's writing cell).

Run ``make teacher-notes`` after editing a lesson, ``short_responses.csv``, ``model_answers.csv``
or ``adapted_excerpts.csv``; a
test fails when a committed notebook is out of date. The notes are markdown cells tagged
``teacher`` (speaker notes in the slides, removed from the student edition and the public
site), marked in their metadata as generated so that a rerun replaces them.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import nbformat

from .common import NOTEBOOKS, TEACHER, read, tags, write_if_changed

MARK = "generated"  # cell metadata key: what the cell was generated from
SHORT = re.compile(r"""\bshort_response\(\s*["'](\w+)["']""")
AT_A_GLANCE = "**At a glance (teacher).**"
TASK = re.compile(r"""\bwriting_task\(\s*["'](\w+)["']""")


def _note(source: str, origin: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(source)
    cell.id = hashlib.sha1(origin.encode()).hexdigest()[:12]  # stable, so a rerun changes nothing
    cell.metadata = {MARK: origin, "slideshow": {"slide_type": "notes"}, "tags": [TEACHER]}
    return cell


def _wanted(cell) -> tuple[str, str] | None:
    """(origin, markdown) of the note that belongs after this code cell's writing cell."""
    from helpers import data
    from helpers.lesson.model_answers import model_answers_markdown
    from helpers.lesson.short_responses import guide_markdown

    if cell.cell_type != "code":
        return None
    found = SHORT.search(cell.source)
    if found:
        return f"short_response:{found.group(1)}", guide_markdown(found.group(1))
    found = TASK.search(cell.source)
    if found and found.group(1) in set(data.peek("model_answers")["era_id"]):
        return f"model_answers:{found.group(1)}", model_answers_markdown(found.group(1))
    return None


def with_notes(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``nb`` with every generated note rebuilt from the data: the timing after the "At a
    glance" note, the others right after the writing cell that follows the code cell they
    belong to."""
    from helpers.lesson.timing import timing_markdown

    cells = [c for c in nb.cells if MARK not in c.metadata]
    out = []
    for i, cell in enumerate(cells):
        out.append(cell)
        if TEACHER in tags(cell) and cell.source.startswith(AT_A_GLANCE):
            out.append(_note(timing_markdown(nb), "timing"))
        if "response" not in tags(cell) or i == 0:
            continue
        wanted = _wanted(cells[i - 1])
        if wanted:
            out.append(_note(wanted[1], wanted[0]))
    new = nbformat.from_dict(nb)
    new.cells = out
    return new


def stale(nb_dir: Path = NOTEBOOKS) -> list[Path]:
    """Lessons whose generated teacher notes differ from what the data gives."""
    return [
        p
        for p in sorted(nb_dir.glob("[0-9]*.ipynb"))
        if nbformat.writes(with_notes(read(p))) != nbformat.writes(read(p))
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS)
    args = parser.parse_args(argv)
    for path in sorted(args.notebooks.glob("[0-9]*.ipynb")):
        nb = read(path)
        if write_if_changed(path, nbformat.writes(with_notes(nb)) + "\n"):
            print(f"teacher notes updated: {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
