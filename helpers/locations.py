"""Where the course's files are, whether helpers runs from a checkout or from an installed package.

In a checkout (``make lab``, an editable install) the files sit beside ``helpers/``:
``lessons_data/`` and ``notebooks/{questions,sources}/``. An installed package (a wheel on a
JupyterHub, ``pip install``) carries the same files inside itself, mapped there at build time
(``pyproject.toml``): ``helpers/lessons_data/`` and ``helpers/notebooks/{questions,sources}/``.

The files a notebook reads beside itself (questions, narrative sources) are looked for next
to the running notebook first (the kernel's working folder): on a hub that is the student's
copy pulled by nbgitpuller, which matches the notebook even when the installed package is
older or newer.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE = Path(str(files(__package__)))  # site-packages/helpers, or the checkout's helpers/
CHECKOUT = (
    Path(__file__).resolve().parent.parent
)  # the repository top, when running from a checkout


def data_dir() -> Path:
    """The ``lessons_data`` folder: inside the installed package, else the checkout's."""
    for candidate in (PACKAGE / "lessons_data", CHECKOUT / "lessons_data"):
        if (candidate / "datapackage.json").is_file():
            return candidate
    return CHECKOUT / "lessons_data"  # missing: the loader's DataError says what to restore


def shipped_dir(kind: str) -> Path:
    """``notebooks/<kind>`` as shipped with helpers: inside the package, else in the checkout."""
    for candidate in (PACKAGE / "notebooks" / kind, CHECKOUT / "notebooks" / kind):
        if candidate.is_dir():
            return candidate
    return CHECKOUT / "notebooks" / kind


def notebook_file(kind: str, name: str) -> Path:
    """``<kind>/<name>`` next to the running notebook, else the copy shipped with helpers.

    ``kind`` is ``questions`` or ``sources``. FileNotFoundError names the files that exist."""
    searched = [Path.cwd() / kind, shipped_dir(kind)]
    for folder in searched:
        if (folder / name).is_file():
            return folder / name
    have = sorted({p.name for folder in searched if folder.is_dir() for p in folder.glob("*.json")})
    raise FileNotFoundError(
        f"no {kind} file {name} next to this notebook ({searched[0]}) or in the course package "
        f"({searched[1]}); available: {', '.join(have) or 'none'}"
    )


def lesson_notebook_exists(notebook: str) -> bool:
    """A lesson notebook is present beside the running notebook or in the checkout."""
    return (Path.cwd() / notebook).is_file() or (CHECKOUT / "notebooks" / notebook).is_file()
