"""Each lesson's execution time in a fresh kernel divided by that of a notebook that only
imports the helpers, measured in the same run (budget: at most 1.5)."""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
KERNEL = "russo-japanese-course"
REPEATS = 3
BUDGET = 1.5
IMPORT_ONLY = "from helpers import setup, charts\nfrom helpers.charts import explorers\nfrom helpers.display import show\nsetup()"


def _execute_seconds(nb, cwd: Path) -> float:
    start = time.perf_counter()
    NotebookClient(nb, kernel_name=KERNEL, timeout=300, resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - start


def lessons() -> list[Path]:
    return sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def run() -> list[dict]:
    baseline_nb = new_notebook(cells=[new_code_cell(IMPORT_ONLY)])
    baseline_nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": KERNEL, "language": "python"}
    times = {"import-only": []}
    with tempfile.TemporaryDirectory():
        for _ in range(REPEATS):  # interleaved, so load on the machine affects all alike
            times["import-only"].append(_execute_seconds(nbformat.from_dict(baseline_nb), ROOT / "notebooks"))
            for path in lessons():
                nb = nbformat.read(path, as_version=4)
                times.setdefault(path.name, []).append(_execute_seconds(nb, path.parent))
    base = statistics.median(times.pop("import-only"))
    rows = [dict(name=f"import-only notebook, fresh kernel (median of {REPEATS})", value=round(base, 2), unit="s",
                 budget=None, ok=None)]
    for name, ts in times.items():
        t = statistics.median(ts)
        rows.append(dict(name=f"{name}, fresh kernel (median of {REPEATS})", value=round(t, 2), unit="s", budget=None, ok=None))
        rows.append(dict(name=f"{name} / import-only", value=round(t / base, 2), unit="ratio", budget=BUDGET,
                         ok=t / base <= BUDGET))
    return rows
