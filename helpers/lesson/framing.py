"""What frames a lesson for the student: its central question at the top, and at the end the
written task that answers it against the course rubric."""

from __future__ import annotations

import html

from IPython.display import HTML

from .. import data
from .rubric import rubric_html

STYLE = """<style>
.central-q{border:2px solid #1f4e79;border-radius:8px;padding:10px 16px;margin:8px 0 14px;max-width:1000px;background:#f3f7fb;color:#1d1d1d}
.central-q p{margin:4px 0}
.central-q .cq-label{font-size:13px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;color:#1f4e79}
.central-q .cq-text{font-size:20px;font-weight:600}
</style>"""  # noqa: E501 (embedded JS/CSS/template text)


def _era(era_id: str):
    eras = data.peek("eras").set_index("era_id")
    if era_id not in eras.index:
        raise KeyError(f"no era {era_id!r} in eras.csv; the eras are: {', '.join(eras.index)}")
    return eras.loc[era_id]


def central_question(era_id: str) -> HTML:
    """The lesson's central question, its class time, and what students will produce."""
    era = _era(era_id)
    periods = int(era["periods"])
    time = (
        "one 50-minute class period" if periods == 1 else f"{periods} class periods of 50 minutes"
    )
    return HTML(
        f'{STYLE}<div class="central-q" role="note" aria-label="Central question">'
        f'<p class="cq-label">Central question</p><p class="cq-text">'
        f"{html.escape(era['central_question'])}</p>"
        f"<p>Core path: {time}. You will read primary sources from several sides, check them "
        f"against the "
        f"course data, and end by writing your own answer to this question.</p></div>"
    )


# The capstone's task is an essay comparing two turning points (words: its length); every
# lesson's is a paragraph.
ESSAYS = {"capstone": (600, 900)}


def writing_task(era_id: str, documents: int = 2, figures: int = 1) -> HTML:
    """The closing written task for an era, with the rubric it is assessed against."""
    era = _era(era_id)
    if era_id in ESSAYS:
        return essay_task(era_id, documents)
    some = "a figure" if figures == 1 else f"{figures} figures"
    return HTML(
        f'{STYLE}<div class="central-q" role="note" aria-label="Written task">'
        f'<p class="cq-label">Written task: a claim from evidence</p>'
        f'<p class="cq-text">{html.escape(era["central_question"])}</p>'
        f"<p>In one paragraph (150-250 words): state your claim; support it with at least "
        f"{documents} documents from this lesson, naming each, and with {some} from the course "
        f"data where it bears on your claim, naming its source; say who produced each piece of "
        f"evidence and how that affects its weight; place the evidence in its time (what was "
        f"happening, and what people could know then); and answer one piece of evidence that "
        f"speaks against you. Your paragraph is assessed with the course rubric:</p></div>"
        f"{rubric_html(era_id)}"
    )


def essay_task(era_id: str, documents: int) -> HTML:
    """The comparison essay: two turning points weighed on the criteria of significance, in a
    stated structure, assessed with the rubric and its significance row."""
    era = _era(era_id)
    low, high = ESSAYS[era_id]
    parts = (
        (
            "Claim",
            "which of your two turning points shaped relations more, and how sure the "
            "evidence can make us.",
        ),
        (
            "Comparison by criteria",
            "one paragraph per criterion: how much changed, for how "
            "long, for whom, and how each side saw it, with evidence for both turning points in "
            "each.",
        ),
        (
            "Counter-argument",
            "the strongest case for the other turning point, answered or "
            "allowed to limit your claim.",
        ),
        (
            "Conclusion",
            "which criterion decides the comparison, and what evidence would make you surer.",
        ),
    )
    steps = "".join(
        f"<li><strong>{name}:</strong> {html.escape(what)}</li>" for name, what in parts
    )
    return HTML(
        f'{STYLE}<div class="central-q" role="note" aria-label="Written task">'
        f'<p class="cq-label">Written task: an essay that compares</p>'
        f'<p class="cq-text">{html.escape(era["central_question"])}</p>'
        f"<p>In an essay of {low}-{high} words, compare two turning points on the criteria of "
        f"significance. Use at least {documents} documents from both turning points, naming "
        f"each by its author, and figures from the course data where they bear on your claim, "
        f"each with who counted it; say who produced each piece of evidence and how that "
        f"affects its weight, and place it in its time. Write it in four parts:</p>"
        f"<ol>{steps}</ol><p>Your essay is assessed with the course rubric and its row for "
        f"significance:</p></div>{rubric_html(era_id)}"
    )
