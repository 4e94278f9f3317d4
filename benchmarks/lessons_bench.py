"""Run All in a fresh kernel, as a student's first run of a lesson costs.

Notebooks are executed with nbclient in the course kernel (live render mode, as in JupyterLab),
each in a fresh kernel, timed from kernel start to kernel shut down:

* a notebook that only runs ``1+1`` (what any notebook costs: kernel start and shut down);
* a notebook that only runs ``import helpers; helpers.setup()`` (what the course adds before
  a lesson's own first cell);
* a notebook whose one cell imports pandas and plotly and shows one plotly figure (what any
  notebook that charts a table costs);
* every lesson ``notebooks/NN_*.ipynb``.

They are interleaved, one of each per round, so load on the machine affects all alike. Budgets
(CONTRIBUTING.md, "Benchmarks and their budgets"), comparing medians of the same run: each
lesson <= 1.5x the pandas-and-plotly notebook, and the import-only notebook <= 1.3x the ``1+1``
one. The absolute times are reported beside the ratios.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
KERNEL = "russo-japanese-course"
REPEATS, QUICK_REPEATS = 5, 1
LESSON_BUDGET = 1.5
IMPORT_BUDGET = 1.3
ONE_PLUS_ONE = "1+1"
IMPORT_ONLY = "import helpers; helpers.setup()"
ONE_FIGURE = "import pandas; import plotly.graph_objects as go; go.Figure(go.Bar(x=[1], y=[1]))"
# the reference notebooks, by the short name their rows use
REFERENCES = {"1+1": ONE_PLUS_ONE, "import-only": IMPORT_ONLY, "pandas-and-plotly": ONE_FIGURE}


def _execute_seconds(nb, cwd: Path) -> float:
    start = time.perf_counter()
    NotebookClient(
        nb, kernel_name=KERNEL, timeout=300, resources={"metadata": {"path": str(cwd)}}
    ).execute()
    return time.perf_counter() - start


def lessons() -> list[Path]:
    return sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _one_cell(code: str) -> nbformat.NotebookNode:
    nb = new_notebook(cells=[new_code_cell(code)])
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": KERNEL, "language": "python"}
    return nb


def run(quick: bool = False) -> list[dict]:
    saved = os.environ.get("COURSE_RENDER_MODE")
    os.environ["COURSE_RENDER_MODE"] = "live"  # as in JupyterLab
    try:
        return _run(QUICK_REPEATS if quick else REPEATS, quick)
    finally:
        if saved is None:
            os.environ.pop("COURSE_RENDER_MODE", None)
        else:
            os.environ["COURSE_RENDER_MODE"] = saved


def _row(name: str, value: float, unit: str, budget: float | None = None) -> dict:
    return dict(
        name=name,
        value=round(value, 2),
        unit=unit,
        budget=budget,
        ok=None if budget is None else value <= budget,
    )


def _run(repeats: int, quick: bool) -> list[dict]:
    nb_dir = ROOT / "notebooks"
    notebooks = {name: _one_cell(code) for name, code in REFERENCES.items()}
    # quick mode (the test suite's check that this benchmark runs): lesson 04 only, the others are
    # executed by tests/test_notebooks.py anyway
    chosen = [p for p in lessons() if not quick or p.name.startswith("04_")]
    notebooks.update({p.name: nbformat.read(p, as_version=4) for p in chosen})
    # warm-up: files into the page cache
    _execute_seconds(nbformat.from_dict(notebooks["pandas-and-plotly"]), nb_dir)
    times: dict[str, list[float]] = {name: [] for name in notebooks}
    for _ in range(repeats):
        for name, nb in notebooks.items():
            times[name].append(_execute_seconds(nbformat.from_dict(nb), nb_dir))

    med = {name: statistics.median(ts) for name, ts in times.items()}
    n = f"median of {repeats}"
    rows = [
        _row(f"notebook running only `{code}`, fresh kernel ({n})", med[name], "s")
        for name, code in REFERENCES.items()
    ]
    rows.append(
        _row(
            "import-only notebook / 1+1 notebook",
            med["import-only"] / med["1+1"],
            "ratio",
            IMPORT_BUDGET,
        )
    )
    for name in (n_ for n_ in notebooks if n_ not in REFERENCES):
        rows.append(_row(f"{name}, Run All in a fresh kernel ({n})", med[name], "s"))
        rows.append(
            _row(
                f"{name} / pandas-and-plotly notebook",
                med[name] / med["pandas-and-plotly"],
                "ratio",
                LESSON_BUDGET,
            )
        )
    return rows


if __name__ == "__main__":
    for r in run():
        print(r)
