"""`make bench`: run every benchmark, print a table, write _build/bench.json."""
from __future__ import annotations

import importlib
import json
import platform
import sys
import time
from pathlib import Path

MODULES = ["benchmarks.widgets_bench", "benchmarks.lessons_bench", "benchmarks.site_bench",
           "benchmarks.hub_bench"]
OUT = Path(__file__).resolve().parent.parent / "_build" / "bench.json"


def main() -> int:
    rows = []
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name != name:
                raise
            print(f"(skipping {name}: not present)")
            continue
        start = time.perf_counter()
        for row in module.run():
            rows.append({"benchmark": name.split(".")[-1], **row})
        print(f"{name}: {time.perf_counter() - start:.0f} s", file=sys.stderr)
    width = max(len(r["name"]) for r in rows)
    print(f"{'measurement'.ljust(width)}  {'value':>10}  {'unit':<6}  {'budget':>7}  ok")
    for r in rows:
        budget = "" if r["budget"] is None else r["budget"]
        ok = "" if r["ok"] is None else ("yes" if r["ok"] else "NO")
        print(f"{r['name'].ljust(width)}  {r['value']:>10}  {r['unit']:<6}  {budget:>7}  {ok}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"machine": platform.platform(), "python": platform.python_version(),
                               "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "rows": rows}, indent=2))
    print(f"wrote {OUT}")
    return 0 if all(r["ok"] is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
