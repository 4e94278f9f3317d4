"""A real JupyterHub on 127.0.0.1 with several students, for ``pytest -m hub`` and ``make bench``.

What a school runs, scaled down to one machine:

* the "image": a fresh virtual environment outside the checkout, made from
  ``classroom/student.lock`` (what the Z2JH image installs) plus the course wheel built from
  the working tree (no editable install, no ``ipykernel install``: the wheel carries the data,
  the questions and the kernel spec);
* the hub: ``jupyterhub`` from the lock, ``configurable-http-proxy`` from npm (pinned in
  ``classroom/proxy/package-lock.json``, installed into ``_build/hub-proxy``),
  ``DummyAuthenticator`` and ``SimpleLocalProcessSpawner`` (every student is a home folder
  under the work folder; all servers run as the current Unix user, so this is for testing only),
  with the class groups and teacher roles of ``classroom/z2jh-config.yaml`` when asked;
* the course repository: a git snapshot of the working tree, pulled into each student's home
  with nbgitpuller from a ``file://`` URL, exactly as a student's nbgitpuller link does;
* each student's actions go through the hub with that student's own API token: the REST API
  of their server (contents, sessions) and the kernel's websocket to run a notebook.

Everything binds to 127.0.0.1 and everything started is stopped on exit, by process id.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode

import nbformat
import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
STUDENT_LOCK = ROOT / "classroom" / "student.lock"
Z2JH_CONFIG = ROOT / "classroom" / "z2jh-config.yaml"
PROXY_SRC = ROOT / "classroom" / "proxy"
PROXY_DIR = ROOT / "_build" / "hub-proxy"
PROXY_BIN = PROXY_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
UV = Path(sys.executable).parent / "uv"
COURSE_KERNEL = "russo-japanese-course"


class HubError(RuntimeError):
    pass


def _run(cmd: list, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)
    if result.returncode:
        raise HubError(
            f"{' '.join(map(str, cmd))} failed ({result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result


def ensure_proxy() -> Path:
    """configurable-http-proxy from npm, installed once into _build/hub-proxy from the pinned
    lock.
    """
    wanted = (PROXY_SRC / "package-lock.json").read_bytes()
    if (
        PROXY_BIN.exists()
        and (PROXY_DIR / "package-lock.json").exists()
        and (PROXY_DIR / "package-lock.json").read_bytes() == wanted
    ):
        return PROXY_BIN
    if not shutil.which("npm"):
        raise HubError(
            "npm is needed once to install configurable-http-proxy (apt-get install npm)"
        )
    PROXY_DIR.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(PROXY_SRC / name, PROXY_DIR / name)
    _run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PROXY_DIR)
    return PROXY_BIN


def snapshot(dest: Path) -> Path:
    """A git repository (branch main) holding the working tree as it is now, tracked and new
    files alike, ignored ones left out: what the teacher's repository would serve."""
    files = _run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT
    ).stdout
    dest.mkdir(parents=True)
    for rel in filter(None, files.split("\0")):
        src = ROOT / rel
        if src.is_file():  # a tracked file deleted in the working tree is left out
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    git = ["git", "-c", "user.name=Course teacher", "-c", "user.email=teacher@example.invalid"]
    _run(["git", "init", "-q", "-b", "main"], cwd=dest)
    _run(["git", "add", "-A"], cwd=dest)
    _run(git + ["commit", "-q", "-m", "course snapshot"], cwd=dest)
    return dest


def teacher_commit(repo: Path, changes: dict[str, str], message: str) -> None:
    """The teacher changes files in the course repository and commits (a mid-term update)."""
    for rel, text in changes.items():
        (repo / rel).write_text(text, encoding="utf-8")
    git = ["git", "-c", "user.name=Course teacher", "-c", "user.email=teacher@example.invalid"]
    _run(["git", "add", "-A"], cwd=repo)
    _run(git + ["commit", "-q", "-m", message], cwd=repo)


def teacher_squash(repo: Path, changes: dict[str, str], message: str) -> None:
    """The teacher rewrites the published history: the course becomes one new commit with no
    parents (a squash), which a force-push would publish."""
    _run(["git", "checkout", "-q", "--orphan", "squashed"], cwd=repo)
    teacher_commit(repo, changes, message)
    _run(["git", "branch", "-q", "-M", "squashed", "main"], cwd=repo)


