"""Every notebook is committed clean and runs top to bottom in a fresh, offline kernel."""

import socket
import threading
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import ROOT
from .offline_kernel import GUARD, isolation, kernel_manager

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
TIMEOUT_PER_CELL = 120


def test_there_are_notebooks():
    assert any(p.name == "index.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    dirty = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and (c.outputs or c.execution_count)
    ]
    assert not dirty, (
        f"{path.name}: cells {dirty} have stored outputs; clear them before committing"
    )


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executes_offline_without_errors(path: Path, tmp_path: Path):
    nb = nbformat.read(path, as_version=4)
    km = kernel_manager(tmp_path, cwd=path.parent)
    client = NotebookClient(nb, km=km, timeout=TIMEOUT_PER_CELL, allow_errors=True)
    client.execute()
    errors = [
        (i, o.ename, o.evalue)
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]
    assert not errors, f"{path.name} (kernel offline by {isolation()}): error outputs in {errors}"
    ran = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert ran and all(c.execution_count for c in ran)


@pytest.mark.notebooks
@pytest.mark.parametrize("how", sorted({isolation(), GUARD}))
def test_the_offline_kernel_reaches_no_other_host(how, tmp_path: Path):
    """A server listening on this machine is out of the kernel's reach: in a namespace the
    kernel has a loopback of its own, behind the guard every connection is refused. Without
    either the connection would succeed and this test fail."""
    from nbformat.v4 import new_code_cell, new_notebook

    server = socket.create_server(("127.0.0.1", 0))
    threading.Thread(target=server.accept, daemon=True).start()
    port = server.getsockname()[1]
    nb = new_notebook(
        cells=[
            new_code_cell(f'import socket\nsocket.create_connection(("127.0.0.1", {port}), 5)'),
            new_code_cell(
                'import urllib.request\nurllib.request.urlopen("http://example.org", timeout=5)'
            ),
        ]
    )
    km = kernel_manager(tmp_path, cwd=tmp_path, how=how)
    try:
        NotebookClient(nb, km=km, timeout=60, allow_errors=True).execute()
    finally:
        server.close()
    failed = [any(o.output_type == "error" for o in c.outputs) for c in nb.cells]
    assert failed == [True, True], f"{how}: the kernel reached the network: {nb.cells}"
