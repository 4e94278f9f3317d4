"""Check functions for the data exercises: they recompute the answer from the data and
say whether the student's is right and why, without revealing the worked solution."""
from __future__ import annotations

from IPython.display import Markdown

from . import data


def _verdict(ok: bool, text: str) -> Markdown:
    mark = "✔ **Right.**" if ok else "✘ **Not yet.**"
    return Markdown(f"{mark} {text}")


def soviet_killed_spread(conflict_id: str = "khalkhin_gol") -> tuple[float, str, str]:
    """Highest over lowest figure for Soviet killed in a conflict, and the two sources."""
    cas = data.load("casualties")
    rows = cas[(cas["conflict_id"] == conflict_id) & (cas["side"] == "ussr") & (cas["category"] == "killed")]
    if rows.empty:
        raise ValueError(f"no Soviet 'killed' figures for {conflict_id!r} in casualties.csv")
    hi, lo = rows.loc[rows["high"].idxmax()], rows.loc[rows["low"].idxmin()]
    return float(hi["high"] / lo["low"]), hi["source_id"], lo["source_id"]


def check_soviet_killed_ratio(ratio, conflict_id: str = "khalkhin_gol") -> Markdown:
    """Lesson 04: the ratio between the highest and lowest figure for Soviet killed."""
    expected, hi_src, lo_src = soviet_killed_spread(conflict_id)
    if ratio is None:
        return _verdict(False, "Set `ratio` to your answer first (a number such as 1.7), then run this cell again.")
    try:
        value = float(ratio)
    except (TypeError, ValueError):
        return _verdict(False, f"`ratio` should be one number, but it is a {type(ratio).__name__}. "
                               "Divide the highest figure by the lowest.")
    if abs(value - expected) < 0.01:
        return _verdict(True, f"The highest figure ({hi_src}) is {expected:.2f} times the lowest ({lo_src}). "
                              "Now read the `note` column of both rows: what does each source count, and when was it published?")
    if abs(value - 1 / expected) < 0.01:
        return _verdict(False, "You divided the lowest by the highest. Put the highest figure on top.")
    cas = data.load("casualties")
    rows = cas[(cas["conflict_id"] == conflict_id) & (cas["side"] == "ussr") & (cas["category"] == "killed")]
    if abs(value - rows["high"].max() / rows["high"].min()) < 0.01 or abs(value - rows["low"].max() / rows["low"].min()) < 0.01:
        return _verdict(False, "Close: a source can give a range, so take the highest `high` and the lowest `low`.")
    return _verdict(False, "Check your filter: keep only rows where conflict_id, side and category all match "
                           "(`khalkhin_gol`, `ussr`, `killed`), then divide the largest `high` by the smallest `low`.")


def busiest_era() -> str:
    """The era with the most events (ties broken by teaching order)."""
    counts = data.load("events")["era_id"].value_counts()
    eras = data.load("eras").set_index("era_id")["order"]
    top = counts[counts == counts.max()].index
    return min(top, key=lambda e: eras[e])


def check_busiest_era(answer) -> Markdown:
    """Lesson 00: which era has the most events in the data?"""
    expected = busiest_era()
    eras = data.load("eras").set_index("era_id")
    if answer is None:
        return _verdict(False, "Set `busiest` to an era id (for example `\"cold_war\"`), then run this cell again.")
    if answer not in eras.index:
        return _verdict(False, f"{answer!r} is not an era id. The ids are: {', '.join(eras.index)}.")
    n = (data.load("events")["era_id"] == expected).sum()
    if answer == expected:
        return _verdict(True, f"{eras.at[expected, 'title']} has {n} events. Is it the most important era, or the one "
                              "with the most precisely dated sources? Divide by the era's length in years and compare.")
    mine = (data.load("events")["era_id"] == answer).sum()
    return _verdict(False, f"{answer} has {mine} events, but another era has {n}. Use `value_counts()` on `era_id`.")
