"""Shared fixtures: a private copy of the data package that a test may break freely."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import data

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "lessons_data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of lessons_data/ in a temporary folder; the real files are never touched."""
    target = tmp_path / "lessons_data"
    shutil.copytree(DATA, target)
    yield target
    data.clear_cache()


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory):
    """Validation stamps go to a temporary cache, so every session re-checks the data."""
    import os
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")  # module scope: one Playwright at a time across test files
def browser():
    """Debian's headless Chromium through Playwright (never a downloaded browser)."""
    from publish.browser import chromium

    from .browser import require_chromium

    require_chromium()
    with chromium() as b:
        yield b
