"""Lesson furniture: what turns the data into a class.

The central question and the written task (``framing``), primary-source document cards
(``documents``), the course rubric (``rubric``), questions with feedback (``questions``),
short written answers with a scoring guide (``short_responses``), model answers to the
written task (``model_answers``), step-checked data exercises (``exercises``), key terms,
further reading and the narrative's sources (``furniture``), and the course map (``course``).
Lessons import from here: ``from helpers.lesson import document, quiz, Exercise``.
"""

from .course import course_map, data_overview
from .documents import document
from .exercises import Exercise
from .framing import central_question, writing_task
from .furniture import further_reading, key_terms, narrative_sources
from .questions import quiz
from .short_responses import short_response

__all__ = [
    "Exercise",
    "central_question",
    "course_map",
    "data_overview",
    "document",
    "further_reading",
    "key_terms",
    "narrative_sources",
    "quiz",
    "short_response",
    "writing_task",
]
