"""Every way a teacher's spreadsheet can break a table gives one clear DataError.

Each test breaks a private copy of the package and asserts the exact file, row and column.
"""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest

from helpers import DataError, data
from helpers.data.text_encoding import TextProblem


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows, delimiter=",", encoding="utf-8", newline="\n"):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=newline).writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


def set_cell(path: Path, row: int, column: str, value: str):
    """Row numbered as a spreadsheet shows it (header = 1)."""
    rows = rows_of(path)
    rows[row - 1][rows[0].index(column)] = value
    write_rows(path, rows)


def problems_of(data_dir: Path):
    data.clear_cache()
    with pytest.raises(DataError) as info:
        data.load_all(data_dir)
    return info.value.problems


def only(problems, **expect):
    matching = [p for p in problems if all(getattr(p, k) == v for k, v in expect.items())]
    assert matching, f"no problem with {expect} among:\n" + "\n".join(map(str, problems))
    return matching[0]


def loads_like_original(data_dir: Path, table: str):
    data.clear_cache()
    original = data.load(table)
    data.clear_cache()
    changed = data.load(table, data_dir)
    assert changed.equals(original)


def test_excel_utf8_bom_and_crlf_loads(data_copy):
    path = data_copy / "places.csv"
    write_rows(path, rows_of(path), encoding="utf-8-sig", newline="\r\n")
    loads_like_original(data_copy, "places")


def test_european_semicolon_file_with_decimal_commas_loads(data_copy):
    path = data_copy / "places.csv"
    rows = rows_of(path)
    lat, lon = rows[0].index("lat"), rows[0].index("lon")
    for r in rows[1:]:
        r[lat], r[lon] = r[lat].replace(".", ","), r[lon].replace(".", ",")
    write_rows(path, rows, delimiter=";", encoding="utf-8-sig", newline="\r\n")
    loads_like_original(data_copy, "places")


def test_wrong_date_format_names_cell_and_both_readings(data_copy):
    set_cell(data_copy / "events.csv", 3, "date", "05/09/1905")
    p = only(problems_of(data_copy), file="events.csv", row=3, column="date")
    assert p.value == "05/09/1905"
    assert "1905-09-05" in p.fix and "1905-05-09" in p.fix


def real_dates_in(text: str) -> list[str]:
    """Every YYYY-MM-DD in ``text``; fails if one of them is not a calendar date."""
    found = re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text)
    for iso in found:
        datetime.date.fromisoformat(iso)  # raises on 1905-02-31
    return found


@pytest.mark.parametrize(
    "cell, says, suggested",
    [
        ("31/02/1905", ["31 February 1905 does not exist", "28 days", "no month 31"], []),
        ("1905-02-31", ["31 February 1905 does not exist", "28 days"], []),
        ("29/02/1900", ["29 February 1900 does not exist", "1900 is not a leap year"], []),
        ("31/05/1905", ["no month 31"], ["1905-05-31"]),
        ("1905-25-12", ["no month 25"], ["1905-12-25"]),
    ],
)
def test_impossible_date_says_why_and_suggests_only_real_dates(data_copy, cell, says, suggested):
    set_cell(data_copy / "events.csv", 3, "date", cell)
    p = only(problems_of(data_copy), file="events.csv", row=3, column="date")
    assert p.value == cell
    for words in says:
        assert words in p.rule
    offered = real_dates_in(p.fix)  # fails on any date that does not exist
    assert set(suggested) <= set(offered)
    assert suggested or "check the date in the source" in p.fix


def test_unknown_source_id(data_copy):
    set_cell(data_copy / "casualties.csv", 2, "source_id", "no_such_source")
    p = only(problems_of(data_copy), file="casualties.csv", row=2, column="source_id")
    assert "sources.csv" in p.rule and "no_such_source" in p.value


def test_unknown_id_inside_a_list(data_copy):
    rows = rows_of(data_copy / "events.csv")
    first = rows[4][rows[0].index("source_ids")]
    set_cell(data_copy / "events.csv", 5, "source_ids", first + ";ghost_source")
    p = only(problems_of(data_copy), file="events.csv", row=5, column="source_ids")
    assert "ghost_source" in p.rule


