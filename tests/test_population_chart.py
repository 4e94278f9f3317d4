"""The population chart: every source's figure drawn once per place and year, coloured by kind,
shaped by perspective, with a source line, a text description and one dropdown entry per place."""

import pytest

from helpers import charts, data, theme
from helpers.charts import populations as pop_mod
from helpers.charts.selectors import ChoiceError

ISLANDS = ["etorofu", "kunashiri", "shikotan", "habomai"]


def drawn(fig):
    """(kind, value) of every point of the kind traces, ignoring the breaks between sources."""
    out = []
    for trace in fig.data:
        if trace.legendgroup != "kinds":
            continue
        kind = next(k for k, v in pop_mod.KIND_NAMES.items() if v == trace.name)
        assert trace.line.color == pop_mod.KIND_COLOURS[kind]
        out += [(kind, v) for v in trace.y if v is not None]
    return sorted(out)


def test_every_source_figure_of_a_place_is_drawn():
    pop = data.load("populations")
    rows = pop[pop["place_id"] == "kunashiri"]
    expected = sorted(
        [(str(r.kind), int(r.low)) for r in rows.itertuples()]
        + [(str(r.kind), int(r.high)) for r in rows.itertuples() if r.high != r.low]
    )
    fig = charts.population_chart("kunashiri")
    assert drawn(fig) == expected
    assert next(a.text for a in fig.layout.annotations if a.name == "source-line").startswith(
        "Source: "
    )
    assert "Kunashiri" in fig.layout.title.text
    assert theme.describe(fig).startswith("Population figures by year")


def test_points_carry_the_perspective_shape_and_years_on_x():
    pts = charts.population_points("etorofu")
    fig = charts.population_chart("etorofu")
    symbols = {
        s
        for t in fig.data
        if t.legendgroup == "kinds"
        for s, y in zip(t.marker.symbol, t.y, strict=False)
        if y is not None
    }
    assert symbols == {theme.PERSPECTIVE_SYMBOLS[p] for p in pts["perspective"]}
    xs = [x for t in fig.data if t.legendgroup == "kinds" for x in t.x if x is not None]
    assert min(xs) >= pts["year"].min() - 1 and max(xs) <= pts["year"].max() + 1


def test_several_places_get_a_dropdown_one_entry_per_place():
    fig = charts.population_chart(ISLANDS)
    menu = fig.layout.updatemenus[0]
    assert len(menu.buttons) == len(ISLANDS)
    pop = data.load("populations")
    for button in menu.buttons:
        pid = next(
            p for p in ISLANDS if charts.population_points(p)["place_name"].iloc[0] == button.label
        )
        values = sorted(v for ys in button.args[0]["y"] for v in ys if v is not None)
        rows = pop[pop["place_id"] == pid]
        assert values == sorted(int(v) for v in rows["low"])  # single figures: low == high


def test_sources_are_never_averaged():
    spread = charts.population_spread("kurils")
    row = spread[(spread["year"] == 2021)].iloc[0]
    assert row["sources"] >= 2 and row["highest"] > row["lowest"]


def test_unknown_place_is_refused_with_the_choices():
    with pytest.raises(ChoiceError):
        charts.population_chart("atlantis")
