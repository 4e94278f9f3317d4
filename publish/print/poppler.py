"""Reading PDFs back with Debian's poppler-utils (``pdfinfo``, ``pdftotext``, ``pdfunite``):
page counts and sizes for the manifest and the tests, and joining the course reader. Command
line tools rather than a Python PDF library: they are what a teacher's machine already has,
and no dependency is added to the lock."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from .lessons import PrintError

TOOLS = ("pdfinfo", "pdftotext", "pdfunite")


def require() -> None:
    missing = [t for t in TOOLS if not shutil.which(t)]
    if missing:
        raise PrintError(
            f"{', '.join(missing)} missing: install Debian's poppler-utils "
            "(`apt-get install -y poppler-utils`; bash .ci/run does it)"
        )


def info(pdf: Path) -> dict:
    """``{"pages": int, "width_pt": float, "height_pt": float}`` of the first page."""
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    w, h = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", out, re.M).groups()
    return {"pages": pages, "width_pt": round(float(w)), "height_pt": round(float(h))}


def text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def unite(parts: list[Path], out: Path) -> Path:
    subprocess.run(["pdfunite", *map(str, parts), str(out)], check=True)
    return out
