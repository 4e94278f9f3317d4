"""``python -m publish.print [--paper a4|letter] [--lessons 04 ...] [--kinds student ...]``

(``make print``; ``PAPER=letter make print`` for US Letter, ``SLIDES_PER_PAGE=6 make print``
for six slides to a sheet instead of two.) Writes ``_build/print/``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .build import OUT, build
from .lessons import KINDS, PAPERS
from .slides import PER_PAGE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m publish.print", description="Print every lesson as PDFs into _build/print/."
    )
    parser.add_argument(
        "--paper",
        default=os.environ.get("PAPER") or "a4",
        help=f"paper size: {' or '.join(PAPERS)} (default a4, or $PAPER)",
    )
    parser.add_argument(
        "--lessons",
        nargs="*",
        metavar="LESSON",
        help="lesson notebooks by name or number (default: every lesson, and the course reader)",
    )
    parser.add_argument(
        "--kinds", nargs="*", metavar="KIND", help=f"any of {', '.join(KINDS)} (default: all)"
    )
    parser.add_argument(
        "--slides-per-page",
        type=int,
        choices=PER_PAGE,
        default=int(os.environ.get("SLIDES_PER_PAGE") or 2),
        help="slides on each sheet of the slides handout: 2 or 6 (default 2, or $SLIDES_PER_PAGE)",
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--reader",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="join the course reader (default: when every lesson is printed)",
    )
    args = parser.parse_args(argv)
    build(
        args.lessons or None,
        args.paper,
        args.out,
        args.kinds,
        args.reader,
        slides_per_page=args.slides_per_page,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
