"""Ready-made questions the lessons ask of the data, each a small pandas query.

Unknown ids raise ``ChoiceError`` listing the valid ones, before any chart is drawn.
"""

from __future__ import annotations

import re

import pandas as pd

from .. import citations, data


class ChoiceError(ValueError):
    """An argument names something the data does not have; the message lists what it has."""


def check_choice(what: str, value, valid) -> None:
    """Raise ``ChoiceError`` unless ``value`` is one of ``valid``."""
    valid = [v for v in valid if pd.notna(v)]
    if value not in valid:
        shown = ", ".join(map(str, sorted(valid, key=str)))
        raise ChoiceError(f"unknown {what} {value!r}; choose one of: {shown}")


def work_ids(df: pd.DataFrame, column: str = "source_id") -> pd.Series:
    """The independent work behind each row: ``derived_from`` when the figure was taken from another
    work, else the one Wikipedia article behind any revision or copy of it, else the source itself.
    Counting these counts three copies of one infobox once (CONTRIBUTING.md, "Independence")."""
    src = data.load("sources").set_index("source_id")["url"]
    derived = (
        df["derived_from"] if "derived_from" in df.columns else pd.Series(pd.NA, index=df.index)
    )
    out = []
    for sid, orig in zip(df[column], derived, strict=False):
        if isinstance(orig, str) and orig:
            out.append(orig)
            continue
        url = src.get(sid)
        m = _WIKI.match(url) if isinstance(url, str) else None
        out.append(f"wikipedia:{m.group(1)}:{m.group(2)}" if m else sid)
    return pd.Series(out, index=df.index, dtype=object)


_WIKI = re.compile(r"https?://([a-z-]+)\.wikipedia\.org/wiki/([^?#]+)")


def with_sources(df: pd.DataFrame, column: str = "source_id") -> pd.DataFrame:
    """``df`` with each source's author, title (as plain text), year, kind and perspective
    joined on, and its short label."""
    sources = data.load("sources")[
        [
            "source_id",
            "author",
            "title",
            "year",
            "publisher",
            "kind",
            "perspective",
            "consulted_via",
        ]
    ]
    sources = sources.rename(
        columns={
            "source_id": column,
            "kind": "source_kind",
            "title": "source_title",
            "year": "source_year",
        }
    )
    sources["source_title"] = [citations.title(s) for s in sources[column]]
    sources["source_label"] = [citations.label(s) for s in sources[column]]
    return df.merge(sources, on=column, how="left")


def casualties_for(
    conflict_id: str, side: str | None = None, category: str | None = None
) -> pd.DataFrame:
    """Every source's figure for one conflict, optionally one side and category."""
    cas = data.load("casualties")
    check_choice("conflict", conflict_id, cas["conflict_id"].unique())
    rows = cas[cas["conflict_id"] == conflict_id]
    if side is not None:
        check_choice("side", side, rows["side"].astype(str).unique())
        rows = rows[rows["side"] == side]
    if category is not None:
        check_choice("category", category, rows["category"].astype(str).unique())
        rows = rows[rows["category"] == category]
    return with_sources(rows.reset_index(drop=True))


def deployments_between(start, end, conflict_id: str | None = None) -> pd.DataFrame:
    """Deployment figures dated from ``start`` to ``end`` inclusive (anything pandas reads as a
    date).
    """
    dep = data.load("deployments")
    if conflict_id is not None:
        check_choice("conflict", conflict_id, dep["conflict_id"].unique())
        dep = dep[dep["conflict_id"] == conflict_id]
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    if lo > hi:
        raise ValueError(f"start {lo.date()} is after end {hi.date()}")
    return dep[(dep["date"] >= lo) & (dep["date"] <= hi)].reset_index(drop=True)


def events_in_era(era_id: str) -> pd.DataFrame:
    """An era's events in date order."""
    ev = data.load("events")
    check_choice("era", era_id, data.load("eras")["era_id"])
    return ev[ev["era_id"] == era_id].sort_values("date").reset_index(drop=True)


def territory_in_year(year: int) -> pd.DataFrame:
    """Who held each territory on 1 July of ``year`` (one row per territory that existed then)."""
    ter = data.load("territory")
    day = pd.Timestamp(year=year, month=7, day=1)
    held = (ter["start_date"] <= day) & (ter["end_date"].isna() | (ter["end_date"] >= day))
    return ter[held].reset_index(drop=True)
