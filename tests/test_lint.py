"""The code stays in one style: ``ruff check`` (pyproject.toml's rules) and ``ruff format`` pass."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _ruff() -> str:
    found = Path(sys.executable).with_name("ruff")
    if found.exists():
        return str(found)
    if shutil.which("ruff"):
        return shutil.which("ruff")
    pytest.fail("ruff is not installed: run `make test`, which installs it from requirements.lock")


@pytest.mark.parametrize(
    "args",
    [["check", "--output-format", "concise"], ["format", "--check"]],
    ids=["check", "format"],
)
def test_ruff_is_clean(args):
    result = subprocess.run(
        [_ruff(), *args, "."], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, (
        f"`ruff {' '.join(args)} .` found problems (fix them, or run `ruff format .` / "
        f"`ruff check --fix .`):\n{result.stdout}\n{result.stderr}"
    )
