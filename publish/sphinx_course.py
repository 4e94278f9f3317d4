"""A small Sphinx extension for the course site.

* After the build, each lesson's downloadable notebook (the theme's ".ipynb" download button,
  ``_sources/notebooks/<lesson>.ipynb``) is replaced by the student edition: no teacher notes
  and no solutions, outputs cleared, ready to open in JupyterLab.
"""
from __future__ import annotations

from pathlib import Path

import nbformat


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
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
