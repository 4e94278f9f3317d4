"""Shared code of the Russo-Japanese relations course: data, charts, widgets, exercises.

Lessons start with ``from helpers import setup; setup(course_version="…")`` and then import what
they need,
e.g. ``from helpers import charts``.
"""

from .errors import DataError, Problem
from .render import setup
from .version import COURSE_VERSION

__version__ = COURSE_VERSION
__all__ = ["COURSE_VERSION", "DataError", "Problem", "setup"]
