"""Check-your-understanding questions that work live and on a static page, with no JavaScript.

Each question is a group of radio buttons; choosing one reveals that answer's feedback
through CSS alone, so the same HTML works in JupyterLab, on the website, in slides and
offline, and never calls a third-party host. Questions live in JSON files beside the
notebooks (``notebooks/questions/<lesson>.json``) so teachers can edit them without code; the
copy next to the running notebook is read first, else the one shipped with helpers.
"""

from __future__ import annotations

import hashlib
import html
import json

from IPython.display import HTML

from ..locations import notebook_file, shipped_dir

QUESTION_DIR = shipped_dir("questions")  # the copy shipped with helpers (package data or checkout)

STYLE = """<style>
.cq{font-family:inherit;max-width:760px}
.cq fieldset{border:1px solid #c9c9c9;border-radius:8px;margin:0 0 14px;padding:10px 14px}
.cq legend{font-weight:600;padding:0 6px}
.cq-a{margin:6px 0}
.cq-a label{cursor:pointer;margin-left:6px}
.cq-fb{display:none;margin:4px 0 6px 26px;padding:6px 10px;border-left:4px solid;border-radius:3px}
.cq-a input:checked ~ .cq-fb{display:block}
.cq-right{border-color:#1b7837;background:#eef7ee;color:#0f4d22}
.cq-wrong{border-color:#b2182b;background:#fbeeee;color:#7a0f1c}
</style>"""


KINDS = {
    "recall": "remembering a fact, name or date the lesson taught",
    "reasoning": "an inference from a line or figure of a document, chart or table the item names",
    "sourcing": "who made a document, when, for whom and why, and what that does to its use",
    "corroboration": "setting two or more documents, charts or tables against each other",
    "reading_document": "what a document the item names says, read closely",
    "reading_chart": "what a chart or table the item names shows, read closely",
}  # what an item asks a student to do; "kind" in the questions file
EVIDENCE_KINDS = ("document", "chart", "data")  # what "uses" may name: "document:<id>", ...

VERDICTS = (
    "correct",
    "right",
    "yes",
    "no",
    "not quite",
    "wrong",
    "incorrect",
)  # the quiz prints its own


def validate_questions(questions: list[dict], where: str = "questions") -> None:
    """Every question needs text and at least two answers with feedback, exactly one correct;
    feedback explains and does not open with a verdict, which the quiz already prints."""
    for n, q in enumerate(questions, start=1):
        validate_kind_and_uses(q, f"{where}, question {n}")
        answers = q.get("answers", [])
        if not q.get("question") or len(answers) < 2:
            raise ValueError(
                f"{where}, question {n}: needs 'question' text and at least two 'answers'"
            )
        if sum(bool(a.get("correct")) for a in answers) != 1:
            raise ValueError(f'{where}, question {n}: mark exactly one answer with "correct": true')
        for m, a in enumerate(answers, start=1):
            if not a.get("answer") or not a.get("feedback"):
                raise ValueError(
                    f"{where}, question {n}, answer {m}: needs 'answer' and 'feedback' text"
                )
            opening = a["feedback"].lower().lstrip()
            if any(
                opening.startswith(v) and not opening[len(v) : len(v) + 1].isalpha()
                for v in VERDICTS
            ):
                raise ValueError(
                    f"{where}, question {n}, answer {m}: feedback opens with a verdict "
                    f"({a['feedback'].split()[0]!r}); the quiz prints 'Correct.' or 'Not "
                    f"quite.' itself, "
                    "so start with the explanation"
                )


def validate_kind_and_uses(q: dict, where: str) -> None:
    """``kind`` (optional, so older copies of a questions file still load) must be one of KINDS;
    ``uses`` lists what the item is read from, each ``document:<id>``, ``chart:<name>`` or
    ``data:<table>``, and any kind but recall needs at least one."""
    kind = q.get("kind")
    if kind is None:
        return
    if kind not in KINDS:
        raise ValueError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    uses = q.get("uses", [])
    if not isinstance(uses, list) or not all(isinstance(u, str) for u in uses):
        raise ValueError(f'{where}: "uses" must be a list of strings such as "document:<id>"')
    for ref in uses:
        if ref.partition(":")[0] not in EVIDENCE_KINDS or not ref.partition(":")[2]:
            raise ValueError(
                f"{where}: uses {ref!r}; write document:<id>, chart:<name> or data:<table>"
            )
    if kind != "recall" and not uses:
        raise ValueError(
            f'{where}: a {kind} item names what it is read from in "uses" '
            '(e.g. ["document:<id>"]); an item that needs none is "recall"'
        )


def display_order(q: dict) -> list[int]:
    """The order an item's answers are shown in, a shuffle seeded by the item's text: the same
    in JupyterLab, on the site, in slides and on paper, and not the order of the file."""
    qid = question_id(q)
    return sorted(
        range(len(q["answers"])), key=lambda i: hashlib.sha1(f"{qid}{i}".encode()).hexdigest()
    )


def question_id(q: dict) -> str:
    return "cq" + hashlib.sha1(q["question"].encode()).hexdigest()[:10]


def quiz_html(questions: list[dict], title: str = "Check your understanding") -> str:
    validate_questions(questions)
    parts = [STYLE, f'<div class="cq" role="group" aria-label="{html.escape(title)}">']
    for n, q in enumerate(questions, start=1):
        qid = question_id(q)
        parts.append(f"<fieldset><legend>{n}. {html.escape(q['question'])}</legend>")
        for m in display_order(q):
            a = q["answers"][m]
            aid = f"{qid}-{m}"
            verdict, cls = (
                ("Correct.", "cq-right") if a.get("correct") else ("Not quite.", "cq-wrong")
            )
            parts.append(
                f'<div class="cq-a"><input type="radio" id="{aid}" name="{qid}">'
                f'<label for="{aid}">{html.escape(a["answer"])}</label>'
                f'<div class="cq-fb {cls}"><strong>{verdict}</strong> '
                f"{html.escape(a['feedback'])}</div></div>"
            )
        parts.append("</fieldset>")
    parts.append("</div>")
    return "".join(parts)


def quiz(lesson: str, section: str | None = None, title: str = "Check your understanding") -> HTML:
    """The questions of ``notebooks/questions/<lesson>.json`` (beside the notebook, else shipped
    with helpers) as an interactive block; with ``section``, only the questions of that part of
    the lesson (their ``"section"`` key)."""
    path = notebook_file("questions", f"{lesson}.json")
    try:
        questions = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise ValueError(
            f"{path.name}, line {err.lineno}, column {err.colno}: not valid JSON ({err.msg})"
        ) from None
    validate_questions(questions, path.name)
    if section is not None:
        sections = sorted({q.get("section", "") for q in questions} - {""})
        questions = [q for q in questions if q.get("section") == section]
        if not questions:
            raise ValueError(
                f"{path.name} has no questions in section {section!r}; its sections "
                f"are: {', '.join(sections)}"
            )
    return HTML(quiz_html(questions, title))
