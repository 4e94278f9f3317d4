"""Quizzes, exercise checks and lesson furniture."""

import json

import pytest

from helpers import data
from helpers.lesson import furniture as lesson
from helpers.lesson import questions as quiz

QUESTIONS = sorted(quiz.QUESTION_DIR.glob("*.json"))


@pytest.mark.parametrize("path", QUESTIONS, ids=lambda p: p.name)
def test_question_files_are_complete(path):
    questions = json.loads(path.read_text(encoding="utf-8"))
    assert len(questions) >= 5
    quiz.validate_questions(questions, path.name)


def test_quiz_html_has_a_radio_and_feedback_per_answer():
    questions = json.loads(QUESTIONS[0].read_text(encoding="utf-8"))
    html = quiz.quiz_html(questions)
    answers = sum(len(q["answers"]) for q in questions)
    assert html.count('type="radio"') == answers == html.count('class="cq-fb')
    assert html.count("cq-right") - 1 == len(questions)  # one correct per question (+1 in the CSS)
    assert "<script" not in html and "http" not in html


@pytest.mark.parametrize(
    "bad, message",
    [
        (
            [
                {
                    "question": "Q?",
                    "answers": [
                        {"answer": "a", "correct": True, "feedback": "f"},
                        {"answer": "b", "correct": True, "feedback": "f"},
                    ],
                }
            ],
            "exactly one",
        ),
        (
            [
                {
                    "question": "Q?",
                    "answers": [
                        {"answer": "a", "correct": True, "feedback": ""},
                        {"answer": "b", "feedback": "f"},
                    ],
                }
            ],
            "feedback",
        ),
        ([{"question": "", "answers": []}], "question"),
        (
            [
                {
                    "question": "Q?",
                    "answers": [
                        {"answer": "a", "correct": True, "feedback": "Correct. Because."},
                        {"answer": "b", "feedback": "f"},
                    ],
                }
            ],
            "opens with a verdict",
        ),
    ],
)
def test_bad_questions_are_named(bad, message):
    with pytest.raises(ValueError, match=message):
        quiz.validate_questions(bad, "x.json")


GOOD_ANSWERS = [
    {"answer": "a", "correct": True, "feedback": "f"},
    {"answer": "b", "feedback": "f"},
]


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"kind": "guessing"}, "kind 'guessing' is not one of recall, reasoning"),
        ({"kind": "reasoning"}, 'names what it is read from in "uses"'),
        ({"kind": "sourcing", "uses": "document:x"}, '"uses" must be a list'),
        ({"kind": "reading_chart", "uses": ["graph:x"]}, "write document:<id>, chart:<name>"),
    ],
)
def test_bad_kind_or_uses_is_named(extra, message):
    with pytest.raises(ValueError, match=message) as err:
        quiz.validate_questions([{"question": "Q?", "answers": GOOD_ANSWERS, **extra}], "x.json")
    assert "x.json, question 1" in str(err.value)


def test_kind_is_optional_and_recall_needs_no_uses():
    """Older copies of a questions file, without kinds, still load."""
    quiz.validate_questions([{"question": "Q?", "answers": GOOD_ANSWERS}], "x.json")
    quiz.validate_questions([{"question": "Q?", "answers": GOOD_ANSWERS, "kind": "recall"}])


def test_quiz_sections_and_unknown_section():
    lesson_id = QUESTIONS[-1].stem
    questions = json.loads(QUESTIONS[-1].read_text(encoding="utf-8"))
    section = next(q["section"] for q in questions if q.get("section"))
    html = quiz.quiz(lesson_id, section=section).data
    assert html.count("<fieldset>") == sum(q.get("section") == section for q in questions)
    with pytest.raises(ValueError, match="its sections are"):
        quiz.quiz(lesson_id, section="no_such_section")


def test_unknown_quiz_lists_available():
    with pytest.raises(FileNotFoundError, match="04_border_wars"):
        quiz.quiz("99_nothing")


def test_key_terms_come_from_the_glossary():
    g = data.load("glossary").iloc[0]
    out = lesson.key_terms([g["term"], "Not a real term"]).data
    assert g["name_ja"] in out and "Not yet in the glossary: Not a real term" in out


def test_further_reading_groups_by_perspective():
    out = lesson.further_reading("border_wars").data
    assert "perspective</h4>" in out and "<li>" in out


@pytest.mark.parametrize(
    "path", sorted(lesson.NARRATIVE_SOURCES.glob("*.json")), ids=lambda p: p.name
)
def test_narrative_sources_resolve(path):
    entries = json.loads(path.read_text(encoding="utf-8"))
    ids = set(data.load("sources")["source_id"])
    assert entries and all(e["statement"] and e["source_ids"] for e in entries)
    missing = {s for e in entries for s in e["source_ids"]} - ids
    assert not missing, missing
    assert "<table" in lesson.narrative_sources(path.stem).data
