"""The course map: the lessons in teaching order, built from ``eras.csv``."""

from __future__ import annotations

from IPython.display import Markdown

from .. import data
from ..data.package_schema import resource
from ..locations import lesson_notebook_exists
from .timing import lesson_minutes, lesson_path, read_lesson


def course_map(link_prefix: str = "") -> Markdown:
    """A table of every lesson with its years, central question, class time (periods, and the
    minutes of its core path and optional parts), a link to its notebook and what it teaches;
    ``link_prefix`` places the links (the website's home page links to ``notebooks/``)."""
    eras = data.load("eras").sort_values("order")
    lines = [
        "| # | Lesson | Years | Central question | Class time | What it teaches |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for era in eras.itertuples():
        years = (
            "whole span"
            if era.era_id in ("orientation", "capstone")
            else f"{era.start_year}–{era.end_year}"
        )
        ready = lesson_notebook_exists(era.notebook)
        title = (
            f"[{era.title}]({link_prefix}{era.notebook})"
            if ready
            else f"{era.title} *(in preparation)*"
        )
        time = class_time(era.notebook, era.periods)
        lines.append(
            f"| {era.order:02d} | {title} | {years} | *{era.central_question}* | {time} | "
            f"{era.summary} |"
        )
    return Markdown("\n".join(lines))


def class_time(notebook: str, periods: int) -> str:
    """Periods, and the minutes of the core path and of the optional parts as the lesson's
    timing model computes them (only the periods when the notebook is not at hand)."""
    time = "1 period" if periods == 1 else f"{periods} periods"
    path = lesson_path(notebook)
    if path is None:
        return time
    m = lesson_minutes(read_lesson(path), path.name)
    return f"{time}: core {m['core'] + m['second']} min; optional {m['deeper'] + m['homework']} min"


def data_overview() -> Markdown:
    """How many rows each table holds and what it holds, so students see the size of the
    evidence; tables go by what they hold, not by their file names."""
    frames = data.load_all()
    lines = ["| Table | Rows | What it holds |", "| --- | ---: | --- |"]
    for name, df in frames.items():
        about = resource(name).get("description", "")
        lines.append(f"| {name.replace('_', ' ').capitalize()} | {len(df)} | {about} |")
    return Markdown("\n".join(lines))
