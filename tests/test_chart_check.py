"""Every chart of every lesson page, read in headless Chromium at 390, 768 and 1280 px.

The rules are in publish/chart_check.py; each one first fails on a small plain plotly figure
made to break it, so a rule that could never fail cannot hide behind the site's pass. The lesson
pages' charts are pinned in tests/chart_inventory.csv (a chart that disappears fails; after adding
or retitling a chart, rewrite the file with ``COURSE_CHART_INVENTORY=write``). A per-rule count
of what fails is written to _build/chart_check.txt.
"""

from __future__ import annotations

import collections
import csv
import os
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from publish import chart_check
from publish.browser import open_page

from .conftest import NOTEBOOK_DIR, ROOT

pytestmark = pytest.mark.browser

INVENTORY = ROOT / "tests" / "chart_inventory.csv"
REPORT = ROOT / "_build" / "chart_check.txt"
LESSON_PAGES = [
    f"notebooks/{p.stem}.html"
    for p in sorted(NOTEBOOK_DIR.glob("*.ipynb"), key=lambda p: (p.name != "index.ipynb", p.name))
]
PLOTLY_JS = Path(pio.__file__).parent.parent / "package_data" / "plotly.min.js"


# ------------------------------------------------------------------ each rule can fail


def _fig(**layout) -> go.Figure:
    """A small chart that passes every rule; each fixture below breaks one."""
    fig = go.Figure(
        go.Scatter(x=[1, 2, 3], y=[2, 1, 3], name="Japan", mode="lines+markers"),
        layout=dict(
            title=dict(text="Readable", font=dict(size=16)),
            height=420,
            margin=dict(l=50, r=20, t=50, b=45),
            showlegend=False,
            font=dict(size=13),
        ),
    )
    return fig.update_layout(**layout)


_PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
FIXTURES = {
    "overlap": lambda: _fig(
        annotations=[
            dict(text="Khalkhin Gol: Mongolia", x=2, y=2, showarrow=False),
            dict(text="Khalkhin Gol: Soviet Union", x=2, y=2, showarrow=False),
        ]
    ),
    "clipped": lambda: _fig(
        annotations=[
            dict(
                text="Source: a source line far too long to fit beside the plot " * 3,
                xref="paper",
                x=0.5,
                y=0,
                yref="paper",
                xanchor="left",
                showarrow=False,
            )
        ]
    ),
    "ellipsis": lambda: _fig(title_text="Molotov-Togo agreement on the Man…"),
    "data-area": lambda: _fig(margin=dict(l=50, r=20, t=50, b=300)),
    "legend-size": lambda: go.Figure(
        [
            go.Scatter(x=[1, 2], y=[i, i + 1], name=f"A long legend entry number {i}")
            for i in range(9)
        ],
        layout=_fig().layout,
    ).update_layout(showlegend=True, legend_font_size=30),
    "legend-not-drawn": lambda: _fig(showlegend=True).add_scatter(
        x=[None], y=[None], mode="markers", marker_symbol="star", name="Ainu source"
    ),
    "small-text": lambda: _fig(xaxis_tickfont_size=9),
    "sideways-scroll": lambda: _fig(width=2000, autosize=False),
    "unnamed-trace": lambda: _fig().add_scatter(x=[1, 3], y=[3, 1], hoverinfo="skip"),
    "not-text": lambda: _fig(
        images=[dict(source=_PNG, xref="paper", yref="paper", x=0, y=1, sizex=0.3, sizey=0.2)]
    ),
}


def _fixture_page(tmp_path, name: str, figs: list[go.Figure]) -> str:
    body = "".join(
        pio.to_html(
            fig,
            include_plotlyjs=False,
            full_html=False,
            config={"responsive": True},
            auto_play=False,
        )
        for fig in figs
    )
    path = tmp_path / f"{name}.html"
    path.write_text(
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width'>"
        f"<script src='{PLOTLY_JS.as_uri()}'></script></head>"
        f"<body style='margin:8px'>{body}</body></html>",
        encoding="utf-8",
    )
    return path.as_uri()


def _measure(browser, url: str, width: int) -> dict:
    page, watch = open_page(browser, url, viewport=(width, 900))
    try:
        measured = chart_check.measure(page)
    finally:
        page.context.close()
    assert not watch.page_errors, watch.page_errors
    return measured


def test_a_plain_chart_passes_every_rule_at_every_width(browser, tmp_path):
    url = _fixture_page(tmp_path, "clean", [_fig()])
    for width in chart_check.WIDTHS:
        found = chart_check.problems("clean", width, _measure(browser, url, width))
        assert found == [], "\n".join(map(str, found))


