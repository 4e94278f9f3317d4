"""What students and teachers read speaks the course's own language, not its makers': no
"seed", no commissioning body, no file or folder names, no raw ids of documents,
sources or data rows. A lesson names a document by its letter or its title, and a figure by
what it counts.

Read: every markdown cell of every notebook (lesson text and teacher notes), the questions
files' questions, answers and feedback, every prose column of every data table (headnotes,
card questions, short responses, model answers, glossary, notes shown on charts), and the
HTML that document cards and quizzes render. Code is exempt where it calls a helper with an
id (``document("...")``), because the reader runs it rather than reads it; what it prints is
checked through the rendered cards and quizzes."""

from __future__ import annotations

import html
import json
import re
from functools import cache

import nbformat
import pytest

from helpers import data
from helpers.lesson import documents, questions
from helpers.lesson.course import data_overview
from helpers.lesson.furniture import further_reading
from publish.print import worksheet

from .conftest import ROOT

WORDS = {
    "seed": re.compile(r"\bseeds?\b", re.I),
    "file or folder name": re.compile(
        r"\blessons_data\b|\bdatapackage\b|\b[\w-]+\.(?:csv|ipynb|json|py|md)\b", re.I
    ),
}
COMMISSION = re.compile(r"\bcommission", re.I)
# history has real commissions: a qualified one ("the mixed commission", "a commission was
# agreed") or its members and staff; an unqualified one is the makers' word
HISTORICAL_COMMISSION = re.compile(
    r"(?:development|border|mixed|lytton|nations|separate|government|international|\ba)\s+commissions?\b"
    r"|\bcommissioners?\b|\bcommission\s+(?:official|assets)\b",
    re.I,
)
# columns that hold keys, links or coordinates, not prose a reader reads
NOT_PROSE = re.compile(
    r"_ids?$|^(?:derived_from|url|notebook|coordinates)$"
    r"|^(?:parties|belligerents|controller|claimed_by|mediator)$"  # codes shown by their names
)
# the bibliography's notes are read by those who re-use the data, and name its columns
BIBLIOGRAPHIC = {"sources"}
# quoted or cited text keeps its own words (a cited title may name a real commission)
QUOTED = {
    ("documents", "excerpt_original"),
    ("documents", "excerpt_en"),
    ("sources", "title"),
    ("sources", "author"),
    ("sources", "publisher"),
}
# a lower-case word joined by underscores, outside code: an id, known to the data or not
ID_LIKE = re.compile(r"(?<![\w/.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/(-])")
INLINE_CODE = re.compile(r"`[^`\n]*`")
CALL_IN_CODE = re.compile(r"`[^`\n]*\([^`\n]*`")  # `document("id")`: code the reader runs
FENCED = re.compile(r"^```.*?^```", re.S | re.M)
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
QUESTION_FILES = sorted((ROOT / "notebooks" / "questions").glob("*.json"))


@cache
def raw_ids() -> re.Pattern:
    """Every document and source id, and every row id with an underscore (a word no reader
    would write), as a whole word."""
    package = json.loads((ROOT / "lessons_data" / "datapackage.json").read_text("utf-8"))
    ids = set(data.load("documents")["document_id"]) | set(data.load("sources")["source_id"])
    for res in package["resources"]:
        key = res["schema"].get("primaryKey")
        key = [key] if isinstance(key, str) else key or []
        for field in (k for k in key if k.endswith("_id")):
            ids |= {v for v in data.load(res["name"])[field].dropna() if "_" in v}
    names = "|".join(map(re.escape, sorted(ids, key=len, reverse=True)))
    return re.compile(rf"(?<![\w/-])(?:{names})(?![\w/-])")


def internal_words(text: str, quoted: bool = False, unknown_ids: bool = True) -> list[str]:
    """The internal words in ``text``; ``quoted`` text (a cited title, a verbatim excerpt) is
    read for ids only; ``unknown_ids`` also reports id-shaped words the data does not hold."""
    found = [] if quoted else [m.group(0) for p in WORDS.values() for m in p.finditer(text)]
    if not quoted:
        historical = {m.start() for m in HISTORICAL_COMMISSION.finditer(text)}
        found += [
            text[m.start() : m.start() + 20]
            for m in COMMISSION.finditer(text)
            if not any(s <= m.start() < s + 40 for s in historical)
        ]
    known = [m.group(0) for m in raw_ids().finditer(text)]
    shaped = ID_LIKE.finditer(INLINE_CODE.sub("", text)) if unknown_ids else ()
    return found + known + [u for m in shaped if (u := m.group(0)) not in known]


