"""Words for a date cell that is not a real ``YYYY-MM-DD`` date.

A teacher's spreadsheet writes ``31/05/1905`` or ``05/09/1905``; a typo gives ``1905-02-31``.
The message says why an impossible date does not exist and suggests only rewrites that are
real dates, so a fix never leads to a second error.
"""

from __future__ import annotations

import calendar
import re

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAY_FIRST = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
YEAR_FIRST = re.compile(r"(\d{4})[./-](\d{1,2})[./-](\d{1,2})")
NOT_ISO = "this is not a date in the form YYYY-MM-DD"
PRECISION = "if only the month or year is known, write its first day"
DATE_FIX = (
    f"write the date as YYYY-MM-DD, e.g. 1905-09-05; {PRECISION} (1905-09-01 or 1905-01-01) "
    "and set date_precision to month or year"
)


def explain(value: str) -> tuple[str, str]:
    """(rule, fix) for a date cell the schema rejected."""
    value = value.strip()
    if m := DAY_FIRST.fullmatch(value):
        a, b, year = (int(g) for g in m.groups())
        return _day_first(value, year, a, b)
    if m := YEAR_FIRST.fullmatch(value):
        year, month, day = (int(g) for g in m.groups())
        return _year_first(year, month, day)
    return "this is not a valid date", DATE_FIX


def why_impossible(year: int, month: int, day: int) -> str | None:
    """None for a real date, else why it does not exist, e.g. '31 February 1905 does not
    exist (February 1905 has 28 days)'."""
    if year < 1:
        return "there is no year 0"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if day < 1:
        return f"there is no day {day}"
    days = calendar.monthrange(year, month)[1]
    if day > days:
        leap = ""
        if month == 2 and day == 29:
            julian = ", though it was in the Julian (Old Style) calendar" if year % 4 == 0 else ""
            leap = f"; {year} is not a leap year{julian}"
        name = MONTHS[month - 1]
        return f"{day} {name} {year} does not exist ({name} {year} has {days} days{leap})"
    return None


def _day_first(value: str, year: int, a: int, b: int) -> tuple[str, str]:
    readings = {"day/month": (year, b, a), "month/day": (year, a, b)}
    real = {label: ymd for label, ymd in readings.items() if not why_impossible(*ymd)}
    if not real:
        reasons = "; ".join(
            f"as {label}, {why_impossible(*ymd)}" for label, ymd in readings.items()
        )
        return f"{value} is not a real date: {reasons}", _ask_the_source(year)
    if len(set(real.values())) == 2:
        options = " or ".join(f"{_iso(*ymd)} if it is {label}" for label, ymd in real.items())
        return NOT_ISO, f"write it as YYYY-MM-DD: {options}"
    label, ymd = next(iter(real.items()))
    other = [f"; as {lb}, {why_impossible(*o)}" for lb, o in readings.items() if lb not in real]
    return NOT_ISO + "".join(other), f"write it as {_iso(*ymd)} ({_spoken(*ymd)})"


def _year_first(year: int, month: int, day: int) -> tuple[str, str]:
    reason = why_impossible(year, month, day)
    if reason is None:
        return NOT_ISO, f"write it as {_iso(year, month, day)}"
    fix = _ask_the_source(year)
    if not why_impossible(year, day, month):  # month and day swapped, e.g. 1905-25-12
        fix = (
            f"if you meant {_spoken(year, day, month)}, write {_iso(year, day, month)}; else {fix}"
        )
    return reason, fix


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _spoken(year: int, month: int, day: int) -> str:
    return f"{day} {MONTHS[month - 1]} {year}"


def _ask_the_source(year: int) -> str:
    """No real reading: ask for the source's date, never offer an impossible one."""
    y = f"{year:04d}" if year >= 1 else "YYYY"
    return (
        f"check the date in the source and write it as YYYY-MM-DD (year, month, day); {PRECISION} "
        f"({y}-MM-01 or {y}-01-01) and set date_precision to month or year"
    )
