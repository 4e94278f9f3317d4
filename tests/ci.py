"""Skips that must not hide a failure where the whole suite is meant to run.

On a developer's machine a test may skip for want of something the machine lacks; under
``CI=true`` (a fresh clone on a machine set up by ``.ci/run``) the same lack is a failure,
with the reason, because a skip there would report a green suite that checked nothing.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def skip_or_fail(reason: str) -> NoReturn:
    """Skip locally; fail under CI=true, saying what is missing."""
    if under_ci():
        pytest.fail(f"{reason} (CI=true: this test must run here, so the lack is a failure)")
    pytest.skip(reason)
