"""How a figure reaches the reader: ``live`` (a kernel, ipywidgets) or ``static`` (no kernel).

Live: explorers return widget boxes around a plotly ``FigureWidget`` updated in place.
Static (the website, slides, a notebook viewer): the same calls return plain plotly figures
whose controls are plotly's own (dropdowns, sliders, animation frames). The default is
``live``; the site and slide builds set ``COURSE_RENDER_MODE=static`` for their kernels.
Maps never fetch a base map from a CDN: the Natural Earth topojson shipped in
``helpers/assets/topojson`` is handed to plotly.js as ``window.PlotlyGeoAssets``.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
import sys
import types
from functools import cache
from pathlib import Path

import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer

MODES = ("live", "static")
ENV_VAR = "COURSE_RENDER_MODE"
TOPOJSON_DIR = Path(__file__).parent / "assets" / "topojson"
# A relative URL: if the shipped assets were ever missing, plotly asks the page's own host,
# never the CDN it uses by default.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "topojsonURL": "topojson/",
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}


def default_mode() -> str:
    mode = os.environ.get(ENV_VAR, "live")
    return resolve(mode)


def resolve(mode: str | None) -> str:
    """``mode`` checked, or the default when None."""
    if mode is None:
        return default_mode()
    if mode not in MODES:
        raise ValueError(f"unknown render mode {mode!r}; choose one of: {', '.join(MODES)}")
    return mode


def geo_maps() -> list[str]:
    """The shipped base maps by plotly's name for them (``<scope>_<resolution>m``)."""
    return sorted(p.stem for p in TOPOJSON_DIR.glob("*.json"))


@cache
def geo_assets_js(names: tuple[str, ...] | None = None) -> str:
    """JavaScript that gives plotly.js the shipped base maps (``names``, default all), so geo
    charts need no network."""
    # The files are compact JSON already: embedded as they are, not parsed and re-serialised
    # (1.1 MB; parsing and dumping it took a third of every lesson's setup()).
    maps = ",".join(
        f"{json.dumps(name)}:{(TOPOJSON_DIR / f'{name}.json').read_text(encoding='utf-8').strip()}"
        for name in (geo_maps() if names is None else names)
    )
    # merged into what earlier scripts gave: a page may load its maps one file at a time
    return (
        "window.PlotlyGeoAssets = window.PlotlyGeoAssets || {}; "
        "window.PlotlyGeoAssets.topojson = "
        f"Object.assign(window.PlotlyGeoAssets.topojson || {{}}, {{{maps}}});"
    )


class StaticPageRenderer(MimetypeRenderer):
    """HTML that draws with the page's shared ``window.Plotly`` (loaded once per site), plus
    the plotly JSON for viewers that render it themselves."""

    def to_mimebundle(self, fig_dict):
        import plotly.graph_objects as go

        fig = go.Figure(fig_dict)
        html = pio.to_html(
            fig,
            include_plotlyjs=False,
            full_html=False,
            config=PLOTLY_CONFIG,
            default_width="100%",
            default_height=f"{fig.layout.height or 480}px",
            auto_play=False,  # a map opens on the step its slider shows, not mid-animation
        )
        return {
            "text/html": html,
            "application/vnd.plotly.v1+json": {**fig.to_plotly_json(), "config": PLOTLY_CONFIG},
        }


def _import_plotly_renderers() -> None:
    """Import plotly's renderers without importing nbformat.

    ``plotly.io._renderers`` imports nbformat only to read its version when a figure is shown
    (``pio.show()``, which every ``display(fig)`` calls); importing nbformat imports jsonschema,
    whose format checkers build an RFC 3987 parser (about 1 s, which every lesson paid). plotly
    gets a stand-in module instead: its ``__version__`` comes from the installed metadata, and
    any other attribute imports the real nbformat.
    """
    if "plotly.io._renderers" in sys.modules or "nbformat" in sys.modules:
        return
    try:
        installed = importlib.metadata.version("nbformat")
    except importlib.metadata.PackageNotFoundError:
        return  # plotly finds no nbformat either way
    stand_in = types.ModuleType(
        "nbformat", "nbformat's version; loads the real nbformat on other use"
    )
    stand_in.__version__ = installed

    def __getattr__(name):
        if sys.modules.get("nbformat") is stand_in:  # only during the import below
            raise AttributeError(name)
        return getattr(importlib.import_module("nbformat"), name)

    stand_in.__getattr__ = __getattr__
    sys.modules["nbformat"] = stand_in
    try:
        importlib.import_module("plotly.io._renderers")
    finally:
        if sys.modules.get("nbformat") is stand_in:
            del sys.modules["nbformat"]


def configure_plotly() -> None:
    """Register the course's renderers; static mode uses the shared-plotly.js page renderer."""
    _import_plotly_renderers()
    pio.renderers["course_static"] = StaticPageRenderer()
    base = pio.renderers["plotly_mimetype"]
    base.config = PLOTLY_CONFIG
    pio.renderers.default = "course_static" if default_mode() == "static" else "plotly_mimetype"


def setup(course_version: str | None = None) -> None:
    """Call once at the top of a lesson: registers the renderers and the tables' display (a dash
    for a missing value, no dtype footer) and, in a live kernel, gives JupyterLab's plotly.js the
    offline base maps (the website loads them as a shared file).

    ``course_version`` is the course version the notebook was written for; when it is not the
    installed helpers' version, the cell's output says so and what to do (see
    ``helpers.version``).
    """
    if course_version is not None:
        from IPython.display import display

        from .version import mismatch_bundle, mismatch_message

        message = mismatch_message(course_version)
        if message:
            display(mismatch_bundle(message), raw=True)
    configure_plotly()
    from . import tables

    tables.register()
    if default_mode() == "live":
        from IPython.display import HTML, display

        display(HTML(f"<script>{geo_assets_js()}</script>"), metadata={"tags": ["course-setup"]})


def write_standalone_html(fig, path) -> Path:
    """One self-contained HTML file (plotly.js and base maps inlined) that works offline."""
    html = pio.to_html(
        fig, include_plotlyjs=True, full_html=True, config=PLOTLY_CONFIG, auto_play=False
    )
    html = html.replace(
        "<head>", f"<head><meta charset='utf-8'><script>{geo_assets_js()}</script>", 1
    )
    path = Path(path)
    path.write_text(html, encoding="utf-8")
    return path
