"""A map of every place the course visits, labelled in a chosen language."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import theme
from . import labels, map_layout
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
    # landmarks in their listed order get the first choice of room for their names; a name that
    # fits nowhere shows on hover
    rank = {pid: k for k, pid in enumerate(labelled)}
    pl = pl.assign(rank=[rank.get(p, len(rank)) for p in pl["place_id"]]).sort_values(
        "rank", kind="stable"
    )
    view = geo_layout() | dict(showcountries=False)
    text, where = labels.placed_labels(
        list(pl["lon"]),
        list(pl["lat"]),
        [
            theme.wrap(lb, 16) if pid in rank else ""
            for pid, lb in zip(pl["place_id"], pl["label"], strict=True)
        ],
        view["lonaxis_range"],
        view["lataxis_range"],
    )
    pl = pl.assign(text=text, where=where)
    fig = go.Figure()
    for i, kind in enumerate(dict.fromkeys(pl["kind"].astype(str))):
        rows = pl[pl["kind"] == kind]
        fig.add_trace(
            go.Scattergeo(
                lon=rows["lon"],
                lat=rows["lat"],
                mode="markers+text",
                textposition=list(rows["where"]),
                text=list(rows["text"]),
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
    fig.update_layout(geo=view)
    region = pl[(pl["lon"].between(100, 165)) & (pl["lat"].between(30, 62))]
    desc = (
        f"Map of the region from Lake Baikal to Kamchatka with {len(region)} of the course's "
        f"{len(pl)} places "
        f"(others, such as Portsmouth or London, lie outside the frame). Names are "
        f"shown in {theme.LANGUAGES[lang]}."
    )
    return map_layout.finish_map(
        fig,
        "The places of the course",
        "lessons_data/places.csv (approximate coordinates of each place)",
        desc,
        height=640,
        key_rows=5,
        key_below=True,
    )