def test_low_greater_than_high(data_copy):
    set_cell(data_copy / "casualties.csv", 2, "low", "999999")
    set_cell(data_copy / "casualties.csv", 2, "high", "1")
    p = only(problems_of(data_copy), file="casualties.csv", row=2, column="low")
    assert "larger" in p.rule and "swap" in p.fix


@pytest.mark.parametrize("how", ["missing", "renamed"])
def test_missing_or_renamed_column(data_copy, how):
    path = data_copy / "casualties.csv"
    rows = rows_of(path)
    i = rows[0].index("category")
    if how == "missing":
        rows = [r[:i] + r[i + 1 :] for r in rows]
    else:
        rows[0][i] = "Category type"
    write_rows(path, rows)
    p = only(problems_of(data_copy), file="casualties.csv", row=1, column="category")
    assert ("Category type" in p.fix) == (how == "renamed")


def test_extra_column(data_copy):
    path = data_copy / "glossary.csv"
    rows = rows_of(path)
    write_rows(path, [r + (["my notes"] if n == 0 else ["x"]) for n, r in enumerate(rows)])
    p = only(problems_of(data_copy), file="glossary.csv", row=1, column="my notes")
    assert "datapackage.json" in p.fix


def test_empty_file(data_copy):
    (data_copy / "territory.csv").write_bytes(b"")
    p = only(problems_of(data_copy), file="territory.csv")
    assert "empty" in p.rule and "territory_id" in p.fix


def test_duplicate_primary_key(data_copy):
    path = data_copy / "places.csv"
    rows = rows_of(path)
    rows.append(list(rows[1]))
    write_rows(path, rows)
    p = only(problems_of(data_copy), file="places.csv", row=len(rows), column="place_id")
    assert "row 2" in p.rule


def test_missing_file(data_copy):
    (data_copy / "glossary.csv").unlink()
    p = only(problems_of(data_copy), file="glossary.csv")
    assert "missing" in p.rule and "git checkout" in p.fix


def test_all_problems_reported_together_and_message_is_readable(data_copy):
    set_cell(data_copy / "casualties.csv", 2, "low", "many")
    set_cell(data_copy / "places.csv", 3, "lat", "95")
    problems = problems_of(data_copy)
    only(problems, file="casualties.csv", row=2, column="low")
    only(problems, file="places.csv", row=3, column="lat")
    data.clear_cache()
    with pytest.raises(DataError) as info:
        data.load_all(data_copy)
    text = str(info.value)
    assert 'casualties.csv, row 2, column "low": value "many"' in text
    assert "Traceback" not in info.value._render_traceback_()[0]


def test_event_outside_its_era(data_copy):
    rows = rows_of(data_copy / "events.csv")
    era = rows[0].index("era_id")
    row = next(n for n, r in enumerate(rows[1:], start=2) if r[era] == "border_wars")
    set_cell(data_copy / "events.csv", row, "date", "1990-01-01")
    p = only(problems_of(data_copy), file="events.csv", row=row, column="date")
    assert "border_wars" in p.rule


@pytest.mark.parametrize(
    "cell, words",
    [
        ("42.44,130.61;42.43,130.61", "not a list of points"),  # commas instead of a space
        ("42.44 130.61", "not a list of points"),  # a single point is not a line
        ("42.44 130.61; 42.43 130.61", "not a list of points"),  # a space after ';'
        (
            "130.61 42.44;130.61 42.43",
            "not on the globe",
        ),  # longitude first: latitude 130 is impossible
    ],
)
def test_bad_line_coordinates_name_file_row_column(data_copy, cell, words):
    set_cell(data_copy / "lines.csv", 3, "coordinates", cell)
    p = only(problems_of(data_copy), file="lines.csv", row=3, column="coordinates")
    assert words in p.rule and "lat lon" in p.fix.replace(
        "latitude first, then longitude", "lat lon"
    )
    assert p.value == cell


