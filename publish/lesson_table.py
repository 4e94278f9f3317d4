"""Keep the minutes in the README's lesson table in step with the lessons' timing model
(``helpers.lesson.timing``): ``make teacher-notes`` rewrites the two minute columns of each row."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .common import NOTEBOOKS, ROOT, write_if_changed

README = ROOT / "README.md"
ROW = re.compile(r"^(\| \[`(\d\d_\w+\.ipynb)`\].*\| \d+ \| )(\d+) \| (\d+) \|$", re.M)


def with_minutes(text: str, nb_dir: Path = NOTEBOOKS) -> str:
    """``text`` with each lesson row's core and optional minutes recomputed from its notebook."""
    from helpers.lesson.timing import lesson_minutes, read_lesson

    def row(m: re.Match) -> str:
        path = nb_dir / m.group(2)
        minutes = lesson_minutes(read_lesson(path), path.name)
        core = minutes["core"] + minutes["second"]
        return f"{m.group(1)}{core} | {minutes['deeper'] + minutes['homework']} |"

    return ROW.sub(row, text)


def main() -> int:
    if write_if_changed(README, with_minutes(README.read_text(encoding="utf-8"))):
        print("lesson minutes updated: README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
