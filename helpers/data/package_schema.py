"""Read ``lessons_data/datapackage.json``: the one description of every table and column.

Everything that checks or types the data asks this module, so the schema lives in one place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..locations import data_dir

DATA_DIR = data_dir()  # inside the installed package, or the checkout's lessons_data/


@dataclass(frozen=True)
class ListForeignKey:
    """A ``;``-separated list of ids that must each exist in another table."""

    field: str
    resource: str
    ref_field: str


@lru_cache(maxsize=8)
def descriptor(data_dir: Path = DATA_DIR) -> dict:
    """The parsed ``datapackage.json`` of ``data_dir``."""
    with open(Path(data_dir) / "datapackage.json", encoding="utf-8") as fh:
        return json.load(fh)


def table_names(data_dir: Path = DATA_DIR) -> list[str]:
    """Table names in the order the package lists them."""
    return [r["name"] for r in descriptor(data_dir)["resources"]]


def resource(name: str, data_dir: Path = DATA_DIR) -> dict:
    """The resource descriptor of table ``name``; KeyError lists the valid names."""
    for res in descriptor(data_dir)["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no table {name!r}; the tables are: {', '.join(table_names(data_dir))}")


def fields(name: str, data_dir: Path = DATA_DIR) -> list[dict]:
    return resource(name, data_dir)["schema"]["fields"]


def field_names(name: str, data_dir: Path = DATA_DIR) -> list[str]:
    return [f["name"] for f in fields(name, data_dir)]


def enum_of(table: str, field: str, data_dir: Path = DATA_DIR) -> list[str]:
    """Allowed values of an enum column, e.g. the side codes of ``casualties.side``."""
    for f in fields(table, data_dir):
        if f["name"] == field:
            return list(f.get("constraints", {}).get("enum", []))
    raise KeyError(f"{table}.{field} is not a column")


def primary_key(name: str, data_dir: Path = DATA_DIR) -> list[str]:
    pk = resource(name, data_dir)["schema"].get("primaryKey", [])
    return [pk] if isinstance(pk, str) else list(pk)


def foreign_keys(name: str, data_dir: Path = DATA_DIR) -> list[dict]:
    return resource(name, data_dir)["schema"].get("foreignKeys", [])


def list_foreign_keys(name: str, data_dir: Path = DATA_DIR) -> list[ListForeignKey]:
    out = []
    for f in fields(name, data_dir):
        ref = f.get("x-list-foreign-key")
        if ref:
            out.append(ListForeignKey(f["name"], ref["resource"], ref["field"]))
    return out
