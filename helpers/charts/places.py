"""A map of every place the course visits, labelled in a chosen language."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import theme
from .common import geo_layout, places

LANDMARKS = [
    "sakhalin",
    "kurils",
    "hokkaido",
    "kamchatka",
    "vladivostok",
    "port_arthur",
    "manchuria",
    "korea",
    "tokyo",
    "etorofu",
    "kunashiri",
    "harbin",
    "khabarovsk",
    "lake_khasan",
    "khalkhin_gol",
    "okhotsk",
    "nagasaki",
]


def places_map(lang: str = "en", kinds=None, labelled=LANDMARKS) -> go.Figure:
    """Every place in the region, one colour per kind of place, names in ``lang``; the
    ``labelled`` places also carry their name on the map (the rest on hover)."""
    pl = places(lang).reset_index()
    if kinds is not None:
        pl = pl[pl["kind"].isin(kinds)]
    fig = go.Figure()
    for i, kind in enumerate(dict.fromkeys(pl["kind"].astype(str))):
        rows = pl[pl["kind"] == kind]
        fig.add_trace(
            go.Scattergeo(
                lon=rows["lon"],
                lat=rows["lat"],
                mode="markers+text",
                textposition="top center",
                text=[
                    lb if pid in labelled else ""
                    for pid, lb in zip(rows["place_id"], rows["label"], strict=False)
                ],
                textfont=dict(size=11),
                name=kind.replace("_", " "),
                marker=dict(
                    size=8, symbol=i % 12, color=theme.KIND_COLOURS[i % len(theme.KIND_COLOURS)]
                ),
                hovertext=[
                    f"<b>{r.label}</b><br>{r.name_en} · {r.name_ja or ''} · "
                    f"{r.name_ru or ''} · {r.name_zh or ''}"
                    for r in rows.itertuples()
                ],
                hoverinfo="text",
            )
        )
    fig.update_layout(geo=geo_layout(), legend=dict(title_text="Kind of place"))
    region = pl[(pl["lon"].between(100, 165)) & (pl["lat"].between(30, 62))]
    desc = (
        f"Map of the region from Lake Baikal to Kamchatka with {len(region)} of the course's "
        f"{len(pl)} places "
        f"(others, such as Portsmouth or London, lie outside the frame). Names are "
        f"shown in {theme.LANGUAGES[lang]}."
    )
    return theme.finish(
        fig,
        "The places of the course",
        "lessons_data/places.csv (approximate coordinates of each place)",
        desc,
        height=640,
    )
