"""The course reader: a contents page, then every lesson's student handout in teaching order,
joined into one PDF (``pdfunite``; each lesson keeps its own footer and page numbers, which
the contents page gives as "reader pages" so a teacher can say "turn to page 23")."""

from __future__ import annotations

import html
from pathlib import Path

from . import poppler
from .lessons import Lesson

CSS = """body{font-family:"DejaVu Serif",serif;font-size:11pt;color:#111;margin:0}
h1{font-size:22pt;margin:30mm 0 4pt}.sub{font-style:italic;margin:0 0 14mm}
table{border-collapse:collapse;width:100%}td,th{padding:4pt 6pt;border-bottom:.6pt solid #999;text-align:left;vertical-align:top}
td.p{text-align:right;white-space:nowrap}.q{font-style:italic;color:#333}"""  # noqa: E501 (embedded JS/CSS/template text)


def contents_html(lessons: list[Lesson], pages: list[int], first: int, course: str) -> str:
    rows, at = [], first
    for lesson, n in zip(lessons, pages, strict=False):
        rows.append(
            f'<tr><td><strong>{html.escape(lesson.title)}</strong><br><span class="q">'
            f'{html.escape(lesson.central_question)}</span></td><td class="p">'
            f"{at}-{at + n - 1}</td></tr>"
        )
        at += n
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Course reader</title>'
        f"<style>{CSS}</style></head><body><h1>{html.escape(course)}</h1>"
        '<p class="sub">Course reader: every lesson\'s student handout, core path then '
        "appendix. Worksheets and the teacher edition are separate PDFs.</p>"
        "<table><thead><tr><th>Lesson and central question</th><th>Reader pages</th></tr>"
        "</thead><tbody>" + "".join(rows) + "</tbody></table></body></html>"
    )


def build(
    print_one, lessons: list[Lesson], handouts: list[Path], work: Path, out: Path, course: str
) -> Path:
    """``print_one(html_path, pdf_path)`` prints the contents page (one page per 20 lessons)."""
    pages = [poppler.info(p)["pages"] for p in handouts]
    contents_html_path = work / "course-reader.contents.html"
    contents_pdf = work / "course-reader.contents.pdf"
    first = 2
    for _ in range(3):  # the contents' own length decides where lesson 1 starts
        contents_html_path.write_text(
            contents_html(lessons, pages, first, course), encoding="utf-8"
        )
        print_one(contents_html_path, contents_pdf)
        n = poppler.info(contents_pdf)["pages"]
        if n + 1 == first:
            break
        first = n + 1
    return poppler.unite([contents_pdf, *handouts], out)
