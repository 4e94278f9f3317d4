"""Charts, for known inputs: the expected traces, values, colours per side and source line."""
import plotly.graph_objects as go
import pytest

from helpers import charts, data, theme
from helpers.charts import casualties as cas_mod, deployments as dep_mod
from helpers.selectors import ChoiceError


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
        expected = sorted(list(group["low"]) + [h for h, l in zip(group["high"], group["low"]) if h != l])
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
    jp = cas[(cas["conflict_id"] == "khalkhin_gol") & (cas["side"] == "japan") & (cas["category"] == "killed")]
    row = spread[spread["side"] == "japan"].iloc[0]
    assert row["lowest"] == jp["low"].min() and row["highest"] == jp["high"].max()
    assert row["highest_over_lowest"] == round(jp["high"].max() / jp["low"].min(), 2)


def test_log_scale_option():
    assert charts.casualty_chart("lake_khasan", log=True).layout.xaxis.type == "log"


def test_deployment_map_frames_follow_the_dates():
    dep = data.load("deployments")
    rows = dep[(dep["conflict_id"] == "khalkhin_gol") & (dep["unit"] == "troops")]
    fig = charts.deployment_map("khalkhin_gol", lang="ja")
    assert len(fig.frames) == rows["date"].nunique()
    assert [s.args[0][0] for s in fig.layout.sliders[0].steps] == [f.name for f in fig.frames]
    last = fig.frames[-1]
    shown = sum(len(t.lon) for t in last.data if t.hoverinfo != "skip")
    assert shown == len(dep_mod.state_on(rows.assign(side=rows["side"].astype(str)), rows["date"].max())
                        .query("place_id == place_id"))
    labels = {t for tr in last.data if tr.text for t in tr.text if t}
    assert labels and all(any(ord(ch) > 0x3000 for ch in t) or t.isascii() for t in labels)
    assert fig.layout.geo.showcoastlines and fig.layout.geo.resolution == 50
    assert any(b.label.endswith("Play") for b in fig.layout.updatemenus[0].buttons)


def test_bubble_area_is_proportional_to_strength():
    fig = charts.deployment_map("khalkhin_gol", controls=False)
    filled = [t for t in fig.data if t.hoverinfo == "text"]
    assert all(t.marker.sizemode == "area" for t in filled)
    sizes = [s for t in filled for s in t.marker.size]
    dep = data.load("deployments")
    assert max(sizes) <= dep.loc[(dep.conflict_id == "khalkhin_gol") & (dep.unit == "troops"), "strength_high"].max()


def test_strength_chart_has_band_and_points_per_side():
    fig = charts.strength_chart("lake_khasan")
    points = [t for t in fig.data if t.mode == "markers"]
    assert points and all(t.marker.color in theme.SIDE_COLOURS.values() for t in points)
    assert any(t.fill == "tonexty" for t in fig.data)
    assert fig.layout.yaxis.title.text == "Strength (troops)"


def test_treaty_timeline_covers_every_treaty_and_filters():
    tr = data.load("treaties")
    fig = charts.treaty_timeline()
    assert sum(len(t.y) for t in fig.data) == len(tr)
    ussr = charts.treaty_timeline(party="ussr")
    assert sum(len(t.y) for t in ussr.data) == tr["parties"].str.contains("ussr").sum()
    hover = " ".join(h for t in fig.data for h in t.hovertext)
    assert "Parties:" in hover and "Mediator: United States" in hover
    opacities = [o for t in fig.data for o in t.marker.opacity]
    assert opacities.count(0.45) == tr["ended_date"].isna().sum() and opacities.count(1.0) == tr["ended_date"].notna().sum()


def test_territory_timeline_and_map():
    ter = data.load("territory")
    fig = charts.territory_timeline()
    assert sum(len(t.y) for t in fig.data) == len(ter)
    m = charts.territory_map(1950)
    held = {t.name: len(t.lon) for t in m.data}
    assert held.get("Soviet Union", 0) >= 4


def test_event_timeline_and_map():
    fig = charts.event_timeline("border_wars")
    ev = data.load("events")
    assert sum(len(t.x) for t in fig.data) == (ev["era_id"] == "border_wars").sum()
    assert charts.event_map("border_wars").data[0].lon


@pytest.mark.parametrize("call, words", [
    (lambda: charts.casualty_chart("nowhere"), "khalkhin_gol"),
    (lambda: charts.casualty_chart("khalkhin_gol", "eaten"), "wounded"),
    (lambda: charts.casualty_chart("khalkhin_gol", sides="martians"), "japan"),
    (lambda: charts.deployment_map("khalkhin_gol", lang="fr"), "ja"),
    (lambda: charts.deployment_map("khalkhin_gol", unit="horses"), "troops"),
    (lambda: charts.event_timeline("stone_age"), "border_wars"),
    (lambda: charts.treaty_timeline(party="atlantis"), "japan"),
    (lambda: charts.territory_map(1200), "outside"),
])
def test_bad_arguments_list_valid_choices(call, words):
    with pytest.raises((ChoiceError, ValueError), match=words):
        call()


def test_every_chart_has_title_source_and_description():
    figs = [charts.casualty_chart("lake_khasan"), charts.deployment_map("lake_khasan"), charts.strength_chart("lake_khasan"),
            charts.treaty_timeline(), charts.territory_timeline(), charts.territory_map(1905),
            charts.event_timeline("border_wars"), charts.places_map()]
    for fig in figs:
        assert isinstance(fig, go.Figure)
        assert fig.layout.title.text and source_line(fig).startswith("Source:")
        assert len(theme.describe(fig)) > 40
        assert fig.layout.template.layout.font.family.startswith("Noto Sans")
