"""Short constructed responses (``lessons_data/short_responses.csv``): a prompt of two to four
sentences about the lesson's documents, which students answer in the writing cell below it,
and a three-level scoring guide with a sample answer at each level, for the teacher.

The prompt is shown by a code cell (``short_response("<id>")``), so the wording lives once in
the data; the guide is written into the lesson's teacher note by ``make teacher-notes``
(``publish.teacher_notes``), because teacher notes are markdown cells that the student
edition and the public site remove.
"""

from __future__ import annotations

import html

from IPython.display import HTML

from .. import data

LEVELS = (
    ("2 points (full)", "full", "sample_full"),
    ("1 point (partial)", "partial", "sample_partial"),
    ("0 points", "none", "sample_none"),
)

STYLE = """<style>
.sr-prompt{max-width:1000px;margin:8px 0;line-height:1.5}
.sr-prompt p{margin:4px 0}
</style>"""


def item(response_id: str):
    """One row of short_responses.csv; KeyError lists the ids there are."""
    rows = data.peek("short_responses").set_index("response_id")
    if response_id not in rows.index:
        raise KeyError(
            f"no short response {response_id!r} in short_responses.csv; the ids are: "
            f"{', '.join(rows.index)}"
        )
    return rows.loc[response_id]


def prompt_html(response_id: str) -> str:
    """The prompt as students read it, with the minutes the lesson gives it."""
    row = item(response_id)
    return (
        f'{STYLE}<div class="sr-prompt" role="note" aria-label="Short written answer">'
        f"<p><strong>Write ({int(row['minutes'])} minutes).</strong> "
        f"{html.escape(row['prompt'])} Answer in two to four sentences.</p></div>"
    )


def short_response(response_id: str) -> HTML:
    """Show a short-response prompt in a lesson (the writing cell follows it)."""
    return HTML(prompt_html(response_id))


def guide_markdown(response_id: str) -> str:
    """The scoring guide and the three sample answers, as the teacher note shows them."""
    row = item(response_id)
    lines = [
        f"**Scoring guide (written prompt, {int(row['minutes'])} min).** *{row['prompt']}*",
        "",
    ]
    lines += [f"- **{points}:** {row[col]}" for points, col, _ in LEVELS]
    lines.append("")
    for points, _, sample in LEVELS:
        lines += [f"*Sample answer, {points}:* {row[sample]}", ""]
    return "\n".join(lines).rstrip()
