"""Rules that span rows or tables, which a Table Schema cannot express.

Foreign keys (also inside ``;``-separated lists), ``low <= high``, a date inside its era,
an end never before its start, a treaty's status agreeing with its end date, map lines
whose points are real coordinates, and formations' positions dated within their conflict.
Each failure becomes a ``Problem`` naming the row.
"""

from __future__ import annotations

import difflib
import re

import pandas as pd

from ..errors import Problem
from . import package_schema as ps

ID = re.compile(r"[a-z0-9_]+")
RANGES = {
    "casualties": [("low", "high")],
    "populations": [("low", "high")],
    "deployments": [("strength_low", "strength_high")],
}
IN_ERA = {"events": "date", "conflicts": "start_date"}
START_END = {
    "events": ("date", "end_date"),
    "conflicts": ("start_date", "end_date"),
    "treaties": ("signed_date", "ended_date"),
    "territory": ("start_date", "end_date"),
    "lines": ("valid_from", "valid_to"),
}


def check_all(
    frames: dict[str, pd.DataFrame], rows: dict[str, list[int]], data_dir
) -> list[Problem]:
    problems: list[Problem] = []
    for name, df in frames.items():
        numbers = rows[name]
        problems += _foreign_keys(name, df, numbers, frames, data_dir)
        problems += _list_foreign_keys(name, df, numbers, frames, data_dir)
        if name == "sources":
            problems += _consulted_via(df, numbers)
        for low, high in RANGES.get(name, []):
            bad = df[low].notna() & df[high].notna() & (df[low] > df[high])
            for i in df.index[bad]:
                problems.append(
                    Problem(
                        f"{name}.csv",
                        numbers[i],
                        low,
                        f"{df.at[i, low]} > {df.at[i, high]}",
                        f"{low} is larger than {high}",
                        f"swap the two numbers; for a single figure write it in both {low} "
                        f"and {high}",
                    )
                )
        if name in START_END:
            start, end = START_END[name]
            bad = df[end].notna() & (df[end] < df[start])
            for i in df.index[bad]:
                problems.append(
                    Problem(
                        f"{name}.csv",
                        numbers[i],
                        end,
                        str(df.at[i, end].date()),
                        f"{end} is before {start} ({df.at[i, start].date()})",
                        "check both dates; an end cannot come before its start",
                    )
                )
        if name in IN_ERA and "eras" in frames:
            problems += _inside_era(name, df, numbers, frames["eras"], IN_ERA[name])
        if name == "treaties":
            problems += _treaty_status(df, numbers)
        if name == "lines":
            problems += _coordinates(df, numbers)
        if name == "positions" and "conflicts" in frames:
            problems += _during_conflict(df, numbers, frames["conflicts"])
    if "documents" in frames:
        problems += _document_texts(frames["documents"], rows["documents"])
    return problems


QUOTATION_WORDS = 120  # a copyrighted excerpt stays a short quotation


def _document_texts(df, numbers) -> list[Problem]:
    """An excerpt keeps its original beside a course translation, names a published
    translation when the original is missing, and stays short when it is copyrighted."""
    out = []
    for i, row in df.iterrows():
        original = row["excerpt_original"]
        by = None if pd.isna(row["translation_by"]) else row["translation_by"]
        where = ("documents.csv", numbers[i])
        if row["language"] != "en" and pd.isna(original) and by in (None, "this course"):
            out.append(
                Problem(
                    *where,
                    "excerpt_original",
                    "",
                    f"the original ({row['language']}) is missing",
                    "paste the original text, or name the published translation in translation_by",
                )
            )
        if by == "this course" and pd.isna(original):
            out.append(
                Problem(
                    *where,
                    "translation_by",
                    by,
                    "the course's own translation needs the original beside it",
                    "paste the original-language text into excerpt_original",
                )
            )
        words = len(str(row["excerpt_en"]).split())
        if row["rights"] == "quotation" and words > QUOTATION_WORDS:
            out.append(
                Problem(
                    *where,
                    "excerpt_en",
                    f"{words} words",
                    f"a copyrighted excerpt longer than {QUOTATION_WORDS} words",
                    "shorten it to the passage the lesson needs",
                )
            )
    return out


def parse_points(cell: str) -> list[tuple[float, float]]:
    """``"lat lon;lat lon"`` as (lat, lon) pairs; raises ValueError on a malformed cell."""
    points = []
    for part in str(cell).split(";"):
        lat, lon = part.split(" ")
        points.append((float(lat), float(lon)))
    return points


def _coordinates(df, numbers) -> list[Problem]:
    """Every point of a map line inside the globe (the pattern already checked the format)."""
    out = []
    for i, cell in df["coordinates"].items():
        if pd.isna(cell):
            continue
        try:
            points = parse_points(cell)
        except ValueError:
            out.append(
                Problem(
                    "lines.csv",
                    numbers[i],
                    "coordinates",
                    str(cell),
                    "this is not a list of points",
                    "write points as 'lat lon' in decimal degrees, separated by ';', e.g. "
                    "42.44 130.61;42.43 130.61",
                )
            )
            continue
        for k, (lat, lon) in enumerate(points, start=1):
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                out.append(
                    Problem(
                        "lines.csv",
                        numbers[i],
                        "coordinates",
                        str(cell),
                        f"point {k} ({lat} {lon}) is not on the globe: latitude must be "
                        f"-90..90 and longitude -180..180",
                        "write each point as latitude first, then longitude (e.g. 42.44 130.61); "
                        "check that the two numbers are not swapped",
                    )
                )
                break
    return out


