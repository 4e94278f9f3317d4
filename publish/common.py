"""Paths and notebook handling shared by the site, slides and student builds."""

from __future__ import annotations

import contextlib
import copy
import hashlib
import os
import re
import shutil
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DATA = ROOT / "lessons_data"
HELPERS = ROOT / "helpers"
DOCS = ROOT / "docs"
BUILD = ROOT / "_build"
KERNEL = "russo-japanese-course"
RENDER_ENV = {"COURSE_RENDER_MODE": "static"}
CELL_TIMEOUT = 120

SOLUTION = "solution"
TEACHER = "teacher"

# markdown cells by tag -> the container class that styles them on the site (and in print)
CONTAINERS = {SOLUTION: "tag_solution", "response": "response-box", "deeper": "go-deeper"}


def fence(text: str) -> str:
    """A backtick fence longer than any run of backticks inside ``text``."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def notebook_title(nb) -> str:
    """The text of the notebook's first level-1 markdown heading ("" if it has none)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def lesson_notebooks(nb_dir: Path = NOTEBOOKS) -> list[Path]:
    """Every notebook to publish: ``index.ipynb`` first, then the rest in filename order."""
    found = sorted(p for p in nb_dir.glob("*.ipynb") if not p.name.startswith("."))
    return sorted(found, key=lambda p: (p.name != "index.ipynb", p.name))


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def without_tags(nb: nbformat.NotebookNode, remove: set[str]) -> nbformat.NotebookNode:
    """A copy of ``nb`` without the cells carrying any tag in ``remove``."""
    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if not remove.intersection(tags(c))]
    return out


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """Write only when the content differs, so Sphinx's incremental build keeps working."""
    raw = data.encode() if isinstance(data, str) else data
    if path.exists() and path.read_bytes() == raw:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return True


def copy_if_changed(src: Path, dst: Path) -> bool:
    return write_if_changed(dst, src.read_bytes())


def inputs_fingerprint() -> str:
    """Hash of everything besides a notebook's own code that changes its executed outputs:
    the helpers package, the data, the plotly version and the render mode. jupyter-cache only
    hashes a notebook's code cells, so the cache lives in a folder keyed on this."""
    import plotly

    h = hashlib.sha256()
    for base in (HELPERS, DATA):
        for p in sorted(base.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc":
                h.update(str(p.relative_to(ROOT)).encode())
                h.update(p.read_bytes())
    h.update(plotly.__version__.encode())
    h.update(repr(sorted(RENDER_ENV.items())).encode())
    return h.hexdigest()[:16]


def execution_cache_dir() -> Path:
    """The jupyter-cache folder for the current helpers + data; stale siblings are removed."""
    parent = BUILD / "jupyter_cache"
    here = parent / inputs_fingerprint()
    if parent.exists():
        for old in parent.iterdir():
            if old != here:
                shutil.rmtree(old, ignore_errors=True)
    here.mkdir(parents=True, exist_ok=True)
    return here


def static_render_env() -> None:
    """Kernels started from this process render figures for a page with no kernel."""
    os.environ.update(RENDER_ENV)
    # plotly's kaleido/orca are never used; make sure the kernel never opens a browser
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


@contextlib.contextmanager
def preserved_environ():
    """Undo the environment changes a build makes (for callers in a long-lived process, e.g.
    tests).
    """
    saved = dict(os.environ)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def plotly_js() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def execute_cached(nb: nbformat.NotebookNode, path: Path, cwd: Path) -> nbformat.NotebookNode:
    """``nb`` with outputs, from the shared jupyter-cache when its code is unchanged, else
    executed in a fresh kernel (static render mode) and cached. Raises on any cell error."""
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn
    from nbclient import NotebookClient

    static_render_env()
    cache = get_cache(os.environ.get("COURSE_EXEC_CACHE") or str(execution_cache_dir()))
    try:
        _, merged = cache.merge_match_into_notebook(nb)
        print(f"  {path.name}: outputs from the execution cache")
        return merged
    except KeyError:
        pass
    out = copy.deepcopy(nb)
    # record_timing=False: jupyter-cache hashes cell metadata, and timings would change the hash
    client = NotebookClient(
        out,
        timeout=CELL_TIMEOUT,
        kernel_name=KERNEL,
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    started = time.perf_counter()
    client.execute()
    print(f"  {path.name}: executed in {time.perf_counter() - started:.1f} s")
    cache.cache_notebook_bundle(CacheBundleIn(out, str(path)), check_validity=False, overwrite=True)
    return out
