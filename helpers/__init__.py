"""Shared code of the Russo-Japanese relations course: data, charts, widgets, exercises.

Lessons start with ``from helpers import setup; setup()`` and then import what they need,
e.g. ``from helpers import charts``.
"""
from .errors import DataError, Problem
from .render import setup

__all__ = ["DataError", "Problem", "setup"]
