"""Every lesson fits the class time it promises, by the timing model of helpers/lesson/timing.py,
and the places where teachers plan (course map, README, the lesson's timing note) show the
model's minutes."""

from __future__ import annotations

import math
import re

import nbformat
import pytest

from helpers import data
from helpers.lesson import course_map
from helpers.lesson import timing as t
from publish import lesson_table

from .conftest import ROOT

ERAS = data.load("eras").set_index("era_id")
LESSONS = {era_id: ROOT / "notebooks" / era.notebook for era_id, era in ERAS.iterrows()}
ERA_LESSONS = [e for e in LESSONS if e != "capstone"]
README_ROW = re.compile(r"^\| \[`(\d\d_\w+\.ipynb)`\].*\| (\d+) \| (\d+) \| (\d+) \|$", re.M)


def minutes(era_id):
    path = LESSONS[era_id]
    return t.lesson_minutes(t.read_lesson(path), path.name)


@pytest.mark.parametrize("era_id", LESSONS)
def test_core_path_fits_the_declared_periods(era_id):
    m = minutes(era_id)
    periods = int(ERAS.at[era_id, "periods"])
    core = m["core"] + m["second"]
    assert core <= t.PERIOD_MINUTES * periods, (
        f"{LESSONS[era_id].name}: the core path takes {core} min by the timing model, more than "
        f"{periods} period(s) of {t.PERIOD_MINUTES} min; tag cells `deeper` or move a section's "
        "lesson_path to deeper/homework, or declare a second period"
    )


@pytest.mark.parametrize("era_id", ERA_LESSONS)
def test_every_lesson_offers_one_period_and_declares_the_periods_it_takes(era_id):
    m = minutes(era_id)
    assert m["core"] <= t.PERIOD_MINUTES, f"the first period takes {m['core']} min"
    assert int(ERAS.at[era_id, "periods"]) == t.periods_needed(m), (
        "eras.csv periods and the lesson's second-period sections disagree"
    )


def test_the_capstone_declares_at_least_the_periods_its_model_needs():
    # its evidence-collecting steps take time the model's constants do not count, so eras.csv
    # may declare more periods than the minutes need, never fewer
    m = minutes("capstone")
    assert math.ceil((m["core"] + m["second"]) / t.PERIOD_MINUTES) <= ERAS.at["capstone", "periods"]


def test_readme_lesson_table_shows_the_model():
    rows = README_ROW.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    by_notebook = {era.notebook: era_id for era_id, era in ERAS.iterrows()}
    assert sorted(r[0] for r in rows) == sorted(by_notebook), "the README lists every lesson"
    for notebook, periods, core, optional in rows:
        era_id = by_notebook[notebook]
        m = minutes(era_id)
        shown = (int(periods), int(core), int(optional))
        wanted = (
            int(ERAS.at[era_id, "periods"]),
            m["core"] + m["second"],
            m["deeper"] + m["homework"],
        )
        assert shown == wanted, (
            f"README row of {notebook}: {shown}, the model gives {wanted}; run `make teacher-notes`"
        )


def test_lesson_table_rewrites_stale_minutes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stale = README_ROW.sub(lambda m: m.group(0).replace(f"| {m.group(3)} |", "| 999 |", 1), readme)
    assert stale != readme
    assert lesson_table.with_minutes(stale) == readme


def test_course_map_shows_core_and_optional_minutes():
    table = course_map().data
    for era_id in LESSONS:
        m = minutes(era_id)
        assert f"core {m['core'] + m['second']} min; optional" in table, era_id


@pytest.mark.parametrize("era_id", LESSONS)
def test_timing_note_follows_at_a_glance(era_id):
    cells = nbformat.read(LESSONS[era_id], as_version=4).cells
    glance = next(i for i, c in enumerate(cells) if c.source.startswith("**At a glance"))
    note = cells[glance + 1]
    assert note.metadata.get("generated") == "timing", "run `make teacher-notes`"
    assert "teacher" in note.metadata.get("tags", [])
    m = minutes(era_id)
    assert f"Core path {m['core'] + m['second']} min" in note.source


