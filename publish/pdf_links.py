"""Which PDFs the website offers, and the links to them.

The PDF file names are fixed (``pdf_name``), so the site build can link what ``make print``
wrote without running it: ``make site`` links (and copies into ``_build/site/print/``) only
the public PDFs that exist in ``_build/print/``, and stays as fast as before; ``make print``
builds the site with the links to the PDFs it is about to print and copies them in at the
end. The teacher edition is never offered: the public site does not publish teacher notes. The
capstone's evidence packets (``make packets``, in ``_build/print/packets/``, built before
``make print``) are linked from the capstone's page by the same rule: those that exist.
"""

from __future__ import annotations

import html
from pathlib import Path

from .common import BUILD, copy_if_changed

PRINT = BUILD / "print"
PUBLIC_KINDS = ("student", "worksheet", "slides")
LABELS = {
    "student": "Student handout",
    "worksheet": "Worksheet",
    "slides": "Slides handout",
    "teacher": "Teacher edition",
}
READER = "course-reader"
SITE_FOLDER = "print"  # _build/site/print/
PACKETS = "packets"  # _build/print/packets/<turning point>.<paper>.pdf, linked as packets/...


def pdf_name(stem: str, kind: str, paper_key: str) -> str:
    """``04_border_wars_1931_1941.student.a4.pdf``; slides keep reveal's page size, so no paper."""
    if kind == "slides":
        return f"{stem}.slides.pdf"
    if kind == "reader":
        return f"{READER}.{paper_key}.pdf"
    return f"{stem}.{kind}.{paper_key}.pdf"


def is_public(name: str) -> bool:
    parts = name.split(".")
    return name.endswith(".pdf") and (
        parts[0] == READER
        or name.startswith(f"{PACKETS}/")
        or (len(parts) >= 3 and parts[1] in PUBLIC_KINDS)
    )


def existing(print_dir: Path = PRINT) -> set[str]:
    """The public PDFs a previous ``make print`` (or ``make packets``) left in ``print_dir``,
    named by their path under it."""
    if not print_dir.is_dir():
        return set()
    found = {p.relative_to(print_dir).as_posix() for p in print_dir.glob("*.pdf")}
    found |= {p.relative_to(print_dir).as_posix() for p in print_dir.glob(f"{PACKETS}/*.pdf")}
    return {n for n in found if is_public(n)}


def _papers(names: set[str], prefix: str) -> list[tuple[str, str]]:
    return sorted(
        ((n.split(".")[-2], n) for n in names if n.startswith(prefix)), key=lambda t: t[0]
    )


def _links(names: set[str], stem: str, base: str) -> list[str]:
    out = []
    for kind in PUBLIC_KINDS:
        if kind == "slides":
            name = pdf_name(stem, "slides", "")
            if name in names:
                out.append(f'<a href="{base}{name}" download>{LABELS[kind]}</a> (PDF)')
            continue
        found = _papers(names, f"{stem}.{kind}.")
        if found:
            papers = ", ".join(
                f'<a href="{base}{n}" download>{p.upper() if p == "a4" else p.capitalize()}</a>'
                for p, n in found
            )
            out.append(f"{LABELS[kind]} (PDF: {papers})")
    return out


def _packet_links(names: set[str], base: str) -> str | None:
    """One link per turning point whose evidence packet was printed, in the course's order."""
    from helpers.evidence.turning_points import TURNING_POINTS

    links = [
        f'<a href="{base}{n}" download>{html.escape(tp.label)}</a>'
        for tp in TURNING_POINTS
        for _, n in _papers(names, f"{PACKETS}/{tp.turning_point_id}.")
    ]
    return "; ".join(links) if links else None


def _capstone_stem() -> str:
    """The capstone lesson's notebook stem, from ``eras.csv`` (its page links the packets)."""
    from helpers import data

    return Path(data.peek("eras").set_index("era_id").at["capstone", "notebook"]).stem


def lesson_cell(stem: str, names: set[str]) -> str | None:
    """The markdown cell a lesson page shows under its title, or None when nothing was printed.
    The capstone's cell also links the evidence packets."""
    links = [" · ".join(found)] if (found := _links(names, stem, f"../{SITE_FOLDER}/")) else []
    packets = _packet_links(names, f"../{SITE_FOLDER}/") if stem == _capstone_stem() else None
    if packets:
        links.append(f"<strong>Evidence packets</strong> (PDF, one per turning point): {packets}")
    if not links:
        return None
    return (
        '```{raw} html\n<div class="print-links"><p><strong>On paper:</strong> '
        + "</p><p>".join(links)
        + "</p></div>\n```"
    )


def home_md(stems_titles: list[tuple[str, str]], names: set[str]) -> str:
    """The home page's "On paper" section: the course reader and every lesson's PDFs."""
    intro = (
        "Every lesson is also printed for classes without devices: a **student handout** "
        "(the lesson as "
        "on this site, charts included), a **worksheet** to write on (the documents with "
        "their questions, "
        "the written prompts, the data exercise and the writing task with the rubric, with "
        "ruled space) and "
        "a **slides handout**. Teachers build the **teacher edition** (with the teacher "
        "notes, model "
        "answers and solutions) themselves with `make print` from the course repository."
    )
    rows = []
    reader = _papers(names, f"{READER}.")
    if reader:
        links = ", ".join(
            f'<a href="{SITE_FOLDER}/{n}" download>{p.upper() if p == "a4" else p.capitalize()}</a>'
            for p, n in reader
        )
        rows.append(
            f"<p><strong>Course reader</strong>, every student handout in one PDF: {links}</p>"
        )
    items = [
        f"<li>{html.escape(title)}: {' · '.join(links)}</li>"
        for stem, title in stems_titles
        if (links := _links(names, stem, f"{SITE_FOLDER}/"))
    ]
    if items:
        rows.append("<ul>" + "".join(items) + "</ul>")
    packets = _packet_links(names, f"{SITE_FOLDER}/")
    if packets:
        rows.append(f"<p><strong>Evidence packets</strong> for the capstone: {packets}</p>")
    if not rows:
        return intro
    return intro + "\n\n```{raw} html\n" + "\n".join(rows) + "\n```"


def copy_into(names: set[str], print_dir: Path, target: Path) -> None:
    """``target`` holds exactly the ``names`` that exist in ``print_dir`` (stale PDFs removed)."""
    keep = set()
    for name in sorted(names):
        src = print_dir / name
        if src.exists():
            copy_if_changed(src, target / name)
            keep.add(name)
    if target.is_dir():
        for stale in target.rglob("*.pdf"):
            if stale.relative_to(target).as_posix() not in keep:
                stale.unlink()
