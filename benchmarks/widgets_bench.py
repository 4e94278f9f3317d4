"""Python-side time from a control change to the FigureWidget updated, per explorer,
beside the time to rebuild the same figure from scratch (budget: median <= 20 ms)."""

from __future__ import annotations

import itertools
import statistics
import time

from helpers import charts
from helpers.charts import explorers

CHANGES, QUICK_CHANGES = 60, 6
REBUILDS, QUICK_REBUILDS = 15, 2
BUDGET_MS = 20.0


def _values(control):
    opts = getattr(control, "options", None)
    if opts:
        return [o[1] if isinstance(o, tuple) else o for o in opts]
    return list(range(control.min, control.max + 1, max(1, (control.max - control.min) // 40)))


def _time_changes(box, name: str, changes: int = CHANGES) -> list[float]:
    control = box.controls[name]
    values = [v for v in _values(control) if v != control.value] + [control.value]
    times = []
    for value in itertools.islice(itertools.cycle(values), changes):
        if value == control.value:
            continue
        start = time.perf_counter()
        control.value = (
            value  # observers run synchronously: handler -> batch_update -> figure updated
        )
        times.append((time.perf_counter() - start) * 1000)
    return times


def _time_rebuild(make, rebuilds: int = REBUILDS) -> list[float]:
    times = []
    for _ in range(rebuilds):
        start = time.perf_counter()
        make()
        times.append((time.perf_counter() - start) * 1000)
    return times


CASES = [
    (
        "casualty explorer: conflict",
        lambda: explorers.casualty_explorer("khalkhin_gol", mode="live"),
        "conflict",
        lambda: charts.casualty_chart("khalkhin_gol"),
    ),
    (
        "deployment explorer: date slider",
        lambda: explorers.deployment_explorer("khalkhin_gol", mode="live"),
        "date",
        lambda: charts.deployment_map("khalkhin_gol", controls=False),
    ),
    (
        "treaty explorer: party",
        lambda: explorers.treaty_explorer(mode="live"),
        "party",
        lambda: charts.treaty_timeline(controls=False),
    ),
    (
        "territory explorer: year slider",
        lambda: explorers.territory_explorer(1905, mode="live"),
        "year",
        lambda: charts.territory_map(1905),
    ),
    (
        "era overview: era",
        lambda: explorers.era_overview("border_wars", mode="live"),
        "era",
        lambda: charts.event_timeline("border_wars"),
    ),
]


def run(quick: bool = False) -> list[dict]:
    n_changes, n_rebuilds = (QUICK_CHANGES, QUICK_REBUILDS) if quick else (CHANGES, REBUILDS)
    rows = []
    for label, make_box, control, rebuild in CASES:
        box = make_box()
        changes = _time_changes(box, control, n_changes)
        median = statistics.median(changes)
        rows.append(
            dict(
                name=f"widget change, {label} (median of {len(changes)})",
                value=round(median, 2),
                unit="ms",
                budget=BUDGET_MS,
                ok=median <= BUDGET_MS,
            )
        )
        rows.append(
            dict(
                name=f"rebuild from scratch, {label} (median of {n_rebuilds})",
                value=round(statistics.median(_time_rebuild(rebuild, n_rebuilds)), 2),
                unit="ms",
                budget=None,
                ok=None,
            )
        )
    return rows
