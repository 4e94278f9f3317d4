"""Start the course's kernel with no network, whatever the machine permits.

Best, the kernel runs in its own network namespace, where no host exists but its own
loopback: ``unshare --net`` as root, or ``unshare --user --map-root-user --net`` for other
users where user namespaces are enabled. Where neither is permitted (a container without
CAP_SYS_ADMIN), it runs behind ``no_network_kernel.py``, which refuses every Internet
connection and name lookup from Python. The client talks to the kernel over unix sockets
(``transport="ipc"``), which cross the namespace. So notebook tests never skip for want
of isolation; ``isolation()`` says which one is used.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

NAME = "russo-japanese-course-offline"
NAMESPACES = {
    "network namespace": ["unshare", "--net", "--"],
    "user and network namespace": ["unshare", "--user", "--map-root-user", "--net", "--"],
}
GUARD = "Python socket guard"
GUARD_SCRIPT = Path(__file__).with_name("no_network_kernel.py")


@lru_cache(maxsize=1)
def isolation() -> str:
    """The strongest isolation this machine permits (a key of NAMESPACES, else GUARD)."""
    if shutil.which("unshare"):
        for name, prefix in NAMESPACES.items():
            if subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
                return name
    return GUARD


def kernel_manager(spec_dir: Path, cwd: Path, how: str | None = None) -> KernelManager:
    """A KernelManager whose kernel runs offline (``how``: default ``isolation()``), with
    ``cwd`` as its working directory."""
    how = how or isolation()
    if how == GUARD:
        argv = [sys.executable, str(GUARD_SCRIPT), "-f", "{connection_file}"]
    else:
        script = 'ip link set lo up 2>/dev/null; exec "$0" -m ipykernel_launcher -f "$1"'
        argv = [*NAMESPACES[how], "sh", "-c", script, sys.executable, "{connection_file}"]
    kernel_dir = spec_dir / "kernels" / NAME
    kernel_dir.mkdir(parents=True, exist_ok=True)
    (kernel_dir / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "course (offline)", "language": "python"})
    )
    ksm = KernelSpecManager(kernel_dirs=[str(spec_dir / "kernels")])
    km = KernelManager(kernel_name=NAME, kernel_spec_manager=ksm, transport="ipc")
    km.ip = str(spec_dir / "ipc")  # ipc socket path prefix
    km.cwd = str(cwd)
    return km
