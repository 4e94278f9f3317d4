"""The package's own error for bad course data: one exception listing every problem found.

A teacher who breaks a CSV in a spreadsheet must learn where (file, row, column) and how
to fix it, never see a pandas traceback, so loaders collect ``Problem``s and raise once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One broken rule at one place in one file.

    ``row`` is the row number a spreadsheet shows (the header is row 1), or None when the
    problem concerns the whole file or a column.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str
    fix: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f'column "{self.column}"')
        shown = "" if self.value is None else f' value "{_short(self.value)}":'
        return f"{', '.join(where)}:{shown} {self.rule}. How to fix: {self.fix}"


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


class DataError(Exception):
    """Raised when course data breaks its contract; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        files = sorted({p.file for p in self.problems})
        head = (
            f"The course data has {len(self.problems)} problem(s) in {', '.join(files)}. "
            "Nothing was changed; correct the cells below and run the cell again."
        )
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))

    def _render_traceback_(self) -> list[str]:
        """Show only the message in Jupyter, not a traceback (IPython calls this hook)."""
        return [f"DataError: {self}"]
