"""Check one table against its Table Schema and turn every failure into a ``Problem``.

Frictionless does the checking (types, required, enums, patterns, ranges, keys); this module
only translates its findings into words a teacher can act on. Frictionless is imported
here, lazily, because it costs most of a second and is only needed when data changed.
"""

from __future__ import annotations

import difflib
import re

from ..errors import Problem
from . import date_cells
from . import package_schema as ps
from .csv_reading import RawTable


def check_header(name: str, raw: RawTable, data_dir) -> list[Problem]:
    """Missing, renamed, duplicated or extra columns."""
    label = f"{name}.csv"
    expected = ps.field_names(name, data_dir)
    problems = []
    missing = [c for c in expected if c not in raw.header]
    extra = [c for c in raw.header if c not in expected]
    for col in missing:
        guess = difflib.get_close_matches(col, extra, n=1, cutoff=0.5)
        fix = (
            f'rename the column "{guess[0]}" back to "{col}"'
            if guess
            else f'add a column named "{col}" to the header row (row 1)'
        )
        problems.append(Problem(label, 1, col, None, "a required column is missing", fix))
    for col in extra:
        if any(col in difflib.get_close_matches(m, [col], n=1, cutoff=0.5) for m in missing):
            continue  # already reported as a rename
        problems.append(
            Problem(
                label,
                1,
                col or "(blank)",
                None,
                "this column is not in the data contract",
                "delete the column, or describe it in lessons_data/datapackage.json first; "
                "allowed columns: " + ", ".join(expected),
            )
        )
    seen = set()
    for col in raw.header:
        if col in seen:
            problems.append(
                Problem(
                    label, 1, col, None, "the column appears twice", "delete one of the two columns"
                )
            )
        seen.add(col)
    return problems


def check_cells(name: str, raw: RawTable, data_dir) -> list[Problem]:
    """Every cell against the schema; assumes the header is right."""
    from frictionless import Checklist, Resource, Schema

    expected = ps.field_names(name, data_dir)
    index = [raw.header.index(c) for c in expected]
    data = [expected] + [[row[i] for i in index] for row in raw.rows]
    schema = dict(ps.resource(name, data_dir)["schema"])
    schema.pop("foreignKeys", None)  # checked across tables by rules.py
    report = Resource(data=data, schema=Schema.from_descriptor(schema)).validate(
        checklist=Checklist(skip_errors=["foreign-key"]), limit_errors=10_000
    )
    fields = {f["name"]: f for f in ps.fields(name, data_dir)}
    return [
        _translate(name, err, fields, raw.row_numbers, data_dir) for err in report.tasks[0].errors
    ]


def _translate(name, err, fields, row_numbers, data_dir) -> Problem:
    label = f"{name}.csv"
    position = getattr(err, "row_number", None)
    row = (
        row_numbers[position - 2]
        if position and 2 <= position <= len(row_numbers) + 1
        else position
    )
    col = getattr(err, "field_name", None)
    cell = getattr(err, "cell", None)
    value = None if cell is None else str(cell)
    field = fields.get(col, {})
    if err.type == "type-error" and field.get("type") == "date":
        return Problem(label, row, col, value, *date_cells.explain(value or ""))
    if err.type == "type-error":
        return Problem(
            label,
            row,
            col,
            value,
            f"this is not a valid {field.get('type')}",
            _type_fix(field.get("type")),
        )
    if err.type == "constraint-error":
        rule, fix = _constraint(err.note, field)
        return Problem(label, row, col, value, rule, fix)
    if err.type in ("primary-key", "unique-error"):
        key = ", ".join(ps.primary_key(name, data_dir)) if err.type == "primary-key" else col
        other = re.search(r"position (\d+)", err.note or "")
        other_row = row_numbers[int(other.group(1)) - 2] if other else None
        return Problem(
            label,
            row,
            key,
            value,
            f"the key ({key}) repeats row {other_row}",
            "each row must be unique in these columns: delete the duplicate or change its key",
        )
    return Problem(
        label, row, col, value, err.note or err.type, "correct the cell as the rule says"
    )


def _type_fix(type_: str | None) -> str:
    if type_ == "integer":
        return (
            "write a whole number with digits only, no spaces, letters or thousands separators "
            "(e.g. 8440); leave it empty if unknown and allowed"
        )
    if type_ == "number":
        return "write a number with a decimal point, e.g. 42.43"
    return f"write a valid {type_}"


def _constraint(note: str, field: dict) -> tuple[str, str]:
    c = field.get("constraints", {})
    if "required" in note:
        return "this cell may not be empty", f"fill it in: {field.get('description', '')}".strip()
    if "enum" in note:
        return "this value is not one of the allowed codes", "use one of: " + ", ".join(c["enum"])
    if "pattern" in note:
        if "x-list-foreign-key" in field or field["name"] in (
            "parties",
            "mediator",
            "belligerents",
            "claimed_by",
        ):
            allowed = (
                re.findall(r"[a-z_]+", c["pattern"].split("(;")[0]) if "|" in c["pattern"] else []
            )
            codes = f" from: {', '.join(allowed)}" if allowed else ""
            return "this is not a list of ids", f"write ids separated by ';' with no spaces{codes}"
        if field["name"] == "url":
            return (
                "this is not a web address",
                "write the full address starting with http:// or https://",
            )
        if field["name"] == "coordinates":
            return (
                "this is not a list of points",
                "write points as 'lat lon' in decimal degrees (latitude first, one space, a "
                "dot for decimals), "
                "separated by ';' with no spaces around it, at least two points, e.g. 42.44 "
                "130.61;42.43 130.61",
            )
        if field["name"] == "figures":
            return (
                "this is not a list of figures",
                "write each number as the answer writes it, separated by ';' with no spaces, "
                "e.g. 7,696;8,629",
            )
        if field["name"] == "notebook":
            return (
                "this is not a notebook file name",
                "write NN_name.ipynb, e.g. 04_border_wars_1931_1941.ipynb",
            )
        return (
            "this is not a valid id",
            "ids use lowercase letters, digits and _ only, e.g. lake_khasan",
        )
    if "minimum" in note or "maximum" in note:
        lo, hi = c.get("minimum"), c.get("maximum")
        bounds = (
            f"between {lo} and {hi}"
            if lo is not None and hi is not None
            else f"at least {lo}"
            if lo is not None
            else f"at most {hi}"
        )
        return f"the value is out of range ({bounds})", f"write a value {bounds}"
    if "unique" in note:
        return "this value repeats another row", "each row needs its own value here"
    return note, "correct the cell as the rule says"
