"""Shared fixtures: a private copy of the data package that a test may break freely."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import data

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "lessons_data"
# ``COURSE_TEST_NOTEBOOKS=<folder>`` builds the site from another notebook folder (for developing
# the publishing code against sample lessons); the default is ``notebooks/``.
NOTEBOOK_DIR = Path(os.environ.get("COURSE_TEST_NOTEBOOKS", ROOT / "notebooks"))
SITE = ROOT / "_build" / "site"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of lessons_data/ in a temporary folder; the real files are never touched."""
    target = tmp_path / "lessons_data"
    shutil.copytree(DATA, target)
    yield target
    data.clear_cache()


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory):
    """Validation stamps go to a temporary cache, so every session re-checks the data.
    uv keeps the user's own cache (the hub tests build environments from it in seconds)."""
    import subprocess
    import sys

    if "UV_CACHE_DIR" not in os.environ:
        uv = Path(sys.executable).parent / "uv"
        found = (
            subprocess.run([str(uv), "cache", "dir"], capture_output=True, text=True)
            if uv.exists()
            else None
        )
        if found and found.returncode == 0 and found.stdout.strip():
            os.environ["UV_CACHE_DIR"] = found.stdout.strip()
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")  # module scope: one Playwright at a time across test files
def browser():
    """Debian's headless Chromium through Playwright (never a downloaded browser)."""
    from publish.browser import chromium

    from .browser import require_chromium

    require_chromium()
    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def course_build(tmp_path_factory):
    """The course as a school gets it: a git snapshot of the working tree (the repository
    nbgitpuller pulls from), the wheel built from it, and a fresh environment outside the
    checkout made from requirements.lock plus that wheel (what a hub image holds)."""
    from classroom import local_hub

    work = tmp_path_factory.mktemp("course-build")
    repo = local_hub.snapshot(work / "course-repo")
    wheel = local_hub.build_wheel(repo, work / "dist")
    image = local_hub.image_env(work / "image", wheel)
    return {"repo": repo, "wheel": wheel, "image": image, "work": work}


@pytest.fixture(scope="session")
def site() -> Path:
    """The website built once per session into ``_build/site/`` (for every test that reads it)."""
    from publish import site as site_build
    from publish.common import preserved_environ

    with preserved_environ():
        site_build.build(SITE, NOTEBOOK_DIR, check_data="COURSE_TEST_NOTEBOOKS" not in os.environ)
    return SITE
