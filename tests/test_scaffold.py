"""The sourcing, context and corroboration questions on the document cards fade across the
course: lessons 00-02 state a premise and then ask, 03-05 give a short hint, 06-08 ask the bare
questions and leave the premise to the teacher note after the card."""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers import data

from .conftest import ROOT

ERAS = data.load("eras").set_index("era_id")
DOCS = data.load("documents")
QUESTIONS = ("q_sourcing", "q_context", "q_corroboration")
BARE_SOURCING = "Source it: who wrote this, when, for whom?"
BARE_CONTEXT = "Place it in its time."
BARE_COMPARE = re.compile(r"^Compare it with document ([A-Z])\.$")
HINT_WORDS = 25  # a short hint and its question
PREMISE = re.compile(r"[:;]\s|[.)]\s+[A-Z]")  # a statement before the question
DOCUMENT = re.compile(r'\bdocument\("([^"]+)"\)')


def stage(era_id: str) -> str:
    order = int(ERAS.at[era_id, "order"])
    return "premise" if order <= 2 else "hint" if order <= 5 else "bare"


def rows(wanted: str):
    return [
        pytest.param(row, id=row.document_id)
        for row in DOCS.itertuples()
        if stage(row.era_id) == wanted
    ]


def lesson_cells(era_id: str):
    return nbformat.read(ROOT / "notebooks" / ERAS.at[era_id, "notebook"], as_version=4).cells


def letters(era_id: str) -> dict[str, str]:
    """Each document's letter: the order in which the lesson shows the cards."""
    shown = [
        d for c in lesson_cells(era_id) if c.cell_type == "code" for d in DOCUMENT.findall(c.source)
    ]
    return {d: chr(ord("A") + i) for i, d in enumerate(dict.fromkeys(shown))}


@pytest.mark.parametrize("row", rows("premise"))
def test_first_lessons_state_a_premise_then_ask(row):
    text = row.q_sourcing  # who made the document and for whom: the inference to scaffold first
    assert text.endswith("?") and PREMISE.search(text[: text.rindex("?")]), (
        f"{row.document_id}: lessons 00-02 state the source's premise before the question: {text}"
    )
    for col in QUESTIONS:
        assert not BARE_COMPARE.match(getattr(row, col))
        assert getattr(row, col) not in (BARE_SOURCING, BARE_CONTEXT)


@pytest.mark.parametrize("row", rows("hint"))
def test_middle_lessons_give_a_short_hint(row):
    for col in QUESTIONS:
        text = getattr(row, col)
        assert len(text.split()) <= HINT_WORDS, (
            f"{row.document_id} {col}: lessons 03-05 give a hint of at most {HINT_WORDS} words, "
            f"not a full premise: {text}"
        )
        assert text not in (BARE_SOURCING, BARE_CONTEXT) and not BARE_COMPARE.match(text)


@pytest.mark.parametrize("row", rows("bare"))
def test_last_lessons_ask_bare_questions(row):
    assert row.q_sourcing == BARE_SOURCING
    assert row.q_context == BARE_CONTEXT
    found = BARE_COMPARE.match(row.q_corroboration)
    assert found, f"{row.document_id}: ask 'Compare it with document X.'"
    lettered = letters(row.era_id)
    assert found.group(1) in lettered.values(), "compare it with a document this lesson shows"
    assert found.group(1) != lettered.get(row.document_id), "compare it with another document"


@pytest.mark.parametrize("row", rows("bare"))
def test_the_premise_moves_to_the_teacher_note_after_the_card(row):
    cells = lesson_cells(row.era_id)
    at = next(i for i, c in enumerate(cells) if f'document("{row.document_id}")' in c.source)
    note = cells[at + 1]
    letter = letters(row.era_id)[row.document_id]
    assert "teacher" in note.metadata.get("tags", []), "a teacher note follows the card"
    assert note.source.startswith(f"**Document {letter}:")
    for part in ("*Sourcing:*", "*Context:*", "*Corroboration:*"):
        assert part in note.source
    assert len(note.source.split()) > 40, "the note gives the premises, not only their labels"
