"""Every notebook is committed clean and runs top to bottom in a fresh, offline kernel."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import ROOT
from .offline_kernel import kernel_manager, offline_available

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
    if not offline_available():
        pytest.skip(
            "unshare is not permitted here, so the kernel cannot be cut off from the network"
        )
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
    assert not errors, f"{path.name}: error outputs in cells {errors}"
    ran = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert ran and all(c.execution_count for c in ran)