def build_wheel(src: Path, out: Path) -> Path:
    """The course wheel, built from ``src`` offline with the lock's setuptools."""
    _run(
        [
            UV,
            "build",
            "--wheel",
            "--no-build-isolation",
            "--python",
            sys.executable,
            "-o",
            out,
            src,
        ],
        cwd=src,
    )
    wheels = sorted(out.glob("russo_japanese_course-*.whl"))
    if not wheels:
        raise HubError(f"no wheel in {out}")
    return wheels[-1]


def image_env(dest: Path, wheel: Path) -> Path:
    """What a hub image holds: a fresh environment from classroom/student.lock plus the course
    wheel.

    uv links from its cache, so this takes seconds; it asks the registry only for what the
    cache lacks."""
    _run([UV, "venv", "-q", "--python", sys.executable, dest])
    python = dest / "bin" / "python"
    for extra in (["--offline"], []):  # the cache first; the registry only if something is missing
        try:
            _run([UV, "pip", "sync", "-q", *extra, "--python", python, STUDENT_LOCK])
            break
        except HubError:
            if not extra:
                raise
    _run([UV, "pip", "install", "-q", "--no-deps", "--python", python, wheel])
    return dest


def class_config(path: Path = Z2JH_CONFIG) -> tuple[dict, list[dict]]:
    """The class groups and teacher roles of a Z2JH config.yaml, as JupyterHub's
    ``load_groups`` and ``load_roles`` take them (the chart turns ``hub.loadRoles``, a dict keyed
    by role name, into that list the same way)."""
    import yaml

    hub = yaml.safe_load(path.read_text(encoding="utf-8"))["hub"]
    groups = hub["config"]["JupyterHub"]["load_groups"]
    roles = [{"name": name, **role} for name, role in hub["loadRoles"].items()]
    return groups, roles


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def process_memory(proc: psutil.Process) -> dict:
    """RSS and PSS of one process, in MB."""
    try:
        info = proc.memory_full_info()
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return {"rss_mb": 0.0, "pss_mb": 0.0}
    return {"rss_mb": info.rss / 2**20, "pss_mb": getattr(info, "pss", info.rss) / 2**20}


def tree_memory(proc: psutil.Process) -> dict:
    """RSS and PSS (shared pages split between the processes sharing them) of a process and
    its descendants, in MB."""
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return {"rss_mb": 0.0, "pss_mb": 0.0}
    each = [process_memory(p) for p in procs]
    return {k: sum(m[k] for m in each) for k in ("rss_mb", "pss_mb")}


def tree_cpu_seconds(proc: psutil.Process) -> float:
    total = 0.0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


