"""Sphinx configuration of the course website (``make site`` -> ``_build/site/``).

``python -m publish.site`` stages the pages and the lesson notebooks into ``_build/site_src/``
and runs Sphinx on them with this configuration (``-c docs``). Every asset a page loads is
served from the site itself: plotly.js once for the whole site, the offline base maps of the
geo charts, the theme's own fonts and icons; nothing is requested from any other host.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publish import common  # noqa: E402

BUILD = common.BUILD
GENERATED_STATIC = Path(os.environ.get("COURSE_SITE_STATIC", BUILD / "site_static"))
GENERATED_EXTRA = Path(os.environ.get("COURSE_SITE_EXTRA", BUILD / "site_extra"))
EXEC_CACHE = os.environ.get("COURSE_EXEC_CACHE") or str(common.execution_cache_dir())

# Every kernel the build starts draws figures for a page with no kernel.
common.static_render_env()

project = "Russia, the Soviet Union and Japan"
author = "The course team"
copyright = "the course team; code MIT, lessons and data CC BY 4.0"
language = "en"

extensions = [
    "myst_nb",
    "sphinx_togglebutton",
    "publish.sphinx_course",
]
root_doc = "index"
exclude_patterns = ["_build", "_includes", "**.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]
suppress_warnings = ["mystnb.unknown_mime_type"]

# --- MyST / notebooks ---------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "html_image", "attrs_inline"]
myst_heading_anchors = 3
nb_execution_mode = "cache"
nb_execution_cache_path = EXEC_CACHE
nb_execution_timeout = common.CELL_TIMEOUT
nb_execution_raise_on_error = True  # a cell error fails the build
nb_execution_show_tb = True
nb_execution_allow_errors = False
nb_merge_streams = True
# Markdown that a cell displays (e.g. the course map's table) is parsed as MyST, so its links
# to other notebooks become links to their pages.
nb_render_markdown_format = "myst"
nb_output_stderr = "remove"
# Static-mode figures carry text/html (a div + a script calling the page's shared Plotly)
# and the plotly JSON; render the HTML, never the JSON (myst-nb has no renderer for it).
nb_mime_priority_overrides = [
    ("html", "text/html", 0),
    ("html", "application/vnd.plotly.v1+json", None),
    ("html", "application/vnd.jupyter.widget-view+json", None),
    ("html", "application/javascript", None),
]
# No require.js / widget manager from a CDN: the static pages carry no ipywidgets.
nb_ipywidgets_js = {}
nb_code_prompt_show = "Show code"
nb_code_prompt_hide = "Hide code"

# Solutions: code cells tagged `solution` carry the class `tag_solution` (myst-nb); markdown
# solution cells are wrapped in a container when staged (docutils spells its class
# `tag-solution`). sphinx-togglebutton folds both into a <details> labelled "Show solution".
# Teacher cells never reach Sphinx: publish.site removes them when staging.
togglebutton_selector = ".tag_solution, .tag-solution"
togglebutton_hint = "Show solution"
togglebutton_hint_hide = "Hide solution"

# --- HTML ---------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
templates_path = ["_templates"]  # layout.html: the theme's search scripts deferred
html_title = "Russia, the Soviet Union and Japan"
html_static_path = ["_static", str(GENERATED_STATIC)]
html_extra_path = [str(GENERATED_EXTRA)]
# course-print.css: the page on paper (make print, and the browser's own Print)
html_css_files = ["course.css", ("course-print.css", {"media": "print"})]
# Loaded synchronously in <head> of every page, before any figure's inline script runs; the base
# maps (course-geo-<map>.js) only on the pages whose maps use them (publish/sphinx_course.py).
# course-answers.js: a text area in every "Your answer" box, kept in the browser (localStorage).
html_js_files = [("plotly.min.js", {"priority": 200}), ("course-answers.js", {"defer": "defer"})]
html_copy_source = True
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {
    "home_page_in_toc": True,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "use_issues_button": False,
    "use_edit_page_button": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "search_bar_text": "Search the course…",
    "launch_buttons": {},
    "analytics": {},
}
html_context = {"default_mode": "light"}
# No math renderer from a CDN: the lessons do not typeset formulas.
mathjax_path = "mathjax-is-not-used.js"
course_notebook_dir = os.environ.get("COURSE_NOTEBOOKS", str(common.NOTEBOOKS))
# Search results without page summaries: fetching them is refused on file:// pages, and the
# site must work opened straight from disk.
html_show_search_summary = False
