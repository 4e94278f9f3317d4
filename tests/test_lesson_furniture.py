"""Lesson furniture of pattern v2: document cards, the rubric, the central question and the
written task, the step checks of the data exercises, and bad rows in documents.csv."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import data
from helpers.lesson import Exercise, documents, framing, rubric

from .test_bad_input import only, problems_of, rows_of, set_cell, write_rows

DOCS = data.load("documents")


@pytest.mark.parametrize("document_id", DOCS["document_id"])
def test_card_shows_original_english_source_and_three_questions(document_id):
    row = DOCS.set_index("document_id").loc[document_id]
    card = documents.card_html(document_id)
    assert card.count("<li><strong>") == 3 and "Sourcing." in card and "Corroboration." in card
    if pd.notna(row["excerpt_original"]):
        assert f'lang="{row["language"]}"' in card
    assert 'lang="en"' in card
    src = data.load("sources").set_index("source_id").loc[row["source_id"]]
    assert str(src["title"]).split()[0] in card
    if pd.notna(src["url"]):
        assert f'href="{src["url"]}"' in card.replace("&amp;", "&")
    assert "<script" not in card


def test_unknown_document_names_the_known_ones():
    with pytest.raises(KeyError, match="no document 'nope'.*the documents are"):
        documents.card_html("nope")


def test_rubric_has_five_criteria_by_four_levels():
    html = rubric.rubric_html()
    assert html.count('<th scope="row">') == 5 and html.count("<td>") == 20
    assert "Contextualisation" in html and "Counter-evidence" in html and "4 · Advanced" in html


def test_central_question_and_writing_task():
    eras = data.load("eras").set_index("era_id")
    assert (
        eras.at["border_wars", "central_question"] in framing.central_question("border_wars").data
    )
    task = framing.writing_task("border_wars").data
    assert "at least 2 documents" in task and 'class="rubric"' in task
    with pytest.raises(KeyError, match="the eras are"):
        framing.central_question("bronze_age")


@pytest.mark.parametrize("task", ["khasan_soviet_killed", "nomonhan_japan_total"])
def test_exercise_steps_accept_the_solution_and_explain_mistakes(task):
    ex = Exercise(task)
    conflict, side, category = ex.wanted.values()  # both tasks are casualty slices
    cas = data.load("casualties")
    src = data.load("sources")
    rows = cas[
        (cas["conflict_id"] == conflict) & (cas["side"] == side) & (cas["category"] == category)
    ]
    assert "Right" in ex.check_filter(rows).data
    assert (
        "`side` = "
        in ex.check_filter(
            cas[(cas["conflict_id"] == conflict) & (cas["category"] == category)]
        ).data
    )
    assert "still `...`" in ex.check_filter(...).data
    merged = rows.merge(src[["source_id", "perspective"]], on="source_id")
    assert "Right" in ex.check_perspectives(merged).data
    assert "Merge with the sources" in ex.check_perspectives(rows).data
    lo = merged.loc[merged["low"].idxmin(), "source_id"]
    hi = merged.loc[merged["high"].idxmax(), "source_id"]
    assert "Right" in ex.check_extremes(lo, hi).data
    if merged["low"].min() != merged["high"].max():
        assert "swapped" in ex.check_extremes(hi, lo).data
    ratio = merged["high"].max() / merged["low"].min()
    assert "Right" in ex.check_ratio(ratio).data
    assert "lowest by the highest" in ex.check_ratio(1 / ratio).data
    assert "one number" in ex.check_ratio("many").data
    per = merged.groupby("perspective", observed=True)["high"].max()
    assert "Right" in ex.check_by_perspective(per).data
    assert "not the values" in ex.check_by_perspective(per * 2).data
    with pytest.raises(KeyError, match="the exercises are"):
        Exercise("nope")


def test_documents_csv_errors_name_file_row_and_column(data_copy):
    path = data_copy / "documents.csv"
    rows = rows_of(path)
    header = rows[0]
    good = dict(zip(header, rows[1], strict=False)) if len(rows) > 1 else None
    assert good, "documents.csv has no rows to break"
    n = len(rows)
    # rules across columns are checked once every cell is valid
    no_original = dict(
        good,
        document_id="no_original",
        language="ja",
        excerpt_original="",
        translation_by="this course",
    )
    long_quote = dict(good, document_id="long_quote", rights="quotation", excerpt_en="word " * 200)
    write_rows(path, rows + [[r[h] for h in header] for r in (no_original, long_quote)])
    problems = problems_of(data_copy)
    only(problems, file="documents.csv", row=n + 1, column="excerpt_original")
    only(problems, file="documents.csv", row=n + 1, column="translation_by")
    only(problems, file="documents.csv", row=n + 2, column="excerpt_en")
    bad_kind = dict(good, document_id="bad_kind", kind="poem")
    write_rows(path, rows + [[bad_kind[h] for h in header]])
    only(problems_of(data_copy), file="documents.csv", row=n + 1, column="kind")


def test_document_with_unknown_source_is_named(data_copy):
    set_cell(data_copy / "documents.csv", 2, "source_id", "no_such_source")
    only(problems_of(data_copy), file="documents.csv", row=2, column="source_id")
