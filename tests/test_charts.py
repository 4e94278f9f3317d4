"""Charts, for known inputs: the expected traces, values, colours per side and source line."""

import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers import charts, data, theme
from helpers.charts import deployments as dep_mod
from helpers.charts import lines as ln_mod
from helpers.charts.selectors import ChoiceError


def source_line(fig):
    return next(a.text for a in fig.layout.annotations if a.name == "source-line")


def test_casualty_chart_draws_every_source_figure():
    cas = data.load("casualties")
    rows = cas[(cas["conflict_id"] == "khalkhin_gol") & (cas["category"] == "killed")]
    fig = charts.casualty_chart("khalkhin_gol", "killed")
    drawn = {}
    for trace in fig.data:
        if trace.legendgroup != "sides":
            continue
        side = next(k for k, v in theme.SIDE_NAMES.items() if v == trace.name)
        assert trace.line.color == theme.side_colour(side)
        drawn[side] = [v for v in trace.x if v is not None]
    for side, group in rows.groupby(rows["side"].astype(str)):
        expected = sorted(
            list(group["low"])
            + [h for h, lo in zip(group["high"], group["low"], strict=False) if h != lo]
        )
        assert sorted(drawn[side]) == expected, side
    assert source_line(fig).startswith("Source: ")
    assert "Highest/lowest" in fig.layout.title.subtitle.text
    assert theme.describe(fig).startswith("Dot-and-whisker")


def test_casualty_chart_controls_switch_category_and_scale():
    fig = charts.casualty_chart("khalkhin_gol", "killed")
    scale, category = fig.layout.updatemenus
    assert [b.args[0]["xaxis.type"] for b in scale.buttons] == ["linear", "log"]
    labels = [b.label.lower() for b in category.buttons]
    assert "killed" in labels and "wounded" in labels
    wounded = category.buttons[labels.index("wounded")]
    expected = charts.casualty_points("khalkhin_gol", "wounded")
    xs = [v for xs in wounded.args[0]["x"] for v in xs if v is not None]
    assert set(xs) == set(expected["low"]) | set(expected["high"])


def test_casualty_spread_is_highest_over_lowest():
    spread = charts.casualty_spread("khalkhin_gol", "killed")
    cas = data.load("casualties")
    jp = cas[
        (cas["conflict_id"] == "khalkhin_gol")
        & (cas["side"] == "japan")
        & (cas["category"] == "killed")
    ]
    row = spread[spread["side"] == "japan"].iloc[0]
    assert row["lowest"] == jp["low"].min() and row["highest"] == jp["high"].max()
    assert row["highest_over_lowest"] == round(jp["high"].max() / jp["low"].min(), 2)


def test_log_scale_option():
    assert charts.casualty_chart("lake_khasan", log=True).layout.xaxis.type == "log"


BUBBLES = "siberian_intervention"  # a campaign whose sources give strengths but no positions


def test_deployment_map_frames_follow_the_dates():
    dep = data.load("deployments")
    rows = dep[(dep["conflict_id"] == BUBBLES) & (dep["unit"] == "troops")]
    fig = charts.deployment_map(BUBBLES, lang="ja")
    assert len(fig.frames) == rows["date"].nunique()
    assert [s.args[0][0] for s in fig.layout.sliders[0].steps] == [f.name for f in fig.frames]
    last = fig.frames[-1]
    # the filled bubbles (the rings repeat them for the highest figure)
    shown = sum(len(t.lon) for t in last.data if "highest figure" not in t.name)
    assert shown == len(
        dep_mod.state_on(rows.assign(side=rows["side"].astype(str)), rows["date"].max()).query(
            "place_id == place_id"
        )
    )
    labels = {t for tr in fig.data if tr.text for t in tr.text if t}  # place names, in Japanese
    assert labels and all(any(ord(ch) > 0x3000 for ch in t) or t.isascii() for t in labels)
    assert fig.layout.geo.showcoastlines and fig.layout.geo.resolution == 50
    assert not fig.layout.updatemenus  # one control, the slider: no Play button over it


def test_bubble_area_is_proportional_to_strength():
    fig = charts.deployment_map(BUBBLES, controls=False)
    filled = [t for t in fig.data if t.hoverinfo == "text" and "markers" in t.mode]
    assert all(t.marker.sizemode == "area" for t in filled)
    sizes = [s for t in filled for s in t.marker.size]
    dep = data.load("deployments")
    assert (
        max(sizes)
        <= dep.loc[(dep.conflict_id == BUBBLES) & (dep.unit == "troops"), "strength_high"].max()
    )


