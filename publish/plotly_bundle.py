"""A plotly.js holding only the trace types the course's figures use.

The full ``plotly.min.js`` shipped with the plotly Python package is 4.8 MB; parsing and
running it takes 1.5 s or more of a cold page load on a modest machine, which alone breaks
the course's 1.5 s first-chart budget. The course draws a handful of trace types (scatter,
bar, scattergeo, ...), so the site and the slides load a custom bundle of the *same*
plotly.js version with just those types (about 1.3 MB), built with plotly.js's own modular
``lib/`` entry points and esbuild, exactly as plotly.js's CUSTOM_BUNDLE.md describes.

Which trace types: read from the executed notebooks' figures (``application/vnd.plotly.v1+json``
and, as a fallback, the ``Plotly.newPlot`` calls in ``text/html``), so a lesson that adds a
new chart type gets it in the bundle automatically.

The build needs ``npm`` and the npm registry once (``_build/vendor/plotly-build-<version>/``
and npm's cache keep what it fetched). If anything is missing the full plotly.min.js is used,
with a warning: the site still works, only slower.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

from .common import BUILD, plotly_js

VENDOR = BUILD / "vendor"
ESBUILD_VERSION = "0.25.12"
TYPE_RE = re.compile(r'"type"\s*:\s*"([a-z0-9]+)"')


def plotly_version() -> str:
    head = plotly_js().read_bytes()[:200].decode("ascii", "ignore")
    match = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", head)
    if not match:
        raise RuntimeError(
            "cannot read the plotly.js version from the plotly package's plotly.min.js"
        )
    return match.group(1)


def trace_types(notebooks) -> set[str]:
    """Trace types of every figure in the executed notebooks (frames included)."""
    found: set[str] = set()
    for nb in notebooks:
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                fig = data.get("application/vnd.plotly.v1+json")
                if fig:
                    traces = list(fig.get("data", []))
                    for frame in fig.get("frames", []) or []:
                        traces += frame.get("data", [])
                    found |= {t.get("type", "scatter") for t in traces}
                html = data.get("text/html", "")
                if isinstance(html, list):
                    html = "".join(html)
                if "Plotly.newPlot" in html:
                    found |= set(
                        TYPE_RE.findall(html)
                    )  # over-collects; filtered by available modules
    return found


def _build_dir(version: str) -> Path:
    return VENDOR / f"plotly-build-{version}"


def _install(version: str) -> Path:
    where = _build_dir(version)
    if (where / "node_modules" / "plotly.js" / "lib" / "core.js").exists() and (
        where / "node_modules" / ".bin" / "esbuild"
    ).exists():
        return where
    if not shutil.which("npm"):
        raise RuntimeError("npm is not installed")
    where.mkdir(parents=True, exist_ok=True)
    (where / "package.json").write_text(
        json.dumps({"name": "course-plotly-bundle", "version": "1.0.0", "private": True})
    )
    subprocess.run(
        [
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            "--prefer-offline",
            "--loglevel",
            "error",
            f"plotly.js@{version}",
            f"esbuild@{ESBUILD_VERSION}",
        ],
        cwd=where,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return where


def bundle(types: set[str]) -> tuple[Path, list[str]]:
    """(path, trace types) of a minified plotly.js with ``types`` (cached by version and type
    set).
    """
    version = plotly_version()
    where = _install(version)
    lib = where / "node_modules" / "plotly.js" / "lib"
    available = {
        p.stem
        for p in lib.glob("*.js")
        if not p.stem.startswith("index") and p.stem not in ("core",)
    }
    wanted = sorted((types & available) - {"scatter"})  # scatter is part of core
    key = hashlib.sha256(f"{version} {ESBUILD_VERSION} {wanted}".encode()).hexdigest()[:12]
    out = VENDOR / "plotly-bundles" / f"plotly-{version}-{key}.min.js"
    if out.exists():
        return out, ["scatter", *wanted]
    entry = where / f"entry-{key}.js"
    modules = ",\n  ".join(f"require('plotly.js/lib/{name}')" for name in wanted)
    entry.write_text(
        f"/* traces: scatter, {', '.join(wanted)} */\n"
        "var Plotly = require('plotly.js/lib/core');\n"
        f"Plotly.register([\n  {modules}\n]);\nmodule.exports = Plotly;\n"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp.js")
    subprocess.run(
        [
            str(where / "node_modules" / ".bin" / "esbuild"),
            entry.name,
            "--bundle",
            "--format=iife",
            "--global-name=Plotly",
            "--minify",
            "--define:global=window",
            "--define:define.amd=false",
            "--define:process.env.NODE_DEBUG=false",
            "--target=es2016",
            "--log-level=error",
            f"--outfile={tmp}",
        ],
        cwd=where,
        check=True,
    )
    banner = (
        f"/**\n* plotly.js v{version} (custom bundle: scatter, {', '.join(wanted)})\n"
        "* Copyright 2012-2026, Plotly, Inc. All rights reserved.\n* Licensed under "
        "the MIT license\n*/\n"
    )
    out.write_text(banner + tmp.read_text(encoding="utf-8"), encoding="utf-8")
    tmp.unlink()
    return out, ["scatter", *wanted]


def plotly_for(notebooks) -> tuple[Path, str]:
    """(file to serve as plotly.min.js, description); falls back to the full plotly.js."""
    types = trace_types(notebooks)
    try:
        path, included = bundle(types)
        return (
            path,
            f"custom plotly.js bundle ({path.stat().st_size // 1024} KB), "
            f"traces: {', '.join(included)}",
        )
    except Exception as exc:  # noqa: BLE001 - any failure: the full bundle still works
        return plotly_js(), f"WARNING: full plotly.js used ({exc}); pages load slower"