def test_treaty_status_must_agree_with_its_end_date(data_copy):
    rows = rows_of(data_copy / "treaties.csv")
    row = next(i for i, r in enumerate(rows, start=1) if r[0] == "neutrality_pact_1941")
    set_cell(data_copy / "treaties.csv", row, "status", "in_force")
    p = only(problems_of(data_copy), file="treaties.csv", row=row, column="status")
    assert "ended_date" in p.rule and "unknown" in p.fix


# ------------------------------------------------------------- files saved in a legacy encoding

NON_LATIN = {"ja", "zh", "ru", "ko", "mn"}


def resave(path: Path, encoding: str):
    """What a spreadsheet's plain "CSV" does: the computer's legacy encoding, with '?' for
    every letter it cannot hold."""
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding, errors="replace"))


def text_problems(data_dir: Path) -> list:
    problems = problems_of(data_dir)
    assert all(isinstance(p, TextProblem) for p in problems), "\n".join(map(str, problems))
    assert not any("repeats" in p.rule for p in problems)
    return problems


def first_row(path: Path, keep) -> int:
    """The spreadsheet row number of the first data row for which ``keep(row)`` holds."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    return next(n for n, r in enumerate(rows, start=2) if keep(r))


def test_place_names_saved_as_ascii_with_question_marks(data_copy):
    """A UTF-8-valid file whose names became '?': no longer 'the key repeats row 23'."""
    path = data_copy / "place_names.csv"
    row = first_row(path, lambda r: r["lang"] in NON_LATIN and not r["name"].isascii())
    resave(path, "ascii")
    (p,) = text_problems(data_copy)
    assert (p.file, p.row, p.column) == ("place_names.csv", row, "name")
    assert "?" in p.value and "replaced by '?'" in p.rule
    assert "git checkout -- lessons_data/place_names.csv" in p.fix and "CSV UTF-8" in p.fix
    assert "Google Sheets" in p.fix and "LibreOffice" in p.fix


@pytest.mark.parametrize(
    "table, encoding, looks_like, column",
    [
        ("place_names", "cp1252", "Windows-1252", "name"),
        ("place_names", "cp1251", "Windows-1251", "name"),
        ("glossary", "cp1251", "Windows-1251", "name_ru"),
        ("glossary", "cp932", "Shift-JIS", "name_ja"),
    ],
)
def test_legacy_encoding_is_named_with_the_first_row_it_shows_in(
    data_copy, table, encoding, looks_like, column
):
    path = data_copy / f"{table}.csv"
    row = first_row(
        path, lambda r: not all(c.encode(encoding, "replace").isascii() for c in r.values())
    )
    resave(path, encoding)
    problems = text_problems(data_copy)
    p = only(problems, file=f"{table}.csv", row=row)
    assert "not UTF-8" in p.rule and looks_like in p.rule and p.column == column
    assert "CSV UTF-8 (Comma delimited)" in p.fix and "Unicode (UTF-8)" in p.fix
    lost = [q for q in problems if "replaced by '?'" in q.rule]
    assert lost and all(q.file == f"{table}.csv" and q.row for q in lost)


def test_western_european_file_is_reported_not_guessed(data_copy):
    """Windows-1252 used to be read silently; the same bytes could be Windows-1251."""
    path = data_copy / "eras.csv"
    rows = rows_of(path)
    rows[1][rows[0].index("summary")] += " Café"
    write_rows(path, rows, encoding="cp1252")
    (p,) = text_problems(data_copy)
    assert (p.file, p.row, p.column) == ("eras.csv", 2, "summary")
    assert p.value.endswith("Café") and "Windows-1252" in p.rule and "CSV UTF-8" in p.fix


def test_utf16_unicode_text_is_reported(data_copy):
    path = data_copy / "glossary.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    (p,) = text_problems(data_copy)
    assert p.file == "glossary.csv" and "UTF-16" in p.rule and "CSV UTF-8" in p.fix


def test_nothing_else_is_reported_until_the_encoding_is_right(data_copy):
    set_cell(data_copy / "casualties.csv", 2, "low", "many")
    resave(data_copy / "place_names.csv", "ascii")
    assert {p.file for p in text_problems(data_copy)} == {"place_names.csv"}
