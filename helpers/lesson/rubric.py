"""The course rubric for a written claim from evidence (``lessons_data/rubric.csv``): five
criteria, four levels, the same in every lesson so students learn one standard; the capstone's
comparison essay adds a sixth, significance (its ``applies_to`` names the capstone)."""

from __future__ import annotations

import html

from IPython.display import HTML

from .. import data

STYLE = """<style>
.rubric{border-collapse:collapse;max-width:1000px;font-size:14px;line-height:1.4;margin:8px 0}
.rubric th,.rubric td{border:1px solid #bdbdbd;padding:6px 8px;text-align:left;vertical-align:top}
.rubric thead th{background:#efefef}
.rubric tbody th{background:#f7f7f7;width:18%}
</style>"""


def applying(era_id: str | None = None):
    """The rubric's rows that score ``era_id``'s written task (every lesson's: ``None``)."""
    r = data.peek("rubric")
    return r[(r["applies_to"] == "all") | (r["applies_to"] == era_id)]


def rubric_html(era_id: str | None = None) -> str:
    """The rubric as a table: one row per criterion that scores ``era_id``'s task, one column
    per level."""
    r = applying(era_id).sort_values(["criterion_id", "level"])
    levels = r.drop_duplicates("level").sort_values("level")
    head = "".join(
        f'<th scope="col">{lv.level} · {html.escape(lv.level_name)}</th>'
        for lv in levels.itertuples()
    )
    order = list(dict.fromkeys(applying(era_id)["criterion_id"]))  # the file's order
    body = []
    for cid in order:
        rows = r[r["criterion_id"] == cid]
        cells = "".join(f"<td>{html.escape(x)}</td>" for x in rows["descriptor"])
        body.append(
            f'<tr><th scope="row">{html.escape(rows["criterion"].iloc[0])}</th>{cells}</tr>'
        )
    return (
        f'{STYLE}<table class="rubric" aria-label="Course rubric for a written claim '
        f'from evidence">'
        f'<thead><tr><th scope="col">Criterion</th>{head}</tr></thead><tbody>'
        f"{''.join(body)}</tbody></table>"
    )


def rubric() -> HTML:
    """Show the rubric in a lesson."""
    return HTML(rubric_html())
