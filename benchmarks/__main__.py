"""`make bench`: run the benchmarks, print one table, write _build/bench.json.

    python -m benchmarks [--quick] [--out PATH] [PART ...]

PART is any of widgets, lessons, site, print, lab, hub (default: all, in that order). ``--quick``
takes few
repetitions and skips the from-scratch site build: the test suite runs it to show that every
benchmark still runs and produces numbers; its numbers are not the budgets' measurements.

Exit status: 0 when every budget is met, 1 when one is missed (each is named), 2 when a
benchmark crashed or produced no number (it is named; the other benchmarks still run).
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import platform
import sys
import time
import traceback
from pathlib import Path

PARTS = {
    "widgets": "benchmarks.widgets_bench",
    "lessons": "benchmarks.lessons_bench",
    "site": "benchmarks.site_bench",
    "print": "benchmarks.print_bench",
    "lab": "benchmarks.lab_bench",
    "hub": "benchmarks.hub_bench",
}
OUT = Path(__file__).resolve().parent.parent / "_build" / "bench.json"


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _load() -> str:
    try:
        return "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    except OSError:
        return "load average unknown"


def run_part(part: str, quick: bool) -> tuple[list[dict], list[str]]:
    """The rows of one benchmark, and its problems (a crash, a row without a number)."""
    module = importlib.import_module(PARTS[part])
    started = time.perf_counter()
    try:
        rows = [{"benchmark": part, **row} for row in module.run(quick=quick)]
    except Exception as err:  # noqa: BLE001 - reported in the table; the other parts still run
        traceback.print_exc()
        return [], [
            f"{part}: crashed: {type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
        ]
    print(f"{part}: {time.perf_counter() - started:.0f} s ({_load()})", file=sys.stderr)
    problems = [
        f"{part}: {r['name']}: no number ({r['value']!r})"
        for r in rows
        if not _is_number(r["value"])
    ]
    if not rows:
        problems.append(f"{part}: produced no measurement")
    return rows, problems


def table(rows: list[dict]) -> str:
    width = max([len(r["name"]) for r in rows] + [11])
    lines = [f"{'measurement'.ljust(width)}  {'value':>10}  {'unit':<6}  {'budget':>7}  ok"]
    for r in rows:
        budget = "" if r["budget"] is None else r["budget"]
        ok = "" if r["ok"] is None else ("yes" if r["ok"] else "NO")
        lines.append(
            f"{r['name'].ljust(width)}  {r['value']!s:>10}  {r['unit']:<6}  {budget!s:>7}  {ok}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "parts", nargs="*", metavar="PART", help=f"any of {', '.join(PARTS)} (default: all)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="few repetitions: checks that the benchmarks run"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"where to write the JSON (default: {OUT.relative_to(OUT.parent.parent)}; "
        "bench-quick.json beside it with --quick)",
    )
    args = parser.parse_args(argv)
    unknown = [p for p in args.parts if p not in PARTS]
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    parts = args.parts or list(PARTS)
    out = args.out or (OUT.with_name("bench-quick.json") if args.quick else OUT)

    print(
        f"benchmarks: {', '.join(parts)}{' (quick)' if args.quick else ''}; {os.cpu_count()} "
        f"cores, {_load()}",
        file=sys.stderr,
    )
    rows, problems = [], []
    for part in parts:
        got, bad = run_part(part, args.quick)
        rows += got
        problems += bad
    if rows:
        print(table(rows))
    missed = [r["name"] for r in rows if r["ok"] is False]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "machine": platform.platform(),
                "python": platform.python_version(),
                "cores": os.cpu_count(),
                "quick": args.quick,
                "parts": parts,
                "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "load_after": _load(),
                "rows": rows,
                "problems": problems,
                "missed": missed,
            },
            indent=2,
        )
    )
    print(f"wrote {out}")
    for p in problems:
        print(f"BENCHMARK BROKEN: {p}")
    for name in missed:
        print(f"BUDGET MISSED: {name}")
    if problems:
        return 2
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
