"""The worksheet: what a student writes on, built from the lesson notebook and the data.

It follows the lesson's order and keeps only what asks for an answer: the central question,
each document (the card as the lesson shows it, lettered A, B, C as the lesson refers to
them) followed by its sourcing, context and corroboration questions from ``documents.csv``,
each written prompt (the markdown cell before a cell tagged ``response``, or the short
constructed response a ``short_response`` cell shows from the data), the data
exercise's steps with the figures they work on (so it can be done on paper), and the
writing task with the course rubric. Every question gets ruled lines: real bordered
elements, so they print as vector lines at any paper size.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from markdown_it import MarkdownIt

from ..common import tags
from .lessons import Lesson

DOC_QUESTIONS = (
    ("q_sourcing", "Sourcing"),
    ("q_context", "Context"),
    ("q_corroboration", "Corroboration"),
)
EXERCISE = re.compile(r"""\bExercise\(\s*["'](\w+)["']""")
SHORT_RESPONSE = re.compile(r"""\bshort_response\(\s*["'](\w+)["']""")
STEP = re.compile(r"^#\s*(Step\s+\d+\s*:.*)$", re.M)
LINES = {"document": 3, "prompt": 7, "short": 6, "step": 2, "writing": 26}  # writing: a page

CSS = """
body { font-family: "DejaVu Serif", "Noto Serif CJK JP", serif; font-size: 11pt; line-height: 1.45; color: #111;
       margin: 0; }
:lang(zh) { font-family: "Noto Serif CJK SC", serif; }
:lang(ko) { font-family: "Noto Serif CJK KR", serif; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; border-bottom: 1px solid #777; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 10pt 0 4pt; break-after: avoid; }
.ws-kind { font: 600 9pt "DejaVu Sans", sans-serif; letter-spacing: .06em; text-transform: uppercase; color: #555; }
.ws-who { display: flex; gap: 12pt; margin: 8pt 0 10pt; font-family: "DejaVu Sans", sans-serif; font-size: 10pt; }
.ws-who span { flex: 1; border-bottom: 1px solid #333; padding-top: 10pt; }
.ws-who span.short { flex: 0 0 22%; }
.ws-q { break-inside: avoid; margin: 6pt 0 10pt; }
.ws-q p { margin: 2pt 0; }
.ws-lines div { height: 8.5mm; border-bottom: 0.6pt solid #8a8a8a; }
.doc-card { max-width: none !important; font-size: 10.5pt !important; line-height: 1.3 !important;
  break-inside: avoid !important; font-family: "Liberation Serif", "DejaVu Serif", serif !important; }
.doc-card .doc-questions { display: none; }
.doc-card a { color: inherit; text-decoration: none; }
.doc-excerpts { grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)) !important; }
.ws-data { border-collapse: collapse; font-size: 9pt; margin: 6pt 0; width: 100%; break-inside: avoid; }
.ws-data th, .ws-data td { border: 0.6pt solid #999; padding: 2pt 4pt; text-align: left; vertical-align: top; }
.ws-data td.num { text-align: right; white-space: nowrap; }
.rubric { max-width: none !important; font-size: 8.5pt !important; break-inside: avoid; }
.central-q { max-width: none !important; break-inside: avoid; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
.ws-note { font-style: italic; color: #333; }
.ws-write-page { break-inside: avoid; break-before: page; }
.print-note { font-size: 8.5pt; font-style: italic; color: #333; margin: 2pt 0; }
"""  # noqa: E501 (embedded JS/CSS/template text)

_md = MarkdownIt("commonmark").enable("table")


def _markdown(text: str) -> str:
    return _md.render(text)


def _lines(n: int) -> str:
    return '<div class="ws-lines" aria-hidden="true">' + "<div></div>" * n + "</div>"


def _question(label: str, text_html: str, lines: int) -> str:
    return f'<div class="ws-q"><p><strong>{label}</strong> {text_html}</p>{_lines(lines)}</div>'


def _document(document_id: str, letter: str) -> str:
    from helpers import data
    from helpers.lesson.documents import STYLE, card_html

    row = data.peek("documents").set_index("document_id").loc[document_id]
    parts = [f"<h3>Document {letter}</h3>", STYLE, card_html(document_id)]
    for col, name in DOC_QUESTIONS:
        parts.append(_question(f"{letter}. {name}.", html.escape(str(row[col])), LINES["document"]))
    return "".join(parts)


def step_html(step: str) -> str:
    """A data-exercise step as paper prints it: sources by name, not ``source_id``; code marked."""
    text = html.escape(step.strip().replace("source_id", "source"))
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", text)


def exercise_table(task: str, css_class: str = "ws-data") -> str:
    """The figures the exercise works on, so the steps can be done with a pencil."""
    from helpers import theme
    from helpers.citations import label
    from helpers.lesson import Exercise

    rows = Exercise(task).rows()
    cols = [
        c for c in ("source_id", "perspective", "year", "low", "high", "note") if c in rows.columns
    ]
    head = "".join(f"<th>{'source' if c == 'source_id' else c}</th>" for c in cols)
    body = []
    for rec in rows[cols].to_dict("records"):
        cells = []
        for c in cols:
            v = rec[c]
            text = (
                ""
                if v is None or v != v
                else label(v)  # on paper a source goes by "author year", not by its id
                if c == "source_id"
                else theme.PERSPECTIVE_NAMES.get(v, v)
                if c == "perspective"
                else (f"{int(v):,}" if isinstance(v, float) and v.is_integer() else str(v))
            )
            cells.append(
                f'<td class="{"num" if c in ("low", "high", "year") else ""}">'
                f"{html.escape(text)}</td>"
            )
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
        f"</table>"
    )


def _write_pages(lesson: Lesson) -> str:
    """The written task's answer on a page of its own, one page for each period the lesson
    declares (``periods`` in ``eras.csv``: the capstone's essay gets three)."""
    from helpers import data

    eras = data.peek("eras").set_index("era_id")
    periods = int(eras.at[lesson.era_id, "periods"]) if lesson.era_id in eras.index else 1
    head = (
        "<p><strong>Your answer.</strong> Claim, evidence, sourcing, context, counter-evidence.</p>"
    )
    return "".join(
        f'<div class="ws-write-page">{head if n == 0 else ""}{_lines(LINES["writing"])}</div>'
        for n in range(periods)
    )


def _prompt_before(cells, i: int) -> str | None:
    """The markdown that asks for the response at ``cells[i]``: the nearest untagged markdown
    cell.
    """
    for cell in reversed(cells[:i]):
        if cell.cell_type == "code":
            return None
        if "teacher" in tags(cell) or "solution" in tags(cell):
            continue
        if cell.cell_type == "markdown" and not cell.source.lstrip().startswith("#"):
            return cell.source
    return None


def worksheet_html(lesson: Lesson) -> str:
    """The worksheet of one lesson as a standalone HTML page (no script, no other file)."""
    from helpers.lesson.framing import central_question, writing_task
    from helpers.lesson.short_responses import prompt_html

    cells = lesson.nb.cells
    out: list[str] = []
    section, shown_section = "", ""
    letters = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    exercise_task = ""
    qn = 0

    def heading():
        nonlocal shown_section
        if section and section != shown_section:
            out.append(f"<h2>{html.escape(section)}</h2>")
            shown_section = section

    for i, cell in enumerate(cells):
        cell_tags = tags(cell)
        if "teacher" in cell_tags or "solution" in cell_tags:
            continue
        if cell.cell_type == "markdown":
            m = (
                re.match(r"^##\s+(.+)$", cell.source.strip().splitlines()[0])
                if cell.source.strip()
                else None
            )
            if m:
                section = re.sub(r"[*_`]", "", m.group(1)).strip()
            if "response" not in cell_tags:
                continue
            heading()
            before = cells[i - 1] if i else None
            if (
                before is not None
                and before.cell_type == "code"
                and "writing_task(" in before.source
            ):
                # the task and its rubric may fall on two pages; each stays whole
                out.append(writing_task(lesson.era_id).data)
                out.append(_write_pages(lesson))
                continue
            short = SHORT_RESPONSE.search(before.source) if before is not None else None
            if short and before.cell_type == "code":
                out.append(
                    f'<div class="ws-q">{prompt_html(short.group(1))}{_lines(LINES["short"])}</div>'
                )
                continue
            prompt = _prompt_before(cells, i) or "Your answer."
            qn += 1
            out.append(
                f'<div class="ws-q"><div>{_markdown(prompt)}</div>{_lines(LINES["prompt"])}</div>'
            )
            continue
        # code cells
        for doc_id in re.findall(r"""\bdocument\(\s*["'](\w+)["']""", cell.source):
            heading()
            out.append(_document(doc_id, next(letters)))
        task = EXERCISE.search(cell.source)
        if task:
            exercise_task = task.group(1)
            heading()
            intro = _prompt_before(cells, i - 1 if cells[i - 1].cell_type == "code" else i)
            if intro:
                out.append(_markdown(intro))
            out.append(
                '<p class="ws-note">On paper: work from the figures below (one row per source; '
                "<code>low</code> = <code>high</code> for a single figure). In JupyterLab: "
                "write the code "
                "for each step in the lesson notebook, which checks it.</p>"
            )
            out.append(exercise_table(exercise_task))
        for step in STEP.findall(cell.source):
            heading()
            label, _, rest = step_html(step).partition(":")
            out.append(_question(label + ":", rest.strip(), LINES["step"]))

    head = (
        f'<p class="ws-kind">Worksheet</p><h1>{html.escape(lesson.title)}</h1>'
        '<div class="ws-who"><span>Name</span><span class="short">Class</span><span '
        'class="short">Date</span></div>' + central_question(lesson.era_id).data
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Worksheet · {html.escape(lesson.title)}</title><style>{CSS}</style></head>"
        f"<body><main>{head}{''.join(out)}</main></body></html>"
    )


def write(lesson: Lesson, folder: Path) -> Path:
    from ..common import write_if_changed

    path = folder / f"{lesson.stem}.worksheet.html"
    write_if_changed(path, worksheet_html(lesson))
    return path
