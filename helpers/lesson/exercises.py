"""Step-by-step checks for the data exercises: each step recomputes its answer from the data
and says what is wrong without giving the worked solution away.

An exercise works on one slice of a table of figures with a range per source (``low``,
``high``, ``source_id``: casualties, deployments, populations): filter it, add each source's
perspective, find the lowest and highest figures and their sources, compare them, and group
them by perspective. Students write the pandas; the checks only compare.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown

from .. import data


@dataclass(frozen=True)
class Task:
    """One slice of one table: ``table`` is loaded into the variable ``frame`` in the lesson;
    ``question`` is asked once the figures are grouped by perspective."""

    table: str
    frame: str
    filters: dict[str, str]
    question: str = "Does that perspective have a stake in the figure being high?"


def casualties(conflict_id: str, side: str, category: str) -> Task:
    return Task(
        "casualties",
        "cas",
        {"conflict_id": conflict_id, "side": side, "category": category},
        "Is that the side that suffered the losses, or its enemy?",
    )


TASKS = {
    "khasan_soviet_killed": casualties("lake_khasan", "ussr", "killed"),
    "nomonhan_japan_total": casualties("khalkhin_gol", "japan", "total_casualties"),
    "rjw_japan_killed": casualties("russo_japanese_war", "japan", "killed"),
    "japanese_held_by_ussr": casualties("soviet_manchuria_1945", "japan", "captured"),
    "ainu_hokkaido_1873": Task(
        "populations",
        "pop",
        {"place_id": "hokkaido", "year": "1873", "group": "ainu"},
        "Who did the counting, and whom could a count made for taxes and labour miss?",
    ),
    "kunashiri_people": Task(
        "populations",
        "pop",
        {"place_id": "kunashiri"},
        "Do the two perspectives count the same people in the same year? Read `year` and "
        "`group` before comparing.",
    ),
    "siberia_japan_dead": casualties("siberian_intervention", "japan", "dead_all_causes"),
    "siberia_deaths": casualties("soviet_manchuria_1945", "japan", "died_in_captivity"),
}


def _verdict(ok: bool, text: str) -> Markdown:
    return Markdown(("✔ **Right.** " if ok else "✘ **Not yet.** ") + text)


def _missing(name: str, example: str) -> Markdown:
    return _verdict(
        False,
        f"`{name}` is still `...` or `None`. Replace it with your code ({example}), then run "
        f"this cell again.",
    )


@dataclass(frozen=True)
class Exercise:
    """The checks of one exercise, named by a key of ``TASKS``."""

    task: str

    def __post_init__(self):
        if self.task not in TASKS:
            raise KeyError(f"no exercise {self.task!r}; the exercises are: {', '.join(TASKS)}")

    @property
    def wanted(self) -> dict[str, str]:
        return dict(TASKS[self.task].filters)

    def rows(self) -> pd.DataFrame:
        """The slice of the task's table the exercise is about, with each source's perspective."""
        table = data.load(TASKS[self.task].table)
        keep = pd.Series(True, index=table.index)
        for col, value in self.wanted.items():
            keep &= table[col].astype(str) == value
        src = data.load("sources")[["source_id", "perspective", "year", "kind"]]
        src = src.rename(
            columns={"year": "source_year", "kind": "source_kind"}
        )  # populations has its own year, kind
        return table[keep].merge(src, on="source_id", how="left")

    def check_filter(self, df) -> Markdown:
        """Step 1: the rows of the task's slice, nothing more and nothing less."""
        frame = TASKS[self.task].frame
        if df is None or df is Ellipsis:
            return _missing("rows", f"a filter of `{frame}`")
        if not isinstance(df, pd.DataFrame):
            return _verdict(
                False,
                f"`rows` should be a DataFrame (a filtered `{frame}`), "
                f"but it is a {type(df).__name__}.",
            )
        absent = [c for c in self.wanted if c not in df.columns]
        if absent:
            return _verdict(
                False,
                f"Your table has lost the column(s) {', '.join(absent)}: filter the rows, "
                f"keep the columns.",
            )
        for col, value in self.wanted.items():
            others = sorted(set(df[col].astype(str)) - {value})
            if others:
                return _verdict(
                    False,
                    f"Some rows have `{col}` = {', '.join(repr(o) for o in others)}. "
                    f'Add a condition `{frame}["{col}"] == "{value}"`.',
                )
        expected = len(self.rows())
        if len(df) != expected:
            return _verdict(
                False,
                f"You have {len(df)} rows but the table holds {expected} for "
                f"{', '.join(self.wanted.values())}. Filter `{frame}` itself, not a smaller table.",
            )
        return _verdict(
            True,
            f"{expected} figures. Look at the `note` column: do they all count the same thing?",
        )

    def check_perspectives(self, df) -> Markdown:
        """Step 2: the same rows with a ``perspective`` column merged from sources.csv."""
        if df is None or df is Ellipsis:
            return _missing("with_sources", "`rows.merge(...)`")
        if not isinstance(df, pd.DataFrame) or "perspective" not in df.columns:
            return _verdict(
                False,
                "Merge with the sources table on `source_id`, keeping its `perspective` column: "
                '`rows.merge(src[["source_id", "perspective"]], on="source_id")`.',
            )
        expected = len(self.rows())
        if len(df) != expected:
            return _verdict(
                False,
                f"The merge gave {len(df)} rows instead of {expected}: merge `rows` (step 1), "
                "on `source_id` only.",
            )
        return _verdict(
            True, "Every figure now carries the standpoint of the source that gives it."
        )

    def extremes(self) -> tuple[set[str], set[str], float]:
        """Sources of the lowest and of the highest figure (ties kept), and highest/lowest."""
        r = self.rows()
        lo, hi = r["low"].min(), r["high"].max()
        return (
            set(r.loc[r["low"] == lo, "source_id"]),
            set(r.loc[r["high"] == hi, "source_id"]),
            float(hi / lo),
        )

    def check_extremes(self, lowest_source, highest_source) -> Markdown:
        """Step 3: which sources give the lowest and the highest figure."""
        if lowest_source in (None, Ellipsis) or highest_source in (None, Ellipsis):
            return _missing(
                "lowest_source and highest_source", 'a `source_id` such as `"krivosheev_1993_grif"`'
            )
        lows, highs, _ = self.extremes()
        if lowest_source in highs and highest_source in lows and lows != highs:
            return _verdict(
                False,
                "You swapped them: the lowest figure is the smallest `low`, the highest the "
                "largest `high`.",
            )
        wrong = [
            name
            for name, value, ok in (
                ("lowest_source", lowest_source, lows),
                ("highest_source", highest_source, highs),
            )
            if value not in ok
        ]
        if wrong:
            return _verdict(
                False,
                f"Check {' and '.join(f'`{w}`' for w in wrong)}: sort `with_sources` by `low` "
                "(or `high`) and read the `source_id` of the first and last rows.",
            )
        return _verdict(
            True,
            "Now read both rows' `note`, and look the two sources up in `src`: which was "
            "published when, and by whom?",
        )

    def check_ratio(self, ratio) -> Markdown:
        """Step 4: how many times the highest figure is the lowest."""
        if ratio in (None, Ellipsis):
            return _missing("ratio", "the highest figure divided by the lowest")
        try:
            value = float(ratio)
        except (TypeError, ValueError):
            return _verdict(
                False, f"`ratio` should be one number, but it is a {type(ratio).__name__}."
            )
        _, _, expected = self.extremes()
        if abs(value - expected) < 0.01:
            return _verdict(True, f"The highest figure is {expected:.1f} times the lowest.")
        if expected and abs(value - 1 / expected) < 0.01:
            return _verdict(
                False, "You divided the lowest by the highest. Put the highest figure on top."
            )
        return _verdict(
            False, "Divide the largest `high` by the smallest `low` (a source may give a range)."
        )

    def by_perspective(self) -> pd.Series:
        """The highest figure each perspective gives."""
        return self.rows().groupby("perspective", observed=True)["high"].max().sort_values()

    def check_by_perspective(self, series) -> Markdown:
        """Step 5: the highest figure per perspective, and which perspective gives the most."""
        if series is None or series is Ellipsis:
            return _missing(
                "per_perspective", '`with_sources.groupby("perspective")["high"].max()`'
            )
        if not isinstance(series, pd.Series):
            return _verdict(
                False,
                "`per_perspective` should be a Series: group by `perspective`, take `high`, "
                "then `.max()`.",
            )
        expected = self.by_perspective()
        got = series.copy()
        got.index = got.index.astype(str)
        got = got[got.notna()]
        if set(got.index) != set(expected.index.astype(str)):
            return _verdict(
                False,
                f"Your groups are {', '.join(sorted(got.index))}; the sources have the "
                f"perspectives "
                f"{', '.join(sorted(expected.index.astype(str)))}. Group the merged "
                f"table by `perspective`.",
            )
        if not all(abs(float(got[k]) - float(v)) < 0.5 for k, v in expected.items()):
            return _verdict(
                False,
                "The groups are right but not the values: take the `high` column and `.max()`.",
            )
        return _verdict(
            True,
            f"The highest figure comes from the {expected.index[-1]} perspective. "
            + TASKS[self.task].question,
        )
