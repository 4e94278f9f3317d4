"""Turning points students may choose for the capstone: a list spanning the course, each a
date range the evidence helper can gather for. Students may also choose their own range.

Only ids, labels and dates live here; every fact about a turning point comes from the
tables when it is gathered (events, treaties, figures and documents, each with its sources).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class TurningPoint:
    turning_point_id: str
    label: str
    start: str  # ISO date, first day of the range
    end: str  # ISO date, last day of the range
    era_id: str  # the lesson that teaches it


TURNING_POINTS = (
    TurningPoint(
        "shimoda_1855",
        "1855: the Treaty of Shimoda and the first border",
        "1855-01-01",
        "1855-12-31",
        "northern_frontier",
    ),
    TurningPoint(
        "exchange_1875",
        "1875: Sakhalin exchanged for the Kuril Islands",
        "1875-01-01",
        "1875-12-31",
        "northern_frontier",
    ),
    TurningPoint(
        "portsmouth_1905",
        "1904-1905: the Russo-Japanese War and the Treaty of Portsmouth",
        "1904-02-01",
        "1905-12-31",
        "empires_collide",
    ),
    TurningPoint(
        "intervention_1918_1922",
        "1918-1922: revolution and the Siberian Intervention",
        "1918-01-01",
        "1922-12-31",
        "revolution_intervention",
    ),
    TurningPoint(
        "border_wars_1938_1939",
        "1938-1939: Lake Khasan and Khalkhin Gol (Nomonhan)",
        "1938-07-01",
        "1939-09-30",
        "border_wars",
    ),
    TurningPoint(
        "august_1945",
        "August 1945: the Soviet entry into the war against Japan",
        "1945-08-01",
        "1945-09-30",
        "august_1945",
    ),
    TurningPoint(
        "joint_declaration_1956",
        "1956: the Soviet-Japanese Joint Declaration",
        "1956-01-01",
        "1956-12-31",
        "cold_war",
    ),
    TurningPoint(
        "end_of_ussr_1991_1993",
        "1991-1993: the end of the Soviet Union and the Tokyo Declaration",
        "1991-01-01",
        "1993-12-31",
        "after_1991",
    ),
    TurningPoint(
        "talks_to_break_2016_2022",
        "2016-2022: from summit talks to the break over Ukraine",
        "2016-01-01",
        "2022-12-31",
        "after_1991",
    ),
)
BY_ID = {tp.turning_point_id: tp for tp in TURNING_POINTS}


def turning_points() -> pd.DataFrame:
    """The suggested turning points as a table (id, label, start, end, lesson)."""
    return pd.DataFrame(
        [
            {
                "turning_point_id": tp.turning_point_id,
                "label": tp.label,
                "start": tp.start,
                "end": tp.end,
                "era_id": tp.era_id,
            }
            for tp in TURNING_POINTS
        ]
    )