class LocalHub:
    """``with LocalHub(workdir, image) as hub:`` a running hub; every call below is async."""

    def __init__(
        self,
        workdir: Path,
        image: Path,
        proxy: Path | None = None,
        classes: tuple[dict, list[dict]] = ({}, []),
    ):
        """``classes``: (load_groups, load_roles) to add, such as ``class_config()``."""
        self.workdir = Path(workdir)
        self.groups, self.roles = classes
        self.image = Path(image)
        self.proxy = Path(proxy or ensure_proxy())
        self.port, self.hub_port, self.proxy_api_port = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(32)  # the test's own service, with admin rights over users
        self.homes = self.workdir / "home"
        self.process: subprocess.Popen | None = None
        self._seen: dict[int, psutil.Process] = {}  # every process the hub started, for cleanup
        self._http: tuple | None = None  # (event loop, client): one client per asyncio.run

    # -- starting and stopping ------------------------------------------------------------
    def config(self) -> str:
        args = ["--allow-root"] if os.geteuid() == 0 else []  # CI runs as root
        return f"""
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {self.port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {self.hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{self.proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{str(self.proxy)!r}]
c.JupyterHub.db_url = "sqlite:///" + {str(self.workdir / "jupyterhub.sqlite")!r}
c.JupyterHub.cookie_secret_file = {str(self.workdir / "jupyterhub_cookie_secret")!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(self.homes / "{username}")!r}
c.Spawner.cmd = [{str(self.image / "bin" / "jupyterhub-singleuser")!r}]
c.Spawner.args = {args!r}
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.services = [{{"name": "course-test", "api_token": {self.token!r}}}]
c.JupyterHub.load_roles = [{{"name": "course-test", "services": ["course-test"],
                             "scopes": ["admin:users", "admin:servers", "tokens", "access:servers"]}}]
c.JupyterHub.load_roles += {self.roles!r}
c.JupyterHub.load_groups = {self.groups!r}
"""  # noqa: E501 (embedded JS/CSS/template text)

    def __enter__(self) -> LocalHub:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.homes.mkdir(exist_ok=True)
        (self.workdir / "jupyterhub_config.py").write_text(self.config())
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        self.log = open(self.workdir / "jupyterhub.log", "w")
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyterhub"), "-f", "jupyterhub_config.py"],
            cwd=self.workdir,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            self._wait_ready(60)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _wait_ready(self, timeout: float) -> None:
        import urllib.request

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HubError(
                    f"jupyterhub exited ({self.process.returncode}); log:\n{self.log_text()}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/hub/api/", timeout=2) as r:
                    if r.status == 200:
                        self._remember_children()
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise HubError(f"jupyterhub did not answer within {timeout} s; log:\n{self.log_text()}")

    def log_text(self, tail: int = 6000) -> str:
        try:
            return (self.workdir / "jupyterhub.log").read_text()[-tail:]
        except OSError:
            return ""

    def _remember_children(self) -> None:
        try:
            for p in psutil.Process(self.process.pid).children(recursive=True):
                self._seen.setdefault(p.pid, p)
        except psutil.NoSuchProcess:
            pass

    def __exit__(self, *exc) -> None:
        if self.process is None:
            return
        self._remember_children()
        if self.process.poll() is None:
            self.process.send_signal(
                signal.SIGTERM
            )  # the hub stops the servers and the proxy it started
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # the session this object started
                self.process.wait(10)
        leftovers = [p for p in self._seen.values() if _alive(p)]
        for p in leftovers:
            _terminate_tree(p)
        self.log.close()
        if self._http:
            self._http[1].close()
        self.process = None

    def leftovers(self) -> list[psutil.Process]:
        """Processes the hub started that are still running (none after exit)."""
        return [p for p in self._seen.values() if _alive(p)]

    # -- the hub's REST API -------------------------------------------------------------
    async def request(
        self,
        method: str,
        path: str,
        body=None,
        token: str | None = None,
        timeout: float = 120,
        raw: bool = False,
    ):
        req = HTTPRequest(
            self.url + path,
            method=method,
            headers={"Authorization": f"token {token or self.token}"},
            body=None
            if body is None
            else (body if isinstance(body, (str, bytes)) else json.dumps(body)),
            allow_nonstandard_methods=True,
            request_timeout=timeout,
            follow_redirects=False,
        )
        resp = await self._client().fetch(req, raise_error=False)
        if raw:
            return resp
        if resp.code >= 400 or resp.code == 599:
            text = resp.body.decode(errors="replace")[:2000] if resp.body else str(resp.error)
            raise HubError(f"{method} {path}: HTTP {resp.code}: {text}")
        return json.loads(resp.body) if resp.body else None

    def _client(self) -> AsyncHTTPClient:
        loop = asyncio.get_running_loop()
        if not self._http or self._http[0] is not loop:
            if self._http:
                self._http[1].close()
            self._http = (loop, AsyncHTTPClient(force_instance=True))
        return self._http[1]

    async def add_students(self, names: list[str]) -> dict[str, str]:
        """Create the students (those the config's groups have not made already); returns each
        student's own API token."""
        existing = {u["name"] for u in await self.request("GET", "/hub/api/users")}
        if missing := [n for n in names if n not in existing]:
            await self.request("POST", "/hub/api/users", {"usernames": missing})
        tokens = {}
        for name in names:
            made = await self.request(
                "POST", f"/hub/api/users/{name}/tokens", {"note": "course test", "expires_in": 3600}
            )
            tokens[name] = made["token"]
        return tokens

    async def start_server(
        self, name: str, timeout: float = 120, token: str | None = None
    ) -> float:
        """Ask the hub to start a student's server (as the holder of ``token``, by default the
        test's service); seconds until the hub reports it ready."""
        started = time.perf_counter()
        await self.request("POST", f"/hub/api/users/{name}/server", token=token)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            user = await self.request("GET", f"/hub/api/users/{name}")
            server = user.get("servers", {}).get("")
            if server and server.get("ready"):
                self._remember_children()
                return time.perf_counter() - started
            await asyncio.sleep(0.1)
        raise HubError(f"{name}'s server was not ready after {timeout} s; log:\n{self.log_text()}")

    async def stop_server(self, name: str, token: str | None = None) -> None:
        await self.request("DELETE", f"/hub/api/users/{name}/server", token=token)

    def server_process(self, name: str) -> psutil.Process:
        """The student's single-user server process (its kernels are its children)."""
        self._remember_children()
        for p in self._seen.values():
            try:
                if (
                    _alive(p)
                    and p.environ().get("JUPYTERHUB_USER") == name
                    and any("jupyterhub-singleuser" in part for part in p.cmdline())
                ):
                    return p
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        raise HubError(f"no server process for {name}")

    def hub_processes(self) -> list[psutil.Process]:
        """The hub and its proxy (not the students' servers)."""
        hub = psutil.Process(self.process.pid)
        proxy = []
        for p in hub.children(recursive=True):
            try:
                if "configurable-http-proxy" in " ".join(p.cmdline()):
                    proxy.append(p)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        return [hub, *proxy]

    def login(self, name: str):
        """A browser-like session (cookies, redirects) logged in through the hub's login form,
        for pages the hub serves only to a logged-in browser, such as an nbgitpuller link."""
        import requests

        session = requests.Session()
        session.get(f"{self.url}/hub/login", timeout=60).raise_for_status()
        form = {
            "username": name,
            "password": "any (DummyAuthenticator)",
            "_xsrf": session.cookies.get("_xsrf", ""),
        }
        # next: the hub home page, which (unlike the default) does not start the user's server
        login = f"{self.url}/hub/login?next=%2Fhub%2Fhome"
        session.post(login, data=form, timeout=60).raise_for_status()
        return session

    def browse(self, session, path: str):
        """GET ``path`` in a logged-in browser session (``login``), pressing "Authorize" when the
        hub asks whether to let this user into someone else's server, as a teacher does the
        first time they open a student's server. The hub decides that with the user's roles,
        group filters included; a server does not resolve a token's group filters itself."""
        import html
        import re

        page = session.get(f"{self.url}{path}", timeout=120)
        if page.status_code == 200 and "/hub/api/oauth2/authorize" in page.url:
            fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text)
            form = [(name, html.unescape(value)) for name, value in fields]
            page = session.post(page.url, data=form, timeout=120)
        return page

    # -- one student's server, with that student's token ---------------------------------
    async def pull(
        self, name: str, token: str, repo: str, targetpath: str, branch: str = "main"
    ) -> str:
        """What an nbgitpuller link does: clone (first time) or merge the teacher's changes."""
        events = await self.pull_events(name, token, repo, targetpath, branch)
        if not events or events[-1].get("phase") != "finished":
            raise HubError(f"nbgitpuller for {name} failed:\n{json.dumps(events)[-3000:]}")
        return "".join(e.get("output", "") for e in events)

    async def pull_events(
        self,
        name: str,
        token: str,
        repo: str,
        targetpath: str,
        branch: str = "main",
        backup: bool = False,
    ) -> list[dict]:
        """Every event nbgitpuller's pull sends to the student's page (its last says
        ``finished`` or ``error``); ``backup``: the page's "Backup and resync" button, which
        moves the folder aside and clones afresh."""
        query = {"repo": repo, "branch": branch, "targetpath": targetpath}
        query.update({"backup": "true"} if backup else {})
        resp = await self.request(
            "GET",
            f"/user/{name}/git-pull/api?{urlencode(query)}",
            token=token,
            raw=True,
            timeout=300,
        )
        text = resp.body.decode(errors="replace") if resp.body else str(resp.error)
        if resp.code != 200:
            raise HubError(f"nbgitpuller for {name}: HTTP {resp.code}:\n{text[-3000:]}")
        return [json.loads(line[6:]) for line in text.splitlines() if line.startswith("data: ")]

    async def read_notebook(self, name: str, token: str, path: str) -> nbformat.NotebookNode:
        model = await self.request(
            "GET", f"/user/{name}/api/contents/{quote(path)}?type=notebook&content=1", token=token
        )
        return nbformat.from_dict(model["content"])

    async def save_notebook(self, name: str, token: str, path: str, nb) -> None:
        await self.request(
            "PUT",
            f"/user/{name}/api/contents/{quote(path)}",
            {"type": "notebook", "format": "json", "content": nb},
            token=token,
        )

    async def rename(self, name: str, token: str, path: str, new_path: str) -> None:
        await self.request(
            "PATCH", f"/user/{name}/api/contents/{quote(path)}", {"path": new_path}, token=token
        )

    async def exists(self, name: str, token: str, path: str) -> bool:
        resp = await self.request(
            "GET", f"/user/{name}/api/contents/{quote(path)}?content=0", token=token, raw=True
        )
        return resp.code == 200

    async def kernelspecs(self, name: str, token: str) -> dict:
        return await self.request("GET", f"/user/{name}/api/kernelspecs", token=token)

    async def run_notebook(
        self,
        name: str,
        token: str,
        path: str,
        kernel: str | None = None,
        cell_timeout: float = 180,
        shutdown: bool = True,
        max_cells: int | None = None,
    ) -> nbformat.NotebookNode:
        """Open ``path`` in a new session of the student's server, run every code cell in its
        kernel over the websocket (as JupyterLab's Run All does), store the outputs in the
        notebook and save it. ``kernel`` defaults to the one the notebook names; ``max_cells``
        runs only the first code cells."""
        nb = await self.read_notebook(name, token, path)
        kernel = kernel or nb.metadata.get("kernelspec", {}).get("name", "python3")
        session = await self.request(
            "POST",
            f"/user/{name}/api/sessions",
            token=token,
            body={
                "path": path,
                "type": "notebook",
                "name": Path(path).name,
                "kernel": {"name": kernel},
            },
        )
        kid = session["kernel"]["id"]
        ws_url = (
            self.url.replace("http", "ws", 1)
            + f"/user/{name}/api/kernels/{kid}/channels?session_id={uuid.uuid4().hex}"
        )
        # the server answers the websocket once the kernel is up, which takes a while on a busy
        # machine
        ws = await websocket_connect(
            HTTPRequest(
                ws_url,
                headers={"Authorization": f"token {token}"},
                connect_timeout=cell_timeout,
                request_timeout=cell_timeout,
            ),
            max_message_size=256 * 2**20,
        )
        try:
            code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
            for cell in code[:max_cells]:
                cell.outputs, cell.execution_count = await _execute(
                    ws, cell.source, name, cell_timeout
                )
                if any(o.output_type == "error" for o in cell.outputs):
                    break  # as Run All does: stop at the first error
        finally:
            ws.close()
        await self.save_notebook(name, token, path, nb)
        if shutdown:
            await self.request("DELETE", f"/user/{name}/api/sessions/{session['id']}", token=token)
        return nb


