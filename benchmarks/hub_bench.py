"""A class on one machine: a real local JupyterHub (classroom/local_hub.py) with 5 and then 15
students, all starting their servers at once and then running the orientation lesson at once.

Per class size it reports, per student: seconds from "start my server" to a ready server,
memory of an idle student (server running, course pulled, no kernel) and of a working one
(server plus the kernel that has just run the whole lesson), and the CPU seconds and wall time
of that Run All. Memory is PSS (shared pages split between the processes sharing them, so the
students' figures add up to what the machine spends) with RSS beside it. README's sizing table
("Running it for a class") comes from these figures.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

import psutil

from classroom import local_hub

CLASS_SIZES = (5, 15)
LESSON = "course/notebooks/00_orientation.ipynb"


def _row(name, value, unit):
    return dict(name=name, value=value, unit=unit, budget=None, ok=None)


def _stats(prefix: str, values: list[float], unit: str, digits: int = 1) -> list[dict]:
    return [
        _row(f"{prefix} (median)", round(statistics.median(values), digits), unit),
        _row(f"{prefix} (max)", round(max(values), digits), unit),
    ]


async def _class(hub: local_hub.LocalHub, repo: Path, n: int) -> list[dict]:
    names = [f"student{i:02d}" for i in range(1, n + 1)]
    tokens = await hub.add_students(names)
    ready = await asyncio.gather(*(hub.start_server(s) for s in names))
    await asyncio.gather(*(hub.pull(s, tokens[s], f"file://{repo}", "course") for s in names))
    await asyncio.sleep(3)  # let the servers settle after the pull
    servers = {s: hub.server_process(s) for s in names}
    idle = [local_hub.tree_memory(servers[s]) for s in names]
    cpu_before = {s: local_hub.tree_cpu_seconds(servers[s]) for s in names}

    async def timed_run(s):
        start = time.perf_counter()
        await hub.run_notebook(s, tokens[s], LESSON, shutdown=False, cell_timeout=600)
        return time.perf_counter() - start

    started = time.perf_counter()
    walls = await asyncio.gather(*(timed_run(s) for s in names))
    class_wall = time.perf_counter() - started
    cpu = [local_hub.tree_cpu_seconds(servers[s]) - cpu_before[s] for s in names]
    await asyncio.sleep(2)
    working = [local_hub.tree_memory(servers[s]) for s in names]
    hub_mem = sum(local_hub.process_memory(p)["pss_mb"] for p in hub.hub_processes())
    class_total = hub_mem + sum(m["pss_mb"] for m in working)

    p = f"hub.{n}_students"
    rows = _stats(f"{p}.start_to_ready, all starting at once", ready, "s")
    rows += _stats(f"{p}.idle_student_pss", [m["pss_mb"] for m in idle], "MB", 0)
    rows.append(
        _row(
            f"{p}.idle_student_rss (median)",
            round(statistics.median(m["rss_mb"] for m in idle)),
            "MB",
        )
    )
    rows += _stats(
        f"{p}.working_student_pss (server + kernel after Run All)",
        [m["pss_mb"] for m in working],
        "MB",
        0,
    )
    rows.append(
        _row(
            f"{p}.working_student_rss (median)",
            round(statistics.median(m["rss_mb"] for m in working)),
            "MB",
        )
    )
    rows += _stats(f"{p}.run_all_wall, all at once", walls, "s")
    rows.append(_row(f"{p}.whole_class_run_all_wall", round(class_wall, 1), "s"))
    rows.append(
        _row(f"{p}.run_all_cpu_per_student (median)", round(statistics.median(cpu), 1), "cpu-s")
    )
    rows.append(_row(f"{p}.hub_and_proxy_pss", round(hub_mem), "MB"))
    rows.append(
        _row(
            f"{p}.one_lesson_kernel_pss (working - idle, median)",
            round(
                statistics.median(
                    w["pss_mb"] - i["pss_mb"] for w, i in zip(working, idle, strict=False)
                )
            ),
            "MB",
        )
    )
    rows.append(
        _row(
            f"{p}.whole_class_pss (hub, proxy and every working student)", round(class_total), "MB"
        )
    )
    return rows


def run(quick: bool = False) -> list[dict]:
    """Class sizes 5 and 15; ``quick`` (the test suite's check that the benchmark runs): 2."""
    proxy = local_hub.ensure_proxy()
    rows = [
        _row(
            f"hub.machine: {os.cpu_count()} cores, "
            f"{round(psutil.virtual_memory().total / 2**30, 1)} GB RAM",
            os.cpu_count(),
            "cores",
        )
    ]
    with tempfile.TemporaryDirectory(prefix="hub-bench-") as tmp:
        tmp = Path(tmp)
        repo = local_hub.snapshot(tmp / "course-repo")
        image = local_hub.image_env(tmp / "image", local_hub.build_wheel(repo, tmp / "dist"))
        for n in (2,) if quick else CLASS_SIZES:
            with local_hub.LocalHub(tmp / f"hub-{n}", image, proxy) as hub:
                rows += asyncio.run(_class(hub, repo, n))
            if hub.leftovers():
                raise local_hub.HubError(f"processes left running: {hub.leftovers()}")
    return rows


if __name__ == "__main__":
    for r in run():
        print(r)
