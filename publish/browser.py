"""Headless Chromium (Debian's, through Playwright) and a local static server, for the
publishing tests and the benchmark. Never downloads a browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_in_process(directory: Path):
    """``directory`` served by ``python -m http.server`` in its own process (a timing must not
    share the interpreter with the Playwright driver); yields its base URL."""
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(directory),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base, timeout=5).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"python -m http.server did not start on port {port}"
                    ) from None
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextlib.contextmanager
def serve(directory: Path):
    """A plain static server for ``directory`` on a free 127.0.0.1 port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Every host name but the local ones fails to resolve: a browser that is offline by itself, with no
# per-request interception (which costs each request a round trip to Python) to slow what it times.
OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]


@contextlib.contextmanager
def chromium(offline: bool = False):
    """A Playwright browser on Debian's chromium (``offline``: no host but this machine
    resolves).
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS + (OFFLINE_ARGS if offline else []),
            headless=True,
        )
        try:
            yield browser
        finally:
            browser.close()


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("file", "data", "blob", "about"):
        return True
    return parsed.hostname in LOCAL_HOSTS


class PageWatch:
    """Blocks every non-local request of a page and records what went wrong on it."""

    def __init__(self, page):
        self.page = page
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.responses: list = []
        page.route("**/*", self._route)
        page.on(
            "console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None
        )
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", self._response)

    def _route(self, route):
        if is_local(route.request.url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _response(self, response):
        self.responses.append(response)
        if response.status >= 400:
            self.failed.append(f"{response.url} (HTTP {response.status})")

    def problems(self) -> list[str]:
        return (
            [f"request to another host: {u}" for u in self.blocked]
            + [f"failed request: {u}" for u in self.failed]
            + [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
        )


# JavaScript run in a page: the state of every plotly chart on it.
CHARTS_JS = """() => Array.from(document.querySelectorAll('.plotly-graph-div')).map(div => ({
  id: div.id,
  svgs: div.querySelectorAll('svg.main-svg').length,
  traces: div.querySelectorAll('svg.main-svg g.trace').length,
  marks: div.querySelectorAll('svg.main-svg g.trace path, svg.main-svg g.trace text, svg.main-svg g.trace rect').length,
  geo: div.querySelectorAll('g.geo').length,
  landDrawn: Array.from(div.querySelectorAll('g.geo g.layer.land path'))
      .some(p => /[LlCcHhVvZz]/.test(p.getAttribute('d') || '')),
}))"""  # noqa: E501 (embedded JS/CSS/template text)

# Resolves to the time (ms since navigation start) at which the page's first chart has drawn
# a trace, or null when the page has no chart.
FIRST_CHART_JS = """() => new Promise(resolve => {
  if (!document.querySelector('.plotly-graph-div')) { resolve(null); return; }
  const check = () => {
    if (document.querySelector('.plotly-graph-div svg.main-svg g.trace')) resolve(performance.now());
    else requestAnimationFrame(check);
  };
  check();
})"""  # noqa: E501 (embedded JS/CSS/template text)

# Installed before any page script: records when the first chart has drawn a trace.
FIRST_CHART_INIT = """(() => {
  window.__courseFirstChart = null;
  const seen = () => document.querySelector('.plotly-graph-div svg.main-svg g.trace, .plotly-graph-div svg.main-svg .shapelayer path');
  const obs = new MutationObserver(() => {
    if (window.__courseFirstChart === null && seen()) { window.__courseFirstChart = performance.now(); obs.disconnect(); }
  });
  obs.observe(document, {subtree: true, childList: true});
})();"""  # noqa: E501 (embedded JS/CSS/template text)

ALL_CHARTS_DRAWN_JS = """() => Array.from(document.querySelectorAll('.plotly-graph-div'))
  .every(d => d.querySelector('svg.main-svg') !== null)"""

MAPS_DRAWN_JS = """() => Array.from(document.querySelectorAll('.plotly-graph-div g.geo'))
  .every(g => Array.from(g.querySelectorAll('g.layer.land path')).some(p => /[LlCcHhVvZz]/.test(p.getAttribute('d') || '')))"""  # noqa: E501 (embedded JS/CSS/template text)


def serve_file(path):
    """A route handler that answers with the local file ``path``."""

    def handler(route):
        route.fulfill(path=str(path))

    return handler


def open_page(
    browser, url: str, viewport=(1280, 900), timeout_ms: int = 30000, replace: dict | None = None
):
    """A new page (in its own context, so nothing is cached from another visit) at ``url``,
    with non-local requests blocked; returns (page, watch). Close with ``page.context.close()``.
    ``replace`` maps URL globs to local files served instead (for comparisons in the bench)."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    watch = PageWatch(page)
    for glob, path in (replace or {}).items():
        page.route(glob, serve_file(path))
    page.add_init_script(FIRST_CHART_INIT)
    page.goto(url, wait_until="load")
    page.wait_for_function(ALL_CHARTS_DRAWN_JS)
    try:  # maps draw their land a moment after the rest of the chart (longer on a busy machine)
        page.wait_for_function(MAPS_DRAWN_JS, timeout=timeout_ms)
    except Exception:  # noqa: BLE001 - a map without land is reported by the caller's checks
        pass
    return page, watch
