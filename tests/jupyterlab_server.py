"""A real JupyterLab from the course's own environment, on a free local port, for browser tests.

The server runs from ``.venv/bin/jupyter`` (so it sees the course kernel registered in the
venv's sys-prefix), serves a temporary copy of ``notebooks/`` (executed outputs are never
saved into the repository), keeps its workspaces, user settings and runtime files in a
temporary folder, and is told never to fetch news or check for updates, so no request
leaves the machine. It runs in its own process group, which ``stop`` kills whole.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUPYTER = ROOT / ".venv" / "bin" / "jupyter"

# Options every test server gets on top of the course's own command line.
LAB_OPTIONS = [
    "--no-browser",
    "--ServerApp.ip=127.0.0.1",
    "--ServerApp.port_retries=0",
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",  # never lists extensions from PyPI
    # window.jupyterapp, to read kernel state and run commands
    "--LabApp.expose_app_in_browser=True",
]
OFFLINE_OPTIONS = LAB_OPTIONS + (
    ["--allow-root"] if os.geteuid() == 0 else []
)  # CI containers run as root
# User settings written into the server's private settings folder: never ask about news,
# never check for updates (these would otherwise be the only requests to the internet).
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": False,
    },
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LabServer:
    port: int
    token: str
    workdir: Path  # the temporary folder the server runs in (holds notebooks/)
    notebooks: Path  # the served notebook folder (a copy)
    runtime: Path
    proc: subprocess.Popen
    log: Path
    argv: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}/{path.lstrip('/')}{sep}token={self.token}"

    def api(self, path: str, method: str = "GET"):
        req = urllib.request.Request(
            f"{self.base}/api/{path.lstrip('/')}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def shutdown_kernels(self) -> None:
        """End every session (and its kernel): the next notebook starts from a clean server."""
        try:
            for s in self.api("sessions"):
                self.api(f"sessions/{s['id']}", method="DELETE")
        except (OSError, urllib.error.URLError):
            pass


def _private_dirs(workdir: Path) -> tuple[Path, Path, Path, Path]:
    """settings, workspaces, runtime and notary folders of a test server, inside ``workdir``."""
    tmp = workdir / ".lab"
    dirs = tuple(tmp / d for d in ("settings", "workspaces", "runtime", "notary"))
    for d in dirs:
        d.mkdir(parents=True, exist_ok=True)
    for rel, value in USER_SETTINGS.items():
        p = dirs[0] / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(value))
    return dirs


def _private_options(workdir: Path, token: str) -> list[str]:
    settings, workspaces, _, notary = _private_dirs(workdir)
    return [
        f"--IdentityProvider.token={token}",
        f"--LabApp.workspaces_dir={workspaces}",
        f"--LabApp.user_settings_dir={settings}",
        f"--NotebookNotary.data_dir={notary}",
    ]


def start(
    workdir: Path,
    course_argv: list[str] | None = None,
    timeout: float = 90,
    port: int | None = None,
) -> LabServer:
    """Start JupyterLab in ``workdir`` (which must hold ``notebooks/``) and wait until it answers.

    ``course_argv`` is the course's own command line after ``jupyter lab`` (default: the
    ``make lab`` style ``--notebook-dir=notebooks``); the test options are appended. When it
    names a port, ``port`` must be that port.
    """
    port, token = port or free_port(), secrets.token_hex(16)
    course_argv = list(course_argv) if course_argv is not None else ["--notebook-dir=notebooks"]
    if not any(re.match(r"--(ServerApp\.)?port[= ]", a) for a in course_argv):
        course_argv.append(f"--ServerApp.port={port}")
    argv = [str(JUPYTER), "lab", *course_argv, *OFFLINE_OPTIONS, *_private_options(workdir, token)]
    return _launch(argv, workdir, workdir, port, token, timeout)


def start_make_lab(workdir: Path, timeout: float = 180) -> LabServer:
    """`make lab` itself, run in the repository on a free port, with the test options (not
    ``--allow-root``: `make lab` must add that itself) in ``LAB_ARGS``; private folders in
    ``workdir``. The server's log holds make's output too."""
    port, token = free_port(), secrets.token_hex(16)
    lab_args = shlex.join([*LAB_OPTIONS, *_private_options(workdir, token)])
    argv = ["make", "--no-print-directory", "lab", f"PORT={port}", f"LAB_ARGS={lab_args}"]
    return _launch(argv, ROOT, workdir, port, token, timeout)


def _launch(
    argv: list[str], cwd: Path, workdir: Path, port: int, token: str, timeout: float
) -> LabServer:
    """Run ``argv`` in its own session and wait (at most ``timeout`` s) until /api/status
    answers.
    """
    _, _, runtime, _ = _private_dirs(workdir)
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(runtime), PYTHONUNBUFFERED="1")
    log = workdir / ".lab" / "server.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdout=fh,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server = LabServer(port, token, workdir, workdir / "notebooks", runtime, proc, log, argv)
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(
                f"JupyterLab exited with {proc.returncode}:\n  {shlex.join(argv)}\n"
                f"{server.log_tail()}"
            )
        try:
            if "started" in server.api("status"):
                return server
        except (OSError, urllib.error.URLError, ValueError):
            pass
        if time.monotonic() > deadline:
            stop(server)
            raise RuntimeError(
                f"JupyterLab did not answer on port {port} within {timeout}s:\n{server.log_tail()}"
            )
        time.sleep(0.25)


def _stat(pid: int) -> list[str] | None:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _descendants(pid: int) -> list[tuple[int, str]]:
    """(pid, start time) of every process below ``pid``: kernels run in their own sessions,
    so killing the server's group misses them."""
    children: dict[int, list[tuple[int, str]]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))):
            children.setdefault(int(fields[1]), []).append((int(entry.name), fields[19]))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child[0])
    return found


def stop(server: LabServer) -> None:
    """Shut the server's kernels, end its process group, then anything it started that is left."""
    proc = server.proc
    if proc.poll() is None:
        server.shutdown_kernels()
    below = _descendants(proc.pid) if proc.poll() is None else []
    try:
        os.killpg(proc.pid, signal.SIGTERM)  # start_new_session: the group id is the server's pid
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)
    for pid, started in below:
        fields = _stat(pid)
        if fields and fields[19] == started:  # still the same process, not a reused id
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
