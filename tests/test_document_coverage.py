"""Every document in the data reaches students as a card, and nothing sends a student to a
document they have not been shown: a card's questions may name documents shown in the same
lesson or an earlier one; a quiz question or written task only documents its own lesson shows."""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from helpers import data

from .conftest import ROOT

ERAS = data.load("eras").sort_values("order").set_index("era_id")
DOCS = data.load("documents").set_index("document_id")
CARD = re.compile(r'\bdocument\(\s*"([^"]+)"')
QUIZ_REF = re.compile(r"document:([a-z0-9_]+)")


def cards(era_id: str) -> set[str]:
    """The documents the lesson shows as cards (core path or go deeper)."""
    nb = nbformat.read(ROOT / "notebooks" / ERAS.loc[era_id, "notebook"], as_version=4)
    return {m for c in nb.cells if c.cell_type == "code" for m in CARD.findall(c.source)}


SHOWN = {era_id: cards(era_id) for era_id in ERAS.index}


def seen_by(era_id: str) -> set[str]:
    """Documents a student has met by the end of this lesson (the capstone: the whole course)."""
    order = list(ERAS.index)
    upto = order if era_id == "capstone" else order[: order.index(era_id) + 1]
    return set().union(*(SHOWN[e] for e in upto))


def test_every_document_is_shown_as_a_card_somewhere():
    shown = set().union(*SHOWN.values())
    missing = sorted(set(DOCS.index) - shown)
    assert not missing, (
        f"documents.csv rows no lesson shows: {missing}; add a document(...) card to a lesson "
        "(a 'deeper' cell if the core path is full) or the capstone"
    )


@pytest.mark.parametrize("era_id", list(ERAS.index))
def test_card_questions_name_only_documents_already_shown(era_id):
    seen = seen_by(era_id)
    bad = []
    for doc_id in sorted(SHOWN[era_id]):
        card = DOCS.loc[doc_id]
        for field in ("headnote", "q_sourcing", "q_context", "q_corroboration"):
            named = {d for d in DOCS.index if d != doc_id and d in str(card[field])}
            bad += [f"{doc_id}.{field} -> {d}" for d in sorted(named - seen)]
    assert not bad, (
        f"notebooks/{ERAS.loc[era_id, 'notebook']}: card questions name documents the student "
        f"has not been shown by this lesson: {bad}"
    )


@pytest.mark.parametrize("era_id", list(ERAS.index))
def test_quiz_questions_use_only_documents_the_lesson_shows(era_id):
    path = (
        ROOT / "notebooks" / "questions" / ERAS.loc[era_id, "notebook"].replace(".ipynb", ".json")
    )
    refs = set(QUIZ_REF.findall(json.dumps(json.loads(path.read_text("utf-8")))))
    missing = sorted(refs - SHOWN[era_id])
    assert not missing, f"{path.name}: questions use documents the lesson does not show: {missing}"


def test_written_tasks_use_only_documents_their_lesson_shows():
    bad = [
        f"{row.response_id} -> {doc_id}"
        for row in data.load("short_responses").itertuples()
        for doc_id in str(row.document_ids).split(";")
        if doc_id and doc_id not in SHOWN[row.era_id]
    ]
    assert not bad, f"short_responses.csv: tasks name documents their lesson does not show: {bad}"
