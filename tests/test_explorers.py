"""Explorers: a control change updates the same FigureWidget in place with the right data."""

import plotly.graph_objects as go
import pytest

from helpers import data, theme
from helpers.charts import explorers, live_update
from helpers.charts import treaties as tr_chart


def xs(fig, name=None):
    return sorted(
        v for t in fig.data if name is None or t.name == name for v in (t.x or ()) if v is not None
    )


def test_casualty_explorer_updates_in_place():
    box = explorers.casualty_explorer("khalkhin_gol", mode="live")
    fig = box.figure
    assert isinstance(fig, go.FigureWidget)
    before = xs(fig)
    box.controls["conflict"].value = "lake_khasan"
    assert box.figure is fig
    cas = data.load("casualties")
    k = cas[(cas.conflict_id == "lake_khasan") & (cas.category == "killed")]
    assert set(xs(fig)) == set(k["low"]) | set(k["high"]) and xs(fig) != before
    box.controls["side"].value = "japan"
    assert set(xs(fig)) == set(k[k.side == "japan"]["low"]) | set(k[k.side == "japan"]["high"])
    box.controls["scale"].value = "log"
    assert fig.layout.xaxis.type == "log"


def test_casualty_explorer_empty_selection_shows_message():
    box = explorers.casualty_explorer("lake_khasan", mode="live")
    box.controls["side"].value = "usa"
    assert xs(box.figure) == [] and "No figures" in box.message.value


def test_deployment_explorer_slider_moves_bubbles():
    box = explorers.deployment_explorer("siberian_intervention", mode="live")
    slider = box.controls["date"]
    assert len(slider.options) > 2
    last = [len(t.lon) for t in box.figure.data]
    slider.value = slider.options[0][1]
    first = [len(t.lon) for t in box.figure.data]
    assert sum(first) < sum(last)
    box.controls["lang"].value = "ru"
    labels = [t for tr in box.figure.data for t in (tr.text or ()) if t]
    assert labels and all(
        any("\u0400" <= ch <= "\u04ff" for ch in t) or t.isascii() for t in labels
    )


def test_treaty_explorer_filters_by_party():
    box = explorers.treaty_explorer(mode="live")

    def bars():
        return sum(
            len(t.y or ()) for t in box.figure.data if t.type == "bar" and t.base is not None
        )

    total = bars()
    box.controls["party"].value = "usa"
    tr = data.load("treaties")
    assert bars() == tr["parties"].str.contains("usa").sum() < total
    # the status markers follow the filter: an arrow at today for each US treaty still in force
    arrows = next(t for t in box.figure.data if t.type == "scatter" and "still in force" in t.name)
    usa = tr[tr["parties"].str.contains("usa")]
    assert len(arrows.y) == (usa["status"] == "in_force").sum()
    assert box.figure.layout.height <= theme.MAX_HEIGHT


def test_treaty_explorer_names_each_bar_clear_of_the_era_names():
    box = explorers.treaty_explorer(mode="live")
    box.controls["party"].value = "usa"
    names = next(t for t in box.figure.data if t.name == tr_chart.NAMES)
    bars = {n for t in box.figure.data if t.type == "bar" for n in t.customdata}
    assert {n.replace("<br>", " ") for n in names.text} == bars
    # the era bands' names have a row of their own above the first name and below the last
    bottom, top = box.figure.layout.yaxis.range
    lines = [n.count("<br>") + 1 for n in names.text]
    half = [k * tr_chart.LINE_UNITS / 2 for k in lines]
    assert min(y - h for y, h in zip(names.y, half, strict=True)) >= top + tr_chart.ERA_ROW_UNITS
    assert max(y for y in names.y) <= bottom - tr_chart.ERA_ROW_UNITS


def test_a_live_figure_sends_only_the_traces_that_changed():
    fig = go.FigureWidget([go.Scatter(x=[1], y=[1], name="a"), go.Bar(x=[1], y=[2], name="b")])
    sent = []
    fig._send_update_msg = lambda restyle_data, relayout_data, trace_indexes=None, **_: sent.append(
        (restyle_data, relayout_data, trace_indexes)
    )
    live = live_update.LiveFigure(fig)
    live.update(
        [dict(type="scatter", x=[1], y=[1]), dict(type="bar", x=[1, 2], y=[2, 3])],
        {"title": {"text": "two bars"}, "height": 400},
    )
    assert sent == [
        ({"x": [[1, 2]], "y": [[2, 3]]}, {"title.text": "two bars", "height": 400}, [1])
    ]
    assert fig.data[1].y == (2, 3) and fig.layout.title.text == "two bars"
    with pytest.raises(ValueError, match="keeps its traces"):
        live.update([dict(type="scatter", x=[], y=[])], {})


