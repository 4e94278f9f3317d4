"""Small pieces the chart modules share: place lookup in four languages, geo layout, dates."""

from __future__ import annotations

import pandas as pd

from .. import data, theme
from .selectors import check_choice

# The region every map shows: Lake Baikal to Kamchatka, the Amur to the Yellow Sea.
REGION = dict(lon=[100, 165], lat=[30, 62])
SEA = "#DCEAF4"
# The box the shipped regional base map covers (``publish/basemap.py`` clips the 1:50m world to it
# and ships it under plotly's Asia-scope name): maps inside it redraw several times faster.
# Wider maps draw the 1:110m world. plotly.js names a base map "<scope>_<resolution>m".
REGIONAL_BASEMAP = dict(lon=(90.0, 180.0), lat=(20.0, 70.0))
REGIONAL, WIDE = dict(scope="asia", resolution=50), dict(scope="world", resolution=110)


def places(lang: str = "en") -> pd.DataFrame:
    """Places indexed by id with a ``label`` in ``lang`` (falling back to English)."""
    check_choice("language", lang, list(theme.LANGUAGES))
    pl = data.load("places").set_index("place_id")
    label = pl[f"name_{lang}"].fillna(pl["name_en"]) if lang != "en" else pl["name_en"]
    return pl.assign(label=label)


def geo_layout(lon=None, lat=None) -> dict:
    """A geo layout drawn from a shipped Natural Earth map (see render.py): the regional 1:50m
    cut when the view lies inside it, else the 1:110m world."""
    lon = lon or REGION["lon"]
    lat = lat or REGION["lat"]
    inside = (
        REGIONAL_BASEMAP["lon"][0] <= min(lon)
        and max(lon) <= REGIONAL_BASEMAP["lon"][1]
        and REGIONAL_BASEMAP["lat"][0] <= min(lat)
        and max(lat) <= REGIONAL_BASEMAP["lat"][1]
    )
    # The sea is the subplot's background, not the world ocean polygon: same look, and plotly.js
    # re-projects every base-map path on each redraw, so one layer fewer answers a slider sooner.
    return dict(
        **(REGIONAL if inside else WIDE),
        projection_type="mercator",
        lonaxis_range=lon,
        lataxis_range=lat,
        showland=True,
        landcolor="#F2EFE6",
        showocean=False,
        showcountries=True,
        countrycolor="#9A9A9A",
        showcoastlines=True,
        coastlinecolor="#6B6B6B",
        showlakes=True,
        lakecolor=SEA,
        showrivers=False,
        bgcolor=SEA,
    )


def iso(dates: pd.Series) -> list[str]:
    """Dates as ISO strings for plotly, whose JSON encoder rejects second-resolution datetimes
    (the data keeps seconds resolution so that dates before 1677 fit)."""
    return [d.strftime("%Y-%m-%d") for d in pd.to_datetime(dates)] if len(dates) else []


def fmt_date(ts, precision: str = "day") -> str:
    if pd.isna(ts):
        return ""
    ts = pd.Timestamp(ts)
    if precision == "year":
        return f"{ts.year}"
    if precision == "month":
        return ts.strftime("%B %Y")
    return f"{ts.day} {ts.strftime('%B')} {ts.year}"


ROW_LABEL = "row-label"


def row_labels(positions, texts, size: int = 12) -> list[dict]:
    """Row names written inside the plot at its left edge (annotations at y ``positions``): they
    take no width from the data at any screen width, and unlike inside tick labels they hide
    none of the x axis's labels."""
    return [
        dict(
            text=text,
            xref="paper",
            x=0,
            xanchor="left",
            yref="y",
            y=y,
            yanchor="middle",
            align="left",
            showarrow=False,
            font=dict(size=size),
            name=ROW_LABEL,
        )
        for y, text in zip(positions, texts, strict=True)
    ]


# The hidden x axis a row-name trace is drawn on: 0 is the plot's left edge whatever the
# data axis shows, zoomed or not.
LABEL_AXIS = dict(overlaying="x", range=[0, 1], autorange=False, visible=False, fixedrange=True)


def row_label_trace(positions, texts, name: str, size: int = 12) -> dict:
    """Row names written inside the plot at its left edge, as ``row_labels`` writes them, but as
    one text trace on ``LABEL_AXIS`` (the figure's ``xaxis2``). plotly.js draws every annotation
    up to three times on each update (applying the array, measuring for autorange, the redraw)
    and a trace's text once: the treaty explorer's 50 names took a third of its redraw."""
    return dict(
        type="scatter",
        mode="text",
        name=name,
        xaxis="x2",
        x=[0] * len(positions),
        y=list(positions),
        text=list(texts),
        textposition="middle right",
        textfont=dict(size=size),
        hoverinfo="skip",
        showlegend=False,
    )


def replace_row_labels(layout, labels: list[dict]) -> list:
    """``layout``'s annotations with its row names replaced by ``labels`` (the rest kept)."""
    return [*labels, *(a for a in layout.annotations if a.name != ROW_LABEL)]


# The y axis of charts whose rows are named by ``row_labels``.
ROW_AXIS = dict(
    showticklabels=False, ticks="", showgrid=False, zeroline=False, showline=False, title_text=""
)


def range_trace(name: str, colour: str, x, y, symbols, hover, group: str) -> dict:
    """One trace of figures drawn as marker pairs joined by a thick line (a source's low and
    high; ``None`` between ranges breaks the line): the form casualty and population charts
    share."""
    return dict(
        type="scatter",
        mode="lines+markers",
        name=name,
        x=x,
        y=y,
        line=dict(color=colour, width=4),
        marker=dict(color=colour, size=12, symbol=symbols, line=dict(color="white", width=1)),
        hovertext=hover,
        hoverinfo="text",
        showlegend=False,
        legendgroup=group,
    )
