"""The student edition (``make student``): no solution and no teacher cell left, and every
notebook still runs top to bottom in a fresh kernel."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import ROOT
from .offline_kernel import kernel_manager

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
REMOVED = {"solution", "teacher"}
OUT = ROOT / "_build" / "student"


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []) or [])


def _significant_lines(source: str) -> list[str]:
    """Lines of a removed cell that would give its content away (not blank, not trivial)."""
    lines = []
    for line in source.splitlines():
        stripped = line.strip()
        if len(re.sub(r"\W", "", stripped)) >= 12:
            lines.append(stripped)
    return lines


@pytest.fixture(scope="module")
def student_dir() -> Path:
    from publish import student

    student.build(OUT)
    return OUT


def test_one_student_notebook_per_lesson(student_dir):
    assert sorted(p.name for p in student_dir.glob("*.ipynb")) == sorted(p.name for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_solution_or_teacher_cell_left(student_dir, path):
    original = nbformat.read(path, as_version=4)
    student = nbformat.read(student_dir / path.name, as_version=4)
    assert not [i for i, c in enumerate(student.cells) if REMOVED & _tags(c)]
    kept = [c for c in original.cells if not REMOVED & _tags(c)]
    assert [c.source for c in student.cells] == [c.source for c in kept], (
        "a cell other than solution/teacher was lost or changed"
    )
    assert all(not c.get("outputs") for c in student.cells if c.cell_type == "code"), (
        "outputs were not cleared"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_solution_text_remains(student_dir, path):
    """Every distinctive line of a removed cell is absent from the student file, unless the
    same line also appears in a cell students are meant to see (e.g. a shared import)."""
    original = nbformat.read(path, as_version=4)
    removed = [c for c in original.cells if REMOVED & _tags(c)]
    if not removed:
        pytest.skip(f"{path.name} has no solution or teacher cell")
    visible = "\n".join(c.source for c in original.cells if not REMOVED & _tags(c))
    text = (student_dir / path.name).read_text(encoding="utf-8")
    student_sources = "\n".join(c.source for c in nbformat.reads(text, as_version=4).cells)
    leaked = [
        line
        for cell in removed
        for line in _significant_lines(cell.source)
        if line in student_sources and line not in visible
    ]
    assert not leaked, (
        f"{path.name}: solution/teacher text left in the student edition: {leaked[:5]}"
    )


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_student_notebook_executes(student_dir, path, tmp_path):
    """Removing the solutions must not break the cells after them (in a fresh, offline kernel,
    as in tests/test_notebooks.py)."""
    nb = nbformat.read(student_dir / path.name, as_version=4)
    km = kernel_manager(tmp_path, cwd=student_dir)
    NotebookClient(nb, km=km, timeout=120, allow_errors=True).execute()
    errors = [
        (i, o.ename, o.evalue)
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.output_type == "error"
    ]
    assert not errors, f"{path.name} (student edition): error outputs in cells {errors}"


@pytest.mark.parametrize(
    "path", [p for p in NOTEBOOKS if p.name != "index.ipynb"], ids=lambda p: p.name
)
def test_student_keeps_documents_and_prompts_but_no_model_answer(student_dir, path):
    """Students read every document and write in every answer cell; model answers stay with the
    teacher.
    """
    original = nbformat.read(path, as_version=4)
    student = nbformat.read(student_dir / path.name, as_version=4)

    def count(nb, test):
        return sum(1 for c in nb.cells if test(c))

    def is_document(c):
        return c.cell_type == "code" and "document(" in c.source

    def is_response(c):
        return "response" in _tags(c)

    assert count(student, is_document) == count(original, is_document) > 0
    assert count(student, is_response) == count(original, is_response) >= 3
    assert count(original, lambda c: "model answer" in c.source.lower()) > 0
    assert (
        count(
            student,
            lambda c: (
                "model answer" in c.source.lower() or "model interpretation" in c.source.lower()
            ),
        )
        == 0
    )