def _during_conflict(df, numbers, conflicts) -> list[Problem]:
    """A formation's recorded position is dated within its conflict (a typo in the year would
    put it on the map of another war's dates)."""
    spans = conflicts.set_index("conflict_id")[["start_date", "end_date"]]
    out = []
    for i, row in df.iterrows():
        if row["conflict_id"] not in spans.index:
            continue  # the foreign key check reports it
        start, end = spans.loc[row["conflict_id"]]
        end = start if pd.isna(end) else end
        if not start <= row["date"] <= end:
            out.append(
                Problem(
                    "positions.csv",
                    numbers[i],
                    "date",
                    str(row["date"].date()),
                    f"outside {row['conflict_id']} ({start.date()} to {end.date()})",
                    "check the year and month; a position belongs to the days of its conflict",
                )
            )
    return out


def _treaty_status(df, numbers) -> list[Problem]:
    """``ended`` exactly when there is an end date, and an end precision exactly with it."""
    out = []
    for i in df.index:
        status, end, prec = df.at[i, "status"], df.at[i, "ended_date"], df.at[i, "end_precision"]
        if pd.isna(status):
            continue
        if (status == "ended") != pd.notna(end):
            out.append(
                Problem(
                    "treaties.csv",
                    numbers[i],
                    "status",
                    str(status),
                    "status ended needs an ended_date, and only an ended treaty may have one",
                    "fill ended_date and set status to ended, or empty ended_date and choose "
                    "in_force, "
                    "suspended or unknown",
                )
            )
        elif pd.notna(end) and pd.isna(prec):
            out.append(
                Problem(
                    "treaties.csv",
                    numbers[i],
                    "end_precision",
                    None,
                    "an ended_date needs its precision",
                    "write day, month or year",
                )
            )
        elif pd.isna(end) and pd.notna(prec):
            out.append(
                Problem(
                    "treaties.csv",
                    numbers[i],
                    "end_precision",
                    str(prec),
                    "end_precision is set but there is no ended_date",
                    "empty end_precision, or fill ended_date",
                )
            )
    return out


def _suggest(value: str, choices) -> str:
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=3, cutoff=0.6)
    return f" (close matches: {', '.join(close)})" if close else ""


def _foreign_keys(name, df, numbers, frames, data_dir) -> list[Problem]:
    out = []
    for fk in ps.foreign_keys(name, data_dir):
        col, target = fk["fields"][0], fk["reference"]["resource"]
        ref_col = fk["reference"]["fields"][0]
        if target not in frames:
            continue
        valid = set(frames[target][ref_col].dropna().astype(str))
        for i, value in df[col].items():
            if pd.notna(value) and str(value) not in valid:
                out.append(
                    Problem(
                        f"{name}.csv",
                        numbers[i],
                        col,
                        str(value),
                        f'no {ref_col} "{value}" in {target}.csv',
                        f"use an id that exists in {target}.csv{_suggest(value, valid)}, or "
                        f"add a row for it there first",
                    )
                )
    return out


def _consulted_via(df, numbers) -> list[Problem]:
    """``consulted_via`` holds either a source id (the quoting source) or a description of the copy
    read;
    a value written as a single id must name a row of sources.csv."""
    out = []
    valid = set(df["source_id"].dropna().astype(str))
    for i, value in df["consulted_via"].items():
        if pd.isna(value):
            continue
        value = str(value)
        if ID.fullmatch(value) and value not in valid:
            out.append(
                Problem(
                    "sources.csv",
                    numbers[i],
                    "consulted_via",
                    value,
                    f'no source_id "{value}" in sources.csv',
                    f"use an id that exists in sources.csv{_suggest(value, valid)}, or "
                    f"describe the copy "
                    "that was read in words (for example: a mirror copy of the article)",
                )
            )
    return out


def is_source_id(value) -> bool:
    """True when a ``consulted_via`` value names another source (rather than describing a copy)."""
    return isinstance(value, str) and bool(ID.fullmatch(value))


def _list_foreign_keys(name, df, numbers, frames, data_dir) -> list[Problem]:
    out = []
    for lfk in ps.list_foreign_keys(name, data_dir):
        if lfk.resource not in frames:
            continue
        valid = set(frames[lfk.resource][lfk.ref_field].dropna().astype(str))
        for i, cell in df[lfk.field].items():
            if pd.isna(cell):
                continue
            for value in str(cell).split(";"):
                if value not in valid:
                    out.append(
                        Problem(
                            f"{name}.csv",
                            numbers[i],
                            lfk.field,
                            str(cell),
                            f'"{value}" is not a {lfk.ref_field} in {lfk.resource}.csv',
                            f"use ids that exist in {lfk.resource}.csv{_suggest(value, valid)}, "
                            f'or add a row for "{value}" there first',
                        )
                    )
    return out


def _inside_era(name, df, numbers, eras, date_col) -> list[Problem]:
    out = []
    spans = eras.set_index("era_id")[["start_year", "end_year"]]
    for i in df.index:
        era, date = df.at[i, "era_id"], df.at[i, date_col]
        if pd.isna(date) or era not in spans.index:
            continue
        lo, hi = spans.loc[era]
        if not lo <= date.year <= hi:
            out.append(
                Problem(
                    f"{name}.csv",
                    numbers[i],
                    date_col,
                    str(date.date()),
                    f"the date is outside its era {era} ({lo}-{hi})",
                    "correct the date, or put the row in the era whose years contain "
                    "it (see eras.csv)",
                )
            )
    return out
