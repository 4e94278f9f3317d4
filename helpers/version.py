"""Which course version these helpers are, and whether a notebook was written for them.

Every lesson's first cell calls ``setup(course_version="…")`` with the version it was written
for. On a JupyterHub the notebooks (pulled into each student's home by nbgitpuller) and the
helpers (installed in the hub's environment) are updated separately, so they can drift apart:
the teacher updates the course, but a notebook the student edited keeps the old text, or the
hub still has the old package. ``mismatch_message`` says which side is behind and what to do.

Bump ``COURSE_VERSION`` (and the ``course_version`` in every lesson's first cell; a test
checks they agree) whenever notebooks and helpers change together.
"""

from __future__ import annotations

import html
import re

COURSE_VERSION = "0.2.0"  # also the package version (pyproject.toml reads it)


def _key(version: str) -> tuple:
    return tuple(int(n) for n in re.findall(r"\d+", version))


def mismatch_message(expected: str, installed: str = COURSE_VERSION) -> str | None:
    """None when the notebook's version is the installed one, else what is wrong and what to do."""
    expected, installed = str(expected).strip(), str(installed).strip()
    if expected == installed:
        return None
    if _key(expected) > _key(installed):
        return (
            f"This notebook is from course version {expected}, but the course package "
            f"installed on this "
            f"server is version {installed}, which is older. Some cells may fail or "
            f"show old data.\n"
            "What to do: tell your teacher. The hub's course package needs updating to the "
            "same version "
            "(The Littlest JupyterHub: reinstall the package as described in the course README, "
            '"Updating the course mid-term"; Zero to JupyterHub: deploy the new image). '
            "Your notebook and your answers are not affected; restart the kernel after the update."
        )
    return (
        f"This notebook is from course version {expected}, but the course installed on this "
        f"server is "
        f"version {installed}: your teacher has updated the course since this copy was made.\n"
        "Why: when you click the course link, nbgitpuller merges the teacher's changes into "
        "your folder "
        "but never overwrites your work. Notebooks you did not change are updated; wherever "
        "you changed "
        'a notebook, your version wins (it merges with git\'s "-Xours" strategy), so this '
        "notebook can "
        "still be the old one, or a mix of old and new.\n"
        "What to do: click the course link your teacher gave you again, then restart the "
        "kernel and run this "
        "cell again. If this message is still shown, you changed this notebook and "
        "nbgitpuller kept your "
        "version. To get the new version and keep your work: 1. rename this notebook (File > "
        "Rename, for "
        'example add "-mine" to its name); 2. click the course link again: nbgitpuller puts '
        "back the "
        "teacher's current version of any file that is missing; 3. open the new notebook and "
        "copy your "
        "answers across from your renamed copy."
    )


def mismatch_bundle(message: str) -> dict:
    """The message as a display bundle: a visible box in JupyterLab, plain text elsewhere."""
    paragraphs = "".join(
        f"<p style='margin:4px 0'>{html.escape(p)}</p>" for p in message.split("\n")
    )
    box = (
        "<div class='course-version-warning' role='alert' style='border-left:5px solid #b35806;"
        "background:#fff4e5;color:#4a2700;padding:8px 12px;margin:4px 0;max-width:820px'>"
        f"<strong>Course version mismatch.</strong>{paragraphs}</div>"
    )
    return {"text/plain": "Course version mismatch. " + message, "text/html": box}
