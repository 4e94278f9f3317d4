"""Every lesson follows pattern v2: a central question, documents from several sides, at most
five charts, questions about what students just read, a scaffolded exercise, written prompts
and a written task with the rubric, teacher notes beside each section, what happened next."""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from helpers import data
from helpers.lesson import questions as quiz
from helpers.lesson import timing

from .conftest import ROOT

ERAS = data.load("eras").set_index("era_id")
DOCS = data.load("documents")
LESSONS = {era_id: ROOT / "notebooks" / era.notebook for era_id, era in ERAS.iterrows()}
ERA_LESSONS = {k: v for k, v in LESSONS.items() if k not in ("orientation", "capstone")}
CORE_WORDS = 1600  # "a core reading of at most about 1,500 words"
UNPAIRED_SECTIONS = ("Further reading", "Sources of this lesson")


def cells(era_id):
    path = LESSONS[era_id]
    if not path.exists():
        pytest.fail(f"notebooks/{path.name}, the lesson of era {era_id} in eras.csv, is missing")
    return nbformat.read(path, as_version=4).cells


def test_every_era_has_its_lesson_notebook():
    missing = [f"{era_id}: notebooks/{p.name}" for era_id, p in LESSONS.items() if not p.exists()]
    assert not missing, "eras.csv names lessons that do not exist: " + ", ".join(missing)


def tags(cell):
    return set(cell.metadata.get("tags", []))


def calls(era_id, name):
    """Arguments of every call ``name("...")`` in the lesson's code cells."""
    pattern = re.compile(rf'\b{name}\(\s*"([^"]+)"')
    return [m for c in cells(era_id) if c.cell_type == "code" for m in pattern.findall(c.source)]


def test_every_era_has_a_central_question_and_class_time():
    assert ERAS["central_question"].str.endswith("?").all()
    assert (ERAS["periods"] >= 1).all()


@pytest.mark.parametrize("era_id", LESSONS)
def test_lesson_opens_with_its_central_question(era_id):
    first_code = next(
        c for c in cells(era_id) if c.cell_type == "code" and "central_question(" in c.source
    )
    assert f'central_question("{era_id}")' in first_code.source
    assert cells(era_id).index(first_code) <= 3, (
        "the central question comes at the top of the lesson"
    )


def class_path_documents(era_id):
    """The documents whose cards are on the lesson's class path (not go deeper, not homework)."""
    path = LESSONS[era_id]
    return timing.class_documents(nbformat.read(path, as_version=4), f"notebooks/{path.name}")


@pytest.mark.parametrize("era_id", ERA_LESSONS)
def test_documents_from_three_perspectives(era_id):
    shown = class_path_documents(era_id)
    assert 4 <= len(set(shown)) <= 6, f"{len(set(shown))} documents in the core path"
    persp = set(DOCS.set_index("document_id").loc[shown, "perspective"].astype(str))
    assert len(persp - {"other"}) >= 3 and {"japanese", "russian_soviet"} <= persp, persp


@pytest.mark.parametrize("era_id", ERA_LESSONS)
def test_a_voice_that_is_not_a_government_in_class(era_id):
    shown = DOCS.set_index("document_id").loc[class_path_documents(era_id)]
    assert (shown["voice"] == "non_state").any(), (
        f"notebooks/{LESSONS[era_id].name}: every card on the class path speaks for a state "
        f"({', '.join(shown.index)}); put a non_state document (documents.csv `voice`) there"
    )


def test_orientation_teaches_sourcing_on_documents():
    shown = calls("orientation", "document")
    assert 2 <= len(set(shown)) <= 3


@pytest.mark.parametrize("era_id", LESSONS)
def test_at_most_five_charts_each_introduced_by_a_question(era_id):
    cs = cells(era_id)
    charts = [i for i, c in enumerate(cs) if c.cell_type == "code" and "show(" in c.source]
    assert 1 <= len(charts) <= 5, f"{len(charts)} charts"
    for i in charts:
        before = next(
            c for c in reversed(cs[:i]) if c.cell_type == "markdown" and "teacher" not in tags(c)
        )
        assert "?" in before.source, (
            f"cell {i}: the chart is not introduced by the question it answers"
        )


