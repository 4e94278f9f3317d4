"""Every instruction above a chart asks only for controls the reader has there.

Live: each lesson's code runs in this process in live mode (as in JupyterLab), and the text
above each chart, as JupyterLab shows it, is checked against the explorer's ipywidgets and the
figure's own plotly controls. The website's side (the static wording against the figures as the
built page draws them) is tests/test_site.py::test_instructions_match_the_page_controls.
The rules themselves are tested here on planted instructions that must fail.
"""

from __future__ import annotations

import contextlib
import io
import os
import re

import nbformat
import pytest

from publish import instructions, live_only
from publish.instructions import Control

from .conftest import NOTEBOOK_DIR

LESSONS = sorted(NOTEBOOK_DIR.glob("0*.ipynb"))
SHOW = re.compile(r"^show\((.*)\)\s*$", re.S)


def chart_instructions(cells, text=lambda source: source):
    """(index of each chart cell, the markdown right above it or "") for a notebook's cells,
    teacher cells left out; ``text`` turns a markdown source into what the reader sees."""
    cells = [c for c in cells if "teacher" not in c.get("metadata", {}).get("tags", [])]
    out = []
    for i, cell in enumerate(cells):
        if cell.cell_type == "code" and SHOW.match(cell.source.strip()):
            above = cells[i - 1] if i else None
            out.append((i, text(above.source) if above and above.cell_type == "markdown" else ""))
    return cells, out


def _live_charts(path):
    """Each chart of the lesson as JupyterLab gets it: (its call, the text above, controls)."""
    from helpers import render

    nb = nbformat.read(path, as_version=4)
    cells, charts = chart_instructions(nb.cells, live_only.live_text)
    wanted = dict(charts)
    from IPython.display import display

    found, namespace = [], {"display": display}  # a builtin in a kernel
    saved = os.environ.get(render.ENV_VAR)
    os.environ[render.ENV_VAR] = "live"
    try:
        for i, cell in enumerate(cells):
            if cell.cell_type != "code":
                continue
            with contextlib.redirect_stdout(io.StringIO()):
                if i in wanted:
                    shown = eval(SHOW.match(cell.source.strip()).group(1), namespace)
                    figure = getattr(shown, "figure", shown)
                    controls = instructions.live_controls(shown)
                    if hasattr(figure, "to_plotly_json"):  # a chart, not a message instead of one
                        layout = figure.to_plotly_json()["layout"]
                        controls += instructions.static_controls(layout)
                    found.append((cell.source.strip(), wanted[i], controls))
                else:
                    exec(cell.source, namespace)
    finally:
        if saved is None:
            os.environ.pop(render.ENV_VAR, None)
        else:
            os.environ[render.ENV_VAR] = saved
    return found


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_live_instructions_match_the_live_controls(path):
    charts = _live_charts(path)
    assert charts, f"{path.name} shows no chart"
    bad = [
        f"{call}: {text[:90]!r} asks for {', '.join(missing)}"
        for call, text, controls in charts
        if (missing := instructions.unmet(text, controls))
    ]
    assert not bad, f"{path.name} in JupyterLab:\n  " + "\n  ".join(bad)


# ---------------------------------------------------------------- the rules, on planted text

MENU_AND_SLIDER = [
    Control("menu", "conflict", ("battle of mukden", "siege of port arthur")),
    Control("slider", "as of", ("1 may 1904",)),
]


@pytest.mark.parametrize(
    "text, controls, static, expected",
    [
        ("Move the year slider from 1895 to 1906.", [], False, ["a slider"]),
        ("Move the year slider from 1895 to 1906.", MENU_AND_SLIDER, False, []),
        (
            "Choose the Battle of Mukden in the Conflict menu.",
            [Control("menu", "", ("killed",))],
            True,
            ["a conflict menu"],
        ),
        ("Choose the Battle of Mukden in the Conflict menu.", MENU_AND_SLIDER, False, []),
        ("Choose a category with the menu.", [Control("slider")], False, ["a menu"]),
        (
            "Choose *Soviet Union* and *killed*.",
            [Control("menu", "", ("killed",))],
            True,
            ["the choice 'soviet union'"],
        ),  # fmt: skip
        ("Play the slider from May to September.", MENU_AND_SLIDER, False, ["a play"]),
        (
            "Switch to the log scale.",
            [Control("buttons", "", ("linear",))],
            True,
            ["the choice 'log'"],
        ),  # fmt: skip
        # a sentence about JupyterLab does not speak about a static page
        ("The map shows 1898. (In JupyterLab the map has a year slider.)", [], True, []),
        ("The map shows 1898. (In JupyterLab the map has a year slider.)", [], False, ["a slider"]),
        ("**Which island?** Hover over a point.", [], True, []),
    ],
)
def test_unmet_finds_what_an_instruction_lacks(text, controls, static, expected):
    assert instructions.unmet(text, controls, static) == expected


def test_static_controls_read_plotly_menus_and_sliders():
    layout = {
        "updatemenus": [
            {"type": "buttons", "buttons": [{"label": "Linear"}, {"label": "Log scale"}]},
            {"buttons": [{"label": "Killed"}]},
            {"type": "buttons", "buttons": [{"label": "Play"}]},
        ],
        "sliders": [{"steps": [{"label": "1898"}]}],
    }
    kinds = [c.kind for c in instructions.static_controls(layout)]
    assert kinds == ["buttons", "menu", "buttons", "play", "slider"]
    assert instructions.unmet("Choose *Killed*, then move the slider.", [], True) == [
        "a slider",
        "the choice 'killed'",
    ]


def test_static_and_live_wording():
    source = (
        'Look. <span class="live">Move the slider.</span><!-- static: The map shows 1898. -->'
        " Then read.<!-- static: Only on the page. -->"
    )
    assert live_only.live_text(source) == "Look. Move the slider. Then read."
    assert live_only.static_text(source) == "Look. The map shows 1898. Then read.Only on the page."


def test_student_steps_are_the_placeholders_and_what_reads_them():
    from nbformat.v4 import new_code_cell

    cells = [
        new_code_cell("from helpers import data\ncas = data.load('casualties')"),
        new_code_cell("ex = Exercise('x')\nrows = ...\nex.check_filter(rows)"),
        new_code_cell("ex.check_ratio(2)"),  # reads what a step assigned
        new_code_cell("rows = cas.head()\nex.check_filter(rows)"),
        new_code_cell("cas.describe()"),
        new_code_cell("%matplotlib inline\nlen(cas)"),
    ]
    cells[3].metadata["tags"] = ["solution"]
    assert live_only.student_steps(cells) == [1, 2]
