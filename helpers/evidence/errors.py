"""The evidence helper's own error: what was wrong with the request and what it accepts."""

from __future__ import annotations


class EvidenceError(ValueError):
    """A turning point, date range or item id the course data does not have. The message names
    what was asked, why it cannot be answered, and what the helper accepts instead."""

    def _render_traceback_(self) -> list[str]:
        """Show only the message in Jupyter, not a traceback (IPython calls this hook)."""
        return [f"EvidenceError: {self}"]


def listing(values, limit: int = 12) -> str:
    """``a, b, c`` or ``a, b, … (40 in all)`` for a message."""
    values = list(values)
    shown = ", ".join(map(str, values[:limit]))
    return shown if len(values) <= limit else f"{shown}, … ({len(values)} in all)"