def test_strength_chart_has_points_per_side_and_no_band_without_a_series():
    fig = charts.strength_chart("lake_khasan")
    points = [t for t in fig.data if t.mode == "markers"]
    assert points and all(t.marker.color in theme.SIDE_COLOURS.values() for t in points)
    # no source gives two dated figures for one side at Khasan: points only, nothing joins them
    assert not any(t.fill == "tonexty" or t.mode == "lines" for t in fig.data)
    assert "no source gives a series" in fig.layout.title.subtitle.text.replace("<br>", " ")
    assert fig.layout.title.text.replace("<br>", " ").endswith("strength over time (troops)")


def test_strength_band_only_over_a_series_from_one_source():
    dep = data.load("deployments")
    banded = 0
    for conflict in dep.loc[dep.unit == "troops", "conflict_id"].astype(str).unique():
        rows = dep[(dep.conflict_id == conflict) & (dep.unit == "troops")].assign(
            side=lambda d: d.side.astype(str)
        )
        fig = charts.strength_chart(conflict)
        bands = [t for t in fig.data if t.fill == "tonexty"]
        banded += len(bands)
        for band in bands:
            side = next(s for s, n in theme.SIDE_NAMES.items() if band.name.startswith(n + ":"))
            series = dep_mod.series_sources(rows[rows.side == side])
            assert series and dep_mod.series_label(series) in band.name  # by author, not by id
            dated = rows[(rows.side == side) & rows.source_id.isin(series)]["date"]
            assert sorted(band.x) == sorted({d.strftime("%Y-%m-%d") for d in dated})
        sides_with_band = {b.legendgroup for b in bands}
        for side, g in rows.groupby("side"):
            assert (side in sides_with_band) == bool(dep_mod.series_sources(g)), (conflict, side)
    assert banded, "no conflict has a dated series from one source, so no band was ever drawn"


def treaty_bars(fig):
    """{treaty name: (base, end)} of every treaty bar (each bar carries its name)."""
    import pandas as pd

    out = {}
    for t in fig.data:
        if t.type == "bar" and t.base is not None:
            for name, base, ms in zip(t.customdata, t.base, t.x, strict=True):
                out[name] = (pd.Timestamp(base), pd.Timestamp(base) + pd.Timedelta(milliseconds=ms))
    return out


def test_treaty_timeline_covers_every_treaty_and_filters():
    tr = data.load("treaties")
    fig = charts.treaty_timeline()
    assert len(treaty_bars(fig)) == len(tr)
    ussr = charts.treaty_timeline(party="ussr")
    assert len(treaty_bars(ussr)) == tr["parties"].str.contains("ussr").sum()
    hover = " ".join(h for t in fig.data if t.hovertext for h in t.hovertext)
    assert "Parties:" in hover and "Mediator: United States" in hover


def test_treaty_timeline_draws_ended_in_force_and_unrecorded_differently():
    import pandas as pd

    from helpers.charts import treaties as tr_mod

    tr = tr_mod.prepared(data.load("treaties"))
    signed = data.load("treaties").set_index("treaty_id")["signed_date"]
    fig = charts.treaty_timeline()
    bars = treaty_bars(fig)
    today = tr_mod.TODAY
    for r in tr.itertuples():
        start, end = bars[r.name_en]
        if (
            r.status == "ended"
        ):  # stops at the recorded end (end of the month/year when only that is known)
            assert r.ended_date <= end <= r.ended_date + pd.Timedelta(days=366), r.treaty_id
            assert end < today
        elif r.status in ("in_force", "suspended"):  # runs to today
            assert end == today, r.treaty_id
        elif r.status == "replaced":  # stops where the treaty that replaced it begins
            assert end == signed[r.replaced_by], r.treaty_id
        else:  # no recorded end: a short stub, never to today
            assert r.status == "unknown"
            assert end - start <= pd.Timedelta(days=tr_mod.STUB_DAYS) and end < today, r.treaty_id
    markers = {t.name: t for t in fig.data if t.type == "scatter"}
    arrows = markers[tr_mod.STATUS["in_force"][0]]
    assert set(arrows.customdata) == set(tr.loc[tr.status == "in_force", "name_en"])
    assert set(arrows.x) == {today.strftime("%Y-%m-%d")}
    query = markers[tr_mod.STATUS["unknown"][0]]
    unknown = set(tr.loc[tr.status == "unknown", "name_en"])
    assert set(query.customdata) == unknown and set(query.text) == {"?"}
    # no legend: the key above the chart names each state drawn, and only those
    assert not any(t.showlegend for t in fig.data)
    key = fig.layout.title.subtitle.text
    assert all(label in key for label, _, _ in tr_mod.STATUS.values())
    only = charts.treaty_timeline(era="northern_frontier").layout.title.subtitle.text
    assert tr_mod.STATUS["in_force"][0] not in only and tr_mod.STATUS["replaced"][0] in only
    patterns = [
        p
        for t in fig.data
        if t.type == "bar" and t.base is not None
        for p in t.marker.pattern.shape
    ]
    assert patterns.count("/") == (tr.status == "unknown").sum()
    assert "have no end recorded" in theme.describe(fig)


