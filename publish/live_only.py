"""What a lesson says or runs only where a kernel runs, and what a page without one shows instead.

Wording: a lesson's markdown may give JupyterLab and the static pages (website, paper, slides)
different words for one thing, in a form JupyterLab renders as the live words alone:

    <span class="live">Move the year slider from 1895 to 1906.</span><!-- static: The map shows
    1898. -->

The span is the live wording; the comment right after it replaces it on a static page. A
comment without a span before it adds words to static pages only. (Never start a line with the
span's comment in live text: a line that begins ``<!--`` is an HTML block to Markdown.)

Steps: a code cell with a ``...`` placeholder is a step the student completes, and so is a cell
that reads a name such a step assigns (its output is about the student's own work). Run
without the student, their output is only "not yet" messages, so static pages leave it out.
"""

from __future__ import annotations

import ast
import re

from IPython.core.inputtransformer2 import TransformerManager

LIVE_THEN_STATIC = re.compile(r'(?:<span class="live">(.*?)</span>)?<!--\s*static:(.*?)-->', re.S)
SOLUTION = "solution"


def static_text(source: str) -> str:
    """``source`` as a page without a kernel shows it: each live wording replaced by its
    static one."""
    return LIVE_THEN_STATIC.sub(lambda m: m.group(2).strip(), source)


def live_text(source: str) -> str:
    """``source`` as JupyterLab shows it: the live wordings, without the static ones."""
    return LIVE_THEN_STATIC.sub(lambda m: m.group(1) or "", source)


def _names(code: str) -> tuple[set[str], set[str], bool] | None:
    """(names assigned, names read, has a ``...`` placeholder), or None for code that is not
    Python even after IPython's transforms."""
    try:
        tree = ast.parse(TransformerManager().transform_cell(code))
    except SyntaxError:
        return None
    stored, loaded, placeholder = set(), set(), False
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (stored if isinstance(node.ctx, ast.Store) else loaded).add(node.id)
        elif isinstance(node, ast.Constant) and node.value is Ellipsis:
            placeholder = True
    return stored, loaded, placeholder


def student_steps(cells) -> list[int]:
    """Indexes of the code cells that are a student's steps (see the module docstring); cells
    tagged ``solution`` are the worked answer, never a step."""
    steps, theirs = [], set()
    for i, cell in enumerate(cells):
        if cell.cell_type != "code" or SOLUTION in cell.get("metadata", {}).get("tags", []):
            continue
        found = _names(cell.source)
        if found is None:
            continue
        stored, loaded, placeholder = found
        if placeholder or loaded & theirs:
            steps.append(i)
            theirs |= stored
    return steps
