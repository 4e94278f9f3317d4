"""Model answers to each lesson's written task (``lessons_data/model_answers.csv``) at rubric
levels 2, 3 and 4, each scored criterion by criterion, so a teacher can calibrate marking
against the course rubric. ``make teacher-notes`` writes them into the lesson's teacher note.
"""

from __future__ import annotations

from .. import data
from .rubric import applying

LEVEL_NAMES = {2: "Developing", 3: "Proficient", 4: "Advanced"}


def criteria(era_id: str | None = None) -> list[tuple[str, str]]:
    """The criteria that score ``era_id``'s task as (id, short name), in the rubric's order."""
    r = applying(era_id).drop_duplicates("criterion_id")
    return [(row.criterion_id, row.criterion.split(":")[0]) for row in r.itertuples()]


def answers(era_id: str):
    """The lesson's model answers, highest level first; KeyError names the lessons that have
    them."""
    rows = data.peek("model_answers")
    mine = rows[rows["era_id"] == era_id]
    if mine.empty:
        raise KeyError(
            f"no model answers for {era_id!r} in model_answers.csv; the lessons with model "
            f"answers are: {', '.join(dict.fromkeys(rows['era_id']))}"
        )
    return mine.sort_values("level", ascending=False)


def model_answers_markdown(era_id: str) -> str:
    """The model answers as the teacher note shows them: each with its score per criterion,
    its word count and why it scores so."""
    lines = ["**Model answers, scored with the course rubric.**", ""]
    for row in answers(era_id).itertuples():
        scores = ", ".join(f"{name.lower()} {getattr(row, cid)}" for cid, name in criteria(era_id))
        words = len(row.answer.split())
        lines += [
            f"*Level {row.level} ({LEVEL_NAMES.get(row.level, '')}) model answer "
            f"({scores}; {words} words).* {row.answer}",
            "",
            f"*Why:* {row.comment}",
            "",
        ]
    return "\n".join(lines).rstrip()
