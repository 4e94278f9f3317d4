"""The slide decks (``make slides``): one reveal.js deck per lesson, built for real once per
session, opened in headless Chromium with every non-local request blocked."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from .conftest import ROOT

pytestmark = [pytest.mark.site, pytest.mark.browser]

NOTEBOOKS = sorted(
    (ROOT / "notebooks").glob("*.ipynb"), key=lambda p: (p.name != "index.ipynb", p.name)
)
SLIDES = ROOT / "_build" / "slides"
SCREENS = ROOT / "_build" / "screens" / "slides"


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


@pytest.fixture(scope="module")
def decks() -> Path:
    from publish import slides
    from publish.common import preserved_environ

    with preserved_environ():
        slides.build(SLIDES)
    return SLIDES


@pytest.fixture(scope="module")
def server(decks):
    from publish.browser import serve

    with serve(decks) as base:
        yield base


def test_one_deck_per_lesson(decks):
    assert sorted(p.name for p in decks.glob("*.slides.html")) == sorted(
        f"{p.stem}.slides.html" for p in NOTEBOOKS
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_deck_loads_nothing_from_another_host(decks, path):
    html = (decks / f"{path.stem}.slides.html").read_text(encoding="utf-8")
    loaded = re.findall(
        r"<(?:script|link|img|iframe)\b[^>]*?\b(?:src|href)=\"((?:https?:)?//[^\"]+)\"", html, re.I
    )
    assert not loaded, f"{path.name}: the deck loads {loaded}"
    assert "_assets/reveal.js/dist/reveal.js" in html and "_assets/plotly.min.js" in html


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_teacher_cells_are_speaker_notes(decks, path):
    teacher = [c for c in nbformat.read(path, as_version=4).cells if "teacher" in _tags(c)]
    if not teacher:
        pytest.skip(f"{path.name} has no teacher cell")
    html = (decks / f"{path.stem}.slides.html").read_text(encoding="utf-8")
    notes = re.findall(r'<aside class="notes">(.*?)</aside>', html, re.S)
    assert len(notes) >= len(teacher), (
        f"{path.name}: {len(teacher)} teacher cells but {len(notes)} speaker notes"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_deck_runs_offline_with_charts(decks, browser, server, path):
    from publish.browser import CHARTS_JS, open_page

    name = f"{path.stem}.slides.html"
    page, watch = open_page(browser, server + name, viewport=(1280, 800))
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    total = page.evaluate("Reveal.getTotalSlides()")
    assert total >= 1
    charts = page.evaluate(CHARTS_JS)
    empty = [c["id"] for c in charts if not c["svgs"] or not (c["traces"] or c["marks"])]
    assert not empty, f"{name}: charts with an empty SVG: {empty}"
    assert not [c["id"] for c in charts if c["geo"] and not c["landDrawn"]], (
        f"{name}: a map has no land"
    )
    # speaker notes stay off the slides themselves
    visible_notes = page.evaluate(
        "Array.from(document.querySelectorAll('aside.notes')).filter(a => "
        "a.offsetParent !== null).length"
    )
    assert visible_notes == 0
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{path.stem}-1.png"))
    if charts:  # show the slide of the first chart, drawn at slide size
        page.evaluate("""() => { const s = document.querySelector('.plotly-graph-div').closest('section');
                                 const i = Reveal.getIndices(s); Reveal.slide(i.h, i.v); }""")  # noqa: E501 (embedded JS/CSS/template text)
        page.wait_for_timeout(500)
        page.screenshot(path=str(SCREENS / f"{path.stem}-chart.png"))
        assert page.evaluate(CHARTS_JS)[0]["traces"] or page.evaluate(CHARTS_JS)[0]["marks"]
    page.keyboard.press("End")
    page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENS / f"{path.stem}-last.png"))
    problems = watch.problems()
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)
    page.context.close()


def test_deck_works_from_file_url(decks, browser):
    """A teacher can open a deck straight from disk, with no server and no network."""
    from publish.browser import CHARTS_JS, open_page

    path = NOTEBOOKS[-1]
    page, watch = open_page(
        browser, (decks / f"{path.stem}.slides.html").as_uri(), viewport=(1280, 800)
    )
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    assert all(c["svgs"] for c in page.evaluate(CHARTS_JS))
    problems = watch.problems()
    assert not problems, "\n  ".join(problems)
    page.context.close()
