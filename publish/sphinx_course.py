"""A small Sphinx extension for the course site.

* After the build, each lesson's downloadable notebook (the theme's ".ipynb" download button,
  ``_sources/notebooks/<lesson>.ipynb``) is replaced by the student edition: no teacher notes
  and no solutions, outputs cleared, ready to open in JupyterLab.
* A page loads the offline base maps its maps use (``course-geo-<map>.js``, written by
  ``publish.site``) and no other, each just before the first chart that needs it rather than in
  ``<head>``: the world is 1.1 MB of script, and a page's first chart should not wait for a map
  further down. plotly.js names a base map ``<scope>_<resolution>m``; layouts list their keys
  in alphabetical order, so a geo layout's resolution (default 110) comes just before its scope.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

GEO_SCOPE = re.compile(r'(?:"resolution":\s*(\d+),\s*)?"scope":\s*"([a-z ]+)"')
FIGURE_SCRIPT = "window.PLOTLYENV"  # how the script of a figure from plotly's to_html begins


def _base_maps(app, pagename, templatename, context, doctree) -> None:
    from helpers.render import geo_maps

    body = context.get("body", "")
    first_use: dict[str, int] = {}
    for match in GEO_SCOPE.finditer(body):
        name = f"{match.group(2).replace(' ', '_')}_{match.group(1) or 110}m"
        first_use.setdefault(name, match.start())
    for name, at in sorted(
        first_use.items(), key=lambda kv: -kv[1]
    ):  # from the end: offsets stay valid
        if name not in geo_maps():
            raise RuntimeError(
                f"{pagename}: a map needs the base map {name!r}, but helpers/assets/topojson "
                f"has no "
                f"{name}.json; draw maps with helpers.charts.common.geo_layout"
            )
        figure = body.rfind("<script", 0, body.rfind(FIGURE_SCRIPT, 0, at))
        if figure < 0:
            raise RuntimeError(
                f"{pagename}: no figure script before a map's layout (has plotly's HTML changed?)"
            )
        src = context["pathto"](f"_static/course-geo-{name}.js", 1)
        body = body[:figure] + f'<script src="{src}"></script>' + body[figure:]
    context["body"] = body


def _student_downloads(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from .student import student_notebook

    notebooks = Path(app.config.course_notebook_dir)
    sources = Path(app.outdir) / "_sources" / "notebooks"
    for target in sources.glob("*.ipynb"):
        original = notebooks / target.name
        if original.exists():
            nb = student_notebook(nbformat.read(original, as_version=4))
            target.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def setup(app):
    from .common import NOTEBOOKS

    app.add_config_value("course_notebook_dir", str(NOTEBOOKS), "env")
    app.connect("build-finished", _student_downloads)
    app.connect("html-page-context", _base_maps)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
