"""The contributor guide on the website: ``CONTRIBUTING.md``, the body of ``docs/contributing.md``.

The guide is written once, at the top of the repository where a contributor looks for it. On the
site its links into the repository (``README.md``, ``lessons_data/...``) lead nowhere, so each
becomes its link text; links to other sites and to headings of the guide itself stay links.
"""

from __future__ import annotations

import re

from .common import ROOT

GUIDE = ROOT / "CONTRIBUTING.md"
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
KEPT = re.compile(r"^(https?:|mailto:|#)")


def _unlink(match: re.Match) -> str:
    text, target = match.groups()
    return match.group(0) if KEPT.match(target) else text


def guide_md() -> str:
    """The guide below its title (the page has its own), repository links as plain text."""
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return LINK.sub(_unlink, "\n".join(lines).strip()) + "\n"
