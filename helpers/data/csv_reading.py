"""Read a course CSV the way a spreadsheet may have saved it, into rows of strings.

Excel writes a UTF-8 byte-order mark and CRLF line ends, and a European-locale Excel writes
``;`` delimiters and decimal commas. These are unambiguous, so they load. A file in another
encoding than UTF-8, or whose non-Latin letters became ``?``, is not: it gives a
``TextProblem`` (``text_encoding``), and anything else broken a ``Problem``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from . import text_encoding

DELIMITERS = (",", ";", "\t")
NOT_UTF8 = "not-utf-8"


@dataclass
class RawTable:
    """Header and data rows as strings, with what was noticed while reading."""

    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]  # as a spreadsheet shows them, header = 1
    delimiter: str
    encoding: str


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM); any other bytes come back as
    Latin-1, which maps each byte to one character, for ``text_encoding`` to examine."""
    encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8-sig"
    try:
        return data.decode("utf-8"), encoding
    except UnicodeDecodeError:
        return data.decode("latin-1"), NOT_UTF8


def _pick_delimiter(first_line: str, expected: list[str]) -> str:
    """The delimiter under which the header names the most expected columns."""

    def score(delim: str) -> int:
        names = next(csv.reader([first_line], delimiter=delim), [])
        return sum(1 for n in names if n.strip() in expected)

    return max(DELIMITERS, key=score)


def read_raw(path: Path, expected: list[str], label: str) -> tuple[RawTable | None, list[Problem]]:
    """Read ``path``; ``label`` names the file in messages (e.g. ``casualties.csv``)."""
    if not path.exists():
        return None, [
            Problem(
                label,
                None,
                None,
                None,
                "the file is missing",
                f"restore it (for example `git checkout -- lessons_data/{label}`) "
                "or remove its entry from datapackage.json",
            )
        ]
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [text_encoding.utf16(label)]
    text, encoding = decode(data)
    text = text.lstrip("\ufeff")
    if not text.strip():
        return None, [
            Problem(
                label,
                None,
                None,
                None,
                "the file is empty",
                "it needs at least the header row: " + ",".join(expected),
            )
        ]
    first_line = text.splitlines()[0]
    delim = _pick_delimiter(first_line, expected)
    problems: list[Problem] = []
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True))
    except csv.Error as exc:
        if encoding == NOT_UTF8:
            return None, [text_encoding.not_utf8(label, [], [], [])]
        return None, [
            Problem(
                label,
                None,
                None,
                None,
                f"the file is not valid CSV ({exc})",
                'look for a quote character (") that is opened and never closed; '
                "save the file again as 'CSV UTF-8' from the spreadsheet",
            )
        ]
    header = [h.strip() for h in records[0]]
    rows, numbers = [], []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank line a spreadsheet left at the end
        if len(record) != len(header):
            problems.append(
                Problem(
                    label,
                    number,
                    None,
                    delim.join(record)[:80],
                    f"the row has {len(record)} cells but the header has {len(header)}",
                    "a cell probably contains the delimiter without quotes; put "
                    "double quotes around any text containing a comma",
                )
            )
            continue
        rows.append(record)
        numbers.append(number)
    wrong_text = (
        [text_encoding.not_utf8(label, header, rows, numbers)] if encoding == NOT_UTF8 else []
    )
    lost = text_encoding.lost_text(label, header, rows, numbers)
    if wrong_text or lost:
        return None, wrong_text + ([lost] if lost else [])
    if delim == ";":
        rows = [[_decimal_comma(c) for c in r] for r in rows]
    return RawTable(header, rows, numbers, delim, encoding), problems


def _decimal_comma(cell: str) -> str:
    """``42,5`` -> ``42.5`` in a ``;``-delimited file, where the comma can only be decimal."""
    head, sep, tail = cell.partition(",")
    if sep and head.lstrip("-").isdigit() and tail.isdigit():
        return f"{head}.{tail}"
    return cell
