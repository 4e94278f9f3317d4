"""How long a lesson takes in class, computed from what the notebook asks students to do, so the
minutes a teacher plans with can never drift from the lesson.

A lesson is cut into sections at its ``## `` headings. Each heading cell says in its metadata
which path the section belongs to (``"lesson_path"``): ``core`` (the first class period),
``second`` (a declared second period, after a marked break), ``deeper`` or ``homework``. A cell
tagged ``deeper`` or ``homework`` leaves the path of its section. Teacher notes, solutions and
the places to write are not student reading and take no time of their own.

The rates are those the course promises teachers (the README states them): narrative and
adapted excerpts 150 words a minute, verbatim excerpts 100, 1.5 minutes per document card for
its headnote and questions, 1 per quiz item, a timed write its stated minutes (5 if unstated),
3 per chart task, 15 for the written task, 5 per discussion.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import data
from ..locations import CHECKOUT, notebook_file

if TYPE_CHECKING:  # nbformat's import costs a lesson about 1 s (jsonschema): read_lesson loads it
    import nbformat

NARRATIVE_WPM = 150
ADAPTED_WPM = 150
VERBATIM_WPM = 100
CARD_MINUTES = 1.5
QUIZ_ITEM_MINUTES = 1
WRITE_MINUTES = 5  # a timed write that states no minutes
CHART_MINUTES = 3
WRITTEN_TASK_MINUTES = 15
DISCUSSION_MINUTES = 5
PERIOD_MINUTES = 50

PATH_KEY = "lesson_path"
PATHS = ("core", "second", "deeper", "homework")
IN_CLASS = ("core", "second")
PATH_NAMES = {
    "core": "First period",
    "second": "Second period",
    "deeper": "Go deeper",
    "homework": "Homework",
}
NOT_READ = {"teacher", "solution", "response"}

_CALL = r"""\b{}\(\s*["']([^"']+)["']"""
DOCUMENT = re.compile(_CALL.format("document"))
QUIZ = re.compile(r"""\bquiz\(\s*["']([^"']+)["']\s*,\s*section\s*=\s*["']([^"']+)["']""")
SHORT = re.compile(_CALL.format("short_response"))
CENTRAL = re.compile(_CALL.format("central_question"))
KEY_TERMS = re.compile(r"\bkey_terms\(\s*\[([^\]]*)\]")
TIMED_WRITE = re.compile(r"^\*\*(?:Write|Interpret)\b([^*]*)\*\*", re.M)
STATED_MINUTES = re.compile(r"\((\d+) minutes?\)")
DISCUSSION = re.compile(r"^##\s+(?:\d+\.\s*)?Discussion", re.I)
HEADING = re.compile(r"^##\s+(.*)")


@dataclass(frozen=True)
class Section:
    """One ``## `` section of a lesson: its heading, its path and the minutes of each path its
    cells fall on (a ``deeper`` cell inside a core section counts as deeper)."""

    heading: str
    path: str
    minutes: dict[str, float]


def words(text: str) -> int:
    """Words a reader reads: markdown punctuation, bare symbols and HTML markup are not words,
    and a page's alternative wording in a comment (the static one) is not read twice."""
    text = re.sub(r"<!--.*?-->|<[^>]+>", " ", text, flags=re.S)
    return len(re.sub(r"[#*_`>|\-]", " ", text).split())


def card_minutes(document_id: str) -> float:
    """A document card: its headnote and questions, and its excerpt read in the version shown
    first (the adapted one where it exists, else the verbatim English)."""
    adapted = data.peek("adapted_excerpts").set_index("document_id")["excerpt_adapted"]
    if document_id in adapted.index:
        return CARD_MINUTES + words(adapted[document_id]) / ADAPTED_WPM
    docs = data.peek("documents").set_index("document_id")
    if document_id not in docs.index:
        raise KeyError(f"the lesson shows document {document_id!r}, which documents.csv lacks")
    return CARD_MINUTES + words(docs.at[document_id, "excerpt_en"]) / VERBATIM_WPM


def quiz_items(lesson: str, section: str) -> int:
    """How many questions ``quiz(lesson, section=...)`` asks."""
    questions = json.loads(notebook_file("questions", f"{lesson}.json").read_text("utf-8"))
    return sum(q.get("section") == section for q in questions)


def _key_terms_minutes(source: str) -> float:
    glossary = data.peek("glossary").set_index("term")["definition"]
    terms = re.findall(r"""["']([^"']+)["']""", "".join(KEY_TERMS.findall(source)))
    return sum(words(glossary.get(t, "")) for t in terms) / NARRATIVE_WPM


def code_minutes(source: str) -> float:
    """Class time of a code cell, from the course calls it makes."""
    minutes = sum(card_minutes(d) for d in DOCUMENT.findall(source))
    minutes += sum(QUIZ_ITEM_MINUTES * quiz_items(*m) for m in QUIZ.findall(source))
    shorts = data.peek("short_responses").set_index("response_id")["minutes"]
    minutes += sum(float(shorts[r]) for r in SHORT.findall(source))
    minutes += CHART_MINUTES * source.count("show(")
    minutes += WRITTEN_TASK_MINUTES * source.count("writing_task(")
    return minutes + _key_terms_minutes(source)


def markdown_minutes(source: str, discussion: bool) -> float:
    """Class time of a markdown cell: a discussion or a timed write takes its own minutes,
    anything else is read at the narrative rate."""
    if discussion:
        return DISCUSSION_MINUTES
    write = TIMED_WRITE.search(source)
    if write:
        stated = STATED_MINUTES.search(write.group(1))
        return float(stated.group(1)) if stated else WRITE_MINUTES
    return words(source) / NARRATIVE_WPM


def walk(nb: nbformat.NotebookNode, name: str = "the lesson"):
    """``(heading, path, cell, opens_section)`` for every cell a student reads, in order; the
    opening before the first heading is core. A heading without a path is an error naming the
    heading and the values."""
    heading, current = "Opening", "core"
    for cell in nb.cells:
        match = HEADING.match(cell.source) if cell.cell_type == "markdown" else None
        if match:
            heading = match.group(1).strip()
            current = cell.metadata.get(PATH_KEY)
            if current not in PATHS:
                raise ValueError(
                    f"{name}: the heading '## {heading}' has lesson_path {current!r} in "
                    f"its cell metadata; set it to one of {', '.join(PATHS)}"
                )
        tags = set(cell.metadata.get("tags", []))
        if not tags & NOT_READ:
            where = next((p for p in ("deeper", "homework") if p in tags), current)
            yield heading, where, cell, bool(match)


def sections(nb: nbformat.NotebookNode, name: str = "the lesson") -> list[Section]:
    """The sections of lesson ``nb`` (its file ``name``) in order, with the minutes of each path
    their cells fall on."""
    found: list[Section] = []
    heading, current, minutes = "Opening", "core", dict.fromkeys(PATHS, 0.0)
    for cell_heading, where, cell, opens in walk(nb, name):
        if opens:
            found.append(Section(heading, current, minutes))
            heading, current, minutes = cell_heading, where, dict.fromkeys(PATHS, 0.0)
        if cell.cell_type == "code":
            minutes[where] += code_minutes(cell.source)
        elif cell.cell_type == "markdown":
            discussion = bool(DISCUSSION.match("## " + heading)) and not opens
            minutes[where] += markdown_minutes(cell.source, discussion)
    found.append(Section(heading, current, minutes))
    return found


def class_documents(nb: nbformat.NotebookNode, name: str = "the lesson") -> list[str]:
    """The documents whose cards are on the lesson's class path (core and second period)."""
    return [
        doc
        for _, where, cell, _ in walk(nb, name)
        if where in IN_CLASS and cell.cell_type == "code"
        for doc in DOCUMENT.findall(cell.source)
    ]


def read_lesson(path: Path) -> nbformat.NotebookNode:
    import nbformat

    return nbformat.read(path, as_version=4)


def lesson_minutes(nb: nbformat.NotebookNode, name: str = "the lesson") -> dict[str, int]:
    """Whole minutes of each path of the lesson (rounded up: a plan needs the full minute)."""
    totals = dict.fromkeys(PATHS, 0.0)
    for section in sections(nb, name):
        for p, m in section.minutes.items():
            totals[p] += m
    return {p: -int(-m // 1) for p, m in totals.items()}


def periods_needed(minutes: dict[str, int]) -> int:
    """Class periods the lesson declares: one, and a second when it has a second-period path."""
    return 1 + (minutes["second"] > 0)


def declared_periods(nb: nbformat.NotebookNode) -> int | None:
    """The periods ``eras.csv`` gives the lesson, found by the era its central question names."""
    for cell in nb.cells:
        found = CENTRAL.search(cell.source) if cell.cell_type == "code" else None
        if found:
            eras = data.peek("eras").set_index("era_id")["periods"]
            return int(eras[found.group(1)]) if found.group(1) in eras.index else None
    return None


def lesson_path(notebook: str) -> Path | None:
    """The lesson notebook beside the running notebook or in the checkout, if present."""
    for candidate in (Path.cwd() / notebook, CHECKOUT / "notebooks" / notebook):
        if candidate.is_file():
            return candidate
    return None


def timing_markdown(nb: nbformat.NotebookNode, name: str = "the lesson") -> str:
    """The teacher's timing note: minutes per section and path, computed from the lesson."""
    total = lesson_minutes(nb, name)
    periods = declared_periods(nb) or periods_needed(total)
    shown = [p for p in PATHS if total[p]]
    lines = [
        "**Timing (computed from this lesson).** "
        f"Core path {total['core'] + total['second']} min: "
        f"{'one period' if periods == 1 else f'{periods} periods'} of {PERIOD_MINUTES} min "
        "declared. "
        f"Optional: {total['deeper']} min to go deeper, {total['homework']} min of homework "
        "(cells marked *go deeper* are left out of the core path). Rates: narrative and adapted "
        f"texts {NARRATIVE_WPM} words a minute, verbatim excerpts {VERBATIM_WPM}; "
        f"{CARD_MINUTES} min per document card, {QUIZ_ITEM_MINUTES} per quiz item, timed writes "
        f"as stated ({WRITE_MINUTES} if not), {CHART_MINUTES} per chart, "
        f"{WRITTEN_TASK_MINUTES} for the written task, {DISCUSSION_MINUTES} per discussion.",
        "",
        "| Section | " + " | ".join(PATH_NAMES[p] for p in shown) + " |",
        "| --- |" + " ---: |" * len(shown),
    ]
    for s in sections(nb, name):
        if any(s.minutes[p] >= 0.5 for p in shown):
            cells = " | ".join(f"{s.minutes[p]:.0f}" if s.minutes[p] >= 0.5 else "" for p in shown)
            lines.append(f"| {s.heading} | {cells} |")
    return "\n".join(lines)