def _lesson(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def _heading(text, path):
    cell = nbformat.v4.new_markdown_cell(text)
    if path:
        cell.metadata["lesson_path"] = path
    return cell


def test_model_counts_each_kind_of_activity():
    doc = "shishov_khasan_loss_figures"  # below grade 10: read verbatim
    excerpt = data.load("documents").set_index("document_id").at[doc, "excerpt_en"]
    deeper = nbformat.v4.new_code_cell("show(charts.places_map())")
    deeper.metadata["tags"] = ["deeper"]
    teacher = nbformat.v4.new_markdown_cell("word " * 900)
    teacher.metadata["tags"] = ["teacher"]
    nb = _lesson(
        nbformat.v4.new_markdown_cell("word " * 300),  # opening: 2 min
        _heading("## 1. A section", "core"),
        nbformat.v4.new_code_cell(f'document("{doc}")'),
        nbformat.v4.new_markdown_cell("**Write (3 minutes).** Say why."),
        nbformat.v4.new_markdown_cell("**Interpret (written).** Say why."),
        nbformat.v4.new_code_cell('writing_task("orientation")'),
        deeper,
        teacher,
        _heading("## 2. Discussion", "homework"),
        nbformat.v4.new_markdown_cell("1. Talk about it. " * 50),
    )
    got = {s.heading: s.minutes for s in t.sections(nb)}
    card = t.CARD_MINUTES + t.words(excerpt) / t.VERBATIM_WPM
    assert got["Opening"]["core"] == pytest.approx(300 / t.NARRATIVE_WPM)
    # the heading is read too: "1. A section" is three words
    assert got["1. A section"]["core"] == pytest.approx(card + 3 + 5 + 15 + 3 / 150)
    assert got["1. A section"]["deeper"] == t.CHART_MINUTES
    assert got["2. Discussion"]["homework"] == t.DISCUSSION_MINUTES + 2 / 150


def test_model_counts_quiz_items_and_short_responses():
    questions = t.quiz_items("00_orientation", "sources")
    assert questions > 0
    source = (
        'quiz("00_orientation", section="sources")\nshort_response("orientation_what_he_could_see")'
    )
    shorts = data.load("short_responses").set_index("response_id")
    assert (
        t.code_minutes(source) == questions + shorts.at["orientation_what_he_could_see", "minutes"]
    )


def test_adapted_card_is_timed_at_the_adapted_rate():
    adapted = data.load("adapted_excerpts")
    if adapted.empty:
        pytest.fail("adapted_excerpts.csv has no rows")
    row = adapted.iloc[0]
    want = t.CARD_MINUTES + t.words(row["excerpt_adapted"]) / t.ADAPTED_WPM
    assert t.card_minutes(row["document_id"]) == pytest.approx(want)


def test_a_heading_without_a_path_is_named():
    nb = _lesson(_heading("## 3. Lost", None))
    with pytest.raises(ValueError, match=r"'## 3. Lost'.*core, second, deeper, homework"):
        t.sections(nb, "07_after_1991.ipynb")


@pytest.mark.parametrize("era_id", LESSONS)
def test_what_leaves_the_core_path_says_so(era_id):
    """A run of cells tagged deeper inside a core section opens with a visible note (boxed as
    "go deeper" on the site, plain text in JupyterLab), so students see it is optional."""
    cells = nbformat.read(LESSONS[era_id], as_version=4).cells
    in_core, before = True, False
    for i, cell in enumerate(cells):
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            in_core = cell.metadata.get("lesson_path") in t.IN_CLASS
        tags = set(cell.metadata.get("tags", []))
        if "teacher" in tags:
            continue
        deeper = "deeper" in tags
        if deeper and not before and in_core:
            assert cell.cell_type == "markdown" and cell.source.startswith(
                ("*Go deeper", "*Optional")
            ), f"cell {i}: optional cells in a core section open with a go-deeper note"
        before = deeper


def test_a_page_alternative_wording_is_not_read_twice():
    """A cell that gives JupyterLab and the static pages different words is read once."""
    live_and_static = (
        '<span class="live">Move the year slider.</span><!-- static: The map shows 1898. -->'
    )
    assert t.words(live_and_static) == 4
