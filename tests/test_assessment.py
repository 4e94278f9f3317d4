"""The written assessment of every lesson holds to its own rules: short constructed responses
about the lesson's documents with a three-level guide, and model answers to the written task at
rubric levels 2, 3 and 4 whose scores the text bears out wherever a rule can be checked."""

from __future__ import annotations

import functools
import html
import re
import statistics

import nbformat
import pandas as pd
import pytest

from helpers import data
from helpers.evidence import gather
from helpers.evidence.turning_points import BY_ID
from helpers.lesson import framing
from helpers.lesson.model_answers import criteria
from helpers.lesson.rubric import applying, rubric_html
from publish import teacher_notes

from .conftest import ROOT

ERAS = data.load("eras").set_index("era_id")
DOCS = data.load("documents").set_index("document_id")
SHORT = data.load("short_responses")
MODELS = data.load("model_answers")
RUBRIC = data.load("rubric")
LESSONS = [e for e in ERAS.index if e != "capstone"]  # the capstone's task is its own
LETTERS = "ABCDEFGHIJ"
# words of an author field that name no one in particular
GENERIC = {
    "Government",
    "Japan",
    "Japanese",
    "Russia",
    "Russian",
    "Soviet",
    "Union",
    "Federation",
    "Emperor",
    "Imperial",
    "Empire",
    "The",
    "and",
}
CONCESSION = re.compile(
    r"\b(against|object|argue|would say|could answer|however|on the other hand)\b", re.I
)
YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def shown(era_id: str) -> list[str]:
    """The documents the lesson shows, in order: document A, B, C..."""
    nb = nbformat.read(ROOT / "notebooks" / ERAS.at[era_id, "notebook"], as_version=4)
    return [
        m
        for c in nb.cells
        if c.cell_type == "code"
        for m in re.findall(r"""\bdocument\(\s*["'](\w+)["']""", c.source)
    ]


def cited_letters(text: str) -> set[str]:
    """Letters a text cites documents by: "document A", "documents B and C", "(D)"."""
    found = set(re.findall(r"\(([A-J])\)", text))
    for m in re.finditer(r"\b[Dd]ocuments? ([A-J](?:(?:, and |, | and )[A-J])*)\b", text):
        found |= set(re.findall(r"[A-J]", m.group(1)))
    return found


def letters_of(era_id: str, ids: str) -> set[str]:
    order = shown(era_id)
    return {LETTERS[order.index(d)] for d in ids.split(";")}


def quotations(text: str) -> list[str]:
    return re.findall(r"\"([^\"]+)\"", text)


