"""The nbgitpuller link a teacher hands out: ``python -m classroom.link HUB_URL REPO_URL [BRANCH]``.

Clicking it logs the student in, clones the course into their home folder the first time (a
folder named ``russo-japanese-course``), merges the teacher's changes on every later click
(never overwriting the student's own edits) and opens the course index in JupyterLab.
"""

from __future__ import annotations

import sys
from urllib.parse import urlencode

TARGET = "russo-japanese-course"


def pull_link(
    hub: str,
    repo: str,
    branch: str = "main",
    target: str = TARGET,
    open_path: str = "notebooks/index.ipynb",
) -> str:
    query = urlencode(
        {
            "repo": repo,
            "branch": branch,
            "targetpath": target,
            "urlpath": f"lab/tree/{target}/{open_path}",
        }
    )
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    print(pull_link(*sys.argv[1:]))
