"""Load the course data as typed pandas DataFrames, validated against ``datapackage.json``.

``load("casualties")`` returns one table; ``load_all()`` every table. The whole package is
checked on the first load in a process (schema, foreign keys, ranges, era dates) and any
problem raises one ``DataError`` listing them all. The result is cached per process;
a content hash also remembers, across processes, that exactly these bytes already passed,
so an unchanged package is not re-checked in every lesson kernel.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd

from ..errors import DataError, Problem
from . import package_schema as ps
from . import rules, schema_check
from .csv_reading import RawTable, read_raw
from .text_encoding import TextProblem

_CACHE: dict[Path, dict[str, pd.DataFrame]] = {}
# the package's own tables, resolved once: resolving a path (about 60 us) on each of the
# thousands of look-ups a chart makes (citations look up each source) cost a lesson 0.2-0.4 s
_DEFAULT_KEY = Path(ps.DATA_DIR).resolve()
_CHECKER_FILES = (
    "csv_reading.py",
    "text_encoding.py",
    "date_cells.py",
    "schema_check.py",
    "rules.py",
    "package_schema.py",
    "loading.py",
)


def load(table: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """A copy of one validated, typed table (dates as datetimes, codes as categoricals)."""
    frames = _frames(data_dir)
    if table not in frames:
        raise KeyError(f"no table {table!r}; the tables are: {', '.join(frames)}")
    return frames[table].copy()


def peek(table: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """The cached table itself, not a copy: for read-only use in hot paths (widget handlers)."""
    frames = _frames(data_dir)
    if table not in frames:
        raise KeyError(f"no table {table!r}; the tables are: {', '.join(frames)}")
    return frames[table]


def load_all(data_dir: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the package, validated together; raises ``DataError`` on any problem."""
    return {name: df.copy() for name, df in _frames(data_dir).items()}


def _frames(data_dir) -> dict[str, pd.DataFrame]:
    """The cached, validated tables themselves (callers must copy before changing them)."""
    key = _DEFAULT_KEY if data_dir is None else Path(data_dir).resolve()
    if key not in _CACHE:
        _CACHE[key] = _load_package(key)
    return _CACHE[key]


def clear_cache() -> None:
    """Forget loaded tables, e.g. after editing a CSV in an open kernel."""
    _CACHE.clear()
    ps.descriptor.cache_clear()


def _load_package(data_dir: Path) -> dict[str, pd.DataFrame]:
    if not (data_dir / "datapackage.json").exists():
        raise DataError(
            [
                Problem(
                    "datapackage.json",
                    None,
                    None,
                    str(data_dir),
                    "the data package description is missing",
                    "restore lessons_data/datapackage.json from git",
                )
            ]
        )
    names = ps.table_names(data_dir)
    raws: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for name in names:
        raw, found = read_raw(
            data_dir / f"{name}.csv", ps.field_names(name, data_dir), f"{name}.csv"
        )
        problems += found
        if raw is not None:
            raws[name] = raw
    wrong_text = [p for p in problems if isinstance(p, TextProblem)]
    if wrong_text:  # every other finding would be about garbled or lost letters
        raise DataError(wrong_text)
    stamp = _stamp_path(data_dir)
    already_valid = not problems and stamp.exists()
    if not already_valid:
        for name, raw in raws.items():
            header_problems = schema_check.check_header(name, raw, data_dir)
            problems += header_problems or schema_check.check_cells(name, raw, data_dir)
    if problems:
        raise DataError(problems)
    frames = {name: _typed(name, raw, data_dir) for name, raw in raws.items()}
    if not already_valid:
        problems = rules.check_all(frames, {n: r.row_numbers for n, r in raws.items()}, data_dir)
        if problems:
            raise DataError(problems)
        _write_stamp(stamp)
    return frames


def _typed(name: str, raw: RawTable, data_dir: Path) -> pd.DataFrame:
    """Strings to typed columns, in the schema's column order."""
    columns = {}
    for field in ps.fields(name, data_dir):
        i = raw.header.index(field["name"])
        values = pd.Series([row[i].strip() for row in raw.rows], dtype="string").replace("", pd.NA)
        columns[field["name"]] = _convert(values, field)
    return pd.DataFrame(columns)


def _convert(values: pd.Series, field: dict) -> pd.Series:
    kind = field.get("type", "string")
    if kind == "date":
        # seconds resolution: nanoseconds cannot hold dates before 1677 (e.g. 1639)
        parsed = [pd.NaT if pd.isna(v) else pd.Timestamp(v).as_unit("s") for v in values]
        return pd.Series(parsed, dtype="datetime64[s]")
    if kind == "integer":
        return pd.to_numeric(values).astype("Int64")
    if kind == "number":
        return pd.to_numeric(values).astype("float64")
    enum = field.get("constraints", {}).get("enum")
    if enum:
        return pd.Series(
            pd.Categorical(values.astype(object).where(values.notna(), None), categories=enum)
        )
    return values


def _stamp_path(data_dir: Path) -> Path:
    digest = hashlib.sha256()
    files = [data_dir / "datapackage.json"] + sorted(data_dir.glob("*.csv"))
    files += [Path(__file__).parent / f for f in _CHECKER_FILES]
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "russo-japanese-course"
    return cache / f"validated-{digest.hexdigest()[:32]}"


def _write_stamp(stamp: Path) -> None:
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()
    except OSError:
        pass  # a read-only home only costs a re-check next time
