"""The course on paper: the time ``make print`` takes and the size of every PDF.

* ``print.whole course``: ``python -m publish.print`` in a new process, as ``make print`` runs
  it: the site built incrementally (lessons from the execution cache, as after ``make site``),
  the teacher pages, worksheets and slide decks, then every lesson's student handout,
  worksheet, teacher edition and slides handout and the course reader printed in chromium.
  No budget (CONTRIBUTING.md); reported so a slower print is seen.
* ``print.<file>.size`` and ``.pages``: each PDF the run wrote (from its ``manifest.json``).

``--quick`` (the test suite): one lesson (the first), its three A4 PDFs, no reader and no
slides, into a temporary folder (``_build/print`` and the PDFs the site links are untouched).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _row(name, value, unit, budget=None, ok=None):
    return {"name": name, "value": value, "unit": unit, "budget": budget, "ok": ok}


def _timed(args: list[str]) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURSE_")}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "publish.print", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(
            f"python -m publish.print failed ({done.returncode}):\n{done.stdout[-3000:]}\n"
            f"{done.stderr[-3000:]}"
        )
    return took


def _rows(out: Path, took: float, label: str) -> list[dict]:
    manifest = json.loads((out / "manifest.json").read_text())
    rows = [_row(f"print.{label} (new process)", round(took, 1), "s")]
    for pdf in manifest["pdfs"]:
        rows.append(_row(f"print.{pdf['file']}.size", round(pdf["bytes"] / 1024, 1), "KB"))
        rows.append(_row(f"print.{pdf['file']}.pages", pdf["pages"], "pages"))
    return rows


def run(quick: bool = False) -> list[dict]:
    if not quick:
        from publish.print.build import OUT

        return _rows(OUT, _timed([]), "whole course, every PDF and the reader")
    from publish.print.lessons import discover

    first = discover()[0].stem
    with tempfile.TemporaryDirectory(prefix="course-print-") as tmp:
        took = _timed(
            [
                "--lessons",
                first,
                "--kinds",
                "student",
                "worksheet",
                "teacher",
                "--no-reader",
                "--out",
                tmp,
            ]
        )
        return _rows(Path(tmp), took, f"one lesson ({first}), three PDFs")


if __name__ == "__main__":
    for r in run():
        print(r)