@pytest.mark.parametrize("era_id", LESSONS)
def test_core_path_fits_a_period(era_id):
    core = [c for c in cells(era_id) if "core" in tags(c)]
    words = sum(len(re.sub(r"[#*_`>|-]", " ", c.source).split()) for c in core)
    assert core and words <= CORE_WORDS * ERAS.at[era_id, "periods"], f"core path has {words} words"


@pytest.mark.parametrize("era_id", LESSONS)
def test_written_prompts_and_task(era_id):
    cs = cells(era_id)
    responses = [i for i, c in enumerate(cs) if "response" in tags(c)]
    assert len(responses) >= 3, (
        "two or three written prompts plus the written task need a place to write"
    )
    assert all(cs[i].cell_type == "markdown" for i in responses)
    task = next(
        i for i, c in enumerate(cs) if c.cell_type == "code" and "writing_task(" in c.source
    )
    assert task + 1 in responses, "the written task is followed by a place to write"
    model = "\n".join(
        c.source for c in cs if "teacher" in tags(c) and "model answer" in c.source.lower()
    )
    levels = {int(n) for n in re.findall(r"\*Level (\d) \(\w+\) model answer", model)}
    assert {2, 3, 4} <= levels, f"model answers at levels {sorted(levels)}, not 2, 3 and 4"


@pytest.mark.parametrize("era_id", LESSONS)
def test_teacher_notes_beside_every_section(era_id):
    cs = cells(era_id)
    first_teacher = next(c for c in cs if "teacher" in tags(c))
    assert "at a glance" in first_teacher.source.lower()
    section, seen = None, True
    for c in cs + [nbformat.v4.new_markdown_cell("## end")]:
        if c.cell_type == "markdown" and c.source.startswith("## ") and "teacher" not in tags(c):
            assert seen or section.startswith(UNPAIRED_SECTIONS), (
                f"section '{section}' has no teacher note"
            )
            section, seen = c.source.splitlines()[0][3:], False
        seen = seen or "teacher" in tags(c)
    headings = [
        c.source.splitlines()[0]
        for c in cs
        if c.cell_type == "markdown" and c.source.startswith("## ")
    ]
    assert "## What happened next" in headings


@pytest.mark.parametrize("era_id", LESSONS)
def test_exercise_is_scaffolded(era_id):
    cs = cells(era_id)
    checks = [c for c in cs if c.cell_type == "code" and re.search(r"\.check_\w+\(", c.source)]
    assert len(checks) >= 4, "each step of the exercise has its own check"
    solution = [c for c in cs if "solution" in tags(c)]
    assert solution, "the worked solution is a hidden cell"
    assert any("interpret" in c.source.lower() for c in solution if c.cell_type == "markdown")


@pytest.mark.parametrize("era_id", LESSONS)
def test_questions_are_about_what_students_read(era_id):
    path = quiz.QUESTION_DIR / f"{LESSONS[era_id].stem}.json"
    questions = json.loads(path.read_text(encoding="utf-8"))
    about = [q for q in questions if q.get("about")]
    assert len(about) * 2 >= len(questions)
    shown = set(calls(era_id, "document"))
    for q in about:
        kind, _, ref = q["about"].partition(":")
        assert kind in ("document", "chart", "data"), q["about"]
        if kind == "document":
            assert ref in shown, f"question about {ref}, which the lesson does not show"


def test_every_document_resolves_and_every_lesson_document_exists():
    sources = set(data.load("sources")["source_id"])
    assert set(DOCS["source_id"]) <= sources
    for era_id in LESSONS:
        assert set(calls(era_id, "document")) <= set(DOCS["document_id"])


@pytest.mark.parametrize("era_id", LESSONS)
def test_every_question_is_shown_in_the_lesson(era_id):
    path = quiz.QUESTION_DIR / f"{LESSONS[era_id].stem}.json"
    sections = {q.get("section") for q in json.loads(path.read_text(encoding="utf-8"))}
    shown = set(
        re.findall(
            r'section="([^"]+)"',
            "\n".join(c.source for c in cells(era_id) if c.cell_type == "code"),
        )
    )
    assert None not in sections, (
        "every question needs a section, the place in the lesson where it is asked"
    )
    assert sections == shown, f"sections in the file {sections}, shown in the lesson {shown}"
