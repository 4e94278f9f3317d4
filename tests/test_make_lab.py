"""`make lab` itself starts JupyterLab, also as root (Docker, a fresh server, CI).

A real `make lab` on a free port, with LAB_ARGS giving it what a browser-less test needs
(--no-browser, a token, private settings, no news): wait until /api/status answers, check
that it serves the course's notebooks, stop it. As root, `make lab` must add --allow-root
and print one warning line (JupyterLab alone refuses: "Running as root is not recommended").
"""

from __future__ import annotations

import os
import subprocess

import pytest

from . import jupyterlab_server as lab_server
from .conftest import ROOT

ROOT_WARNING = "warning: running JupyterLab as root"


def test_make_lab_starts_jupyterlab(tmp_path):
    if subprocess.run(["make", "-q", "setup"], cwd=ROOT).returncode != 0:
        pytest.fail(
            "`make setup` is not up to date: run it first (this test must not reinstall .venv)"
        )
    (tmp_path / "notebooks").mkdir()
    server = lab_server.start_make_lab(
        tmp_path
    )  # raises, with make's output, if it exits or never answers
    try:
        assert "started" in server.api("status")
        served = {item["name"] for item in server.api("contents")["content"]}
        assert "index.ipynb" in served, f"`make lab` does not serve notebooks/: {sorted(served)}"
        log = server.log.read_text(errors="replace")
        warnings = [line for line in log.splitlines() if ROOT_WARNING in line]
        if os.geteuid() == 0:
            assert len(warnings) == 1, f"as root, `make lab` should warn once:\n{log[-3000:]}"
            assert "--allow-root" in log
        else:
            assert not warnings and "--allow-root" not in log, log[-3000:]
        assert "Running as root is not recommended" not in log
    finally:
        lab_server.stop(server)
    assert server.proc.poll() is not None, "`make lab` is still running after stop"
