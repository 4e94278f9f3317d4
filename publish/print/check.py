"""The print check: rules a printed PDF keeps, read back from the PDF with poppler-utils.

* page limits: a student handout at most ``CORE_PAGES`` A4 pages per period the lesson declares
  (``periods`` in ``eras.csv``) plus ``APPENDIX_PAGES`` of appendix;
* no page less than a third full except the last (the lowest ink on the page, from a
  low-resolution ``pdftoppm`` render, against the page's text height);
* no document card split across pages (its title and its last question on the same page, from
  ``pdftotext`` page by page);
* none of the Jupyter leftovers in ``FORBIDDEN`` (case-sensitive);
* no text under ``MIN_PT`` points (``pdftohtml -xml`` gives every font's size).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

CORE_PAGES = 8
APPENDIX_PAGES = 4
MIN_FILL = 1 / 3
MIN_PT = 8
FORBIDDEN = ("✘", "Shift+Enter", "double-click", "Your list has 0")
TOP_MM, BOTTOM_MM, PAGE_MM = 14, 16, 297  # publish.print.pdf's margins on A4


def pages(pdf: Path) -> list[str]:
    """The text of each page (``pdftotext`` ends every page with a form feed)."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def forbidden(pdf: Path) -> list[str]:
    text = "\f".join(pages(pdf))
    return [word for word in FORBIDDEN if word in text]


def small_fonts(pdf: Path) -> list[int]:
    """Font sizes (points, as ``pdftohtml`` rounds them) below ``MIN_PT``."""
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-zoom", "1", "-stdout", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sizes = {int(s) for s in re.findall(r'<fontspec [^>]*size="(-?\d+)"', xml)}
    return sorted(s for s in sizes if s < MIN_PT)


def fill(pdf: Path, dpi: int = 20) -> list[float]:
    """How far down each page its content reaches, as a share of the page's text height."""
    raw = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", str(pdf)], capture_output=True, check=True
    ).stdout
    shares, at = [], 0
    while at < len(raw):
        head = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", raw[at:])
        w, h = int(head.group(1)), int(head.group(2))
        body = raw[at + head.end() : at + head.end() + w * h]
        at += head.end() + w * h
        top = round(h * TOP_MM / PAGE_MM)
        bottom = h - round(h * BOTTOM_MM / PAGE_MM)
        last = top
        for y in range(bottom - 1, top - 1, -1):
            if min(body[y * w : (y + 1) * w]) < 200:
                last = y
                break
        shares.append((last - top) / (bottom - top))
    return shares


def underfull(pdf: Path) -> list[int]:
    """Pages (from 1) less than a third full, the last page excepted."""
    shares = fill(pdf)
    return [i + 1 for i, share in enumerate(shares[:-1]) if share < MIN_FILL]


def split(pdf: Path, blocks: list[tuple[str, str]]) -> list[str]:
    """Blocks (first text, last text) whose first text is on a page that lacks the last text."""
    texts = [squash(t) for t in pages(pdf)]
    broken = []
    for first, last in blocks:
        head, tail = squash(first)[:40], squash(last)[-40:]
        where = [i for i, t in enumerate(texts) if head in t]
        if where and not any(tail in texts[i] for i in where):
            broken.append(first)
    return broken


def card_blocks(document_ids: list[str]) -> list[tuple[str, str]]:
    """Each card's title and the end of its last question, as the card prints them."""
    from helpers import data

    docs = data.peek("documents").set_index("document_id")
    return [(docs.at[d, "title"], docs.at[d, "q_corroboration"]) for d in document_ids]


def limit(periods: int) -> int:
    return CORE_PAGES * periods + APPENDIX_PAGES


APPENDIX_TITLE = "Appendix: going further"  # publish.print.handout starts its appendix so


def core_and_appendix(pdf: Path) -> tuple[int, int]:
    """Pages before the appendix, and pages of it (0 when the handout has none)."""
    texts = pages(pdf)
    start = next((i for i, t in enumerate(texts) if APPENDIX_TITLE in t), len(texts))
    return start, len(texts) - start
