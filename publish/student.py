"""The student edition: every lesson without its ``solution`` and ``teacher`` cells.

``python -m publish.student`` (``make student``) writes ``_build/student/<lesson>.ipynb`` with
outputs cleared and the course kernel kept. Nothing else needs copying: the notebooks find
the data, the questions and the helpers through the installed ``helpers`` package. The same
edition is what the website's ".ipynb" download button gives for each lesson.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from .common import (
    BUILD,
    NOTEBOOKS,
    SOLUTION,
    TEACHER,
    lesson_notebooks,
    read,
    tags,
    write_if_changed,
)

REMOVED = {SOLUTION, TEACHER}
OUT = BUILD / "student"


def student_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``nb`` without solution and teacher cells, outputs and execution counts cleared."""
    from nbconvert.preprocessors import ClearOutputPreprocessor, TagRemovePreprocessor

    trp = TagRemovePreprocessor(remove_cell_tags=REMOVED, enabled=True)
    nb, _ = trp.preprocess(nbformat.from_dict(nb), {})
    nb, _ = ClearOutputPreprocessor(enabled=True).preprocess(nb, {})
    leftover = [i for i, c in enumerate(nb.cells) if REMOVED.intersection(tags(c))]
    assert not leftover, f"cells {leftover} still carry a solution/teacher tag"
    nb.metadata.setdefault("course", {})["edition"] = "student"
    return nb


def build(out: Path = OUT, nb_dir: Path = NOTEBOOKS) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    wanted = set()
    for path in lesson_notebooks(nb_dir):
        nb = student_notebook(read(path))
        target = out / path.name
        write_if_changed(target, nbformat.writes(nb) + "\n")
        written.append(target)
        wanted.add(path.name)
    for stale in out.glob("*.ipynb"):
        if stale.name not in wanted:
            stale.unlink()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS)
    args = parser.parse_args(argv)
    written = build(args.out, args.notebooks)
    for p in written:
        print(
            f"student edition: {p.relative_to(Path.cwd()) if p.is_relative_to(Path.cwd()) else p}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
