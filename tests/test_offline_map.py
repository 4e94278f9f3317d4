"""A standalone HTML export draws its map offline: land and coastlines, no request leaves the machine."""
import pytest

from helpers import charts
from helpers.render import write_standalone_html

from .browser import offline_page
from .conftest import ROOT

pytestmark = pytest.mark.browser


def test_standalone_map_draws_land_and_coastlines_offline(tmp_path):
    path = write_standalone_html(charts.deployment_map("soviet_manchuria_1945"), tmp_path / "map.html")
    with offline_page() as (page, blocked, errors):
        page.goto(path.as_uri())
        page.wait_for_selector(".geo .layer.land path", timeout=15_000)
        land = page.eval_on_selector_all(".geo .layer.land path", "els => els.map(e => (e.getAttribute('d') || '').length)")
        coast = page.eval_on_selector_all(".geo .layer.coastlines path", "els => els.map(e => (e.getAttribute('d') || '').length)")
        bubbles = page.eval_on_selector_all(".geo .scattergeo .point", "els => els.length")
        screens = ROOT / "_build" / "screens"
        screens.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screens / "offline_map.png"))
    assert land and max(land) > 1000, "no land drawn"
    assert coast and max(coast) > 1000, "no coastline drawn"
    assert bubbles > 0
    assert blocked == [], f"requests left the machine: {blocked}"
    assert not errors, errors
