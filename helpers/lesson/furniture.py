"""Lesson furniture built from the data: key terms from the glossary, further reading
and the narrative's sources from sources.csv."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from .. import data, theme
from ..citations import inline, keyed, title
from ..locations import notebook_file, shipped_dir


def key_terms(terms) -> HTML:
    """The glossary entries for ``terms`` with their Japanese and Russian forms; a term
    missing from glossary.csv is named so the teacher can add it."""
    glossary = data.load("glossary").set_index("term")
    rows, missing = [], []
    for term in terms:
        if term in glossary.index:
            g = glossary.loc[term]
            forms = " · ".join(
                html.escape(x) for x in [g["name_ja"], g["name_ru"]] if isinstance(x, str)
            )
            shown = f" ({forms})" if forms else ""
            rows.append(
                f"<li><strong>{html.escape(term)}</strong>{shown}: "
                f"{html.escape(g['definition'])}</li>"
            )
        else:
            missing.append(term)
    note = (
        f"<p><em>Not yet in the glossary: {html.escape(', '.join(missing))}.</em></p>"
        if missing
        else ""
    )
    return HTML(f'<ul class="key-terms">{"".join(rows)}</ul>{note}')


def sources_of(era_id: str) -> pd.DataFrame:
    """Every source the data cites for an era (events, conflicts, casualties, deployments)."""
    ev = data.load("events")
    conflicts = data.load("conflicts")
    conflicts = conflicts[conflicts["era_id"] == era_id]
    ids = set(ev.loc[ev["era_id"] == era_id, "source_ids"].str.split(";").explode())
    ids |= set(conflicts["source_ids"].str.split(";").explode())
    for table in ("casualties", "deployments"):
        t = data.load(table)
        ids |= set(t.loc[t["conflict_id"].isin(conflicts["conflict_id"]), "source_id"])
    src = data.load("sources")
    return src[src["source_id"].isin(ids)]


def further_reading(era_id: str, extra_ids=()) -> HTML:
    """Books and articles (not encyclopedia pages) behind an era's data, grouped by perspective."""
    src = sources_of(era_id)
    chosen = src[
        src["kind"].isin(["secondary", "primary", "dataset"]) | src["source_id"].isin(extra_ids)
    ]
    parts = []
    for code, name in theme.PERSPECTIVE_NAMES.items():
        rows = chosen[chosen["perspective"] == code].sort_values(
            ["year", "author"], na_position="last"
        )
        if rows.empty:
            continue
        items = [f"<li>{keyed(sid)}</li>" for sid in rows["source_id"]]
        parts.append(f"<h4>{name} perspective</h4><ul>{''.join(items)}</ul>")
    return HTML("".join(parts) or "<p>No sources recorded for this era yet.</p>")


NARRATIVE_SOURCES = shipped_dir(
    "sources"
)  # the copy shipped with helpers (package data or checkout)


def narrative_sources(lesson: str) -> HTML:
    """Which consulted page supports which statement of a lesson's narrative
    (``notebooks/sources/<lesson>.json``, next to the running notebook first; every id resolves
    in sources.csv).
    """
    import json

    entries = json.loads(notebook_file("sources", f"{lesson}.json").read_text(encoding="utf-8"))
    rows = []
    for e in entries:
        links = "; ".join(title(sid, "html", link=True) for sid in e["source_ids"])
        rows.append(
            f'<tr><td style="{LEFT}">{inline(e["statement"], "html")}</td>'
            f'<td style="{LEFT}">{links}</td></tr>'
        )
    return HTML(
        f'<table class="narrative-sources"><thead><tr><th style="{LEFT}">Statement in '
        f"the lesson</th>"
        f'<th style="{LEFT}">Consulted source</th></tr></thead><tbody>{"".join(rows)}'
        f"</tbody></table>"
    )


LEFT = "text-align:left;vertical-align:top"  # JupyterLab right-aligns table cells by default
