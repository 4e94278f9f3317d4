"""The evidence helper of the capstone: gather what the course data holds for a turning point
or date range, pin items to an evidence list, print it with full citations, chart it, and check it.

    from helpers.evidence import gather, EvidenceList, turning_points
    gather("portsmouth_1905")                       # or gather("1905"), gather(start="1938-07",
    end="1939-09")
    ev = EvidenceList("Did ...?", turning_point="portsmouth_1905")
    ev.pin("document:portsmouth_1905_art9_10_ja")   # in a cell: the pin and its output stay in
    the notebook
    ev.check_perspectives()                         # and check_question, check_disagreement,
    check_counter_evidence, check_sources
    ev.show()                                       # the list with full citations;
    ev.timeline(), ev.spread()
    cmp = Comparison("portsmouth_1905", "august_1945")  # two turning points side by side
    cmp.overview(); cmp.place("how_long", "august_1945", "territory:..."); cmp.check()

Modules: ``turning_points`` (the suggested list), ``gathering`` (tidy tables across every table),
``evidence_list`` (pins, notes, citations, saving), ``comparison`` (two turning points on the
criteria of significance), ``charts`` (one-call charts), ``checks``,
``errors`` (``EvidenceError``, whose message names what the helper accepts).
"""

from .comparison import CRITERIA, Comparison
from .errors import EvidenceError
from .evidence_list import EvidenceList
from .gathering import Evidence, gather
from .turning_points import TURNING_POINTS, turning_points

__all__ = [
    "CRITERIA",
    "Comparison",
    "Evidence",
    "EvidenceError",
    "EvidenceList",
    "TURNING_POINTS",
    "gather",
    "turning_points",
]
