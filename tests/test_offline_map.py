"""A standalone HTML export draws its map offline: land and coastlines, no request leaves the
machine.
"""

import pytest

from helpers import charts
from helpers.charts.common import geo_layout
from helpers.render import write_standalone_html

from .browser import offline_page
from .ci import skip_or_fail
from .conftest import ROOT

pytestmark = pytest.mark.browser


def test_standalone_map_draws_land_and_coastlines_offline(tmp_path):
    path = write_standalone_html(
        charts.deployment_map("soviet_manchuria_1945"), tmp_path / "map.html"
    )
    with offline_page() as (page, blocked, errors):
        page.goto(path.as_uri())
        page.wait_for_selector(".geo .layer.land path", timeout=15_000)
        land = page.eval_on_selector_all(
            ".geo .layer.land path", "els => els.map(e => (e.getAttribute('d') || '').length)"
        )
        coast = page.eval_on_selector_all(
            ".geo .layer.coastlines path", "els => els.map(e => (e.getAttribute('d') || '').length)"
        )
        bubbles = page.eval_on_selector_all(".geo .scattergeo .point", "els => els.length")
        screens = ROOT / "_build" / "screens"
        screens.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screens / "offline_map.png"))
    assert land and max(land) > 1000, "no land drawn"
    assert coast and max(coast) > 1000, "no coastline drawn"
    assert bubbles > 0
    assert blocked == [], f"requests left the machine: {blocked}"
    assert not errors, errors


def test_regional_base_map_is_the_world_map_clipped_and_up_to_date():
    """``asia_50m.json`` is what ``python -m publish.basemap`` makes of the 1:50m world map
    (rerun it after updating publish/natural_earth/world_50m.json), and it keeps the land the
    course's maps show."""
    import json

    from publish import basemap

    shipped = json.loads(basemap.TARGET.read_text(encoding="utf-8"))
    assert shipped == json.loads(
        json.dumps(basemap.clip(json.loads(basemap.SOURCE.read_text(encoding="utf-8"))))
    ), "helpers/assets/topojson/asia_50m.json is stale: run `python -m publish.basemap`"
    arcs = basemap._decode(shipped)
    west, east, south, north = basemap.BOX
    dx, dy = shipped["transform"][
        "scale"
    ]  # points sit on the file's grid: within one step of the box
    points = [p for arc in arcs for p in arc]
    assert all(west - dx <= x <= east + dx and south - dy <= y <= north + dy for x, y in points)

    def inside(ring, x, y):
        hit = False
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
        return hit

    land = [
        basemap._ring(arcs, ring)
        for g in shipped["objects"]["land"]["geometries"]
        for polygon in g["arcs"]
        for ring in polygon
    ]
    # the mainland (Ulaanbaatar), Hokkaido (Sapporo), Sakhalin (Yuzhno-Sakhalinsk), Kunashir
    for name, (x, y) in {
        "mainland": (106.9, 47.9),
        "Hokkaido": (141.35, 43.06),
        "Sakhalin": (142.74, 46.96),
        "Kunashir": (145.9, 44.2),
    }.items():
        assert sum(inside(r, x, y) for r in land) % 2 == 1, (
            f"{name} is not land on the regional map"
        )
    assert not any(inside(r, 135.0, 40.0) for r in land), (
        "the Sea of Japan is land on the regional map"
    )


def test_maps_use_the_regional_base_map_only_inside_it():
    assert charts.territory_map(1905).layout.geo.scope == "asia"
    assert charts.deployment_map("soviet_manchuria_1945").layout.geo.scope == "asia"
    wide = geo_layout(lon=[-80, 160], lat=[10, 65])  # Washington to Kamchatka: the whole world
    assert (wide["scope"], wide["resolution"]) == ("world", 110)
    # an era's event map zooms to the region and names the far-off places it leaves out
    august = charts.event_map("august_1945")
    assert august.layout.geo.scope == "asia" and "not shown" in august.layout.title.text
    shipped = {p.stem for p in (ROOT / "helpers" / "assets" / "topojson").glob("*.json")}
    assert shipped == {"asia_50m", "world_110m"}, shipped


def test_offline_browser_reaches_this_machine_and_no_other_host(tmp_path):
    """The benchmark's browser (``chromium(offline=True)``) is offline by itself: what it times
    cannot have come from the network, and nothing needs intercepting. Shown with this machine's
    own host name, which an ordinary browser resolves and the offline one must not."""
    import functools
    import http.server
    import socket
    import threading

    from publish.browser import chromium

    name = socket.gethostname()
    try:
        socket.gethostbyname(name)
    except OSError:
        skip_or_fail(
            f"this machine's host name {name!r} does not resolve, so there is no other host "
            f"to refuse (add it to /etc/hosts)"
        )
    (tmp_path / "index.html").write_text("<p>local</p>", encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(
        ("0.0.0.0", 0), handler
    )  # every interface, whatever the name's IP
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]

    def opens(page, url) -> str:
        try:
            page.goto(url, timeout=30_000)
            return "reached" if page.inner_text("p") == "local" else "failed"
        except Exception:  # noqa: BLE001 - a refused name is what is being checked
            return "failed"

    try:
        reached = {}
        for offline in (False, True):
            with chromium(offline=offline) as browser:
                page = browser.new_page()
                reached[offline] = (
                    opens(page, f"http://127.0.0.1:{port}/index.html"),
                    opens(page, f"http://{name}:{port}/index.html"),
                )
    finally:
        server.shutdown()
        server.server_close()
    assert reached[False] == ("reached", "reached"), (
        f"an ordinary browser could not reach {name}: {reached}"
    )
    assert reached[True] == ("reached", "failed"), (
        f"the offline browser reached {name} or not 127.0.0.1: {reached}"
    )