def reader_text(markdown: str) -> str:
    """Markdown as the reader reads it: without fenced code and without helper calls."""
    return CALL_IN_CODE.sub("", FENCED.sub("", markdown))


def visible(markup: str) -> str:
    """The text of rendered HTML, without tags, attributes and stylesheets."""
    markup = re.sub(r"<style>.*?</style>", "", markup, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("grown from the course's seeds", ["seeds"]),
        ("as our commission asked", ["commission asked"]),
        ("all listed in `lessons_data/sources.csv`", ["lessons_data", "sources.csv"]),
        ("Compare Sorge's report (sorge_report_1941_09_11)", ["sorge_report_1941_09_11"]),
        ("the Hokkaido Development Commission and a mixed commission", []),
        ("Compare Sorge's report of September 1941", []),
        ("280 killed for Mongolia (ariunsaikhan_2006)", ["ariunsaikhan_2006"]),
        ("point students to the `source_kind` column", []),
        ('run `document("sorge_report_1941_09_11")`', []),
    ],
)
def test_the_check_finds_internal_words(text, expected):
    assert internal_words(reader_text(text)) == expected


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_lesson_text_and_teacher_notes(path):
    nb = nbformat.read(path, as_version=4)
    bad = {
        n: hits
        for n, cell in enumerate(nb.cells)
        if cell.cell_type == "markdown" and (hits := internal_words(reader_text(cell.source)))
    }
    assert not bad, (
        f"notebooks/{path.name}: markdown cells (by index) use internal words; name a document "
        f"by its letter or title and a table by what it holds: {bad}"
    )


@pytest.mark.parametrize("path", QUESTION_FILES, ids=lambda p: p.stem)
def test_questions_answers_and_feedback(path):
    bad = []
    for n, q in enumerate(json.loads(path.read_text("utf-8")), start=1):
        texts = [q["question"], *(a[k] for a in q["answers"] for k in ("answer", "feedback"))]
        bad += [f"question {n}: {hits}" for t in texts if (hits := internal_words(t))]
    assert not bad, f"notebooks/questions/{path.name}: " + "; ".join(bad)


def test_prose_in_the_data():
    bad = []
    for name, frame in data.load_all().items():
        for col in frame.select_dtypes(["string", "object"]).columns:
            if NOT_PROSE.search(col):
                continue
            for key, value in frame[col].dropna().items():
                if raw_ids().fullmatch(str(value)):
                    continue  # a reference, shown by the label it points to
                hits = internal_words(
                    str(value), (name, col) in QUOTED, unknown_ids=name not in BIBLIOGRAPHIC
                )
                bad += [f"{name}.csv row {key + 2}, {col}: {hits}"] if hits else []
    assert not bad, "data shown to readers uses internal words:\n  " + "\n  ".join(bad)


def test_document_cards_show_no_raw_id():
    bad = {
        doc_id: hits
        for doc_id in data.load("documents")["document_id"]
        if (hits := internal_words(visible(documents.card_html(doc_id)), quoted=True))
    }
    assert not bad, f"document cards show raw ids to readers: {bad}"


@pytest.mark.parametrize("path", QUESTION_FILES, ids=lambda p: p.stem)
def test_rendered_quizzes_show_no_raw_id(path):
    shown = visible(questions.quiz_html(json.loads(path.read_text("utf-8"))))
    assert not internal_words(shown, quoted=True)


def test_course_data_table_names_no_files():
    assert not internal_words(data_overview().data)


def test_further_reading_shows_no_raw_id():
    eras = data.load("eras")["era_id"]
    bad = {e: hits for e in eras if (hits := internal_words(visible(further_reading(e).data)))}
    assert not bad, f"further reading lists show raw source ids: {bad}"


def test_printed_exercise_tables_show_no_raw_id():
    tasks = {
        task
        for path in NOTEBOOKS
        for cell in nbformat.read(path, as_version=4).cells
        if cell.cell_type == "code"
        for task in worksheet.EXERCISE.findall(cell.source)
    }
    assert tasks, "no data exercise found in the notebooks"
    bad = {t: hits for t in tasks if (hits := internal_words(visible(worksheet.exercise_table(t))))}
    assert not bad, f"the printed worksheets' exercise tables show ids: {bad}"