async def _execute(ws, code: str, username: str, timeout: float):
    msg_id = uuid.uuid4().hex
    await ws.write_message(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "username": username,
                    "session": uuid.uuid4().hex,
                    "msg_type": "execute_request",
                    "version": "5.3",
                    "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                },
                "parent_header": {},
                "metadata": {},
                "channel": "shell",
                "buffers": [],
                "content": {
                    "code": code,
                    "silent": False,
                    "store_history": True,
                    "user_expressions": {},
                    "allow_stdin": False,
                    "stop_on_error": True,
                },
            }
        )
    )
    outputs, count, idle, replied = [], None, False, False
    deadline = time.monotonic() + timeout
    while not (idle and replied):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise HubError(f"a cell ran longer than {timeout} s for {username}:\n{code[:300]}")
        raw = await asyncio.wait_for(ws.read_message(), remaining)
        if raw is None:
            raise HubError(f"the kernel websocket of {username} closed")
        if isinstance(raw, bytes):
            continue  # binary frames carry widget buffers (comm messages), never cell outputs
        msg = json.loads(raw)
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind, channel = msg["msg_type"], msg.get("channel")
        if channel == "shell" and kind == "execute_reply":
            count, replied = msg["content"].get("execution_count"), True
        elif channel == "iopub":
            if kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            elif kind == "clear_output":
                outputs.clear()
            elif kind in ("stream", "display_data", "execute_result", "error"):
                outputs.append(nbformat.v4.output_from_msg(msg))
    return outputs, count


def _alive(p: psutil.Process) -> bool:
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _terminate_tree(p: psutil.Process) -> None:
    try:
        procs = [p, *p.children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    for q in procs:
        try:
            q.terminate()
        except psutil.NoSuchProcess:
            pass
    _, alive = psutil.wait_procs(procs, timeout=5)
    for q in alive:
        try:
            q.kill()
        except psutil.NoSuchProcess:
            pass


def main() -> int:
    """``python -m classroom.local_hub``: install the proxy (what ``make hub-proxy`` runs)."""
    print(ensure_proxy())
    return 0


if __name__ == "__main__":
    sys.exit(main())
