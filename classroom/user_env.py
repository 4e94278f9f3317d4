"""Stop a TLJH install before it starts when the users' environment is too old for the course.

``/opt/tljh/user/bin/python -m classroom.user_env`` (README, "Running it for a class") exits
with what to do when that Python is older than the course needs (an upgraded TLJH 1.x keeps
its Python 3.10). Written for any Python 3.6 or newer, since old ones are what it refuses.
"""

import sys

REQUIRED = (3, 11)
UPGRADE_DOCS = (
    "https://tljh.jupyter.org/en/latest/howto/user-env/user-environment.html"
    "#upgrade-to-a-newer-python-version"
)


def problem(version=None):
    """What is wrong with ``version`` (default: this Python) for the course, or None."""
    found = tuple((version or sys.version_info)[:2])
    if found >= REQUIRED:
        return None
    return (
        f"The users' environment runs Python {found[0]}.{found[1]}; the course needs "
        f"{REQUIRED[0]}.{REQUIRED[1]} or newer (its packages are pinned for it). Nothing was "
        "installed. Either install the course on a new TLJH 2 server (its users' environment "
        "is Python 3.12), or upgrade this environment's Python as TLJH describes at "
        f"{UPGRADE_DOCS} and run this check again."
    )


def main():
    message = problem()
    if message:
        sys.exit(message)
    print(f"Python {sys.version_info[0]}.{sys.version_info[1]}: fine for the course.")


if __name__ == "__main__":
    main()
