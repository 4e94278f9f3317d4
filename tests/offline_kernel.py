"""Start the course's kernel with no network: in its own network namespace (``unshare``).

The client talks to it over unix sockets (``transport="ipc"``), which cross the namespace,
so a notebook that tries to reach any host fails just as it would behind a classroom
firewall. Where ``unshare`` is not permitted, ``offline_available()`` says so.
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


@lru_cache(maxsize=1)
def offline_available() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode == 0


def kernel_manager(spec_dir: Path, cwd: Path) -> KernelManager:
    """A KernelManager whose kernel runs offline, with ``cwd`` as its working directory."""
    kernel_dir = spec_dir / "kernels" / NAME
    kernel_dir.mkdir(parents=True, exist_ok=True)
    script = 'ip link set lo up 2>/dev/null; exec "$0" -m ipykernel_launcher -f "$1"'
    argv = ["unshare", "--net", "--", "sh", "-c", script, sys.executable, "{connection_file}"]
    (kernel_dir / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "course (offline)", "language": "python"})
    )
    ksm = KernelSpecManager(kernel_dirs=[str(spec_dir / "kernels")])
    km = KernelManager(kernel_name=NAME, kernel_spec_manager=ksm, transport="ipc")
    km.ip = str(spec_dir / "ipc")  # ipc socket path prefix
    km.cwd = str(cwd)
    return km
