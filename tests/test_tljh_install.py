"""The README's TLJH install, run on an environment like TLJH's users' environment.

TLJH 2.0 fills a new users' environment with ``notebook>=7.2.2,<8`` and a JupyterLab to match
(its ``tljh/requirements-user-env-extras.txt``); each notebook 7 release accepts one JupyterLab
minor. This builds a fresh environment holding the oldest of those notebooks, runs the README's
Python check and install command on it (the same arguments, through uv so that the packages
come from its cache when they can), then ``pip check`` and the orientation lesson in the
course kernel that install registered.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .test_classroom import pins, tljh_commands

pytestmark = pytest.mark.hub

ROOT = Path(__file__).resolve().parent.parent
UV = Path(sys.executable).parent / "uv"
TLJH_NOTEBOOK = "notebook==7.2.2"  # the lower bound of TLJH 2.0's users' environment extras


def run(cmd: list, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def uv_pip(python: Path, args: list[str], cwd: Path) -> None:
    """``pip <args>`` into the environment of ``python``, by uv: its cache first, then the
    registry for whatever the cache lacks."""
    for extra in (["--offline"], []):
        done = subprocess.run(
            [str(UV), "pip", *args, "--python", str(python), *extra],
            capture_output=True,
            text=True,
            cwd=cwd,
        )
        if done.returncode == 0:
            return
    raise AssertionError(f"uv pip {args} failed:\n{done.stderr[-3000:]}")


def versions(python: Path, names: list[str]) -> dict[str, str]:
    """The installed versions of ``names`` in the environment of ``python``."""
    code = "import json, sys, importlib.metadata as m; "
    code += "print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    return json.loads(run([python, "-c", code, *names]).stdout)


def test_the_readme_install_on_a_tljh_style_environment_passes_pip_check_and_runs_a_lesson(
    course_build, tmp_path
):
    srv = shutil.copytree(course_build["repo"], tmp_path / "russo-japanese-course")  # the clone
    env = tmp_path / "user"  # stands for /opt/tljh/user
    run([UV, "venv", "-q", "--seed", "--python", sys.executable, env])
    python = env / "bin" / "python"
    uv_pip(python, ["install", TLJH_NOTEBOOK], srv)
    before = versions(python, ["notebook", "jupyterlab"])
    lock = pins(ROOT / "requirements.lock")
    assert before["notebook"] == "7.2.2" and before["jupyterlab"] != lock["jupyterlab"], before

    commands = tljh_commands()
    check = next(c for c in commands if "-m classroom.user_env" in c).split()
    run([python, *check[check.index("-m") :]], cwd=srv)
    install = next(c for c in commands if "-m pip install" in c).split()
    uv_pip(python, install[install.index("install") :], srv)

    run([python, "-m", "pip", "check"])
    after = versions(python, ["notebook", "jupyterlab", "russo-japanese-course"])
    assert after["jupyterlab"] == lock["jupyterlab"], after
    assert after["notebook"].split(".")[:2] != ["7", "2"], after  # moved with its JupyterLab
    lesson = srv / "notebooks" / "00_orientation.ipynb"
    ran = run(
        [env / "bin" / "jupyter", "execute", "--output", tmp_path / "ran.ipynb", lesson],
        cwd=lesson.parent,
    )
    outputs = (tmp_path / "ran.ipynb").read_text()
    assert '"output_type": "error"' not in outputs, ran.stderr[-3000:]
    assert "Course version mismatch" not in outputs
