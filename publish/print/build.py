"""``make print``: the site (and the teacher pages, worksheets, slide decks) built, then every
PDF printed with one browser over one local server, the reader joined, the public PDFs
copied into the website, and ``manifest.json`` written with each PDF's pages and size."""

from __future__ import annotations

import json
import time
from pathlib import Path

from .. import common, pdf_links
from ..common import BUILD, NOTEBOOKS
from . import handout, pdf, poppler, reader, teacher, worksheet
from .lessons import KINDS, PrintError, paper, select

OUT = BUILD / "print"
WORK = BUILD / "print_work"  # worksheets and the reader's contents page, as HTML
SITE = BUILD / "site"
SLIDES = BUILD / "slides"
COURSE = "Russia, the Soviet Union and Japan"


def check_kinds(kinds: list[str] | None) -> list[str]:
    kinds = list(kinds or KINDS)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise PrintError(
            f"unknown kind(s) {', '.join(map(repr, unknown))}; choose from: {', '.join(KINDS)}"
        )
    return kinds


def print_handout(browser, page_url: str, target: Path, fmt: str, lesson) -> Path:
    """The student handout; printed again with fewer lines on the page to write on when that
    lets it share the page before it (which would otherwise stay under a third full)."""

    def once(lines: int | None) -> Path:
        return pdf.print_url(
            browser,
            page_url,
            target,
            fmt,
            lesson.title,
            "student",
            prepare=lambda p, h: handout.prepare(p, lesson, h, lines),
        )

    once(None)
    lines = handout.write_lines(target)
    return once(lines) if lines else target


def build(
    lesson_names: list[str] | None = None,
    paper_name: str = "a4",
    out: Path = OUT,
    kinds: list[str] | None = None,
    with_reader: bool | None = None,
    link_site: bool | None = None,
    nb_dir: Path = NOTEBOOKS,
    slides_per_page: int = 2,
) -> list[dict]:
    """Print the lessons named (default: all) into ``out``; returns the manifest rows.
    The reader is made when every lesson is printed (or ``with_reader``); the website links the
    PDFs when they go to ``_build/print`` (or ``link_site``)."""
    started = time.perf_counter()
    fmt, key = paper(paper_name), paper_name.strip().lower()
    kinds = check_kinds(kinds)
    lessons = select(lesson_names, nb_dir)
    poppler.require()
    with_reader = (not lesson_names) if with_reader is None else with_reader
    with_reader = with_reader and "student" in kinds
    link_site = (out.resolve() == OUT.resolve()) if link_site is None else link_site

    planned = {pdf_links.pdf_name(les.stem, k, key) for les in lessons for k in kinds}
    if with_reader:
        planned.add(pdf_links.pdf_name("", "reader", key))
    public = (
        (pdf_links.existing(out) | {n for n in planned if pdf_links.is_public(n)})
        if link_site
        else None
    )

    from .. import site as site_build

    with common.preserved_environ():
        site_build.build(SITE, nb_dir, print_pdfs=public)
        if "teacher" in kinds:
            teacher.build(lessons)
        if "slides" in kinds:
            from .. import slides as slides_build

            slides_build.build(SLIDES, nb_dir)
    sheets = (
        {les.stem: worksheet.write(les, WORK) for les in lessons} if "worksheet" in kinds else {}
    )

    from ..browser import chromium, serve

    rows: list[dict] = []
    out.mkdir(parents=True, exist_ok=True)

    def record(path: Path, lesson: str, kind: str, t0: float) -> Path:
        rows.append(
            {
                "file": path.name,
                "lesson": lesson,
                "kind": kind,
                "paper": key,
                **poppler.info(path),
                "bytes": path.stat().st_size,
                "seconds": round(time.perf_counter() - t0, 1),
            }
        )
        print(
            f"print: {path.name}: {rows[-1]['pages']} pages, {rows[-1]['bytes'] // 1024} KB, "
            f"{rows[-1]['seconds']} s"
        )
        return path

    def url(base: str, path: Path) -> str:
        return base + path.resolve().relative_to(BUILD.resolve()).as_posix()

    with serve(BUILD) as base, chromium() as browser:
        handouts = []
        for les in lessons:
            for kind in kinds:
                t0 = time.perf_counter()
                target = out / pdf_links.pdf_name(les.stem, kind, key)
                if kind == "student":
                    page = SITE / "notebooks" / f"{les.stem}.html"
                elif kind == "teacher":
                    page = teacher.OUT / "notebooks" / f"{les.stem}.html"
                elif kind == "worksheet":
                    page = sheets[les.stem]
                else:
                    from .slides import print_deck

                    record(
                        print_deck(
                            browser,
                            url(base, SLIDES / f"{les.stem}.slides.html"),
                            target,
                            fmt,
                            slides_per_page,
                        ),
                        les.stem,
                        kind,
                        t0,
                    )
                    continue
                if kind == "student":
                    printed = print_handout(browser, url(base, page), target, fmt, les)
                else:
                    printed = pdf.print_url(
                        browser,
                        url(base, page),
                        target,
                        fmt,
                        les.title,
                        kind,
                        prepare=handout.clean if kind == "teacher" else handout.cards,
                    )
                record(printed, les.stem, kind, t0)
                if kind == "student":
                    handouts.append(target)
        if with_reader:
            t0 = time.perf_counter()
            target = out / pdf_links.pdf_name("", "reader", key)

            def print_one(html_path: Path, pdf_path: Path) -> None:
                pdf.print_url(browser, url(base, html_path), pdf_path, fmt, COURSE, "reader")

            record(
                reader.build(print_one, lessons, handouts, WORK, target, COURSE), "", "reader", t0
            )

    if link_site:
        names = pdf_links.existing(out)
        pdf_links.copy_into(names, out, BUILD / "site_extra" / pdf_links.SITE_FOLDER)
        pdf_links.copy_into(names, out, SITE / pdf_links.SITE_FOLDER)
    manifest = out / "manifest.json"
    old = (
        {r["file"]: r for r in json.loads(manifest.read_text())["pdfs"]}
        if manifest.exists()
        else {}
    )
    old.update({r["file"]: r for r in rows})
    kept = [r for name, r in sorted(old.items()) if (out / name).exists()]
    took = round(time.perf_counter() - started, 1)
    manifest.write_text(json.dumps({"seconds": took, "paper": key, "pdfs": kept}, indent=2) + "\n")
    print(f"print: {len(rows)} PDF(s) in {out} in {took} s")
    return rows
