"""The setup files agree with each other and with the README."""

import re
import subprocess
import sys

from helpers.data import datadict

from .conftest import ROOT


def pins(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): m.group(2)
        for m in re.finditer(r"^\s*-?\s*([A-Za-z0-9_.\-]+)==([^\s;#]+)", text, re.M)
    }


def test_environment_yml_uses_the_lock_pins():
    lock = pins((ROOT / "requirements.lock").read_text())
    env = pins((ROOT / "environment.yml").read_text())
    assert len(env) >= 8
    different = {name: (v, lock.get(name)) for name, v in env.items() if lock.get(name) != v}
    assert not different, f"environment.yml pins differ from requirements.lock: {different}"
    assert "- -e ." in (ROOT / "environment.yml").read_text()


def test_installed_versions_match_the_lock():
    from importlib.metadata import version

    lock = pins((ROOT / "requirements.lock").read_text())
    for name in ["pandas", "plotly", "ipywidgets", "jupyterlab", "frictionless", "nbclient"]:
        assert version(name) == lock[name], name


def test_make_targets_and_readme_agree():
    makefile = (ROOT / "Makefile").read_text()
    readme = (ROOT / "README.md").read_text()
    for target in ["lab", "test", "site", "slides", "student", "bench"]:
        assert re.search(rf"^{target}:", makefile, re.M), target
        assert f"make {target}" in readme, target
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "uv pip compile requirements.in -o requirements.lock" in readme


def test_course_kernel_is_registered():
    out = subprocess.run(
        [sys.executable, "-m", "jupyter", "kernelspec", "list"], capture_output=True, text=True
    )
    assert "russo-japanese-course" in out.stdout


def test_data_dictionary_is_current():
    committed = (ROOT / "lessons_data" / "DATA_DICTIONARY.md").read_text()
    assert committed == datadict.render(), "run `make data-dictionary` and commit the result"


def test_second_setup_is_a_no_op():
    """`make lab` / `make test` reinstall only when the lock or pyproject.toml change."""
    result = subprocess.run(["make", "-q", "setup"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, "make thinks .venv is stale although the lock did not change"
    dry = subprocess.run(["make", "-n", "setup"], cwd=ROOT, capture_output=True, text=True)
    assert "uv pip sync" not in dry.stdout
