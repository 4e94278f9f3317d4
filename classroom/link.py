"""The nbgitpuller link a teacher hands out:
``python -m classroom.link [--lti] HUB_URL REPO_URL [BRANCH]``.

Clicking it logs the student in, clones the course into their home folder the first time (a
folder named ``russo-japanese-course``), merges the teacher's changes on every later click
(never overwriting the student's own edits) and opens the course index in JupyterLab.

With ``--lti`` it prints the form to paste as the link's URL in a learning platform that signs
students in through LTI 1.3 (``jupyterhub-ltiauthenticator``'s LTI13Authenticator): the
platform starts its login at the hub's ``/hub/lti13/oauth_login`` with this URL as the
``target_link_uri``; the authenticator takes what follows ``next=`` from it, decodes it once
and sends the student there after the login: the same nbgitpuller link.
"""

from __future__ import annotations

import sys
from urllib.parse import quote, urlencode, urlsplit

TARGET = "russo-japanese-course"
USAGE = __doc__.split("\n\n")[0]


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


def lti13_link(hub: str, link: str) -> str:
    """``link`` (a pull_link on ``hub``) wrapped for an LTI 1.3 launch: ``next`` is the link's
    path and query, encoded once more, and the last parameter (the authenticator reads to the
    end of the URL)."""
    parts = urlsplit(link)
    after_login = quote(f"{parts.path}?{parts.query}", safe="")
    return f"{hub.rstrip('/')}/hub/lti13/oauth_login?next={after_login}"


def main(argv: list[str]) -> str:
    lti = "--lti" in argv
    args = [a for a in argv if a != "--lti"]
    if len(args) not in (2, 3) or any(a.startswith("-") for a in args):
        sys.exit(USAGE)
    link = pull_link(*args)
    return lti13_link(args[0], link) if lti else link


if __name__ == "__main__":
    print(main(sys.argv[1:]))
