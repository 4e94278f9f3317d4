"""What a lesson pays before its first cell of its own: ``import helpers; helpers.setup()``.

Timing belongs to ``make bench``; this only checks that the known slow imports stay out of it
(nbformat pulls in jsonschema, whose format checkers build an RFC 3987 parser at import, about
1 s), and that nbformat still works when it is wanted after ``setup()``.
"""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

SLOW = ["nbformat", "jsonschema", "rfc3987_syntax", "lark", "frictionless"]


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout
    return set(out.split())


def test_setup_does_not_import_slow_modules():
    loaded = _modules_after("import helpers; helpers.setup()")
    assert "plotly.io._renderers" in loaded, "setup() should have configured plotly's renderers"
    slow = [m for m in SLOW if m in loaded]
    assert not slow, (
        f"`import helpers; helpers.setup()` imports {slow}: every lesson start pays for them"
    )


def test_a_lessons_first_cell_does_not_import_slow_modules():
    """What the lessons import in their first cell (the lesson helpers, charts, explorers, the
    evidence tools), beyond setup()."""
    loaded = _modules_after(
        "from helpers import setup, charts\n"
        "from helpers.charts import explorers\n"
        "from helpers.display import show\n"
        "from helpers.lesson import central_question, document, quiz, course_map, Exercise\n"
        "from helpers.evidence import gather, Comparison, EvidenceList, turning_points\n"
        "setup()"
    )
    slow = [m for m in SLOW if m in loaded]
    assert not slow, f"a lesson's first cell imports {slow}: every lesson start pays for them"


def test_showing_a_figure_does_not_import_nbformat():
    """display(fig) calls plotly's pio.show(), which reads nbformat's version."""
    loaded = _modules_after(
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "InteractiveShell.instance()  # display() as in a kernel, not print()\n"
        "import helpers; helpers.setup()\n"
        "import plotly.graph_objects as go\nfrom IPython.display import display\n"
        "display(go.Figure(go.Bar(x=[1], y=[2])))"
    )
    assert "plotly.io._renderers" in loaded
    slow = [m for m in SLOW[:3] if m in loaded]
    assert not slow, f"showing a figure imports {slow}"


def test_nbformat_still_works_after_setup():
    code = (
        "import helpers; helpers.setup()\n"
        "import plotly.io._renderers as r, nbformat\n"
        "from nbformat.v4 import new_notebook\n"
        "assert r.nbformat.__version__ == nbformat.__version__\n"
        "assert new_notebook().nbformat == 4\n"
    )
    assert "nbformat.v4" in _modules_after(code)


def test_installed_packages_are_byte_compiled():
    """`make setup` byte-compiles .venv (uv does not): otherwise, where PYTHONDONTWRITEBYTECODE
    is set or site-packages is read-only, every kernel recompiles pandas and plotly on start."""
    import importlib.util
    from pathlib import Path

    import pandas.core.frame
    import plotly.basedatatypes

    missing = [
        m.__name__
        for m in (pandas.core.frame, plotly.basedatatypes)
        if not Path(importlib.util.cache_from_source(m.__file__)).exists()
    ]
    assert not missing, (
        f"no .pyc for {missing}: run `make setup` (it byte-compiles .venv once per install)"
    )


def test_geo_assets_script_holds_the_shipped_maps_unchanged():
    """setup() embeds the topojson files as they are (no parse and re-dump): the script must
    still carry exactly the maps' JSON, as one object keyed by file name."""
    import json
    import re

    from helpers.render import TOPOJSON_DIR, geo_assets_js

    js = geo_assets_js()
    m = re.fullmatch(
        r"window\.PlotlyGeoAssets = window\.PlotlyGeoAssets \|\| \{\}; "
        r"window\.PlotlyGeoAssets\.topojson = "
        r"Object\.assign\(window\.PlotlyGeoAssets\.topojson \|\| \{\}, (.*)\);",
        js,
        re.S,
    )
    assert m, js[:200]
    maps = json.loads(m.group(1))
    expected = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(TOPOJSON_DIR.glob("*.json"))
    }
    assert maps == expected and set(maps) == {"world_110m", "asia_50m"}
