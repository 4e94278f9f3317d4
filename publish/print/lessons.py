"""Which lessons there are and what the print needs to know about each.

Lessons are discovered from ``notebooks/*.ipynb`` (never listed by hand, so a new lesson is
printed as soon as its notebook exists); the title, the era and the documents are read from
the notebook itself, the central question from ``eras.csv``, as the lesson shows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .. import common
from ..common import notebook_title

ERA_CALL = re.compile(r"""\b(?:central_question|writing_task)\(\s*["'](\w+)["']""")
DOCUMENT_CALL = re.compile(r"""\bdocument\(\s*["'](\w+)["']""")
PAPERS = {"a4": "A4", "letter": "Letter"}  # our name -> Playwright's format
KINDS = ("student", "worksheet", "teacher", "slides")


class PrintError(SystemExit):
    """Bad input to the print: the message names what is accepted."""


@dataclass
class Lesson:
    stem: str
    path: Path
    title: str
    era_id: str
    central_question: str
    documents: list[str] = field(default_factory=list)
    nb: nbformat.NotebookNode | None = field(default=None, repr=False)


def read_lesson(path: Path) -> Lesson:
    from helpers import data

    nb = common.read(path)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    eras = data.peek("eras")
    found = ERA_CALL.findall(code)
    by_notebook = eras[eras["notebook"] == path.name]
    era_id = found[0] if found else (by_notebook["era_id"].iloc[0] if len(by_notebook) else "")
    row = eras[eras["era_id"] == era_id]
    question = str(row["central_question"].iloc[0]) if len(row) else ""
    title = notebook_title(nb) or (str(row["title"].iloc[0]) if len(row) else path.stem)
    return Lesson(path.stem, path, title, era_id, question, DOCUMENT_CALL.findall(code), nb)


def discover(nb_dir: Path = common.NOTEBOOKS) -> list[Path]:
    """Every lesson notebook in teaching (file name) order; the index is a map, not a lesson."""
    return [p for p in common.lesson_notebooks(nb_dir) if p.name != "index.ipynb"]


def select(names: list[str] | None, nb_dir: Path = common.NOTEBOOKS) -> list[Lesson]:
    """The lessons named (by file stem, e.g. ``04_border_wars_1931_1941``, or number, ``04``),
    or all of them; an unknown name stops with the names accepted."""
    paths = discover(nb_dir)
    if not paths:
        raise PrintError(f"no lesson notebook in {nb_dir} (index.ipynb is not a lesson)")
    if not names:
        return [read_lesson(p) for p in paths]
    chosen = []
    for name in names:
        name = Path(name).stem
        hits = [p for p in paths if p.stem == name or p.stem.split("_", 1)[0] == name]
        if len(hits) != 1:
            raise PrintError(
                f"unknown lesson {name!r}; the lessons are: {', '.join(p.stem for p in paths)} "
                f"(or their numbers: {', '.join(p.stem.split('_', 1)[0] for p in paths)})"
            )
        if hits[0] not in chosen:
            chosen.append(hits[0])
    return [read_lesson(p) for p in chosen]


def paper(name: str) -> str:
    """Playwright's page format for a paper name; an unknown one stops with the accepted names."""
    key = (name or "").strip().lower()
    if key not in PAPERS:
        raise PrintError(f"unknown paper size {name!r}; choose one of: {', '.join(PAPERS)}")
    return PAPERS[key]