def test_each_rule_fails_its_fixture_chart(browser, tmp_path):
    """One page holds a chart per rule, each made to break it (1280 px)."""
    url = _fixture_page(tmp_path, "fixtures", [make() for make in FIXTURES.values()])
    measured = _measure(browser, url, 1280)
    assert len(measured["charts"]) == len(FIXTURES)
    missed = {}
    for rule, chart in zip(FIXTURES, measured["charts"], strict=True):
        page = {**measured, "charts": [chart]}
        found = {p.rule for p in chart_check.problems(rule, 1280, page)}
        if rule not in found:
            missed[rule] = found
    assert set(FIXTURES) == set(chart_check.RULES)
    assert not missed, f"rules their fixture chart does not break (rule: what was found): {missed}"


def test_a_later_slider_step_is_measured_and_can_fail(browser, tmp_path):
    """A chart readable as it opens but not on its slider's second step fails in the frames."""
    apart = go.Scatter(
        x=[1, 3], y=[1, 3], mode="markers+text", text=["Harbin", "Mukden"], name="Places"
    )
    piled = go.Scatter(
        x=[2, 2], y=[2, 2], mode="markers+text", text=["Harbin", "Mukden"], name="Places"
    )
    fig = _fig()
    fig.data = []
    fig.add_trace(apart)
    fig.frames = [go.Frame(name="first", data=[apart]), go.Frame(name="second", data=[piled])]
    page, watch = open_page(browser, _fixture_page(tmp_path, "frames", [fig]), viewport=(1280, 900))
    try:
        opened = chart_check.measure(page)
        stepped = chart_check.measure_frames(page)
    finally:
        page.context.close()
    assert not watch.page_errors, watch.page_errors
    assert chart_check.problems("frames", 1280, opened) == []
    assert [c["title"].split("]")[0] for c in stepped["charts"]] == ["[step first", "[step second"]
    found = chart_check.problems("frames", 1280, stepped)
    assert {(p.rule, "[step second]" in p.chart) for p in found} == {("overlap", True)}


# ------------------------------------------------------------------ every lesson page


@pytest.fixture(scope="module")
def measured(site, browser):
    """Every lesson page opened afresh at each width (as a reader's browser loads it); under
    ``frames``, every step of its charts with a slider."""
    from publish.browser import serve

    out = {}
    with serve(site) as base:
        for name in LESSON_PAGES:
            for width in chart_check.WIDTHS:
                page, _ = open_page(browser, base + name, viewport=(width, 900), timeout_ms=60_000)
                try:
                    out[name, width] = chart_check.measure(page)
                    out[name, width]["frames"] = chart_check.measure_frames(page)
                finally:
                    page.context.close()
    return out


def _inventory_rows(measured) -> list[dict]:
    return [
        row
        for name in LESSON_PAGES
        for row in chart_check.inventory(name, measured[name, chart_check.WIDTHS[-1]])
    ]


def test_every_chart_in_the_inventory_is_on_its_page(measured):
    rows = _inventory_rows(measured)
    if os.environ.get("COURSE_CHART_INVENTORY") == "write":
        with INVENTORY.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, ["page", "chart", "title"], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    with INVENTORY.open(encoding="utf-8") as f:
        pinned = [(r["page"], r["title"]) for r in csv.DictReader(f)]
    found = [(r["page"], r["title"]) for r in rows]
    missing = [p for p in pinned if p not in found]
    unlisted = [p for p in found if p not in pinned]
    assert not missing and not unlisted, (
        f"charts missing from their page: {missing}\ncharts not in {INVENTORY.name}: {unlisted}\n"
        "(a chart was removed, added or retitled: if on purpose, rewrite the inventory with "
        "COURSE_CHART_INVENTORY=write)"
    )


def test_every_chart_is_readable_at_every_width(measured):
    """Every chart as the page opens, and every later step of a chart's slider."""
    views_measured = [(name, width, m) for (name, width), m in measured.items()] + [
        (name, width, m["frames"]) for (name, width), m in measured.items()
    ]
    assert any(m["charts"] for _, _, m in views_measured[len(measured) :]), (
        "no chart with a slider was stepped through: the frame check measured nothing"
    )
    found = [p for name, width, m in views_measured for p in chart_check.problems(name, width, m)]
    counts = collections.Counter(p.rule for p in found)
    views = sum(len(m["charts"]) for _, _, m in views_measured)
    bad_views = len({(p.page, p.chart, p.width) for p in found if p.chart != "the page"})
    summary = f"{views} chart views, {bad_views} with a problem; " + ", ".join(
        f"{rule}: {counts.get(rule, 0)}" for rule in chart_check.RULES
    )
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(summary + "\n\n" + "\n".join(map(str, found)) + "\n", encoding="utf-8")
    assert not found, summary + "\n" + "\n".join(map(str, found[:60]))
