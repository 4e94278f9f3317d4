"""Every document whose English excerpt reads above US grade 10 has an adapted version that a
class can read (at most grade 9, never longer, elisions marked, every name, date and number kept
or declared left out), shown first on the card, labelled, with the verbatim text one click away.

Readability is measured with textstat 0.7.4 (pinned: from 0.7.5 on it downloads a dictionary at
run time, which fails offline)."""

from __future__ import annotations

import html
import re
import warnings

import pandas as pd
import pytest

from helpers import data
from helpers.lesson.documents import ADAPTED_LABEL, card_html

with warnings.catch_warnings():  # textstat 0.7.4 imports the deprecated pkg_resources
    warnings.simplefilter("ignore")
    import textstat

ADAPT_ABOVE = 10  # US grade of the verbatim English above which a document needs an adapted text
ADAPTED_AT_MOST = 9
DOCS = data.load("documents").set_index("document_id")
ADAPTED = data.load("adapted_excerpts").set_index("document_id")
ADAPTED_IDS = set(ADAPTED.index)
HARD = [d for d, row in DOCS.iterrows() if textstat.flesch_kincaid_grade(row["excerpt_en"]) > 10]
NOT_NAMES = {"I", "We", "Our", "Us"}  # the royal "We" is not a name
ELISION = re.compile(r"\[\.\.\.\]|\.\.\.")


def names_and_numbers(text: str) -> set[str]:
    """Capitalised words that do not open a sentence (names, titles, months) and every number."""
    found = set(re.findall(r"\d+", text))
    for m in re.finditer(r"[A-Z][\w'’-]*\w", text):
        before = text[: m.start()].rstrip()
        if before and before[-1] not in ".!?:;/[]()\"“'" and m.group() not in NOT_NAMES:
            found.add(re.sub(r"['’]s$", "", m.group()))
    return found


def kept(name: str, text: str) -> bool:
    if name.isdigit():
        return name in re.findall(r"\d+", text)
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def left_out(document_id: str) -> list[str]:
    value = ADAPTED.at[document_id, "left_out"]
    return [] if pd.isna(value) else [v.strip() for v in value.split(";")]


def test_the_rule_finds_hard_documents():
    assert len(HARD) >= 10, "the grade measure found almost no hard excerpt: is textstat broken?"
    assert textstat.flesch_kincaid_grade("The cat sat on the mat. It was warm.") < 3


@pytest.mark.parametrize("document_id", HARD)
def test_hard_document_has_an_adapted_version(document_id):
    assert document_id in ADAPTED_IDS, (
        f"{document_id} reads above grade {ADAPT_ABOVE}: add its adapted text to "
        "lessons_data/adapted_excerpts.csv"
    )


@pytest.mark.parametrize("document_id", list(ADAPTED.index))
def test_adapted_text_is_easier_and_not_longer(document_id):
    adapted = ADAPTED.at[document_id, "excerpt_adapted"]
    verbatim = DOCS.at[document_id, "excerpt_en"]
    grade = textstat.flesch_kincaid_grade(adapted)
    assert grade <= ADAPTED_AT_MOST, f"adapted text of {document_id} reads at grade {grade}"
    assert len(adapted.split()) <= len(verbatim.split()), "the adapted text is longer"
    if ELISION.search(verbatim):
        assert ELISION.search(adapted), "the verbatim text marks an elision; the adapted one not"
    assert "…" not in adapted, "mark elisions [...]"


@pytest.mark.parametrize("document_id", list(ADAPTED.index))
def test_adapted_text_keeps_every_name_date_and_number(document_id):
    adapted = ADAPTED.at[document_id, "excerpt_adapted"]
    verbatim = DOCS.at[document_id, "excerpt_en"]
    declared = left_out(document_id)
    assert all(v in verbatim for v in declared), (
        f"left_out names what the verbatim lacks: {declared}"
    )
    lost = sorted(
        n
        for n in names_and_numbers(verbatim)
        if not kept(n, adapted) and not any(kept(n, v) for v in declared)
    )
    assert not lost, f"{document_id}: {lost} are neither in the adapted text nor in left_out"


def test_names_and_numbers_are_found():
    found = names_and_numbers("In 1807, Golownin sailed from Cronstadt. We hope so.")
    assert found == {"1807", "Golownin", "Cronstadt"}
    assert not kept("1807", "In 180, he sailed") and kept("20", "On February 20th")


@pytest.mark.parametrize("document_id", list(ADAPTED.index))
def test_card_shows_adapted_text_first_and_keeps_the_verbatim(document_id):
    card = card_html(document_id)
    adapted = html.escape(ADAPTED.at[document_id, "excerpt_adapted"])
    verbatim = html.escape(DOCS.at[document_id, "excerpt_en"])
    assert f">{ADAPTED_LABEL}<" in card, "the adapted text is not labelled"
    assert card.index(adapted) < card.index("<details"), "the adapted text comes first"
    hidden = card[card.index("<details") : card.index("</details>")]
    assert verbatim in hidden and "<summary>" in hidden
    original = DOCS.at[document_id, "excerpt_original"]
    if isinstance(original, str):
        assert html.escape(original) in hidden


def test_card_without_adapted_text_has_no_label():
    plain = next(d for d in DOCS.index if d not in ADAPTED.index)
    card = card_html(plain)
    assert f">{ADAPTED_LABEL}<" not in card and "<details" not in card
    assert html.escape(DOCS.at[plain, "excerpt_en"]) in card
