"""The repository stands on its own: someone who clones the course to adapt it can read every
rule it points to. No tracked file refers to a document kept outside the repository, and every
relative link and repository path in the guides (README.md, CONTRIBUTING.md, the website's
pages) leads to a file that is in it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

from .conftest import ROOT

# Patterns whose source text (with its backslashes) does not match itself, so that this file,
# which must name them, is not reported.
OUTSIDE = [
    re.compile(r"DESIGN\.md"),
    re.compile(r"SOURCES\.md"),
    re.compile(r"\bseed\s+texts?\b", re.I),
    re.compile(r"\.\./shared\/"),  # a folder beside the repository
    re.compile(r"/work\/"),  # an absolute path on the authors' machine
]
# Rules set by a commissioning body are outside too; history has real commissions, so the data
# and the lessons are not searched for this one.
COMMISSION = re.compile(r"\b(the|as\s+the)\s+commission", re.I)
HISTORY = ("lessons_data/", "notebooks/")
GUIDES = ["README.md", "CONTRIBUTING.md", *sorted(p.name for p in (ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
TOP_DIRS = ("lessons_data", "helpers", "notebooks", "publish", "tests", "benchmarks", "classroom")
REPO_PATH = re.compile(rf"`((?:{'|'.join(TOP_DIRS)}|docs)/[^`\s<>*]+)(?=[`\s])")


def repository_files() -> list[str]:
    """Files git tracks or would track (not ignored), relative to the top of the repository."""
    done = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"these tests read the git checkout: {done.stderr}"
    return sorted({p for p in done.stdout.split("\0") if p and (ROOT / p).is_file()})


TRACKED = repository_files()
FOLDERS = {str(parent) for p in TRACKED for parent in Path(p).parents} - {"."}


def _text(path: str) -> str | None:
    try:
        return (ROOT / path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None  # a binary file (an image, a font) names no document


def _guide_path(name: str) -> Path:
    return ROOT / name if (ROOT / name).exists() else ROOT / "docs" / name


def test_no_file_refers_to_a_document_outside_the_repository():
    found = []
    for path in TRACKED:
        text = _text(path)
        if text is None:
            continue
        patterns = OUTSIDE if path.startswith(HISTORY) else [*OUTSIDE, COMMISSION]
        for pattern in patterns:
            for m in pattern.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                found.append(f"{path}:{line}: {m.group(0)!r}")
    assert not found, (
        "files refer to documents outside the repository; state the rule in CONTRIBUTING.md "
        "and point there:\n  " + "\n  ".join(found)
    )


def slugs(markdown: str) -> set[str]:
    """The anchors GitHub gives a file's headings (lower case, punctuation dropped, spaces to
    hyphens, a repeated heading numbered)."""
    seen: dict[str, int] = {}
    out = set()
    for heading in re.findall(r"^#{1,6} +(.+?) *$", FENCE.sub("", markdown), re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        out.add(slug if n == 0 else f"{slug}-{n}")
    return out


def links(markdown: str) -> list[str]:
    """Targets of the markdown links outside code blocks and code spans."""
    prose = re.sub(r"`[^`\n]*`", "", FENCE.sub("", markdown))
    return [target for _, target in LINK.findall(prose)]


@pytest.mark.parametrize("guide", GUIDES)
def test_every_relative_link_leads_into_the_repository(guide):
    source = _guide_path(guide)
    files = set(TRACKED)
    broken = []
    for target in links(source.read_text(encoding="utf-8")):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        resolved = (source.parent / unquote(path)).resolve() if path else source
        try:
            rel = str(resolved.relative_to(ROOT))
        except ValueError:
            broken.append(f"{target}: outside the repository")
            continue
        if rel not in files and rel not in FOLDERS:
            broken.append(f"{target}: no such file in the repository")
        elif anchor and rel.endswith(".md") and anchor not in slugs(resolved.read_text("utf-8")):
            broken.append(f"{target}: {rel} has no heading with the anchor #{anchor}")
    assert not broken, f"{guide}: links that lead nowhere:\n  " + "\n  ".join(broken)


@pytest.mark.parametrize("guide", ["README.md", "CONTRIBUTING.md"])
def test_every_repository_path_named_in_a_guide_exists(guide):
    """A path such as `lessons_data/sources.csv` in the guides names a file or folder that is in
    the repository (templates such as `notebooks/questions/<lesson>.json` are not paths)."""
    named = set(REPO_PATH.findall((ROOT / guide).read_text(encoding="utf-8")))
    missing = sorted(p for p in named if p.rstrip("/") not in set(TRACKED) | FOLDERS)
    assert named and not missing, f"{guide} names paths that are not in the repository: {missing}"


def test_the_link_check_sees_a_broken_link_and_anchor():
    """The checks above can fail: a missing file, a missing heading and a link out are caught."""
    text = "# Guide\n\n## Data rules\n\n[a](#data-rules) [b](#nothing) [c](../x.md) `[d](no.md)`\n"
    assert links(text) == ["#data-rules", "#nothing", "../x.md"]
    assert slugs(text) == {"guide", "data-rules"}
    assert slugs("## The course on paper (`make print`)\n## A\n## A\n") == {
        "the-course-on-paper-make-print",
        "a",
        "a-1",
    }
