"""Dates as each side wrote them: the Julian calendar (Russia to February 1918) and
Japanese era years (nengō), computed from the Gregorian dates the data stores."""

from __future__ import annotations

import bisect
import datetime as dt

import pandas as pd

from . import data

RUSSIA_SWITCH = dt.date(1918, 2, 14)  # the day after 31 January 1918 (Julian)


def _jdn(d: dt.date) -> int:
    """Julian day number of a Gregorian date."""
    return d.toordinal() + 1_721_425


def to_julian(day) -> tuple[int, int, int]:
    """The Julian-calendar (Old Style) year, month and day of a Gregorian date."""
    d = pd.Timestamp(day).date()
    c = _jdn(d) + 32_082
    year_part = (4 * c + 3) // 1461
    e = c - (1461 * year_part) // 4
    m = (5 * e + 2) // 153
    return (
        year_part - 4800 + (m + 2) // 12,
        m + 3 - 12 * ((m + 2) // 12),
        e - (153 * m + 2) // 5 + 1,
    )


def julian_label(day) -> str:
    """'26 January 1855 (O.S.)' for a Gregorian date."""
    y, m, d = to_julian(day)
    return f"{d} {dt.date(2000, m, 1).strftime('%B')} {y} (O.S.)"


def japanese_era(day) -> tuple[str, str, int]:
    """Era name (romanised), era name in Japanese and year within the era for a date from 1596.

    Years are counted by Gregorian year. Before 1873 Japan's years began at the lunisolar
    new year (late January to February), so for a date early in a Gregorian year the
    year as written at the time may be one less.
    """
    starts, names = _era_starts()
    ts = pd.Timestamp(day)
    i = bisect.bisect_right(starts, ts) - 1
    if i < 0:
        raise ValueError(
            f"{ts.date()} is before the first era in japanese_eras.csv ({starts[0].date()})"
        )
    name, name_ja = names[i]
    return name, name_ja, ts.year - starts[i].year + 1


def _era_starts():
    eras = data.peek("japanese_eras").sort_values("start_date")
    return list(eras["start_date"]), list(zip(eras["era_name"], eras["name_ja"], strict=False))


def japanese_label(day) -> str:
    """'Meiji 37 (明治37年)' for a Gregorian date."""
    name, name_ja, year = japanese_era(day)
    return f"{name} {year} ({name_ja}{'元' if year == 1 else year}年)"


def as_written(day, precision: str = "day") -> str:
    """A date as Japanese and (before 1918) Russian documents wrote it, for chart hovers."""
    ts = pd.Timestamp(day)
    parts = [japanese_label(ts)] if ts.year >= 1596 else []
    if precision == "day" and ts.date() < RUSSIA_SWITCH:
        parts.append("Russian: " + julian_label(ts))
    return "; ".join(parts)
