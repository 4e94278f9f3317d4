"""Every chart kind drawn in headless Chromium from a standalone export, offline, with a
screenshot under _build/screens/charts/ for a person to look at."""

import pytest

from helpers import charts
from helpers.render import write_standalone_html

from .browser import offline_page
from .conftest import ROOT

pytestmark = pytest.mark.browser
SCREENS = ROOT / "_build" / "screens" / "charts"
KINDS = {
    "casualties": lambda: charts.casualty_chart("khalkhin_gol"),
    "deployments_map": lambda: charts.deployment_map("russo_japanese_war"),
    "deployments_khasan": lambda: charts.deployment_map("lake_khasan"),
    "deployments_nomonhan": lambda: charts.deployment_map("khalkhin_gol"),
    "deployments_sakhalin_1945": lambda: charts.deployment_map("south_sakhalin_1945"),
    "strength": lambda: charts.strength_chart("khalkhin_gol"),
    "strength_khasan": lambda: charts.strength_chart("lake_khasan"),
    "treaties": lambda: charts.treaty_timeline(),
    "territory_timeline": lambda: charts.territory_timeline(),
    "territory_map": lambda: charts.territory_map(1950, lang="ja"),
    "territory_map_1930": lambda: charts.territory_map(1930),
    "events": lambda: charts.event_timeline("border_wars"),
    "course_timeline": lambda: charts.course_timeline(),
    "places_map": lambda: charts.places_map(lang="ru"),
}


def test_every_chart_kind_draws_offline(tmp_path):
    SCREENS.mkdir(parents=True, exist_ok=True)
    with offline_page(width=1000, height=800) as (page, blocked, errors):
        for name, make in KINDS.items():
            path = write_standalone_html(make(), tmp_path / f"{name}.html")
            page.goto(path.as_uri())
            page.wait_for_selector("g.trace, .geo .layer.land path", timeout=15_000)
            if page.query_selector(
                ".geo"
            ):  # a map: the base map's land drawn (every map shows some)
                land = page.eval_on_selector_all(
                    ".geo .layer.land path",
                    "els => els.map(e => (e.getAttribute('d') || '').length)",
                )
                # a battlefield inside one land mass draws it as a bare rectangle (~90 characters)
                assert land and max(land) > 40, f"{name}: no land drawn ({land})"
            drawn = page.eval_on_selector_all(
                "g.trace path, g.trace rect, g.trace text", "els => els.length"
            )
            assert drawn > 0, f"{name}: no trace drawn"
            page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)
    assert blocked == [], blocked
    assert not errors, errors
