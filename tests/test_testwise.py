"""The multiple-choice items cannot be gamed: a student who reads only the options, as the quiz
shows them, scores about chance, and the items ask for reading and reasoning, not recall."""

from __future__ import annotations

import re

import pytest

from helpers import data
from helpers.lesson import questions as quiz

from . import testwise
from .test_lesson_pattern import ERA_LESSONS, LESSONS, calls, cells

LESSONS_BY_STEM = {path.stem: era_id for era_id, path in LESSONS.items()}
ITEMS = testwise.items()
EVERY = [q for qs in ITEMS.values() for q in qs]
MARGIN = 0.10  # points above chance a strategy may score course-wide
LESSON_CAP = 0.50  # and in any one lesson
RANK_CAP = 0.35  # share of items in which the right answer has any one length rank
READ = ("reasoning", "sourcing", "corroboration", "reading_document", "reading_chart")


@pytest.mark.parametrize("strategy", testwise.STRATEGIES)
def test_no_strategy_beats_chance_course_wide(strategy):
    got = sum(testwise.score(strategy, q) for q in EVERY) / len(EVERY)
    base = sum(testwise.chance(q) for q in EVERY) / len(EVERY)
    assert got <= base + MARGIN, f"'{strategy}' scores {got:.0%} (chance {base:.0%})"


@pytest.mark.parametrize("strategy", testwise.STRATEGIES)
@pytest.mark.parametrize("lesson", ITEMS)
def test_no_strategy_wins_a_lesson(strategy, lesson):
    got = sum(testwise.score(strategy, q) for q in ITEMS[lesson]) / len(ITEMS[lesson])
    assert got <= LESSON_CAP, f"'{strategy}' scores {got:.0%} in {lesson}"


def test_length_rank_of_the_right_answer_is_spread():
    ranks = [testwise.length_rank(testwise.shown(q), testwise.right_position(q)) for q in EVERY]
    for rank in set(ranks):
        assert ranks.count(rank) <= RANK_CAP * len(ranks), (
            f"the right answer has length rank {rank} in {ranks.count(rank)} of {len(ranks)} items"
        )


def test_a_strategy_that_knows_the_pattern_is_caught():
    """The checks can fail: items whose right answer is always the longest fail them."""
    rigged = {
        "question": "Which?",
        "answers": [
            {"answer": "a much longer and more careful answer", "correct": True, "feedback": "f"},
            {"answer": "short", "correct": False, "feedback": "f"},
            {"answer": "brief", "correct": False, "feedback": "f"},
        ],
    }
    assert testwise.score("longest", rigged) == 1
    assert testwise.score("shortest", rigged) == 0
    assert testwise.length_rank(testwise.shown(rigged), testwise.right_position(rigged)) == 1


def test_display_order_is_stable_shuffled_and_what_the_quiz_shows():
    orders = [quiz.display_order(q) for q in EVERY]
    assert orders == [quiz.display_order(q) for q in EVERY]
    assert sum(o != sorted(o) for o in orders) > len(orders) / 2, "most items are shuffled"
    for q in ITEMS[next(iter(ITEMS))]:
        html = quiz.quiz_html([q])
        labels = re.findall(r"<label[^>]*>([^<]*)</label>", html)
        assert labels == [quiz.html.escape(a) for a in testwise.shown(q)]


def test_options_are_rendered_only_by_the_quiz():
    """The site, slides and print show the executed quiz; nothing else lays out the options."""
    from .conftest import ROOT

    for path in (ROOT / "publish").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert '["answers"]' not in text and "display_order" not in text, path


def test_every_item_has_a_kind():
    for lesson, qs in ITEMS.items():
        for n, q in enumerate(qs, start=1):
            assert q.get("kind") in quiz.KINDS, f"{lesson}, item {n}: kind {q.get('kind')!r}"


def test_items_ask_for_reading_and_reasoning_not_recall():
    kinds = [q["kind"] for q in EVERY]
    read = sum(k in READ for k in kinds)
    assert read >= 0.60 * len(kinds), f"{read} of {len(kinds)} items ask for reading or reasoning"
    assert kinds.count("recall") <= 0.15 * len(kinds), f"{kinds.count('recall')} recall items"


@pytest.mark.parametrize("era_id", ERA_LESSONS)
def test_every_era_lesson_has_seven_items(era_id):
    assert len(ITEMS[LESSONS[era_id].stem]) >= 7


CHARTS = re.compile(r"show\(\s*(?:\w+\.)+(\w+)\(")


@pytest.mark.parametrize("lesson", ITEMS)
def test_what_an_item_uses_is_in_its_lesson(lesson):
    """A reasoning item names the document, chart or table it is read from, and the lesson
    shows it; a corroboration item sets at least two against each other."""
    era_id = LESSONS_BY_STEM[lesson]
    documents = data.load("documents").set_index("document_id")
    shown_documents = set(calls(era_id, "document"))
    code = "\n".join(c.source for c in cells(era_id) if c.cell_type == "code")
    charts = set(CHARTS.findall(code))
    text = "\n".join(c.source for c in cells(era_id))
    tables = {t for t in data.load_all() if re.search(rf"\b{t}\b", text)}
    for n, q in enumerate(ITEMS[lesson], start=1):
        where = f"{lesson}, item {n}"
        uses = [u.partition(":")[::2] for u in q.get("uses", [])]
        for kind, ref in uses:
            if kind == "document":
                assert ref in documents.index, f"{where}: no document {ref!r} in documents.csv"
                assert ref in shown_documents, f"{where}: {ref} is not shown in the lesson"
            elif kind == "chart":
                assert ref in charts, f"{where}: the lesson shows no chart {ref}(); it has {charts}"
            else:
                assert ref in tables, f"{where}: the lesson shows no table {ref!r}"
        kinds = [k for k, _ in uses]
        if q["kind"] == "reading_document":
            assert "document" in kinds, f"{where}: a reading_document item names its document"
        if q["kind"] == "reading_chart":
            assert {"chart", "data"} & set(kinds), f"{where}: names no chart or table"
        if q["kind"] == "corroboration":
            assert len(uses) >= 2, f"{where}: corroboration sets two sources against each other"


NAMED_EVIDENCE = re.compile(
    r"\b(document [A-Z]|chart|map|timeline|table|figures?|counts?|gives)\b|\d"
)


def names_document(text: str, document) -> bool:
    """The question names the document: by its letter on the card, a name from its title or
    author, or its year."""
    names = re.findall(r"[A-Z][\w'-]{3,}", f"{document.title} {document.author}")
    lower = text.lower()
    return (
        bool(re.search(r"\bdocument [A-Z]\b", text))
        or str(document.date)[:4] in text
        or any(re.sub(r"'s$", "", name).lower() in lower for name in names)
    )


def test_an_item_that_reads_evidence_names_it_in_the_question():
    """A tag alone does not make an item reasoning: a student must be told what to read."""
    documents = data.load("documents").set_index("document_id")
    for lesson, qs in ITEMS.items():
        for n, q in enumerate(qs, start=1):
            if q["kind"] == "recall":
                continue
            text = q["question"]
            named = any(
                names_document(text, documents.loc[ref])
                if kind == "document"
                else bool(NAMED_EVIDENCE.search(text))
                for kind, _, ref in (u.partition(":") for u in q["uses"])
            )
            assert named, f"{lesson}, item {n}: the question does not say what to read: {text}"