def test_treaties_that_ended_before_today_are_not_drawn_in_force():
    tr = data.load("treaties").set_index("treaty_id")
    for tid, end in [
        ("neutrality_pact_1941", "1945-08-09"),
        ("shimoda_1855", "1899-07-17"),
        ("sino_soviet_treaty_1945", "1950-02-14"),
    ]:
        assert tr.at[tid, "status"] == "ended" and str(tr.at[tid, "ended_date"].date()) == end
    for tid in [
        "russo_japanese_agreement_1907",
        "russo_japanese_agreement_1910",
        "russo_japanese_agreement_1912",
        "russo_japanese_agreement_1916",
        "anti_comintern_pact_1936",
        "basic_convention_1925",
        "tripartite_pact_1940",
    ]:
        assert tr.at[tid, "status"] == "ended" and tr.at[tid, "ended_date"].year in (1917, 1945), (
            tid
        )
    assert tr.at["fishing_agreement_1998", "status"] == "suspended"


def test_a_replaced_treaty_ends_where_its_successor_begins():
    """Lesson 01: Shimoda's border gave way to the 1875 treaty, which is drawn in full to 1905."""
    bars = treaty_bars(charts.treaty_timeline(era="northern_frontier"))
    tr = data.load("treaties").set_index("treaty_id")
    shimoda = bars[tr.at["shimoda_1855", "name_en"]]
    petersburg = bars[tr.at["st_petersburg_1875", "name_en"]]
    assert shimoda[1] == petersburg[0] == pd.Timestamp("1875-05-07")
    assert petersburg[1] == tr.at["portsmouth_1905", "signed_date"]


def test_territory_timeline_and_map():
    ter = data.load("territory")
    fig = charts.territory_timeline()
    assert sum(len(t.y) for t in fig.data if t.type == "bar") == len(ter)
    m = charts.territory_map(1950)
    held = {t.name: len(t.lon) for t in m.data if t.mode != "lines"}
    assert held.get("Soviet Union", 0) >= 4

    def names(fig):
        return [
            t.name.replace("<br>", " ").removesuffix(ln_mod.SCHEMATIC_MARK)
            for t in fig.data
            if t.mode == "lines"
        ]

    assert names(m) == ["38th parallel: line between the Soviet and US zones in Korea"]
    lines_1870 = names(charts.territory_map(1870))
    assert lines_1870 == ["Shimoda line: border between Etorofu (Iturup) and Urup"]
    lines_1930 = set(names(charts.territory_map(1930)))
    assert {
        "50th parallel: border on Sakhalin (Treaty of Portsmouth)",
        "1875 border: the First Kuril Strait between Shumshu and Kamchatka",
    } == lines_1930


def test_event_timeline_and_map():
    fig = charts.event_timeline("border_wars")
    ev = data.load("events")
    assert sum(len(t.x) for t in fig.data) == (ev["era_id"] == "border_wars").sum()
    assert charts.event_map("border_wars").data[0].lon


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: charts.casualty_chart("nowhere"), "khalkhin_gol"),
        (lambda: charts.casualty_chart("khalkhin_gol", "eaten"), "wounded"),
        (lambda: charts.casualty_chart("khalkhin_gol", sides="martians"), "japan"),
        (lambda: charts.deployment_map("khalkhin_gol", lang="fr"), "ja"),
        (lambda: charts.deployment_map("khalkhin_gol", unit="horses"), "troops"),
        (lambda: charts.event_timeline("stone_age"), "border_wars"),
        (lambda: charts.treaty_timeline(party="atlantis"), "japan"),
        (lambda: charts.territory_map(1200), "outside"),
    ],
)
def test_bad_arguments_list_valid_choices(call, words):
    with pytest.raises((ChoiceError, ValueError), match=words):
        call()


