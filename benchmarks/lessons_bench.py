"""Run All in a fresh kernel, as a student's first run of a lesson costs.

Three kinds of notebook are executed with nbclient in the course kernel (live render mode, as
in JupyterLab), each in a fresh kernel, timed from kernel start to kernel shut down:

* a notebook that only runs ``1+1`` (what any notebook costs: kernel start and shut down);
* a notebook that only runs ``import helpers; helpers.setup()`` (what the course adds before
  a lesson's own first cell);
* every lesson ``notebooks/NN_*.ipynb``.

They are interleaved, one of each per round, so load on the machine affects all alike.
Budgets (DESIGN.md): each lesson <= 1.25x the import-only notebook, and the import-only
notebook <= 1.3x the ``1+1`` one, comparing medians of the same run.
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
LESSON_BUDGET = 1.25
IMPORT_BUDGET = 1.3
ONE_PLUS_ONE = "1+1"
IMPORT_ONLY = "import helpers; helpers.setup()"


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


def _run(repeats: int, quick: bool) -> list[dict]:
    nb_dir = ROOT / "notebooks"
    notebooks = {"1+1": _one_cell(ONE_PLUS_ONE), "import-only": _one_cell(IMPORT_ONLY)}
    # quick mode (the test suite's check that this benchmark runs): lesson 04 only, the others are
    # executed by tests/test_notebooks.py anyway
    chosen = [p for p in lessons() if not quick or p.name.startswith("04_")]
    notebooks.update({p.name: nbformat.read(p, as_version=4) for p in chosen})
    _execute_seconds(
        nbformat.from_dict(notebooks["1+1"]), nb_dir
    )  # warm-up: files into the page cache
    times: dict[str, list[float]] = {name: [] for name in notebooks}
    for _ in range(repeats):
        for name, nb in notebooks.items():
            times[name].append(_execute_seconds(nbformat.from_dict(nb), nb_dir))

    med = {name: statistics.median(ts) for name, ts in times.items()}
    n = f"median of {repeats}"
    rows = [
        dict(
            name=f"notebook running only `{ONE_PLUS_ONE}`, fresh kernel ({n})",
            value=round(med["1+1"], 2),
            unit="s",
            budget=None,
            ok=None,
        ),
        dict(
            name=f"notebook running only `{IMPORT_ONLY}`, fresh kernel ({n})",
            value=round(med["import-only"], 2),
            unit="s",
            budget=None,
            ok=None,
        ),
    ]
    ratio = med["import-only"] / med["1+1"]
    rows.append(
        dict(
            name="import-only notebook / 1+1 notebook",
            value=round(ratio, 2),
            unit="ratio",
            budget=IMPORT_BUDGET,
            ok=ratio <= IMPORT_BUDGET,
        )
    )
    for name in (n_ for n_ in notebooks if n_ not in ("1+1", "import-only")):
        rows.append(
            dict(
                name=f"{name}, Run All in a fresh kernel ({n})",
                value=round(med[name], 2),
                unit="s",
                budget=None,
                ok=None,
            )
        )
        ratio = med[name] / med["import-only"]
        rows.append(
            dict(
                name=f"{name} / import-only notebook",
                value=round(ratio, 2),
                unit="ratio",
                budget=LESSON_BUDGET,
                ok=ratio <= LESSON_BUDGET,
            )
        )
    return rows


if __name__ == "__main__":
    for r in run():
        print(r)
