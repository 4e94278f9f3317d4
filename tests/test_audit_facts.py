"""Facts a fact-check of the lessons found wrong stay corrected where they live: the lesson's
text, the data rows and the record of the lesson's narrative sources."""

from __future__ import annotations

import json

import nbformat
import pandas as pd
import pytest

from helpers import data

from .conftest import ROOT

EVENTS = data.load("events").set_index("event_id")
SOURCES = set(data.load("sources")["source_id"])


def lesson_text(stem: str) -> str:
    """The markdown of one lesson notebook, as students and teachers read it."""
    nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def narrative_sources(stem: str) -> list[dict]:
    """The lesson's statements and the sources each one rests on."""
    return json.loads((ROOT / "notebooks" / "sources" / f"{stem}.json").read_text("utf-8"))


def statement(stem: str, *words: str) -> dict:
    hits = [s for s in narrative_sources(stem) if all(w in s["statement"] for w in words)]
    assert len(hits) == 1, f"notebooks/sources/{stem}.json: {len(hits)} statements with {words}"
    missing = set(hits[0]["source_ids"]) - SOURCES
    assert not missing, f"{stem}: statement cites sources not in sources.csv: {missing}"
    return hits[0]


def test_aniva_raid_was_in_october_1806():
    # the 9th month of Bunka 3 is a lunisolar month that fell in October, not September
    stem = "01_northern_frontier_1639_1875"
    text = lesson_text(stem)
    assert "Aniva Bay on Sakhalin in October 1806" in text
    assert "September 1806" not in text
    assert "September 1806" not in statement(stem, "Aniva")["statement"]
    raid = EVENTS.loc["khvostov_raid_sakhalin_1806"]
    assert (raid["date"].year, raid["date"].month) == (1806, 10)
    assert raid["date_precision"] == "month"
    assert raid["calendar"] == "japanese_lunisolar" and "Bunka 3/9" in raid["date_original"]


def test_korea_was_annexed_eight_weeks_after_the_agreement_of_4_july_1910():
    stem = "03_revolution_and_intervention_1905_1931"
    annexed = EVENTS.loc["ri_1910_korea_annexation", "date"]
    weeks = (annexed - pd.Timestamp("1910-07-04")).days / 7
    assert weeks == 8
    text = lesson_text(stem)
    assert "six weeks" not in text.lower()
    assert "Eight weeks later, on 29 August 1910" in text
    assert "signed on 22 August" in text
    assert "six weeks" not in EVENTS.loc["ri_1910_korea_annexation", "summary"].lower()
    assert "eight weeks" in statement(stem, "Knox")["statement"]


def test_the_boat_of_2006_is_the_kisshin_maru_no_31():
    stem = "07_after_1991"
    for where, text in [
        ("lesson", lesson_text(stem)),
        ("events.csv", EVENTS.loc["crab_boat_shooting_2006", "summary"]),
        ("sources json", statement(stem, "August 2006")["statement"]),
    ]:
        assert "Kisshin Maru No. 31" in text, where
        assert "Kisshin Maru No. 3 " not in text and "Kisshin Maru No. 3," not in text, where


@pytest.mark.parametrize("stale", ["about 5,400", "5,474"])
def test_former_islanders_alive_at_the_end_of_march_2024(stale):
    stem = "07_after_1991"
    text = lesson_text(stem)
    assert "at the end of March 2024, 5,135" in text
    assert stale not in text
    assert "5,135" in statement(stem, "31 March 2024")["statement"]


DOCS = data.load("documents").set_index("document_id")


def test_kwantung_principles_came_sixteen_days_before_nomonhan_and_item_3_is_whole():
    doc = DOCS.loc["kwantung_army_border_principles_1939"]
    began = data.load("conflicts").set_index("conflict_id").loc["khalkhin_gol", "start_date"]
    assert (pd.Timestamp(began) - pd.Timestamp(doc["date"])).days == 16
    assert "sixteen days" in doc["headnote"] and "a month before" not in doc["headnote"]
    assert "敵の屍体俘虜等を獲得す" in doc["excerpt_original"]
    assert "the enemy's corpses, prisoners" in doc["excerpt_en"]
    assert "a month before" not in lesson_text("04_border_wars_1931_1941")


def test_sorge_keeps_the_editors_correction_that_shiratori_served_in_italy():
    doc = DOCS.loc["sorge_report_1941_09_11"]
    assert "на самом деле – в Италии" in doc["excerpt_original"]
    assert "[sic: in fact Italy" in doc["excerpt_en"]


def test_cut_documents_mark_their_omissions():
    portsmouth = DOCS.loc["portsmouth_1905_art2_korea", "excerpt_en"]
    assert portsmouth.rstrip().endswith("[...]"), "Article II's third paragraph is left out"
    voices = DOCS.loc["former_residents_voices_cao"]
    assert voices["excerpt_original"].startswith("昭和19年に、4才で島を出ている")
    assert voices["excerpt_en"].startswith("I left the island in 1944, at the age of four")
    assert voices["excerpt_en"].rstrip('"').endswith("I am already 80. [...]")


def test_headnotes_say_what_their_sources_say():
    assert "former prime minister" in DOCS.loc["peoplesdaily_2001_irkutsk", "headnote"]
    mongolia = DOCS.loc["mongolia_imtfe_declaration_khalkhin_gol"]
    assert "punishment" not in mongolia["headnote"]
    assert "compensation" not in mongolia["headnote"] + mongolia["q_sourcing"]
    assert "alarm" not in DOCS.loc["monthly_review_golownin_1818", "headnote"]


@pytest.mark.parametrize(
    ("where", "stale", "now"),
    [
        (
            "01_northern_frontier_1639_1875",
            "with a letter from Tsar Nicholas I",
            "Foreign Ministry",
        ),
        ("01_northern_frontier_1639_1875", "did not settle the north for long", "for seventy"),
        ("01_northern_frontier_1639_1875", "Ezochi, was closed", "in principle closed"),
        (
            "02_empires_collide_1875_1905",
            "an Asian one for the first time",
            "against a Western rival",
        ),
        ("02_empires_collide_1875_1905", "most violent", "the longest land battle"),
        ("03_revolution_and_intervention_1905_1931", "against 8,763 Americans", "7,950-8,763"),
        ("06_cold_war_1945_1991", "promised at Yalta, and more", "Japan would later argue"),
        ("07_after_1991", "For the first time a Russian leader", "post-Soviet Russia"),
    ],
)
def test_soft_facts_are_said_as_the_sources_say_them(where, stale, now):
    text = lesson_text(where)
    assert stale not in text and now in text, f"notebooks/{where}.ipynb"


def test_capstone_quiz_gives_japanese_figures_not_the_armys():
    quiz = (ROOT / "notebooks" / "questions" / "08_capstone.json").read_text("utf-8")
    assert "Japan's army gives" not in quiz
    assert "Japanese figures give about 21,000" in quiz