def test_deployment_explorer_draws_the_period_lines_of_the_chosen_conflict():
    box = explorers.deployment_explorer("south_sakhalin_1945", mode="live")

    def lines():
        return [t.name.replace("<br>", " ") for t in box.figure.data if t.mode == "lines" and t.lon]

    assert any("50th parallel" in n for n in lines())
    box.controls["conflict"].value = "battle_shumshu"
    assert any("First Kuril Strait" in n for n in lines()) and not any(
        "50th parallel" in n for n in lines()
    )
    lon = box.figure.layout.geo.lonaxis.range
    assert lon[0] < 156.33 < lon[1] and lon[1] - lon[0] < 10
    box.controls["conflict"].value = "first_sino_japanese_war"
    assert lines() == []


def test_a_battle_with_recorded_positions_gets_its_atlas_map_live():
    box = explorers.deployment_explorer("khalkhin_gol", mode="live")
    slider = box.controls["date"]
    pos = data.load("positions").query("conflict_id == 'khalkhin_gol'")
    assert len(slider.options) == pos["date"].nunique()

    def drawn():
        return {t.name for t in box.figure.data if t.mode == "markers+text" and t.lon}

    last = drawn()
    slider.value = slider.options[0][1]
    first = drawn()
    assert len(first) < len(last)  # on 11 May only the Mongolian cavalry is recorded
    arrows = [t for t in box.figure.data if t.mode == "lines+markers" and t.lon]
    assert not arrows  # no move recorded yet on the first date
    slider.value = slider.options[-1][1]
    assert [t for t in box.figure.data if t.mode == "lines+markers" and t.lon]


def test_a_conflict_menu_swaps_in_another_mapped_battle():
    assert "conflict" not in explorers.deployment_explorer("lake_khasan", mode="live").controls
    with pytest.raises(ValueError, match="positions.csv"):
        explorers.deployment_explorer("lake_khasan", mode="live", also=("siberian_intervention",))
    box = explorers.deployment_explorer(
        "soviet_manchuria_1945", mode="live", also=("kuril_landing_1945",)
    )
    menu = box.controls["conflict"]
    assert [v for _, v in menu.options] == ["soviet_manchuria_1945", "kuril_landing_1945"]
    menu.value = "kuril_landing_1945"
    pos = data.load("positions").query("conflict_id == 'kuril_landing_1945'")
    slider = box.controls["date"]
    assert len(slider.options) == pos["date"].nunique()
    assert "Kuril" in box.figure.layout.title.text and box.figure in box.children
    drawn = {t.name for t in box.figure.data if t.mode == "markers+text" and t.lon}
    assert any("landing force" in name for name in drawn)
    slider.value = slider.options[0][1]
    assert "18 August 1945" in box.figure.layout.title.text.replace("<br>", " ")


def test_territory_explorer_year_changes_controllers():
    box = explorers.territory_explorer(1900, mode="live")

    def held():
        return {t.name: len(t.lon) for t in box.figure.data if t.lon}

    before = held()
    box.controls["year"].value = 1950
    after = held()
    assert before != after and after.get("Soviet Union", 0) >= 4


def test_era_overview_switches_era():
    box = explorers.era_overview("border_wars", mode="live")
    n = sum(len(t.x or ()) for t in box.figure.data)
    box.controls["era"].value = "cold_war"
    ev = data.load("events")
    assert sum(len(t.x or ()) for t in box.figure.data) == (ev.era_id == "cold_war").sum() != n


@pytest.mark.parametrize(
    "make",
    [
        explorers.casualty_explorer,
        explorers.deployment_explorer,
        explorers.treaty_explorer,
        explorers.territory_explorer,
        explorers.era_overview,
    ],
)
def test_static_mode_returns_plain_figure(make):
    fig = make(mode="static")
    assert type(fig) is go.Figure


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="live, static"):
        explorers.treaty_explorer(mode="kernel")