def normal(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").lower().split())


def assert_quotes_in(text: str, ids: str, where: str) -> None:
    """Every quotation is words the named documents contain."""
    sources = [normal(DOCS.at[d, "excerpt_en"]) for d in ids.split(";")]
    for q in quotations(text):
        assert any(normal(q) in s for s in sources), f'{where}: "{q}" is not in {ids}'


def sentences(text: str) -> int:
    return len([s for s in re.split(r"(?<=[.?!])\s+(?=[A-Z\"])", text.strip()) if s])


def named_authors(text: str, ids: str) -> int:
    """How many of the documents have their author named in the text."""
    count = 0
    for d in ids.split(";"):
        words = set(re.findall(r"[A-Z][\w'\u014d\u016b-]{2,}", DOCS.at[d, "author"])) - GENERIC
        count += any(re.search(rf"\b{re.escape(w)}\b", text) for w in words)
    return count


def course_figures() -> set[float]:
    cols = {
        "casualties": ("low", "high"),
        "populations": ("low", "high"),
        "deployments": ("strength_low", "strength_high"),
    }
    return {float(v) for t, cs in cols.items() for c in cs for v in data.load(t)[c].dropna()}


# ------------------------------------------------------------------ short constructed responses


@pytest.mark.parametrize("era_id", list(ERAS.index))
def test_every_lesson_has_two_short_responses_shown_with_a_place_to_write(era_id):
    items = SHORT[SHORT["era_id"] == era_id]
    assert len(items) >= 2, f"{era_id}: {len(items)} short constructed responses"
    nb = nbformat.read(ROOT / "notebooks" / ERAS.at[era_id, "notebook"], as_version=4)
    for rid in items["response_id"]:
        at = [i for i, c in enumerate(nb.cells) if f'short_response("{rid}")' in c.source]
        assert len(at) == 1, f"{rid} is shown {len(at)} times in {era_id}"
        after = nb.cells[at[0] + 1]
        assert "response" in after.metadata.get("tags", []), f"{rid}: no writing cell after it"


@pytest.mark.parametrize("rid", list(SHORT["response_id"]))
def test_short_response_names_the_documents_the_lesson_shows(rid):
    row = SHORT.set_index("response_id").loc[rid]
    assert set(row["document_ids"].split(";")) <= set(shown(row["era_id"])), (
        f"{rid} asks about a document its lesson does not show"
    )
    assert cited_letters(row["prompt"]) == letters_of(row["era_id"], row["document_ids"]), (
        f"{rid}: the prompt's document letters differ from document_ids"
    )


@pytest.mark.parametrize("rid", list(SHORT["response_id"]))
def test_short_response_samples_are_short_and_quote_only_the_documents(rid):
    row = SHORT.set_index("response_id").loc[rid]
    assert 2 <= sentences(row["sample_full"]) <= 4, f"{rid}: the full sample is not 2-4 sentences"
    for col in ("sample_full", "sample_partial", "sample_none"):
        assert 1 <= sentences(row[col]) <= 4, f"{rid}.{col}: more than four sentences"
        assert_quotes_in(row[col], row["document_ids"], f"{rid}.{col}")
    assert quotations(row["sample_full"]), f"{rid}: the full sample quotes no document"


@pytest.mark.parametrize("era_id", list(ERAS.index))
def test_worksheet_gives_each_short_response_ruled_lines_and_no_guide(era_id):
    from publish.print.lessons import read_lesson
    from publish.print.worksheet import worksheet_html

    page = worksheet_html(read_lesson(ROOT / "notebooks" / ERAS.at[era_id, "notebook"]))
    for prompt in SHORT[SHORT["era_id"] == era_id]["prompt"]:
        at = page.find(html.escape(prompt))
        assert at > 0, f"{era_id}: a short response is missing from the worksheet"
        assert page.find('<div class="ws-lines"', at) - at < len(prompt) + 200, "no lines after it"
    assert "Scoring guide" not in page and "Sample answer" not in page


@pytest.mark.parametrize(
    "table, column, value, words",
    [
        ("short_responses", "document_ids", "kwantung_army_border_principles_1939;nope", "nope"),
        ("short_responses", "minutes", "45", "between 1 and 15"),
        ("model_answers", "evidence", "5", "between 1 and 4"),
        ("model_answers", "figures", "about 8000", "not a list of figures"),
    ],
)
def test_a_broken_assessment_row_is_named_on_load(data_copy, table, column, value, words):
    from .test_bad_input import only, problems_of, set_cell

    set_cell(data_copy / f"{table}.csv", 3, column, value)
    p = only(problems_of(data_copy), file=f"{table}.csv", row=3, column=column)
    assert words in f"{p.rule} {p.fix}"


def test_sentence_and_citation_helpers_can_fail():
    assert sentences("One. Two? Three! Four. Five.") == 5
    assert cited_letters('Documents A and C; see (E) and document F, not "A"') == set("ACEF")
    with pytest.raises(AssertionError, match="is not in"):
        assert_quotes_in('He wrote "words no document has".', "sorge_report_1941_09_11", "x")


# ------------------------------------------------------------------ rubric and model answers


def test_rubric_scores_contextualisation_and_asks_for_figures_only_where_they_bear():
    assert list(dict.fromkeys(applying()["criterion_id"])) == [
        "claim",
        "evidence",
        "sourcing",
        "context",
        "counter",
    ]
    levels = RUBRIC.groupby("criterion_id")["level"].apply(sorted)
    assert all(list(v) == [1, 2, 3, 4] for v in levels), levels
    evidence = RUBRIC[RUBRIC["criterion_id"] == "evidence"].set_index("level")["descriptor"]
    assert "where it bears on the claim" in evidence[3]
    assert "where a figure bears on the claim" in evidence[4]


def test_capstone_rubric_adds_significance_on_the_stated_criteria():
    assert [c for c, _ in criteria("capstone")] == [c for c, _ in criteria()] + ["significance"]
    rows = RUBRIC[RUBRIC["criterion_id"] == "significance"].set_index("level")["descriptor"]
    for name in ("how much changed", "for how long", "for whom", "seen from each side"):
        assert name in rows[3], f"the significance row does not state the criterion {name!r}"
    assert "all four criteria" in rows[4]
    assert "Significance" in rubric_html("capstone")
    assert "Significance" not in rubric_html("border_wars"), "a lesson's paragraph is not an essay"


def assert_scores_hold(row, scores: dict, where: str) -> list[str]:
    """The rules of the evidence, sourcing and counter rows that a text can show; returns the
    figures it quotes."""
    text, ids = row["answer"], row["document_ids"]
    assert_quotes_in(text, ids, where)
    figures = [] if not isinstance(row["figures"], str) else row["figures"].split(";")
    known = course_figures()
    for f in figures:
        assert f in text, f"{where}: figure {f} is not in the answer"
        assert float(f.replace(",", "")) in known, f"{where}: {f} is not in the course data"
    cited = ids.split(";")
    perspectives = set(DOCS.loc[cited, "perspective"].astype(str)) - {"other"}
    if scores["evidence"] >= 3:
        assert len(cited) >= 2, f"{where}: evidence {scores['evidence']} with one document"
    if scores["evidence"] == 4:
        assert len(perspectives) >= 2, f"{where}: evidence 4 from one perspective"
        assert len(figures) != 1, f"{where}: evidence 4 gives a figure without its spread"
    if scores["sourcing"] >= 3:
        assert named_authors(text, ids) >= scores["sourcing"] - 2, f"{where}: authors unnamed"
    if scores["counter"] >= 3:
        assert CONCESSION.search(text), f"{where}: counter-evidence {scores['counter']} unmarked"
    return figures


@pytest.mark.parametrize(
    "era_id,level",
    [(r.era_id, r.level) for r in MODELS.itertuples() if r.era_id in LESSONS],
    ids=str,
)
def test_model_answer_scores_hold_where_the_rubric_can_be_checked(era_id, level):
    row = MODELS[(MODELS["era_id"] == era_id) & (MODELS["level"] == level)].iloc[0]
    text, ids = row["answer"], row["document_ids"]
    where = f"{era_id} level {level}"
    scores = {c: int(row[c]) for c, _ in criteria(era_id)}
    assert pd.isna(row["significance"]), f"{where}: scored on a criterion its task lacks"
    assert statistics.median(scores.values()) == level, f"{where}: scores {scores}"

    assert set(ids.split(";")) <= set(shown(era_id)), f"{where}: a document the lesson lacks"
    assert cited_letters(text) == letters_of(era_id, ids), f"{where}: cited letters != ids"
    assert_scores_hold(row, scores, where)
    era = ERAS.loc[era_id]
    years = {int(y) for y in YEAR.findall(text) if era.start_year <= int(y) <= era.end_year}
    if scores["context"] >= 3:
        assert len(years) >= scores["context"] - 2, f"{where}: no date of the era"


# the criteria of significance as an essay names them, in words a reader can find
SIGNIFICANCE = {
    "how_much": re.compile(r"\bhow much\b", re.I),
    "how_long": re.compile(r"\bhow long\b", re.I),
    "for_whom": re.compile(r"\bfor whom\b", re.I),
    "each_side": re.compile(r"\b(each|either|the other) side\b", re.I),
}


def gathered_by(document_id: str) -> set[str]:
    """The turning points whose gathered evidence holds the document."""
    return {tp for tp in BY_ID if f"document:{document_id}" in set(_gathered(tp))}


@functools.cache
def _gathered(tp: str) -> tuple[str, ...]:
    return tuple(gather(tp).ids())


@pytest.mark.parametrize("level", [2, 3, 4])
def test_capstone_essay_models_compare_two_turning_points_as_the_rubric_asks(level):
    mine = MODELS[(MODELS["era_id"] == "capstone") & (MODELS["level"] == level)]
    assert len(mine) == 1, f"capstone: {len(mine)} model essays at level {level}"
    row, where = mine.iloc[0], f"capstone level {level}"
    text = row["answer"]
    low, high = map(
        int, re.search(r"(\d+)-(\d+) words", framing.writing_task("capstone").data).groups()
    )
    assert low <= len(text.split()) <= high, f"{where}: {len(text.split())} words"
    scores = {c: int(row[c]) for c, _ in criteria("capstone")}
    assert statistics.median(scores.values()) == level, f"{where}: scores {scores}"
    assert_scores_hold(row, scores, where)

    points = {d: gathered_by(d) for d in row["document_ids"].split(";")}
    assert all(points.values()), f"{where}: a document no turning point gathers: {points}"
    compared = set().union(*points.values())
    named = [
        tp
        for tp in compared
        if any(BY_ID[tp].start[:4] <= y <= BY_ID[tp].end[:4] for y in YEAR.findall(text))
    ]
    if scores["significance"] >= 2:
        assert len(compared) >= 2, f"{where}: documents of one turning point only"
    if scores["significance"] >= 3:
        assert len(named) >= 2, f"{where}: the years of two turning points are not both named"
        found = [c for c, rx in SIGNIFICANCE.items() if rx.search(text)]
        assert len(found) >= scores["significance"], f"{where}: compares on {found} only"
        parts = [p for p in text.split("\n\n") if p.strip()]
        assert len(parts) >= 4, f"{where}: {len(parts)} paragraphs; the essay has four parts"


def test_capstone_peer_review_asks_one_question_per_rubric_row_with_room_to_answer():
    nb = nbformat.read(ROOT / "notebooks" / ERAS.at["capstone", "notebook"], as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if c.source.startswith("## 7. Peer review"))
    checklist, reply = nb.cells[at + 1], nb.cells[at + 2]
    assert "response" in reply.metadata.get("tags", []), "no cell for the reviewer's comments"
    asked = re.findall(r"^\d\. \*\*([\w-]+)\.\*\*", checklist.source, re.M)
    assert asked == [name for _, name in criteria("capstone")], "checklist rows != rubric rows"
    for name in asked:
        assert f"*{name}:*" in reply.source, f"no place for the reviewer's {name} comment"


# ------------------------------------------------------------------ teacher notes


def test_teacher_notes_match_the_data():
    assert teacher_notes.stale() == [], "run `make teacher-notes` and commit the notebooks"