def test_every_chart_has_title_source_and_description():
    figs = [
        charts.casualty_chart("lake_khasan"),
        charts.deployment_map("lake_khasan"),
        charts.strength_chart("lake_khasan"),
        charts.treaty_timeline(),
        charts.territory_timeline(),
        charts.territory_map(1905),
        charts.event_timeline("border_wars"),
        charts.places_map(),
    ]
    for fig in figs:
        assert isinstance(fig, go.Figure)
        assert fig.layout.title.text and source_line(fig).startswith("Source:")
        assert len(theme.describe(fig)) > 40
        assert fig.layout.template.layout.font.family.startswith("Noto Sans")


def test_deployment_maps_draw_the_period_lines_with_whose_claim_it_is():
    khasan = charts.deployment_map("lake_khasan")
    drawn = {
        t.name.replace("<br>", " "): t
        for t in khasan.data
        if t.mode == "lines" and "claim" in (t.name or "")
    }
    assert any(n.startswith("Soviet claim") for n in drawn) and any(
        n.startswith("Japanese/Manchukuo claim") for n in drawn
    )
    colours = {t.line.color for t in drawn.values()}
    assert colours == {theme.side_colour("ussr"), theme.side_colour("manchukuo")}
    assert all(t.line.dash == "dash" for t in drawn.values())
    # named on the map beside themselves, a schematic line saying so
    on_map = [t for t in khasan.data if t.name == "names of the lines"][0].text
    assert any("Soviet claim" in n and "schematic" in n for n in on_map)
    assert khasan.layout.geo.showcountries is False  # today's borders are not drawn on a 1938 map
    nomonhan = {
        t.name.replace("<br>", " ")
        for t in charts.deployment_map("khalkhin_gol").data
        if t.mode == "lines"
    }
    assert any("Mongolian/Soviet claim" in n for n in nomonhan) and any(
        "Khalkhin Gol" in n for n in nomonhan
    )
    # a line is drawn only at the conflict's dates: the 50th parallel (1905-1945) crosses the
    # Sakhalin 1945 map...
    assert any(
        "50th parallel" in t.name
        for t in charts.deployment_map("south_sakhalin_1945").data
        if t.mode == "lines"
    )
    # ...but no 1938 claim reaches the map of 1939, and no line is on the 1894 map
    assert not any("Zaozernaya" in n for n in nomonhan)
    sino = charts.deployment_map("first_sino_japanese_war")
    assert not [t for t in sino.data if t.mode == "lines"]


def test_lines_lie_inside_the_map_and_are_valid_at_the_conflict():
    from helpers.charts import deployments as dm
    from helpers.charts import lines as ln

    for cid in [
        "lake_khasan",
        "khalkhin_gol",
        "south_sakhalin_1945",
        "battle_shumshu",
        "siberian_intervention",
    ]:
        fig = charts.deployment_map(cid)
        lon, lat = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
        start, end = dm.conflict_span(cid)
        recs = {r["name"]: r for r in ln.line_records()}
        for t in (t for t in fig.data if t.mode == "lines" and not t.fill):
            r = recs[t.name.replace("<br>", " ").removesuffix(ln.SCHEMATIC_MARK)]
            assert r["start"] <= end and r["end"] >= start, (cid, t.name)
            assert any(
                lon[0] <= x <= lon[1] and lat[0] <= y <= lat[1]
                for x, y in zip(t.lon, t.lat, strict=False)
            ), (cid, t.name)


def test_places_of_a_conflict_fit_its_map():
    dep = data.load("deployments")
    pl = data.load("places").set_index("place_id")
    for cid in dep["conflict_id"].unique():
        fig = charts.deployment_map(cid, unit=str(dep[dep.conflict_id == cid]["unit"].iloc[0]))
        lon, lat = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
        for p in dep[dep.conflict_id == cid]["place_id"].unique():
            assert lon[0] <= pl.at[p, "lon"] <= lon[1] and lat[0] <= pl.at[p, "lat"] <= lat[1], (
                cid,
                p,
            )


@pytest.mark.parametrize(
    "make",
    [
        lambda: charts.treaty_timeline(),
        lambda: charts.casualty_chart("khalkhin_gol"),
        lambda: charts.casualty_chart(["lake_khasan", "khalkhin_gol"], "killed"),
        lambda: charts.deployment_map("siberian_intervention"),
        lambda: charts.strength_chart("khalkhin_gol"),
        lambda: charts.event_timeline("border_wars"),
        lambda: charts.territory_timeline(),
        lambda: charts.territory_map(1950),
        lambda: charts.course_timeline(),
        lambda: charts.places_map(),
    ],
)
def test_no_chart_taller_than_a_laptop_screen_or_with_a_cut_title(make):
    fig = make()
    assert fig.layout.height <= theme.MAX_HEIGHT
    assert all(len(line) <= theme.TITLE_CHARS for line in fig.layout.title.text.split("<br>"))
