"""Titles and headings take no side in a naming dispute. Where Japan and Russia (or the Soviet
Union and Mongolia) call a contested place or battle by different names, a title a student
sees gives both names, or a neutral phrase such as "the four islands", as the lessons' ground
rules ask of their text.

Titles come from three places, and every title the site, the slides and the printed papers
show is read from them: the lesson titles in ``eras.csv`` (the course map, whose rows also
carry each lesson's central question and summary, the site's table of contents and
glossary), the notebooks' markdown headings (each lesson's title, its section headings, the
printed papers' titles) and the conflict names that chart titles are built from.
A document card's title is the document's own and keeps its author's name for a place."""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers import data
from helpers.lesson import course_map
from publish import common

from .conftest import ROOT

# a one-sided name -> the other side's name, one of which must stand beside it in the same title
COUNTERPARTS = {
    r"Northern\s+Territories": r"Kurils?|Kuril\s+Islands",
    r"South(?:ern)?\s+Kurils?": r"Northern\s+Territories",
    r"Nomonhan": r"Khalkhin\s+Gol",
    r"Khalkhin\s+Gol": r"Nomonhan",
    r"Changkufeng": r"Khasan",
    r"(?:Lake\s+)?Khasan": r"Changkufeng",
    r"Kunashiri": r"Kunashir",
    r"Kunashir": r"Kunashiri",
    r"Etorofu": r"Iturup",
    r"Iturup": r"Etorofu",
}
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def one_sided(title: str) -> list[str]:
    """The names in ``title`` that stand without their counterpart."""
    found = []
    for name, other in COUNTERPARTS.items():
        hit = re.search(rf"\b{name}\b", title, re.I)
        if hit and not re.search(rf"\b(?:{other})\b", title, re.I):
            found.append(hit.group(0))
    return found


def headings(path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [
        line.lstrip("#").strip()
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if re.match(r"#{1,6}\s", line)
    ]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("After 1991: the Northern Territories", ["Northern Territories"]),
        ("the southern Kurils / Northern Territories", []),
        ("Nomonhan Incident", ["Nomonhan"]),
        ("Battle of Khalkhin Gol", ["Khalkhin Gol"]),
        ("Nomonhan / Khalkhin Gol, 1939", []),
        ("Changkufeng Incident", ["Changkufeng"]),
        ("the losses at Lake Khasan", ["Lake Khasan"]),
        ("who lives on Kunashiri?", ["Kunashiri"]),
        ("Kunashir / Kunashiri", []),
        ("Russo-Japanese War", []),
        ("the four islands", []),
    ],
)
def test_the_check_finds_a_name_without_its_counterpart(title, expected):
    assert one_sided(title) == expected


def test_lesson_titles_give_both_names():
    eras = data.load("eras")
    bad = {t: one_sided(t) for t in eras["title"] if one_sided(t)}
    assert not bad, f"eras.csv titles name a contested place by one side's name only: {bad}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_headings_give_both_names(path):
    bad = {h: one_sided(h) for h in headings(path) if one_sided(h)}
    assert not bad, (
        f"notebooks/{path.name}: headings name a contested place by one side's name only; give "
        f'both names ("Nomonhan / Khalkhin Gol") or a neutral phrase: {bad}'
    )


def test_printed_and_published_titles_give_both_names():
    titles = [common.notebook_title(common.read(p)) for p in NOTEBOOKS]
    bad = {t: one_sided(t) for t in titles if one_sided(t)}
    assert not bad, f"lesson titles on the site, the slides and paper: {bad}"


def test_conflict_names_in_chart_titles_give_both_names():
    names = data.load("conflicts")["name_en"]
    bad = {n: one_sided(n) for n in names if one_sided(n)}
    assert not bad, f"conflicts.csv name_en (chart titles are built from it): {bad}"


def test_course_map_rows_give_both_names():
    rows = course_map().data.splitlines()[2:]
    bad = {r.split("|")[2].strip(): one_sided(r) for r in rows if one_sided(r)}
    assert not bad, (
        f"course map rows (title, central question and summary from eras.csv) name a contested "
        f"place by one side's name only: {bad}"
    )
